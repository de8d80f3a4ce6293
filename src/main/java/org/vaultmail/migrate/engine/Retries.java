package org.vaultmail.migrate.engine;

import java.time.Duration;

import jakarta.mail.MessagingException;
import org.jspecify.annotations.Nullable;

/**
 * How a {@link Pass} runs one unit of work on a connection pair: backing off (with jitter, {@link Backoff}) when a server
 * asks to slow down, reconnecting when the connection drops, each up to the settings' limit, and failing the job with
 * a sentence that says which side and what it was doing. A pair whose token logins may have expired is replaced first.
 */
final class Retries {

    /** A unit of work, safe to run again on new connections after {@link #dropped}. */
    interface Task {
        void run(ConnectionPair pair)
                throws MessagingException, ServerThrottled, JobInterrupted, InterruptedException, MigrationFailure;

        /** The connection dropped under it: the next run starts on a new pair. */
        default void dropped() {
        }

        /** What it was doing, for a failure's message ("copying folder INBOX"). */
        String describe();
    }

    private final EngineSettings settings;
    private final Backoff backoff;
    private final Connections connections;
    private final PacedControl control;
    /** An OAuth side: a login refused mid-pass is a token that expired under a pooled connection, not a wrong login. */
    private final boolean tokenLogins;
    private final Duration tokenConnectionMaxAge;

    Retries(EngineSettings settings, Backoff backoff, Connections connections, PacedControl control, boolean tokenLogins,
            Duration tokenConnectionMaxAge) {
        this.settings = settings;
        this.backoff = backoff;
        this.connections = connections;
        this.control = control;
        this.tokenLogins = tokenLogins;
        this.tokenConnectionMaxAge = tokenConnectionMaxAge;
    }

    /** Runs one unit of work, backing off when throttled and reconnecting when dropped; returns the pair to keep. */
    @Nullable ConnectionPair execute(Task work, @Nullable ConnectionPair pair)
            throws MigrationFailure, JobInterrupted, InterruptedException {
        int throttles = 0;
        int reconnects = 0;
        while (true) {
            control.checkpoint();
            if (pair != null && tokenLogins && pair.olderThan(tokenConnectionMaxAge)) {
                // its store would log new pooled connections in with a token that may expire meanwhile: start afresh
                pair.close();
                pair = null;
            }
            if (pair == null) pair = connections.open();
            try {
                work.run(pair);
                return pair;
            } catch (ServerThrottled e) {
                if (++throttles > settings.maxThrottles()) {
                    throw new MigrationFailure(MigrationFailure.Kind.UNREACHABLE, e.source(), "the "
                            + side(e.source()) + " server kept asking to slow down while " + work.describe());
                }
                Thread.sleep(backoff.delay(throttles - 1));
            } catch (MessagingException e) {
                boolean fromSource = pair.isSource(e);
                // a new pooled connection logs in with the token its store began with, which may have expired since:
                // reconnecting takes a fresh one, and a login refused again is failed by Connections as it should be
                if (Failures.authentication(e) && !tokenLogins) {
                    throw new MigrationFailure(MigrationFailure.Kind.AUTHENTICATION, fromSource,
                            "the " + side(fromSource) + " server refused the login while " + work.describe());
                }
                if (!Failures.dropped(e) && !(tokenLogins && Failures.authentication(e))) {
                    throw new MigrationFailure(MigrationFailure.Kind.PROTOCOL, fromSource, "a server answered what the"
                            + " engine cannot work with while " + work.describe() + " (" + e.getClass().getSimpleName() + ")");
                }
                pair.close();
                pair = null;
                if (++reconnects > settings.maxReconnects()) {
                    throw new MigrationFailure(MigrationFailure.Kind.UNREACHABLE, fromSource, "the connection dropped "
                            + reconnects + " times while " + work.describe());
                }
                work.dropped();
            }
        }
    }

    private static String side(boolean source) {
        return source ? "source" : "destination";
    }
}
