package io.proxist.server.admin;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What the admin API hides of configuration values: the user-info of a URL ({@code http://u:p@host}), password-like
 * query parameters, and the whole value of a key whose name says it is a secret. The ClickHouse password itself is
 * never a configuration key (it comes from the environment or a file) and shows only as {@code <redacted>}.
 */
final class Redaction {
    static final String REDACTED = "<redacted>";
    private static final Pattern USER_INFO = Pattern.compile("(?<=://)[^/@?#]+@");
    private static final Pattern SECRET_PARAM = Pattern.compile("(?i)((?:password|passwd|secret|token|key)=)[^&#]*");

    private Redaction() {}

    static String value(String key, String value) {
        String k = key.toLowerCase(Locale.ROOT);
        if (k.contains("password") || k.contains("secret") || k.contains("token")) {
            return value.isEmpty() ? "" : REDACTED;
        }
        return url(value);
    }

    static String url(String value) {
        String v = USER_INFO.matcher(value).replaceAll(REDACTED + "@");
        return SECRET_PARAM.matcher(v).replaceAll("$1" + REDACTED);
    }
}
