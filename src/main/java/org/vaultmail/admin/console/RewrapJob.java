package org.vaultmail.admin.console;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.vaultmail.vault.KeyManagement;
import org.vaultmail.vault.RewrapFinished;
import org.vaultmail.vault.RewrapOptions;
import org.vaultmail.vault.RewrapProgressed;

/**
 * The console's rewrap: at most one at a time on this node, on a background thread so the operator's
 * request returns at once; progress goes to every page watching over server-sent events. (Rewrap is
 * safe to run on several nodes at once; one per node keeps a double click from doubling the load.)
 */
@Component
class RewrapJob implements DisposableBean {

    static final Duration WATCH_TIMEOUT = Duration.ofMinutes(30);

    /** What the page and the event stream show; {@code phase} is idle, running, done or failed. */
    public record State(String phase, long done, long total, long rewrapped, long skipped, long failed, @Nullable String column) {

        static final State IDLE = new State("idle", 0, 0, 0, 0, 0, null);

        public int percent() {
            if ("done".equals(phase)) return 100;
            return total <= 0 ? 0 : (int) Math.min(100, done * 100 / total);
        }

        public boolean running() {
            return "running".equals(phase);
        }

        public Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("phase", phase);
            m.put("done", done);
            m.put("total", total);
            m.put("percent", percent());
            m.put("rewrapped", rewrapped);
            m.put("skipped", skipped);
            m.put("failed", failed);
            return m;
        }
    }

    private static final Logger log = LoggerFactory.getLogger(RewrapJob.class);

    private final KeyManagement keys;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("console-rewrap").daemon().factory());
    private final AtomicBoolean busy = new AtomicBoolean();
    private final List<SseEmitter> watchers = new CopyOnWriteArrayList<>();
    private volatile State state = State.IDLE;

    private final RewrapOptions options;

    /** Batch size and rate as {@code keys rewrap --batch --rate}: a console run on a busy node can be slowed down. */
    RewrapJob(KeyManagement keys, @Value("${vaultmail.console.rewrap.batch-size:500}") int batchSize,
              @Value("${vaultmail.console.rewrap.max-rows-per-second:0}") double maxRowsPerSecond) {
        this.keys = keys;
        this.options = new RewrapOptions(batchSize, maxRowsPerSecond);
    }

    State state() {
        return state;
    }

    /** Starts a rewrap unless one is already running on this node; false if one was. */
    boolean start() {
        if (!busy.compareAndSet(false, true)) return false;
        state = new State("running", 0, 0, 0, 0, 0, null);
        worker.execute(() -> {
            try {
                RewrapFinished f = keys.rewrap(options, this::progressed);
                long n = f.rewrapped() + f.skipped() + f.failed();
                state = new State(f.failed() == 0 ? "done" : "failed", n, n, f.rewrapped(), f.skipped(), f.failed(), null);
            } catch (RuntimeException e) {
                log.warn("console rewrap failed: {}", e.toString()); // vault messages name key ids and tables, never key bytes
                State s = state;
                state = new State("failed", s.done(), s.total(), s.rewrapped(), s.skipped(), s.failed(), s.column());
            } finally {
                busy.set(false);
                broadcast(true);
            }
        });
        return true;
    }

    private void progressed(RewrapProgressed p) {
        state = new State("running", p.done(), p.total(), p.rewrapped(), p.skipped(), p.failed(), p.column());
        broadcast(false);
    }

    /** A stream of states: the current one at once, then one per committed batch; closed when the run ends. */
    SseEmitter watch() {
        SseEmitter emitter = new SseEmitter(WATCH_TIMEOUT.toMillis());
        emitter.onCompletion(() -> watchers.remove(emitter));
        emitter.onTimeout(() -> watchers.remove(emitter));
        emitter.onError(e -> watchers.remove(emitter));
        watchers.add(emitter);
        State s = state;
        if (!send(emitter, s) || !s.running()) {
            watchers.remove(emitter);
            emitter.complete();
        }
        return emitter;
    }

    private void broadcast(boolean end) {
        State s = state;
        for (SseEmitter e : watchers) {
            boolean ok = send(e, s);
            if (!ok || end) {
                watchers.remove(e);
                e.complete();
            }
        }
    }

    private static boolean send(SseEmitter emitter, State s) {
        try {
            emitter.send(SseEmitter.event().name("progress").data(s.json(), MediaType.APPLICATION_JSON));
            return true;
        } catch (IOException | IllegalStateException e) {
            return false; // the page went away
        }
    }

    @Override
    public void destroy() {
        worker.shutdownNow();
    }
}
