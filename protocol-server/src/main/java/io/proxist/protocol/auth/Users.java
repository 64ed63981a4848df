package io.proxist.protocol.auth;

import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Proxist's users, read from a file in ClickHouse's users.xml shape:
 * {@code <clickhouse><users><alice><password_sha256_hex>…</password_sha256_hex></alice></users></clickhouse>}
 * ({@code <password>} in clear and {@code <password_double_sha1_hex>} are accepted too; the root element may be
 * {@code yandex}). Without a file there is one user, {@code default}, without password, as in ClickHouse.
 */
public final class Users {
    private final Map<String, Credential> users;

    private Users(Map<String, Credential> users) {
        this.users = Map.copyOf(users);
    }

    private record Credential(String kind, byte[] secret) {}

    public static Users defaultOnly() {
        return new Users(Map.of("default", new Credential("plain", new byte[0])));
    }

    public static Users load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            Document doc = f.newDocumentBuilder().parse(in);
            Map<String, Credential> out = new HashMap<>();
            Element root = doc.getDocumentElement();
            for (Node usersNode = root.getFirstChild(); usersNode != null; usersNode = usersNode.getNextSibling()) {
                if (!(usersNode instanceof Element ue) || !ue.getTagName().equals("users")) continue;
                for (Node u = ue.getFirstChild(); u != null; u = u.getNextSibling()) {
                    if (u instanceof Element user) out.put(user.getTagName(), credential(file, user));
                }
            }
            if (out.isEmpty()) {
                throw new ProxistException(
                        ErrorCode.INVALID_CONFIG_PARAMETER, "no users in users file [file=" + file + "]");
            }
            return new Users(out);
        } catch (IOException | javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
            throw new ProxistException(
                    ErrorCode.INVALID_CONFIG_PARAMETER,
                    "cannot read users file [file=" + file + "]: " + e.getMessage(),
                    e);
        }
    }

    private static Credential credential(Path file, Element user) {
        String sha = child(user, "password_sha256_hex");
        if (sha != null)
            return new Credential("sha256", HexFormat.of().parseHex(sha.strip().toLowerCase(java.util.Locale.ROOT)));
        String dsha = child(user, "password_double_sha1_hex");
        if (dsha != null)
            return new Credential(
                    "double_sha1", HexFormat.of().parseHex(dsha.strip().toLowerCase(java.util.Locale.ROOT)));
        String plain = child(user, "password");
        if (plain != null) return new Credential("plain", plain.getBytes(StandardCharsets.UTF_8));
        if (child(user, "no_password") != null) return new Credential("plain", new byte[0]);
        throw new ProxistException(
                ErrorCode.INVALID_CONFIG_PARAMETER,
                "user has no password element [file=" + file + ", user=" + user.getTagName() + "]");
    }

    private static String child(Element e, String name) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && c.getTagName().equals(name)) return c.getTextContent();
        }
        return null;
    }

    /**
     * Checks a user's password. Throws AUTHENTICATION_FAILED (516) with ClickHouse's message for an unknown user
     * or a wrong password, REQUIRED_PASSWORD when none was given where one is needed.
     */
    public void authenticate(String user, String password) {
        Credential c = users.get(user);
        byte[] given = password.getBytes(StandardCharsets.UTF_8);
        boolean ok = c != null
                && switch (c.kind()) {
                    case "sha256" -> MessageDigest.isEqual(digest("SHA-256", given), c.secret());
                    case "double_sha1" -> MessageDigest.isEqual(digest("SHA-1", digest("SHA-1", given)), c.secret());
                    default -> MessageDigest.isEqual(given, c.secret());
                };
        if (!ok) {
            throw new ProxistException(
                    ErrorCode.AUTHENTICATION_FAILED,
                    user + ": Authentication failed: password is incorrect, or there is no user with such name");
        }
    }

    public boolean exists(String user) {
        return users.containsKey(user);
    }

    private static byte[] digest(String alg, byte[] b) {
        try {
            return MessageDigest.getInstance(alg).digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
