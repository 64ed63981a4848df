package io.proxist.bench.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * One large result read as a stream and thrown away: 64 KiB reads into one reused buffer, only the byte count
 * and the last bytes kept (an old ClickHouse reports a late error by appending its text to the body).
 */
final class Transfer {
    private Transfer() {}

    record Result(long bytes, double seconds) {}

    /** {@code SELECT number, toString(number) FROM system.numbers LIMIT rows FORMAT format}. */
    static String sql(long rows, String format) {
        return "SELECT number, toString(number) FROM system.numbers LIMIT " + rows + " FORMAT " + format;
    }

    static Result run(HttpClient client, URI base, String sql) throws IOException, InterruptedException {
        HttpRequest req = LoadGenerator.request(base, sql);
        long t0 = System.nanoTime();
        HttpResponse<InputStream> r = client.send(req, HttpResponse.BodyHandlers.ofInputStream());
        byte[] buf = new byte[1 << 16];
        byte[] tail = new byte[4096];
        int tailLen = 0;
        long bytes = 0;
        try (InputStream in = r.body()) {
            if (r.statusCode() != 200) {
                throw new IOException("HTTP " + r.statusCode() + " from " + base + ": "
                        + new String(in.readNBytes(4096), StandardCharsets.UTF_8).strip());
            }
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                bytes += n;
                if (n >= tail.length) {
                    System.arraycopy(buf, n - tail.length, tail, 0, tail.length);
                    tailLen = tail.length;
                } else {
                    int keep = Math.min(tailLen, tail.length - n);
                    System.arraycopy(tail, tailLen - keep, tail, 0, keep);
                    System.arraycopy(buf, 0, tail, keep, n);
                    tailLen = keep + n;
                }
            }
        }
        long t1 = System.nanoTime();
        String end = new String(tail, 0, tailLen, StandardCharsets.ISO_8859_1);
        if (end.contains("DB::Exception")) {
            throw new IOException("the result from " + base + " ends in an error: "
                    + end.substring(end.lastIndexOf("Code: ") >= 0 ? end.lastIndexOf("Code: ") : 0)
                            .strip());
        }
        return new Result(bytes, (t1 - t0) / 1e9);
    }

    /**
     * What the size of a result of {@link #sql} says: {@code exact} when it is the size the format must have (for
     * JSONEachRow, with the UInt64 column quoted as ClickHouse 18.16 writes it by default, or bare as 25.8 does),
     * {@code ?} for a format whose size is not known here, else the size expected.
     */
    static String checkSize(long rows, String format, long bytes) {
        long digits = 0; // the decimal digits of 0 .. rows-1
        long from = 0;
        for (int d = 1; from < rows; d++) {
            long to = Math.min(rows, d == 1 ? 10 : from * 10);
            digits += (to - from) * d;
            from = to;
        }
        switch (format) {
            case "TabSeparated", "TSV" -> {
                return verdict(bytes, 2 * digits + 2 * rows, "exact"); // number \t string \n
            }
            case "RowBinary" -> {
                return verdict(bytes, 8 * rows + rows + digits, "exact"); // UInt64, a 1-byte length, the digits
            }
            case "JSONEachRow" -> {
                long bare = "{\"number\":,\"toString(number)\":\"\"}\n".length() * rows + 2 * digits;
                return bytes == bare + 2 * rows ? "exact, UInt64 quoted" : verdict(bytes, bare, "exact, UInt64 bare");
            }
            default -> {
                return "?";
            }
        }
    }

    private static String verdict(long bytes, long expected, String exact) {
        return bytes == expected ? exact : "expected " + expected + ", got " + bytes;
    }
}
