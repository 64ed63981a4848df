package io.proxist.pxctl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Numbers and tables as an operator reads them. */
final class Format {
    private Format() {}

    static String bytes(long b) {
        if (b < 1024) return b + " B";
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = b;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    static String seconds(Object s) {
        if (!(s instanceof Number n)) return "-";
        long total = Math.round(n.doubleValue());
        Duration d = Duration.ofSeconds(total);
        if (total < 60) return String.format(Locale.ROOT, "%.1fs", n.doubleValue());
        if (total < 3600) return d.toMinutes() + "m" + d.toSecondsPart() + "s";
        if (total < 86_400) return d.toHours() + "h" + d.toMinutesPart() + "m";
        return d.toDays() + "d" + d.toHoursPart() + "h";
    }

    static String count(Object o) {
        if (!(o instanceof Number n)) return "-";
        return String.format(Locale.ROOT, "%,d", n.longValue());
    }

    static String rate(Object o) {
        if (!(o instanceof Number n)) return "-";
        return String.format(Locale.ROOT, "%,.1f", n.doubleValue());
    }

    static String percent(Object o) {
        if (!(o instanceof Number n)) return "-";
        return String.format(Locale.ROOT, "%.1f%%", n.doubleValue() * 100);
    }

    /** A text table: a header row, then rows, columns left-aligned and padded to their widest cell. */
    static final class Table {
        private final List<String[]> rows = new ArrayList<>();

        Table(String... header) {
            rows.add(header);
        }

        Table row(String... cells) {
            rows.add(cells);
            return this;
        }

        @Override
        public String toString() {
            int n = rows.getFirst().length;
            int[] w = new int[n];
            for (String[] r : rows) for (int i = 0; i < n; i++) w[i] = Math.max(w[i], r[i].length());
            StringBuilder sb = new StringBuilder();
            for (String[] r : rows) {
                for (int i = 0; i < n; i++) {
                    sb.append(r[i]);
                    if (i + 1 < n) sb.append(" ".repeat(w[i] - r[i].length() + 2));
                }
                sb.append('\n');
            }
            return sb.toString();
        }
    }
}
