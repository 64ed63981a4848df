package io.proxist.hot.store;

import io.proxist.core.dict.SymbolDictionary;

/** Chooses the dictionary of each dictionary-encoded column (series keys and LowCardinality strings). */
@FunctionalInterface
public interface DictionaryProvider {
    SymbolDictionary dictionaryFor(String table, String column);
}
