package org.vaultmail.gateway.policy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.vaultmail.auth.policy.PolicyDurations;
import org.jspecify.annotations.Nullable;
import org.springframework.modulith.NamedInterface;
import org.vaultmail.gateway.GatewayProperties.SendLimits;

/**
 * One setting of the gateway policy that an operator may change at run time (ADR 0040): its name, kind, bounds, and
 * how it is typed, shown and stored. Durations as {@code 30d}, {@code 12h} or ISO-8601; domain lists comma-separated;
 * per-domain limits as {@code example.com=30/1000} (per minute / per day; either side blank: the default). {@code none}
 * stores an empty list over a configured one.
 */
@NamedInterface("policy")
public enum GatewayPolicyField {

    MAX_MAILBOXES_PER_USER("maxMailboxesPerUser", Kind.COUNT, 0, 1_000),
    DISABLED_DOMAINS("disabledDomains", Kind.DOMAINS, 0, 200),
    API_KEYS_REQUIRE_SECOND_FACTOR("apiKeysRequireSecondFactor", Kind.FLAG, 0, 1),
    API_KEY_MAX_LIFETIME("apiKeyMaxLifetime", Kind.DURATION, 86_400, 3_650L * 86_400),
    SEND_PER_MINUTE("sendPerMinute", Kind.COUNT, 1, 100_000),
    SEND_PER_DAY("sendPerDay", Kind.COUNT, 1, 100_000_000),
    DOMAIN_SEND_LIMITS("domainSendLimits", Kind.DOMAIN_LIMITS, 0, 200);

    /** A switch, a length of time (bounds in seconds), a whole number, a list of domains, per-domain limits (bounds: entries). */
    public enum Kind { FLAG, DURATION, COUNT, DOMAINS, DOMAIN_LIMITS }

    /** Why a typed value was refused: a message code ({@code gatewayPolicy.error.*}) and its arguments. */
    public record Problem(String code, List<Object> args) {
        public Problem {
            args = List.copyOf(args);
        }
    }

    /** The longest text the console accepts for one field (lists of domains are longer than a number). */
    public static final int MAX_TEXT = 4_000;

    private static final Pattern DOMAIN = Pattern.compile(
            "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+");
    private static final Pattern LIMIT = Pattern.compile("([^=\\s]+)\\s*=\\s*(\\d{0,9})\\s*/\\s*(\\d{0,9})");
    private static final Pattern SEPARATORS = Pattern.compile("[,;\\s]+");
    private static final long LIMIT_PER_MINUTE_MAX = 100_000;
    private static final long LIMIT_PER_DAY_MAX = 100_000_000;

    private final String key;
    private final Kind kind;
    private final long min;
    private final long max;

    GatewayPolicyField(String key, Kind kind, long min, long max) {
        this.key = key;
        this.kind = kind;
        this.min = min;
        this.max = max;
    }

    /** The stable name: form field, stored row, audit detail (in snake_case). */
    public String key() {
        return key;
    }

    public Kind kind() {
        return kind;
    }

    /** The audit detail's name: {@code maxMailboxesPerUser} → {@code max_mailboxes_per_user}. */
    public String snakeCase() {
        return key.replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT);
    }

    public String minText() {
        return kind == Kind.DURATION ? formatDuration(Duration.ofSeconds(min)) : Long.toString(min);
    }

    public String maxText() {
        return kind == Kind.DURATION ? formatDuration(Duration.ofSeconds(max)) : Long.toString(max);
    }

    public boolean list() {
        return kind == Kind.DOMAINS || kind == Kind.DOMAIN_LIMITS;
    }

    public static Optional<GatewayPolicyField> byKey(String key) {
        for (GatewayPolicyField f : values()) if (f.key.equals(key)) return Optional.of(f);
        return Optional.empty();
    }

    /** The value an operator typed (not blank), or the reason it is refused (bounds included). */
    Object parse(String text) throws InvalidValue {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.length() > MAX_TEXT) throw new InvalidValue(problem("tooLong", MAX_TEXT));
        Object value = switch (kind) {
            case FLAG -> switch (t) {
                case "true", "on", "yes" -> Boolean.TRUE;
                case "false", "off", "no" -> Boolean.FALSE;
                default -> throw new InvalidValue(problem("flag"));
            };
            case COUNT -> {
                try {
                    yield Integer.parseInt(t);
                } catch (NumberFormatException e) {
                    throw new InvalidValue(problem("count"));
                }
            }
            case DURATION -> parseDuration(t);
            case DOMAINS -> parseDomains(t);
            case DOMAIN_LIMITS -> parseLimits(t);
        };
        Problem range = validate(value);
        if (range != null) throw new InvalidValue(range);
        return value;
    }

    private @Nullable Problem validate(Object value) {
        return switch (kind) {
            case FLAG -> null;
            case COUNT -> (Integer) value >= min && (Integer) value <= max ? null : problem("countRange", minText(), maxText());
            case DURATION -> ((Duration) value).compareTo(Duration.ofSeconds(min)) >= 0
                    && ((Duration) value).compareTo(Duration.ofSeconds(max)) <= 0 ? null
                    : problem("durationRange", minText(), maxText());
            case DOMAINS -> ((Collection<?>) value).size() <= max ? null : problem("tooMany", max);
            case DOMAIN_LIMITS -> ((Map<?, ?>) value).size() <= max ? null : problem("tooMany", max);
        };
    }

    /** How the page, the command line and the audit log show a value. */
    @SuppressWarnings("unchecked")
    public String format(Object value) {
        return switch (kind) {
            case FLAG -> ((Boolean) value) ? "on" : "off";
            case COUNT -> value.toString();
            case DURATION -> formatDuration((Duration) value);
            case DOMAINS -> ((Collection<String>) value).isEmpty() ? "none" : String.join(", ", new TreeSet<>((Collection<String>) value));
            case DOMAIN_LIMITS -> {
                Map<String, SendLimits> limits = new TreeMap<>((Map<String, SendLimits>) value);
                if (limits.isEmpty()) yield "none";
                List<String> parts = new ArrayList<>();
                limits.forEach((d, l) -> parts.add(d + "=" + (l.perMinute() == null ? "" : l.perMinute()) + "/"
                        + (l.perDay() == null ? "" : l.perDay())));
                yield String.join(", ", parts);
            }
        };
    }

    /** Durations as ISO-8601, the rest as shown (lists parse back). */
    String store(Object value) {
        return kind == Kind.DURATION ? value.toString() : format(value);
    }

    Object load(String stored) {
        try {
            return switch (kind) {
                case FLAG -> Boolean.parseBoolean(stored);
                case COUNT -> Integer.parseInt(stored);
                case DURATION -> Duration.parse(stored);
                case DOMAINS, DOMAIN_LIMITS -> parse(stored);
            };
        } catch (InvalidValue e) {
            throw new IllegalArgumentException(e.error().code());
        }
    }

    private Problem problem(String code, Object... args) {
        return new Problem("gatewayPolicy.error." + code, List.of(args));
    }

    private SortedSet<String> parseDomains(String t) throws InvalidValue {
        SortedSet<String> domains = new TreeSet<>();
        if (t.equals("none")) return domains;
        for (String d : SEPARATORS.split(t)) {
            if (d.isEmpty()) continue;
            if (d.length() > 253 || !DOMAIN.matcher(d).matches()) throw new InvalidValue(problem("domain", shorten(d)));
            domains.add(d);
        }
        return domains;
    }

    private SortedMap<String, SendLimits> parseLimits(String t) throws InvalidValue {
        SortedMap<String, SendLimits> limits = new TreeMap<>();
        if (t.equals("none")) return limits;
        for (String entry : t.split("[,;\\n]+")) {
            String e = entry.strip();
            if (e.isEmpty()) continue;
            Matcher m = LIMIT.matcher(e);
            if (!m.matches()) throw new InvalidValue(problem("limits", shorten(e)));
            String domain = m.group(1);
            if (domain.length() > 253 || !DOMAIN.matcher(domain).matches()) throw new InvalidValue(problem("domain", shorten(domain)));
            Integer perMinute = m.group(2).isEmpty() ? null : Integer.valueOf(m.group(2));
            Integer perDay = m.group(3).isEmpty() ? null : Integer.valueOf(m.group(3));
            if (perMinute == null && perDay == null) throw new InvalidValue(problem("limits", shorten(e)));
            if (perMinute != null && (perMinute < 1 || perMinute > LIMIT_PER_MINUTE_MAX)
                    || perDay != null && (perDay < 1 || perDay > LIMIT_PER_DAY_MAX)) {
                throw new InvalidValue(problem("limitRange", shorten(e), LIMIT_PER_MINUTE_MAX, LIMIT_PER_DAY_MAX));
            }
            if (limits.put(domain, new SendLimits(perMinute, perDay)) != null) throw new InvalidValue(problem("duplicate", domain));
        }
        return limits;
    }

    private static String shorten(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "…" : text;
    }

    private Duration parseDuration(String t) throws InvalidValue {
        return PolicyDurations.parse(t).orElseThrow(() -> new InvalidValue(problem("duration")));
    }

    /** {@code 30d}, {@code 1d 12h}: the largest units, whole seconds. */
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
