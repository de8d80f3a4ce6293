package org.vaultmail.migrate.verify;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How strict a verification is.
 *
 * @param ignoredFlags          flags and keywords left out on both sides (those the destination cannot store);
 *                              compared case-insensitively
 * @param checkSourceUnchanged  read the source's HIGHESTMODSEQ (STATUS) before and after: a changed value means
 *                              something (perhaps the copy) modified the source; skipped where there is no CONDSTORE
 * @param checkSubscriptions    a pair whose source is subscribed needs its destination subscribed too
 */
public record VerifyOptions(Set<String> ignoredFlags, boolean checkSourceUnchanged, boolean checkSubscriptions) {

    public VerifyOptions {
        ignoredFlags = ignoredFlags.stream().map(f -> f.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** Everything compared; the source's HIGHESTMODSEQ and the subscriptions checked. */
    public static VerifyOptions strict() {
        return new VerifyOptions(Set.of(), true, true);
    }

    public VerifyOptions ignoring(Set<String> flags) {
        return new VerifyOptions(flags, checkSourceUnchanged, checkSubscriptions);
    }

    public VerifyOptions withoutSubscriptions() {
        return new VerifyOptions(ignoredFlags, checkSourceUnchanged, false);
    }

    boolean ignores(String flag) {
        return ignoredFlags.contains(flag.toLowerCase(Locale.ROOT));
    }
}
