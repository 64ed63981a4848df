package io.proxist.protocol.tcp;

import static io.proxist.protocol.tcp.NativeProtocol.*;

import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import io.proxist.formats.io.ByteInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Query packet (TCPHandler::receiveQuery) at a connection's revision: query id, client info, settings,
 * [interserver secret], stage, compression, query text, [parameters].
 *
 * @param settings settings the client sent, by name (values as text)
 * @param importantSettings names of the settings the client flagged IMPORTANT (an unknown one is an error)
 * @param parameters query parameters ({name:Type} substitution), values unquoted
 */
record QueryPacket(
        String queryId,
        ClientInfo clientInfo,
        Map<String, String> settings,
        java.util.Set<String> importantSettings,
        long stage,
        boolean compression,
        String query,
        Map<String, String> parameters) {

    /** What the client says about itself with each query (ClientInfo::read). */
    record ClientInfo(
            int queryKind,
            String initialUser,
            String initialQueryId,
            String initialAddress,
            int interfaceKind,
            String osUser,
            String hostname,
            String clientName,
            long versionMajor,
            long versionMinor,
            long revision,
            String quotaKey) {
        static final ClientInfo EMPTY = new ClientInfo(0, "", "", "", 0, "", "", "", 0, 0, 0, "");
    }

    /** Reads a Query whose packet id has been read already. */
    static QueryPacket read(ByteInput in, int revision, ProtocolLimits limits) {
        int nameMax = limits.maxNameBytes();
        String queryId = Wire.readString(in, nameMax, "query id");
        ClientInfo info = revision >= WITH_CLIENT_INFO ? readClientInfo(in, revision, nameMax) : ClientInfo.EMPTY;
        Map<String, String> settings = new LinkedHashMap<>();
        java.util.Set<String> important = new java.util.HashSet<>();
        if (revision >= WITH_SETTINGS_AS_STRINGS) {
            readFlaggedList(in, nameMax, settings, important);
        } else {
            readLegacySettings(in, nameMax, settings);
        }
        if (revision >= WITH_INTERSERVER_SECRET) {
            Wire.readString(in, nameMax, "interserver secret");
        }
        long stage = in.readVarUInt();
        long compression = in.readVarUInt();
        if (compression > 1) {
            throw new ProxistException(
                    ErrorCode.UNKNOWN_COMPRESSION_METHOD, "Unknown compression flag in Query packet: " + compression);
        }
        String query = Wire.readString(in, limits.maxQueryBytes(), "query");
        Map<String, String> parameters = new LinkedHashMap<>();
        if (revision >= WITH_PARAMETERS) {
            Map<String, String> raw = new LinkedHashMap<>();
            readFlaggedList(in, nameMax, raw, new java.util.HashSet<>());
            raw.forEach((k, v) -> parameters.put(k, unquoteField(v)));
        }
        return new QueryPacket(queryId, info, settings, important, stage, compression == 1, query, parameters);
    }

    private static ClientInfo readClientInfo(ByteInput in, int revision, int max) {
        int kind = in.readUnsignedByte();
        if (kind == 0) return ClientInfo.EMPTY;
        String initialUser = Wire.readString(in, max, "initial user");
        String initialQueryId = Wire.readString(in, max, "initial query id");
        String initialAddress = Wire.readString(in, max, "initial address");
        if (revision >= WITH_INITIAL_QUERY_START_TIME) in.readLongLE();
        int iface = in.readUnsignedByte();
        String osUser = "";
        String hostname = "";
        String clientName = "";
        long major = 0;
        long minor = 0;
        long clientRevision = 0;
        if (iface == 1) {
            osUser = Wire.readString(in, max, "os user");
            hostname = Wire.readString(in, max, "client hostname");
            clientName = Wire.readString(in, max, "client name");
            major = in.readVarUInt();
            minor = in.readVarUInt();
            clientRevision = in.readVarUInt();
        } else if (iface == 2) {
            in.readUnsignedByte();
            Wire.readString(in, max, "http user agent");
            if (revision >= WITH_X_FORWARDED_FOR) Wire.readString(in, max, "forwarded for");
            if (revision >= WITH_REFERER) Wire.readString(in, max, "http referer");
        }
        String quotaKey = revision >= WITH_QUOTA_KEY_IN_CLIENT_INFO ? Wire.readString(in, max, "quota key") : "";
        if (revision >= WITH_DISTRIBUTED_DEPTH) in.readVarUInt();
        if (iface == 1 && revision >= WITH_VERSION_PATCH) in.readVarUInt();
        if (revision >= WITH_OPENTELEMETRY) {
            if (in.readUnsignedByte() != 0) {
                in.readLongLE();
                in.readLongLE();
                in.readLongLE();
                Wire.readString(in, max, "tracestate");
                in.readUnsignedByte();
            }
        }
        if (revision >= WITH_PARALLEL_REPLICAS) {
            in.readVarUInt();
            in.readVarUInt();
            in.readVarUInt();
        }
        return new ClientInfo(
                kind,
                initialUser,
                initialQueryId,
                initialAddress,
                iface,
                osUser,
                hostname,
                clientName,
                major,
                minor,
                clientRevision,
                quotaKey);
    }

    /** (name, flags, value)* ended by an empty name: settings at revision >= 54429, and query parameters. */
    private static void readFlaggedList(
            ByteInput in, int max, Map<String, String> into, java.util.Set<String> important) {
        while (true) {
            String name = Wire.readString(in, max, "setting name");
            if (name.isEmpty()) return;
            long flags = in.readVarUInt();
            String value = Wire.readString(in, max, "setting value");
            into.put(name, value);
            if ((flags & SETTING_FLAG_IMPORTANT) != 0) important.add(name);
        }
    }

    private static final Map<String, Boolean> LEGACY_STRING_KINDS = legacyKinds();

    /** (name, value)* ended by an empty name, each value in its setting's binary form (below revision 54429). */
    private static void readLegacySettings(ByteInput in, int max, Map<String, String> into) {
        while (true) {
            String name = Wire.readString(in, max, "setting name");
            if (name.isEmpty()) return;
            Boolean stringKind = LEGACY_STRING_KINDS.get(name);
            if (stringKind == null) {
                throw new ProxistException(
                        ErrorCode.UNKNOWN_SETTING,
                        "Unknown setting " + name + " (sent in the binary form of protocol revisions before 54429,"
                                + " whose value length depends on a type Proxist does not know for it)");
            }
            into.put(
                    name,
                    stringKind ? Wire.readString(in, max, "setting value") : Long.toUnsignedString(in.readVarUInt()));
        }
    }

    private static Map<String, Boolean> legacyKinds() {
        Map<String, Boolean> m = new HashMap<>();
        try (InputStream s = QueryPacket.class.getResourceAsStream("legacy-setting-kinds.txt")) {
            if (s == null) throw new IllegalStateException("legacy-setting-kinds.txt missing");
            for (String line : new String(s.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] p = line.strip().split(" ");
                m.put(p[0], p[1].equals("string"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(m);
    }

    /**
     * A query parameter value as clients send it: a quoted field dump ({@code 'abc'}, with backslash escapes) or a
     * bare literal; the value text for substitution.
     */
    static String unquoteField(String v) {
        if (v.length() < 2 || v.charAt(0) != '\'' || v.charAt(v.length() - 1) != '\'') return v;
        StringBuilder sb = new StringBuilder(v.length());
        for (int i = 1; i < v.length() - 1; i++) {
            char c = v.charAt(i);
            if (c == '\\' && i + 1 < v.length() - 1) {
                char n = v.charAt(++i);
                switch (n) {
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case 'r' -> sb.append('\r');
                    case '0' -> sb.append('\0');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    default -> sb.append(n);
                }
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
