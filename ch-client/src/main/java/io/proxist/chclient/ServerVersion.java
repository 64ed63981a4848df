package io.proxist.chclient;

/** A ClickHouse server version such as 18.16.1 or 25.8.2.29, comparable by its numbers. */
public record ServerVersion(int major, int minor, int patch, int build) implements Comparable<ServerVersion> {

    /** Parses {@code version()} output: two to four dot-separated numbers, anything after them ignored. */
    public static ServerVersion parse(String text) {
        String[] parts = text.strip().split("\\.");
        int[] n = new int[4];
        int count = 0;
        for (int i = 0; i < parts.length && i < 4; i++) {
            String digits = parts[i].replaceFirst("^(\\d+).*$", "$1");
            if (digits.isEmpty() || !Character.isDigit(digits.charAt(0))) {
                break;
            }
            n[i] = Integer.parseInt(digits);
            count++;
        }
        if (count < 2) {
            throw new IllegalArgumentException("not a ClickHouse version: " + text);
        }
        return new ServerVersion(n[0], n[1], n[2], n[3]);
    }

    public boolean atLeast(int maj, int min) {
        return major > maj || (major == maj && minor >= min);
    }

    @Override
    public int compareTo(ServerVersion o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) c = Integer.compare(minor, o.minor);
        if (c == 0) c = Integer.compare(patch, o.patch);
        if (c == 0) c = Integer.compare(build, o.build);
        return c;
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch + (build > 0 ? "." + build : "");
    }
}
