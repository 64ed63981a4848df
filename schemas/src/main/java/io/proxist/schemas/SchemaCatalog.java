package io.proxist.schemas;

import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import io.proxist.core.schema.TableSchema;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The logical schemas of Proxist's tables, read from the DDL files of schemas/ddl (packaged as resources
 * under {@value #RESOURCE_DIR}, listed in order by {@code index.txt}).
 */
public final class SchemaCatalog {
    public static final String RESOURCE_DIR = "io/proxist/schemas/ddl/";
    private static final Pattern TTL_DAYS =
            Pattern.compile("(\\+\\s*INTERVAL\\s+)(\\d+)(\\s+DAY)", Pattern.CASE_INSENSITIVE);

    /** Tables whose retention is {@code retention.market-data-days}; all others follow the audit retention. */
    public static final List<String> MARKET_DATA_TABLES = List.of("market_data", "trades");

    private final List<DdlFile> files;

    private SchemaCatalog(List<DdlFile> files) {
        this.files = List.copyOf(files);
    }

    /** The catalog packaged with Proxist. */
    public static SchemaCatalog builtin() {
        String index = resource("index.txt");
        List<DdlFile> files = new ArrayList<>();
        for (String line : index.split("\n")) {
            String name = line.strip();
            if (!name.isEmpty() && !name.startsWith("#")) {
                files.add(parseFile(name, resource(name)));
            }
        }
        return new SchemaCatalog(files);
    }

    /** A catalog from the {@code *.sql} files of a directory, in name order. */
    public static SchemaCatalog fromDirectory(Path dir) {
        List<DdlFile> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(f -> f.getFileName().toString().endsWith(".sql"))
                    .sorted()
                    .toList()) {
                files.add(parseFile(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            throw new ProxistException(ErrorCode.CANNOT_OPEN_FILE, "cannot read DDL directory [dir=" + dir + "]", e);
        }
        return new SchemaCatalog(files);
    }

    static DdlFile parseFile(String name, String text) {
        TableSchema table;
        try {
            table = DdlParser.parse(text);
        } catch (DdlSyntaxException e) {
            throw new ProxistException(
                    ErrorCode.SYNTAX_ERROR,
                    "broken DDL [file=" + name + "]: " + e.getMessage() + "\nstatement:\n" + text.strip());
        }
        return new DdlFile(name, text, sha256(text), table);
    }

    public List<DdlFile> files() {
        return files;
    }

    public List<TableSchema> tables() {
        return files.stream().map(DdlFile::table).toList();
    }

    public Optional<TableSchema> table(String name) {
        return tables().stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** The table with its TTL interval set to the configured retention, in days. */
    public static TableSchema withRetention(TableSchema t, int marketDataDays, int auditDays) {
        if (t.ttl().isEmpty()) {
            return t;
        }
        int days = MARKET_DATA_TABLES.contains(t.name()) ? marketDataDays : auditDays;
        Matcher m = TTL_DAYS.matcher(t.ttl());
        String ttl = m.find() ? m.replaceFirst("$1" + days + "$3") : t.ttl();
        return t.withClauses(t.partitionBy(), t.orderBy(), ttl, t.comment());
    }

    private static String resource(String name) {
        try (InputStream in = SchemaCatalog.class.getClassLoader().getResourceAsStream(RESOURCE_DIR + name)) {
            if (in == null) {
                throw new ProxistException(ErrorCode.CANNOT_OPEN_FILE, "DDL resource missing [file=" + name + "]");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ProxistException(ErrorCode.CANNOT_OPEN_FILE, "cannot read DDL resource [file=" + name + "]", e);
        }
    }

    static String sha256(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
