package io.proxist.server.metrics.log;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The context of a Proxist log message, {@code text [key=value, key=value]}: the first bracket group at top level
 * that holds a {@code key=value} part gives the fields (what follows it, such as {@code : cause [its context]}, stays
 * in the message only) (nested brackets stay inside a value: {@code tables=[a, b]});
 * parts without {@code =} ({@code took 5 ms}) are kept under {@code note}. Values that are plain integers become
 * {@link Long}s.
 *
 * @param event the text before that group, or the whole message without one
 */
record MessageContext(String event, Map<String, Object> fields) {

    static MessageContext parse(String msg) {
        int bestOpen = -1;
        int bestClose = -1;
        int depth = 0;
        int open = -1;
        for (int i = 0; i < msg.length(); i++) {
            char c = msg.charAt(i);
            if (c == '[') {
                if (depth++ == 0) open = i;
            } else if (c == ']' && depth > 0) {
                int eq = msg.indexOf('=', open);
                if (--depth == 0 && eq >= 0 && eq < i) {
                    bestOpen = open;
                    bestClose = i;
                    break;
                }
            }
        }
        if (bestOpen < 0) return new MessageContext(msg.strip(), Map.of());
        Map<String, Object> fields = new LinkedHashMap<>();
        StringBuilder notes = new StringBuilder();
        String body = msg.substring(bestOpen + 1, bestClose);
        int start = 0;
        depth = 0;
        for (int i = 0; i <= body.length(); i++) {
            char c = i < body.length() ? body.charAt(i) : ',';
            if (c == '[' || c == '(' || c == '{') depth++;
            else if ((c == ']' || c == ')' || c == '}') && depth > 0) depth--;
            else if (c == ',' && depth == 0) {
                part(body.substring(start, i).strip(), fields, notes);
                start = i + 1;
            }
        }
        if (!notes.isEmpty()) fields.putIfAbsent("note", notes.toString());
        return new MessageContext(msg.substring(0, bestOpen).strip(), fields);
    }

    private static void part(String p, Map<String, Object> fields, StringBuilder notes) {
        if (p.isEmpty()) return;
        int eq = p.indexOf('=');
        if (eq > 0 && isKey(p.substring(0, eq).strip())) {
            String v = p.substring(eq + 1).strip();
            fields.put(p.substring(0, eq).strip(), integer(v) ? (Object) Long.parseLong(v) : v);
        } else {
            if (!notes.isEmpty()) notes.append(", ");
            notes.append(p);
        }
    }

    private static boolean isKey(String k) {
        if (k.isEmpty() || !Character.isLetter(k.charAt(0))) return false;
        for (int i = 1; i < k.length(); i++) {
            char c = k.charAt(i);
            if (!Character.isLetterOrDigit(c) && c != '_' && c != '.' && c != '-') return false;
        }
        return true;
    }

    private static boolean integer(String v) {
        int i = v.startsWith("-") ? 1 : 0;
        if (v.length() == i || v.length() - i > 18) return false;
        if (v.length() - i > 1 && v.charAt(i) == '0') return false;
        for (; i < v.length(); i++) if (v.charAt(i) < '0' || v.charAt(i) > '9') return false;
        return true;
    }
}
