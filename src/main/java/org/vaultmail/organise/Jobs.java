package org.vaultmail.organise;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.stereotype.Component;
import org.vaultmail.mail.MailStoreException;

/**
 * Bulk actions running in the background, in memory on this node (they act on this node's IMAP connections of the
 * session): one running job per session, finished jobs kept {@link #KEEP} for their result. A job is only visible
 * to the session that started it.
 */
@Component
class Jobs implements DisposableBean {

    static final Duration KEEP = Duration.ofMinutes(15);

    private static final Logger log = LoggerFactory.getLogger(Jobs.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    static final String STOPPED = "problem.organise.jobStopped";
    private static final String STOPPED_ENGLISH = "The action stopped unexpectedly; some messages may have been processed.";

    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Clock clock;

    Jobs(ObjectProvider<Clock> clock) {
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** Starts {@code work} (which reports progress on the job) and returns the job; 409 while the session runs one. */
    synchronized Job start(String sessionId, Action action, int total, Function<Job, Outcome> work) {
        purge();
        if (jobs.values().stream().anyMatch(j -> j.sessionId().equals(sessionId) && j.running())) {
            throw new BulkActionBusyException();
        }
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        Job job = new Job(HexFormat.of().formatHex(bytes), sessionId, action, total, clock.instant());
        jobs.put(job.id(), job);
        executor.execute(() -> {
            try {
                job.succeed(work.apply(job), clock.instant());
            } catch (MailStoreException | IllegalArgumentException e) {
                log.warn("Bulk {} failed: {}", action.wireName(), e.getMessage());
                job.fail(shown(e), clock.instant());
            } catch (RuntimeException e) {
                log.warn("Bulk {} failed", action.wireName(), e);
                job.fail(new DefaultMessageSourceResolvable(new String[] {STOPPED}, STOPPED_ENGLISH), clock.instant());
            }
        });
        return job;
    }

    /**
     * What a failed job tells its user: a refusal that carries a message key (i18n.InputRefused) as it is, so the
     * jobs API writes it in the reader's language; anything else (the mail server's words) as its message.
     */
    static MessageSourceResolvable shown(RuntimeException e) {
        if (e instanceof MessageSourceResolvable keyed) return keyed;
        return new DefaultMessageSourceResolvable(null, null, e.getMessage());
    }

    /** The session's job with this id. */
    Optional<Job> find(String sessionId, String id) {
        Job job = jobs.get(id);
        return job != null && job.sessionId().equals(sessionId) ? Optional.of(job) : Optional.empty();
    }

    void forget(String sessionId) {
        jobs.values().removeIf(j -> j.sessionId().equals(sessionId) && !j.running());
    }

    private void purge() {
        var oldest = clock.instant().minus(KEEP);
        jobs.values().removeIf(j -> j.finished() != null && j.finished().isBefore(oldest));
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
