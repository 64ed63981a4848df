package io.proxist.it;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One Prometheus text scrape, parsed: each sample by its series ({@code name{label="v",...}}, labels sorted), the
 * sample names and the declared TYPE of each family.
 */
record MetricsScrape(Map<String, Double> samples, Set<String> names, Map<String, String> types) {

    static MetricsScrape parse(String text) {
        Map<String, Double> samples = new LinkedHashMap<>();
        Set<String> names = new LinkedHashSet<>();
        Map<String, String> types = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) continue;
            if (line.startsWith("# TYPE ")) {
                String[] p = line.substring(7).split(" ");
                types.put(p[0], p[1]);
                continue;
            }
            if (line.startsWith("#")) continue;
            int brace = line.indexOf('{');
            int space = line.lastIndexOf(' ');
            String name = brace >= 0 && brace < space ? line.substring(0, brace) : line.substring(0, space);
            Map<String, String> labels = new TreeMap<>();
            if (brace >= 0 && brace < space) {
                String body = line.substring(brace + 1, line.lastIndexOf('}'));
                int i = 0;
                while (i < body.length()) {
                    int eq = body.indexOf('=', i);
                    String key = body.substring(i, eq).strip();
                    StringBuilder v = new StringBuilder();
                    int j = eq + 2; // past ="
                    while (body.charAt(j) != '"') {
                        if (body.charAt(j) == '\\') j++;
                        v.append(body.charAt(j++));
                    }
                    labels.put(key, v.toString());
                    i = j + 1;
                    if (i < body.length() && body.charAt(i) == ',') i++;
                }
            }
            String value = line.substring(space + 1);
            samples.put(series(name, labels), parseValue(value));
            names.add(name);
        }
        return new MetricsScrape(samples, names, types);
    }

    private static double parseValue(String v) {
        return switch (v) {
            case "NaN" -> Double.NaN;
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(v);
        };
    }

    /** The key of a series: {@code name{a="x",b="y"}} with labels in name order, or the bare name. */
    static String series(String name, Map<String, String> labels) {
        if (labels.isEmpty()) return name;
        StringBuilder sb = new StringBuilder(name).append('{');
        boolean first = true;
        for (Map.Entry<String, String> e : new TreeMap<>(labels).entrySet()) {
            if (!first) sb.append(',');
            first = false;
            sb.append(e.getKey()).append("=\"").append(e.getValue()).append('"');
        }
        return sb.append('}').toString();
    }

    /** The value of {@code name} with the given labels (pairs: key, value), or a failure naming what is there. */
    double value(String name, String... labelPairs) {
        Map<String, String> labels = new TreeMap<>();
        for (int i = 0; i < labelPairs.length; i += 2) labels.put(labelPairs[i], labelPairs[i + 1]);
        Double v = samples.get(series(name, labels));
        if (v == null) {
            StringBuilder near = new StringBuilder();
            for (String s : samples.keySet())
                if (s.startsWith(name)) near.append('\n').append(s);
            throw new AssertionError("no series " + series(name, labels) + " in the scrape; of that name:" + near);
        }
        return v;
    }
}
