package org.vaultmail.auth.policy;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.modulith.NamedInterface;

/**
 * One setting of the sign-in and session policy that an operator may change at run time (ADR 0022):
 * its name, kind, bounds, and how it is typed, shown and stored. Durations are typed as {@code 90s},
 * {@code 15m}, {@code 1h 30m}, {@code 30d} or ISO-8601 ({@code PT15M}); they are stored as ISO-8601.
 */
@NamedInterface("policy")
public enum PolicyField {

    REQUIRE_MFA("requireMfa", Kind.FLAG, 0, 1),
    ACCESS_TOKEN_TTL("accessTokenTtl", Kind.DURATION, 60, 3_600),
    IDLE_TIMEOUT("idleTimeout", Kind.DURATION, 5 * 60, 30 * 86_400),
    REMEMBER_IDLE_TIMEOUT("rememberIdleTimeout", Kind.DURATION, 5 * 60, 365 * 86_400),
    ABSOLUTE_TIMEOUT("absoluteTimeout", Kind.DURATION, 3_600, 365 * 86_400),
    ACCOUNT_FAILURES("accountFailures", Kind.COUNT, 1, 1_000),
    CLIENT_FAILURES("clientFailures", Kind.COUNT, 1, 1_000_000),
    BASE_WAIT("baseWait", Kind.DURATION, 1, 3_600),
    MAX_WAIT("maxWait", Kind.DURATION, 1, 86_400),
    RESET("reset", Kind.DURATION, 60, 30 * 86_400),
    REQUESTS_PER_MINUTE("requestsPerMinute", Kind.COUNT, 1, 10_000),
    SMTP_TESTS_PER_HOUR("smtpTestsPerHour", Kind.COUNT, 1, 1_000),
    /** Every console operator must have a passkey, and one who has must sign in with it (ADR 0054). */
    REQUIRE_OPERATOR_PASSKEYS("requireOperatorPasskeys", Kind.FLAG, 0, 1);

    /** What a value is: a switch, a length of time (bounds in seconds), or a whole number. */
    public enum Kind { FLAG, DURATION, COUNT }

    /** Why a typed value was refused: a message code ({@code policy.error.*}) and its arguments. */
    public record Problem(String code, List<Object> args) {
    }


    private final String key;
    private final Kind kind;
    private final long min;
    private final long max;

    PolicyField(String key, Kind kind, long min, long max) {
        this.key = key;
        this.kind = kind;
        this.min = min;
        this.max = max;
    }

    /** The stable name: form field, stored row, audit detail. */
    public String key() {
        return key;
    }

    public Kind kind() {
        return kind;
    }

    /** The lower bound as the page shows it ({@code 1m}, {@code 1}). */
    public String minText() {
        return kind == Kind.DURATION ? formatDuration(Duration.ofSeconds(min)) : Long.toString(min);
    }

    public String maxText() {
        return kind == Kind.DURATION ? formatDuration(Duration.ofSeconds(max)) : Long.toString(max);
    }

    public static Optional<PolicyField> byKey(String key) {
        for (PolicyField f : values()) if (f.key.equals(key)) return Optional.of(f);
        return Optional.empty();
    }

    /** The value an operator typed (not blank), or the reason it is refused; {@link #validate} then checks bounds. */
    Object parse(String text) throws InvalidValue {
        String t = text.strip().toLowerCase(Locale.ROOT);
        return switch (kind) {
            case FLAG -> switch (t) {
                case "true", "on", "yes" -> Boolean.TRUE;
                case "false", "off", "no" -> Boolean.FALSE;
                default -> throw new InvalidValue(new Problem("policy.error.flag", List.of()));
            };
            case COUNT -> {
                try {
                    yield Integer.parseInt(t);
                } catch (NumberFormatException e) {
                    throw new InvalidValue(new Problem("policy.error.count", List.of()));
                }
            }
            case DURATION -> parseDuration(t);
        };
    }

    /** Null when within bounds, else the range error. */
    @org.jspecify.annotations.Nullable Problem validate(Object value) {
        boolean within = switch (kind) {
            case FLAG -> true;
            case COUNT -> (Integer) value >= min && (Integer) value <= max;
            case DURATION -> ((Duration) value).compareTo(Duration.ofSeconds(min)) >= 0
                    && ((Duration) value).compareTo(Duration.ofSeconds(max)) <= 0;
        };
        if (within) return null;
        return new Problem(kind == Kind.DURATION ? "policy.error.durationRange" : "policy.error.countRange",
                List.of(minText(), maxText()));
    }

    /** How the page and the audit log show a value. */
    public String format(Object value) {
        return switch (kind) {
            case FLAG -> ((Boolean) value) ? "on" : "off";
            case COUNT -> value.toString();
            case DURATION -> formatDuration((Duration) value);
        };
    }

    /** Durations as ISO-8601, the rest as their text. */
    String store(Object value) {
        return value.toString();
    }

    Object load(String stored) {
        return switch (kind) {
            case FLAG -> Boolean.parseBoolean(stored);
            case COUNT -> Integer.parseInt(stored);
            case DURATION -> Duration.parse(stored);
        };
    }

    private static Duration parseDuration(String t) throws InvalidValue {
        return PolicyDurations.parse(t).orElseThrow(() -> new InvalidValue(new Problem("policy.error.duration", List.of())));
    }

    static String formatDuration(Duration d) {
        return PolicyDurations.format(d);
    }

    /** A typed value that is not one. */
    static final class InvalidValue extends Exception {
        private final transient Problem error;

        InvalidValue(Problem error) {
            super(error.code(), null, false, false);
            this.error = error;
        }

        Problem error() {
            return error;
        }
    }
}
