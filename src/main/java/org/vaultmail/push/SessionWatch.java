package org.vaultmail.push;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.vaultmail.mail.MailWatch;
import org.vaultmail.mail.WatchListener;

/**
 * One session's watch of one folder, shared by that session's open streams (browser tabs). Forwards what the
 * watch reports to every stream; remembers the last counts so a stream that joins later starts with them.
 */
final class SessionWatch implements WatchListener {

    private final String sessionId;
    private final long userId;
    private final String folder;
    private final Consumer<SessionWatch> onEnded;
    private final List<SseEmitter> streams = new CopyOnWriteArrayList<>();
    private final Map<String, PushEvents.Counts> lastCounts = new ConcurrentHashMap<>();
    private volatile @Nullable MailWatch watch;
    /** When a stream last opened on it ({@link System#nanoTime()}): the user's least recently opened watch goes first. */
    private volatile long lastOpened = System.nanoTime();

    SessionWatch(String sessionId, long userId, String folder, Consumer<SessionWatch> onEnded) {
        this.sessionId = sessionId;
        this.userId = userId;
        this.folder = folder;
        this.onEnded = onEnded;
    }

    String sessionId() {
        return sessionId;
    }

    long userId() {
        return userId;
    }

    String folder() {
        return folder;
    }

    long lastOpened() {
        return lastOpened;
    }

    /** Another stream opened on this watch. */
    void opened() {
        lastOpened = System.nanoTime();
    }

    void started(MailWatch started) {
        this.watch = started;
    }

    /** Adds a stream and sends it the counts known so far. */
    void join(SseEmitter stream) {
        streams.add(stream);
        lastCounts.values().forEach(c -> send(stream, "counts", c));
    }

    /** Removes a stream; true if none is left. */
    boolean leave(SseEmitter stream) {
        streams.remove(stream);
        return streams.isEmpty();
    }

    /** Ends every stream (with an {@code ended} event when a reason is given) and the watch. */
    void end(@Nullable String reason) {
        MailWatch w = watch;
        if (w != null) w.close();
        for (SseEmitter stream : streams) {
            if (reason != null) send(stream, "ended", new PushEvents.Ended(reason));
            stream.complete();
        }
        streams.clear();
    }

    /** A comment line to every stream; a stream whose client has gone is dropped. */
    void keepAlive() {
        for (SseEmitter stream : streams) {
            try {
                stream.send(SseEmitter.event().comment("keep-alive"));
            } catch (IOException | RuntimeException e) {
                // a gone client (or an emitter already completed): end that stream, never the keep-alive task
                try {
                    stream.completeWithError(e);
                } catch (RuntimeException ignored) {
                    // already completed
                }
            }
        }
    }

    @Override
    public void counts(FolderCounts counts) {
        PushEvents.Counts event = new PushEvents.Counts(counts.path(), counts.total(), counts.unread());
        lastCounts.put(counts.path(), event);
        broadcast("counts", event);
    }

    @Override
    public void newMessages(String folder, List<Long> uids) {
        broadcast("new", new PushEvents.NewMail(folder, uids));
    }

    @Override
    public void changed(String folder) {
        broadcast("changed", new PushEvents.Changed(folder));
    }

    @Override
    public void ended(End reason) {
        onEnded.accept(this);
        end(reason == End.NO_SUCH_FOLDER ? "no-such-folder" : "access-lost");
    }

    private void broadcast(String name, Object data) {
        for (SseEmitter stream : streams) send(stream, name, data);
    }

    private static void send(SseEmitter stream, String name, Object data) {
        try {
            stream.send(SseEmitter.event().name(name).data(data, MediaType.APPLICATION_JSON));
        } catch (IOException | IllegalStateException e) {
            stream.completeWithError(e); // the client went away; its completion callback detaches it
        }
    }
}
