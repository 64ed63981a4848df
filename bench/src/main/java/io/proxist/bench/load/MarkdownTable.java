package io.proxist.bench.load;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** A Markdown table, its first two columns left-aligned and the rest (figures) right-aligned. */
public final class MarkdownTable {
    private final List<String> head;
    private final List<List<String>> rows = new ArrayList<>();

    public MarkdownTable(List<String> head) {
        this.head = head;
    }

    public void row(List<String> cells) {
        rows.add(cells);
    }

    public void print(PrintStream out) {
        out.println("| " + String.join(" | ", head) + " |");
        String[] rule = new String[head.size()];
        Arrays.fill(rule, "---");
        for (int i = 2; i < rule.length; i++) rule[i] = "---:";
        out.println("|" + String.join("|", rule) + "|");
        for (List<String> r : rows) out.println("| " + String.join(" | ", r) + " |");
    }

    /** One value, or the median and the range over the runs. */
    public static <T> String cell(List<T> runs, ToDoubleFunction<T> f, String fmt) {
        double[] v = runs.stream().mapToDouble(f).sorted().toArray();
        if (v.length == 1) return String.format(Locale.ROOT, fmt, v[0]);
        double median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        return String.format(Locale.ROOT, fmt + " (" + fmt + "–" + fmt + ")", median, v[0], v[v.length - 1]);
    }
}
