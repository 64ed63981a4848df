package io.proxist.formats.input;

import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which target column each field of the input feeds: the identity without a header; by name with a -WithNames
 * header (input_format_with_names_use_header), unknown names skipped with input_format_skip_unknown_fields or an
 * error, columns absent from the header filled with defaults.
 */
final class ColumnMapping {
    /** For each input field, the target column, or -1 to skip it. */
    final int[] fieldToColumn;
    /** Target columns no field feeds. */
    final int[] missing;

    private ColumnMapping(int[] fieldToColumn, int[] missing) {
        this.fieldToColumn = fieldToColumn;
        this.missing = missing;
    }

    static ColumnMapping identity(int columns) {
        int[] f = new int[columns];
        for (int i = 0; i < columns; i++) f[i] = i;
        return new ColumnMapping(f, new int[0]);
    }

    static ColumnMapping byNames(List<String> header, List<String> columns, boolean skipUnknown, String format) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) index.put(columns.get(i), i);
        int[] f = new int[header.size()];
        boolean[] seen = new boolean[columns.size()];
        for (int i = 0; i < f.length; i++) {
            Integer c = index.get(header.get(i));
            if (c == null) {
                if (!skipUnknown) {
                    throw new ProxistException(
                            ErrorCode.INCORRECT_DATA,
                            "Unknown field found in " + format + " header: '" + header.get(i) + "' at position " + i
                                    + " (set input_format_skip_unknown_fields to skip it)");
                }
                f[i] = -1;
                continue;
            }
            if (seen[c]) {
                throw new ProxistException(
                        ErrorCode.INCORRECT_DATA,
                        "Duplicate field found in " + format + " header: '" + header.get(i) + "'");
            }
            seen[c] = true;
            f[i] = c;
        }
        int n = 0;
        for (boolean s : seen) if (!s) n++;
        int[] missing = new int[n];
        n = 0;
        for (int i = 0; i < seen.length; i++) if (!seen[i]) missing[n++] = i;
        return new ColumnMapping(f, missing);
    }

    int fields() {
        return fieldToColumn.length;
    }
}
