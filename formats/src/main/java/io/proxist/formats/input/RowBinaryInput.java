package io.proxist.formats.input;

import io.proxist.core.block.TypeCheck;
import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import io.proxist.core.type.DataType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * RowBinary, RowBinaryWithNames, RowBinaryWithNamesAndTypes and RowBinaryWithDefaults: the values of each row one
 * after another in binary form. The header is a VarUInt column count, the names, then (with types) the type names,
 * as VarUInt-prefixed strings. In RowBinaryWithDefaults every value is preceded by a byte: 1 for the column default
 * (no value follows), 0 for a value.
 */
final class RowBinaryInput extends RowInputFormat {
    private static final int MAX_HEADER_COLUMNS = 100_000;
    private static final int MAX_HEADER_STRING = 1 << 16;

    private final boolean withNames;
    private final boolean withTypes;
    private final boolean withDefaults;
    private final Binary binary;
    private ColumnMapping mapping;
    private TypeInfo[] skipTypes;

    RowBinaryInput(
            String name,
            List<String> names,
            List<DataType> types,
            InputSettings settings,
            boolean withNames,
            boolean withTypes,
            boolean withDefaults) {
        super(name, names, types, settings);
        this.withNames = withNames;
        this.withTypes = withTypes;
        this.withDefaults = withDefaults;
        this.binary = new Binary(settings);
        this.mapping = ColumnMapping.identity(names.size());
    }

    @Override
    void readPrefix() {
        if (!withNames) return;
        if (src.atEnd()) return;
        long n = src.readVarUInt();
        if (n < 0 || n > MAX_HEADER_COLUMNS) {
            throw new ProxistException(
                    ErrorCode.TOO_LARGE_STRING_SIZE,
                    "header column count " + Long.toUnsignedString(n) + " is over the limit of " + MAX_HEADER_COLUMNS);
        }
        List<String> header = new ArrayList<>();
        for (long i = 0; i < n; i++) header.add(string());
        List<String> typeNames = new ArrayList<>();
        if (withTypes) for (long i = 0; i < n; i++) typeNames.add(string());
        ColumnMapping m = settings.withNamesUseHeader()
                ? ColumnMapping.byNames(header, names, settings.skipUnknownFields(), name)
                : ColumnMapping.identity(names.size());
        if (!settings.withNamesUseHeader() && n != names.size()) {
            throw new ProxistException(
                    ErrorCode.INCORRECT_NUMBER_OF_COLUMNS,
                    "the header has " + n + " columns, the insert " + names.size());
        }
        TypeInfo[] skip = new TypeInfo[m.fields()];
        for (int f = 0; f < m.fields(); f++) {
            if (m.fieldToColumn[f] >= 0) continue;
            if (!withTypes) {
                throw new ProxistException(
                        ErrorCode.INCORRECT_DATA,
                        "cannot skip unknown field '" + header.get(f) + "' in " + name + ": its type is unknown");
            }
            DataType t;
            try {
                t = TypeCheck.check(DataType.parse(typeNames.get(f)));
            } catch (ProxistException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new ProxistException(ErrorCode.UNKNOWN_TYPE, "malformed type [type=" + typeNames.get(f) + "]");
            }
            skip[f] = TypeInfo.of(t, settings);
        }
        if (withTypes) checkTypes(typeNames, m);
        mapping = m;
        skipTypes = skip;
    }

    private String string() {
        long len = src.readVarUInt();
        if (len < 0 || len > MAX_HEADER_STRING) {
            throw new ProxistException(
                    ErrorCode.TOO_LARGE_STRING_SIZE,
                    "header string length " + Long.toUnsignedString(len) + " is over the limit of "
                            + MAX_HEADER_STRING);
        }
        src.require((int) len);
        String s = new String(src.buf, src.pos, (int) len, StandardCharsets.UTF_8);
        src.pos += (int) len;
        return s;
    }

    @Override
    int expectedFields() {
        return mapping.fields();
    }

    @Override
    boolean readRow() {
        if (src.atEnd()) return false;
        int[] map = mapping.fieldToColumn;
        for (int f = 0; f < map.length; f++) {
            int c = map[f];
            if (c < 0) {
                column = -1;
                binary.skip(src, skipTypes[f]);
                continue;
            }
            column = c;
            if (withDefaults) {
                int flag = src.readByteStrict();
                if (flag == 1) {
                    builders[c].appendDefault();
                    continue;
                }
                if (flag != 0) {
                    throw new ProxistException(
                            ErrorCode.CANNOT_PARSE_INPUT_ASSERTION_FAILED,
                            "the default flag must be 0 or 1, got " + flag);
                }
            }
            binary.read(src, infos[c], builders[c]);
        }
        fillMissing(mapping);
        return true;
    }
}
