package org.vaultmail.push;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.vaultmail.account.MailServers;
import org.vaultmail.auth.AuthenticatedSession;
import org.vaultmail.auth.SessionCredentials;
import org.vaultmail.auth.SessionHolder;
import org.vaultmail.auth.SessionRevoked;
import org.vaultmail.mail.FolderWatcher;

/**
 * The event streams of this node, one {@link SessionWatch} per session: tabs of a session that watch the same
 * folder share it; a stream for another folder replaces it (the old streams get {@code ended: replaced}). One user's
 * sessions hold at most {@code perUser} watches: a further one ends that user's least recently opened watch (also
 * {@code ended: replaced}), never another user's (ADR 0029). A watch ends with its last stream, when the session is
 * revoked or ends on any node ({@link SessionHolder}), and at shutdown (before the web server drains requests).
 */
final class SessionStreams implements SmartLifecycle, SessionHolder {

    private static final Logger log = LoggerFactory.getLogger(SessionStreams.class);

    private final FolderWatcher watcher;
    private final SessionCredentials credentials;
    private final EventStreamProperties properties;
    private final int perUser;
    private final Map<String, SessionWatch> bySession = new HashMap<>();
    /** Created on each start: a context can be stopped and started again (Spring pauses cached test contexts). */
    private @Nullable ScheduledExecutorService keepAlive;
    private volatile boolean running;

    SessionStreams(FolderWatcher watcher, SessionCredentials credentials, EventStreamProperties properties, int perUser) {
        this.perUser = perUser;
        this.watcher = watcher;
        this.credentials = credentials;
        this.properties = properties;
    }

    /**
     * A new stream of {@code session}'s events for {@code folder}. Throws {@code MailStoreException}
     * {@code UNAVAILABLE} when the node's cap of watches is reached.
     */
    SseEmitter open(AuthenticatedSession session, MailServers servers, String folder) {
        SseEmitter stream = new SseEmitter(properties.lifetime().toMillis());
        SessionWatch watch = watchFor(session, servers, folder);
        Runnable detach = () -> detach(watch, stream);
        stream.onCompletion(detach);
        stream.onError(e -> detach.run());
        stream.onTimeout(stream::complete); // lifetime reached: the client reconnects, authenticated afresh
        try {
            stream.send(SseEmitter.event().reconnectTime(properties.retry().toMillis()).comment("watching"));
        } catch (java.io.IOException e) {
            stream.completeWithError(e);
        }
        watch.join(stream);
        return stream;
    }

    /** The session's watch of {@code folder}: the current one, or a new one replacing a watch of another folder. */
    private SessionWatch watchFor(AuthenticatedSession session, MailServers servers, String folder) {
        List<SessionWatch> replaced = new ArrayList<>();
        synchronized (this) {
            SessionWatch current = bySession.get(session.sessionId());
            if (current != null && current.folder().equals(folder)) {
                current.opened();
                return current;
            }
            if (current != null) replaced.add(bySession.remove(session.sessionId()));
            replaced.addAll(overShare(session.userId(), perUser - 1)); // room before connecting: the node's cap may be near
        }
        // outside the lock: completing a stream calls back into detach()
        replaced.forEach(w -> w.end("replaced"));
        replaced.clear();
        SessionWatch created = new SessionWatch(session.sessionId(), session.userId(), folder, this::forget);
        // the password is unsealed only to (re)connect; after revocation it cannot be, and the watch ends
        created.started(watcher.watch(servers, session.address(), credentials.imapSource(session), folder, created));
        synchronized (this) {
            SessionWatch raced = bySession.put(session.sessionId(), created);
            if (raced != null) replaced.add(raced);
            replaced.addAll(overShare(session.userId(), perUser)); // streams of the user's other sessions that raced
        }
        replaced.forEach(w -> w.end("replaced"));
        return created;
    }

    /** Under the lock: removes and returns {@code userId}'s least recently opened watches beyond {@code keep}. */
    private List<SessionWatch> overShare(long userId, int keep) {
        List<SessionWatch> mine = new ArrayList<>();
        for (SessionWatch w : bySession.values()) if (w.userId() == userId) mine.add(w);
        if (mine.size() <= keep) return List.of();
        mine.sort(Comparator.comparingLong(SessionWatch::lastOpened));
        List<SessionWatch> over = mine.subList(0, mine.size() - Math.max(0, keep));
        over.forEach(w -> bySession.remove(w.sessionId(), w));
        return List.copyOf(over);
    }

    /** Sessions with a watch on this node (for tests and metrics). */
    synchronized int watchedSessions() {
        return bySession.size();
    }

    @EventListener
    void on(SessionRevoked event) {
        sessionEnded(event.sessionId());
    }

    /** The sessions with a watch here, for {@code SessionLiveness}: a session ended on any node loses its streams (ADR 0029). */
    @Override
    public synchronized Collection<String> heldSessions() {
        return Set.copyOf(bySession.keySet());
    }

    @Override
    public void sessionEnded(String sessionId) {
        SessionWatch watch;
        synchronized (this) {
            watch = bySession.remove(sessionId);
        }
        if (watch != null) watch.end("access-lost");
    }

    private void detach(SessionWatch watch, SseEmitter stream) {
        boolean last;
        synchronized (this) {
            last = watch.leave(stream);
            if (last) bySession.remove(watch.sessionId(), watch);
        }
        if (last) watch.end(null);
    }

    private synchronized void forget(SessionWatch watch) {
        bySession.remove(watch.sessionId(), watch);
    }

    private void keepAlive() {
        List<SessionWatch> all;
        synchronized (this) {
            all = List.copyOf(bySession.values());
        }
        for (SessionWatch watch : all) {
            try {
                watch.keepAlive();
            } catch (RuntimeException e) {
                // a scheduled task that throws is never run again: keep-alives (and the detection of gone clients) must go on
                log.warn("Keep-alive failed for a push stream: {}", e.toString());
            }
        }
    }

    @Override
    public synchronized void start() {
        long every = properties.keepAlive().toMillis();
        keepAlive = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("vaultmail-push-keepalive").factory());
        keepAlive.scheduleWithFixedDelay(this::keepAlive, every, every, TimeUnit.MILLISECONDS);
        running = true;
    }

    /** At shutdown: ends every stream (so the server need not wait for them) and every watch. */
    @Override
    public void stop() {
        running = false;
        List<SessionWatch> all;
        synchronized (this) {
            if (keepAlive != null) keepAlive.shutdownNow();
            keepAlive = null;
            all = List.copyOf(bySession.values());
            bySession.clear();
        }
        all.forEach(w -> w.end("shutdown"));
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Above the web server's graceful shutdown phase: streams end before it waits for open requests. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }
}
