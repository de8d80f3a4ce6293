package org.vaultmail.migrate.mapping;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A job's include/exclude patterns, matched against a source folder's canonical name: the personal prefix stripped
 * and the levels joined with {@code /} whatever the server's separator, so one pattern means the same on every server.
 * {@code *} matches any run of characters (levels too), {@code %} any run within one level, like IMAP LIST's
 * wildcards; everything else matches itself, case-sensitively ({@code INBOX} in any case).
 */
final class FolderPatterns {

    private final List<Pattern> patterns;

    private FolderPatterns(List<Pattern> patterns) {
        this.patterns = patterns;
    }

    static FolderPatterns of(List<String> globs) {
        return new FolderPatterns(globs.stream().map(FolderPatterns::compile).toList());
    }

    boolean isEmpty() {
        return patterns.isEmpty();
    }

    boolean matches(String canonicalName) {
        return patterns.stream().anyMatch(p -> p.matcher(canonicalName).matches());
    }

    private static Pattern compile(String glob) {
        String g = FolderPaths.isInbox(glob) || glob.regionMatches(true, 0, "INBOX/", 0, 6)
                ? "INBOX" + glob.substring(5) : glob;
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : g.toCharArray()) {
            if (c == '*' || c == '%') {
                if (!literal.isEmpty()) regex.append(Pattern.quote(literal.toString()));
                literal.setLength(0);
                regex.append(c == '*' ? ".*" : "[^/]*");
            } else {
                literal.append(c);
            }
        }
        if (!literal.isEmpty()) regex.append(Pattern.quote(literal.toString()));
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
