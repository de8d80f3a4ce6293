package org.vaultmail.logging;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Decides what in a log line is a secret: by the name of a field ({@link #isSensitiveName}) and by
 * patterns in free text such as {@code password=…}, {@code "token":"…"} or {@code Authorization: Bearer …}
 * ({@link #redactText}). Shared by the text converters and the JSON customizer so both formats agree.
 */
public final class Redactor {

    /** What a redacted value is replaced with. */
    public static final String REDACTED = "[REDACTED]";

    private static final String NAME_CHAR = "[A-Za-z0-9_.\\-]";

    /**
     * A field name that holds a secret: contains password/secret/token/…, or ends in key/otp as a word
     * ({@code api_key}, {@code apiKey}, {@code privateKey}, {@code otp}; not {@code keyId} or {@code keyset}).
     */
    private static final String SENSITIVE_NAME = NAME_CHAR + "*?(?:"
            + "(?i:password|passwd|passphrase|pwd|secret|token|credential|authorization|cookie)" + NAME_CHAR + "*"
            + "|(?:(?<![A-Za-z0-9])|(?<=[a-z])(?=[A-Z]))(?i:key|otp|totp)(?!" + NAME_CHAR + ")"
            + ")";

    private static final Pattern NAME = Pattern.compile(SENSITIVE_NAME);

    private record Rule(Pattern pattern, String replacement) {
        String apply(String text) {
            Matcher m = pattern.matcher(text);
            return m.find() ? m.replaceAll(replacement) : text;
        }
    }

    private static final List<Rule> RULES = List.of(
            // Authorization: Basic/Bearer/… credentials, in headers, maps or JSON
            new Rule(Pattern.compile("(?i)((?:proxy-)?authorization\\\\?[\"']?\\s*[:=]\\s*\\\\?[\"']?)"
                    + "((?:basic|bearer|digest|negotiate|token|apikey)\\s+)?[^\\s\"',;\\\\}\\])]+"),
                    "$1$2" + REDACTED),
            // the password in a URL's user info: scheme://user:password@host
            new Rule(Pattern.compile("(\\b[A-Za-z][A-Za-z0-9+.\\-]*://[^/\\s:@]+:)[^@\\s/]+@"), "$1" + REDACTED + "@"),
            // a bearer token anywhere
            new Rule(Pattern.compile("(?i)\\b(bearer)\\s+(?!\\[REDACTED\\])[A-Za-z0-9._~+/=\\-]+"), "$1 " + REDACTED),
            // Cookie / Set-Cookie headers: the rest of the line
            new Rule(Pattern.compile("(?i)\\b((?:set-)?cookie\\\\?[\"']?\\s*[:=]\\s*)[^\\r\\n]+"), "$1" + REDACTED),
            // "name": "value" in JSON
            new Rule(Pattern.compile("([\"'])(" + SENSITIVE_NAME + ")\\1(\\s*:\\s*)"
                    + "(?:\"(?:[^\"\\\\]|\\\\.)*\"|'[^']*'|[^\\s,}\\]]+)"),
                    "$1$2$1$3\"" + REDACTED + "\""),
            // \"name\": \"value\" in JSON that was escaped into a string
            new Rule(Pattern.compile("(\\\\[\"'])(" + SENSITIVE_NAME + ")\\1(\\s*:\\s*)"
                    + "(?:\\\\\"(?:[^\"\\\\]|\\\\[^\"])*\\\\\"|[^\\s,}\\]\\\\]+)"),
                    "$1$2$1$3\\\\\"" + REDACTED + "\\\\\""),
            // name=value, name: value, name = 'value'
            new Rule(Pattern.compile("((?<![A-Za-z0-9_.\\-])" + SENSITIVE_NAME + "\\s*[=:]\\s*)"
                    + "(?!\\[REDACTED\\]|(?i:basic|bearer|digest|negotiate)\\s)"
                    + "(?:\"(?:[^\"\\\\]|\\\\.)*\"|'[^']*'|[^\\s,;&\"'}\\])]+)"),
                    "$1" + REDACTED));

    private Redactor() {
    }

    /** True if a field, MDC entry or key-value pair of this name must never be logged. */
    public static boolean isSensitiveName(@Nullable String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** The text with every recognised secret value replaced by {@value #REDACTED}. */
    public static @Nullable String redactText(@Nullable String text) {
        if (text == null || text.isEmpty()) return text;
        String out = text;
        for (Rule rule : RULES) {
            out = rule.apply(out);
        }
        return out;
    }

    /** A value to log under {@code name}: fully redacted if the name is sensitive, else pattern-redacted. */
    public static @Nullable String redactValue(@Nullable String name, @Nullable Object value) {
        if (value == null) return null;
        if (isSensitiveName(name)) return REDACTED;
        return redactText(String.valueOf(value));
    }
}
