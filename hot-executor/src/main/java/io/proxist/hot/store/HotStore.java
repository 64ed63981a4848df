package io.proxist.hot.store;

import io.proxist.core.dict.SymbolDictionary;
import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import io.proxist.core.schema.TableSchema;
import io.proxist.hot.dict.InMemorySymbolDictionary;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The hot tables of a Proxist process. Columns named {@code symbol} (series key or not) share the process-wide
 * symbol dictionary; every other dictionary-encoded column (other series keys such as {@code account}, and
 * LowCardinality strings) gets an in-memory dictionary of its own, unless a {@link DictionaryProvider} says
 * otherwise.
 */
public final class HotStore {
    private final SymbolDictionary symbols;
    private final DictionaryProvider dictionaries;
    private final ConcurrentHashMap<String, HotTable> tables = new ConcurrentHashMap<>();

    public HotStore(SymbolDictionary symbols) {
        this(symbols, defaultDictionaries(symbols));
    }

    public HotStore(SymbolDictionary symbols, DictionaryProvider dictionaries) {
        this.symbols = symbols;
        this.dictionaries = dictionaries;
    }

    /** {@code symbol} columns share {@code symbols}; other columns get their own in-memory dictionary. */
    public static DictionaryProvider defaultDictionaries(SymbolDictionary symbols) {
        return (table, column) -> column.equals("symbol") ? symbols : new InMemorySymbolDictionary();
    }

    public SymbolDictionary symbols() {
        return symbols;
    }

    /** Creates the hot table of {@code schema}; throws if one of that name exists or the schema cannot be held. */
    public HotTable create(TableSchema schema, HotTableOptions options) {
        HotTable t = new HotTable(TableLayout.of(schema, dictionaries), options);
        if (tables.putIfAbsent(schema.name(), t) != null) {
            throw new ProxistException(
                    ErrorCode.TABLE_ALREADY_EXISTS, "hot table already exists [table=" + schema.name() + "]");
        }
        return t;
    }

    /** The hot table {@code name}, or null. */
    public HotTable table(String name) {
        return tables.get(name);
    }

    public List<HotTable> tables() {
        return List.copyOf(tables.values());
    }
}
