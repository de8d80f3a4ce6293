package org.vaultmail.auth.policy;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.modulith.NamedInterface;

/**
 * How an operator types a duration on a policy page ({@code 90s}, {@code 15m}, {@code 1h 30m}, {@code 30d}, or
 * ISO-8601 {@code PT15M}) and how the page shows one: shared by the sign-in policy and the gateway policy.
 */
@NamedInterface("policy")
public final class PolicyDurations {

    private static final Pattern PART = Pattern.compile("(\\d{1,9})\\s*([smhd])");
    private static final Pattern HUMAN = Pattern.compile("(\\s*\\d{1,9}\\s*[smhd])+\\s*");

    private PolicyDurations() {
    }

    /** The duration {@code text} (trimmed, lower case) stands for; empty when it is none or negative. */
    public static Optional<Duration> parse(String text) {
        if (text.startsWith("p")) {
            try {
                Duration d = Duration.parse(text.toUpperCase(Locale.ROOT));
                return d.isNegative() ? Optional.empty() : Optional.of(d);
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        if (!HUMAN.matcher(text).matches()) return Optional.empty();
        Duration total = Duration.ZERO;
        Matcher m = PART.matcher(text);
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
        }
        return Optional.of(total);
    }

    /** {@code 1h 30m}, {@code 30d}, {@code 90s}: the largest units, whole seconds (below a second, milliseconds). */
    public static String format(Duration d) {
        long s = d.toSeconds();
        if (s == 0) return d.isZero() ? "0s" : d.toMillis() + "ms";
        StringBuilder out = new StringBuilder();
        long[] sizes = {86_400, 3_600, 60, 1};
        String[] units = {"d", "h", "m", "s"};
        for (int i = 0; i < sizes.length; i++) {
            if (s >= sizes[i]) {
                if (!out.isEmpty()) out.append(' ');
                out.append(s / sizes[i]).append(units[i]);
                s %= sizes[i];
            }
        }
        return out.toString();
    }
}
