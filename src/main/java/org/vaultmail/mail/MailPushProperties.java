package org.vaultmail.mail;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code vaultmail.mail.push.*}: the {@link FolderWatcher}. {@code idleRound}: IDLE is ended and re-issued this
 * often (RFC 2177 asks for under 29 min; each round also refreshes INBOX counts when another folder is watched).
 * {@code pollInterval}: without IDLE (or with {@code useIdle=false}), how often to poll. {@code maxWatches}:
 * watches (one IMAP connection each) per node; {@code maxWatchesPerUser}: of those, how many one user's sessions may
 * hold (ADR 0029). Reconnects back off from {@code reconnectMin} to {@code reconnectMax}.
 */
@ConfigurationProperties("vaultmail.mail.push")
public record MailPushProperties(@Nullable Duration idleRound, @Nullable Duration pollInterval,
                                 @Nullable Integer maxWatches, @Nullable Boolean useIdle,
                                 @Nullable Duration reconnectMin, @Nullable Duration reconnectMax,
                                 @Nullable Integer maxWatchesPerUser) {

    public MailPushProperties {
        idleRound = idleRound == null ? Duration.ofMinutes(2) : idleRound;
        pollInterval = pollInterval == null ? Duration.ofSeconds(30) : pollInterval;
        maxWatches = maxWatches == null ? 500 : maxWatches;
        useIdle = useIdle == null || useIdle;
        reconnectMin = reconnectMin == null ? Duration.ofSeconds(1) : reconnectMin;
        reconnectMax = reconnectMax == null ? Duration.ofMinutes(2) : reconnectMax;
        maxWatchesPerUser = maxWatchesPerUser == null ? 4 : maxWatchesPerUser;
        if (maxWatchesPerUser < 1) throw new IllegalArgumentException("vaultmail.mail.push.max-watches-per-user is at least 1");
        if (maxWatches < 0) throw new IllegalArgumentException("vaultmail.mail.push.max-watches is not negative");
    }

    /** The defaults. */
    public static MailPushProperties defaults() {
        return new MailPushProperties(null, null, null, null, null, null, null);
    }
}
