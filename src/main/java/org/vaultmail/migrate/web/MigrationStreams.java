package org.vaultmail.migrate.web;

import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.vaultmail.auth.AuthenticatedSession;
import org.vaultmail.auth.SessionHolder;
import org.vaultmail.auth.SessionRevoked;
import org.vaultmail.migrate.JobView;
import org.vaultmail.migrate.Requester;

/**
 * The progress streams of this node ({@code /api/v1/migrations/{id}/events}): every {@code interval} each stream reads
 * its job through {@code MigrationJobs.find} (the database, so it works whichever node runs the job) and sends
 * {@code progress}; at a final state it sends {@code end} and closes. A session ended anywhere ends its streams
 * ({@link SessionHolder}, ADR 0029) with {@code end {"reason":"access-lost"}}; a stream's lifetime ends it too, so the
 * client reconnects and is authenticated afresh.
 */
final class MigrationStreams implements SmartLifecycle, SessionHolder {

    private static final Logger log = LoggerFactory.getLogger(MigrationStreams.class);

    private record Stream(String sessionId, Requester requester, String jobId, SseEmitter emitter) {
    }

    private final UserImports imports;
    private final Duration interval;
    private final Duration lifetime;
    private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
    private @Nullable ScheduledExecutorService timer;
    private volatile boolean running;

    MigrationStreams(UserImports imports, Duration interval, Duration lifetime) {
        this.imports = imports;
        this.interval = interval;
        this.lifetime = lifetime;
    }

    /** A new stream of {@code job}'s progress; it starts with the current view (and ends at once if final). */
    SseEmitter open(AuthenticatedSession session, Requester requester, JobView job) {
        SseEmitter emitter = new SseEmitter(lifetime.toMillis());
        Stream stream = new Stream(session.sessionId(), requester, job.id(), emitter);
        emitter.onCompletion(() -> streams.remove(stream));
        emitter.onError(e -> streams.remove(stream));
        emitter.onTimeout(emitter::complete);
        try {
            emitter.send(SseEmitter.event().reconnectTime(5_000).comment("progress of " + job.id()));
        } catch (IOException e) {
            emitter.completeWithError(e);
            return emitter;
        }
        if (send(stream, Optional.of(job))) streams.add(stream);
        return emitter;
    }

    /** Streams open on this node (for tests). */
    int open() {
        return streams.size();
    }

    /** One round: every stream gets its job's current progress, or its end. */
    void tick() {
        for (Stream stream : streams) {
            try {
                if (!send(stream, imports.peek(stream.requester(), stream.jobId()))) streams.remove(stream);
            } catch (RuntimeException e) {
                // the database is away for a moment: keep the stream, try again next round
                log.warn("Could not read a migration job's progress: {}", e.getClass().getSimpleName());
            }
        }
    }

    /** Sends progress, or the end; false when the stream is over. */
    private boolean send(Stream stream, Optional<JobView> job) {
        try {
            if (job.isEmpty()) {
                stream.emitter().send(SseEmitter.event().name("end").data(Map.of("reason", "gone"), MediaType.APPLICATION_JSON));
                stream.emitter().complete();
                return false;
            }
            JobView view = job.get();
            if (view.state().isFinal()) {
                stream.emitter().send(SseEmitter.event().name("end").data(JobJson.of(view), MediaType.APPLICATION_JSON));
                stream.emitter().complete();
                return false;
            }
            stream.emitter().send(SseEmitter.event().name("progress").data(JobJson.of(view), MediaType.APPLICATION_JSON));
            return true;
        } catch (IOException | IllegalStateException e) {
            stream.emitter().completeWithError(e); // the client went away, or the stream was already completed
            return false;
        }
    }

    @EventListener
    void on(SessionRevoked event) {
        sessionEnded(event.sessionId());
    }

    @Override
    public Collection<String> heldSessions() {
        return streams.stream().map(Stream::sessionId).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public void sessionEnded(String sessionId) {
        for (Stream stream : streams) {
            if (!stream.sessionId().equals(sessionId)) continue;
            streams.remove(stream);
            end(stream, "access-lost");
        }
    }

    private static void end(Stream stream, String reason) {
        try {
            stream.emitter().send(SseEmitter.event().name("end").data(Map.of("reason", reason), MediaType.APPLICATION_JSON));
            stream.emitter().complete();
        } catch (IOException | IllegalStateException e) {
            stream.emitter().completeWithError(e);
        }
    }

    @Override
    public synchronized void start() {
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("vaultmail-migration-streams").factory());
        long every = interval.toMillis();
        timer.scheduleWithFixedDelay(() -> {
            try {
                tick();
            } catch (RuntimeException e) {
                log.warn("A migration progress round failed: {}", e.getClass().getSimpleName()); // never stop the timer
            }
        }, every, every, TimeUnit.MILLISECONDS);
        running = true;
    }

    /** At shutdown: ends every stream, so the web server need not wait for them. */
    @Override
    public synchronized void stop() {
        running = false;
        if (timer != null) timer.shutdownNow();
        timer = null;
        for (Stream stream : streams) {
            streams.remove(stream);
            end(stream, "shutdown");
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
