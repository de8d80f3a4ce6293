package org.vaultmail.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reading latency against a running server, side by side with the same work done over one persistent raw
 * IMAP connection (the floor): the first page of 50 (API, and the HTML page when the UI has it), opening a
 * message of about 50 KB of each body kind, and a subject search. Warm: after {@code --warmup} untimed
 * rounds, {@code --runs} timed rounds; each round runs every operation once, the app's and the floor's
 * interleaved, so load from elsewhere on the machine falls on both alike.
 *
 * <p>{@code bench/reading.sh} starts the server and runs this; see docs/benchmarks.md, "Reading (issue 4)".
 */
public final class ReadingBenchmark {

    private static final String FETCH_ITEMS = "(UID ENVELOPE FLAGS RFC822.SIZE BODYSTRUCTURE)";
    /** Subject words of seed-mailbox.py: a new one each round, so neither side can answer from a cache. */
    private static final List<String> TOPICS = List.of(("budget invoice roadmap migration release outage hiring offsite contract renewal "
            + "security audit quarterly newsletter webinar deployment database backup kubernetes payroll travel expenses onboarding "
            + "workshop proposal feedback benchmark incident vendor licence warranty shipment").split(" "));
    /** The round being run (also advanced by each CPU-phase call), for the search with a new word each time. */
    private static final java.util.concurrent.atomic.AtomicInteger ROUND = new java.util.concurrent.atomic.AtomicInteger();

    private ReadingBenchmark() {
    }

    /** One measured operation: the app's side and the floor's, and the floor operation's name. */
    private record Row(String name, Samples app, @Nullable String floorName, @Nullable Samples floor, @Nullable String note) {
    }

    public static void main(String[] args) throws Exception {
        Options o = new Options(args);
        String base = o.string("base", "http://127.0.0.1:8080");
        String user = o.string("user", "big@example.test");
        String password = o.string("password", "big-pass");
        String folder = o.string("folder", "INBOX");
        String word = o.string("word", "kubernetes");
        int warmup = o.integer("warmup", 30); // rounds: the JIT needs more than a handful to settle
        int runs = o.integer("runs", 30);
        int targetSize = o.integer("target-size", 50 * 1024);
        String imapHost = o.string("imap-host", "127.0.0.1");
        int imapPort = o.integer("imap-port", 1993);
        String cert = o.string("cert", "/etc/dovecot/vaultmail-test/cert.pem");
        String pagePath = o.string("page", "/mail/" + folder);
        int cpuRuns = o.integer("cpu-runs", 100);
        String pid = o.string("server-pid");
        o.checkAllUsed();
        if (runs < 20) System.out.println("note: fewer than 20 timed runs (" + runs + "): a trial, not a result");

        Http http = new Http(base);
        RawHttp lean = new RawHttp(base);
        String messages = "/api/v1/folders/" + URLEncoder.encode(folder, StandardCharsets.UTF_8) + "/messages";
        System.out.printf(Locale.ROOT, "== reading benchmark: %s as %s, folder %s, %d warm-up + %d timed rounds, load %s%n",
                base, user, folder, warmup, runs, loadAverage());

        long t0 = System.nanoTime();
        ApiSession api = ApiSession.signIn(http, user, password);
        System.out.printf(Locale.ROOT, "sign-in (API, IMAP bind + sealing): %.1f ms%n", (System.nanoTime() - t0) / 1e6);

        String firstPage = messages + "?limit=50";
        Http.Reply cold = ok(api.get(firstPage), "first page");
        JsonNode page = cold.json();
        System.out.printf(Locale.ROOT, "first page, cold (opens the IMAP connection, SORTs %d messages): %.1f ms%n",
                page.get("total").asInt(), cold.nanos() / 1e6);
        List<Long> appPageUids = uids(page);

        Map<String, Long> opened = pickMessages(api, messages, targetSize);

        BrowserSession browser = null;
        String pageNote = null;
        try {
            browser = BrowserSession.signIn(http, user, password);
            Http.Reply html = browser.get(pagePath);
            if (html.status() != 200) {
                pageNote = "GET " + pagePath + " answered HTTP " + html.status() + " (the UI is not in this build)";
                browser = null;
            } else {
                String text = html.text();
                long shown = appPageUids.stream().filter(uid -> text.contains("data-uid=\"" + uid + "\"")).count();
                System.out.printf(Locale.ROOT, "page: %s is %.1f KB of HTML and links %d of the API's first 50 messages%n",
                        pagePath, html.body().length / 1024.0, shown);
            }
        } catch (RuntimeException e) {
            pageNote = "browser sign-in failed: " + e.getMessage();
            browser = null;
        }
        if (pageNote != null) System.out.println("page: skipped, " + pageNote);

        String search = messages + "?limit=50&q=" + URLEncoder.encode("subject:" + word, StandardCharsets.UTF_8);
        Http.Reply probe = api.get(search);
        String searchNote = probe.status() == 200 ? null
                : "GET …?q=subject:" + word + " answered HTTP " + probe.status() + " " + ApiSession.title(probe) + " (search not in this build)";
        if (searchNote != null) System.out.println("search: skipped, " + searchNote);
        else System.out.println("search: " + probe.json().get("total").asInt() + " messages with '" + word + "' in the subject");

        Path certificate = cert.isEmpty() ? null : Path.of(cert);
        try (Floor imap = new Floor(imapHost, imapPort, certificate, user, password, folder)) {
            List<Long> newest = firstN(RawImap.numbers(imap.command("UID SORT (REVERSE DATE) UTF-8 ALL"), "SORT"), 50);
            System.out.println("the API's first page and the raw UID SORT's 50 newest are the same messages: " + newest.equals(appPageUids));
            String newestSet = join(newest);

            List<Row> rows = new ArrayList<>();
            Map<Row, Supplier<Http.Reply>> appOps = new LinkedHashMap<>();
            Map<Row, Runnable> floorOps = new LinkedHashMap<>();

            Row baseline = new Row("baseline: authenticated API call, no IMAP (GET /api/v1/settings/remote-content/senders)",
                    new Samples(), null, null, "what HTTP, the token check and the session lookup cost alone");
            appOps.put(baseline, () -> api.get("/api/v1/settings/remote-content/senders"));
            rows.add(baseline);

            Row list = new Row("first page, API (GET …/messages?limit=50)", new Samples(),
                    "UID SORT (REVERSE DATE) ALL + UID FETCH 50", new Samples(), null);
            appOps.put(list, () -> api.get(firstPage));
            floorOps.put(list, () -> imap.command("UID FETCH " + join(firstN(RawImap.numbers(
                    imap.command("UID SORT (REVERSE DATE) UTF-8 ALL"), "SORT"), 50)) + " " + FETCH_ITEMS));
            rows.add(list);
            Row fetch50 = new Row("(same, against the fetch alone)", list.app(), "UID FETCH 50 (sort order known)", new Samples(),
                    "the app caches the sorted order per connection, so its warm page is a FETCH of 50; this is that floor");
            floorOps.put(fetch50, () -> imap.command("UID FETCH " + newestSet + " " + FETCH_ITEMS));
            rows.add(fetch50);

            Row html = new Row("first page, HTML (GET " + pagePath + ")", new Samples(), "UID SORT (REVERSE DATE) ALL + UID FETCH 50",
                    list.floor(), pageNote);
            if (browser != null) {
                BrowserSession b = browser;
                appOps.put(html, () -> b.get(pagePath));
            }
            rows.add(html);

            for (Map.Entry<String, Long> m : opened.entrySet()) {
                long uid = m.getValue();
                Row open = new Row("open " + m.getKey(), new Samples(), "UID FETCH " + uid + " BODY.PEEK[]", new Samples(), null);
                appOps.put(open, () -> api.get(messages + "/" + uid));
                floorOps.put(open, () -> imap.command("UID FETCH " + uid + " BODY.PEEK[]"));
                rows.add(open);
            }
            // the same requests through a raw HTTP socket, as the floor uses a raw IMAP one (RawHttp)
            Row leanBaseline = new Row("lean client: authenticated API call, no IMAP", new Samples(), null, null,
                    "GET written to a kept-alive socket, response read off it: no JDK HttpClient in the measurement");
            appOps.put(leanBaseline, () -> api.get(lean, "/api/v1/settings/remote-content/senders"));
            rows.add(leanBaseline);
            for (Map.Entry<String, Long> m : opened.entrySet()) {
                long uid = m.getValue();
                Row open = new Row("lean client: open " + m.getKey(), new Samples(), "UID FETCH " + uid + " BODY.PEEK[]", new Samples(), null);
                appOps.put(open, () -> api.get(lean, messages + "/" + uid));
                floorOps.put(open, () -> imap.command("UID FETCH " + uid + " BODY.PEEK[]"));
                rows.add(open);
            }

            Row find = new Row("search subject:" + word + " (first 50)", new Samples(),
                    "UID SORT (REVERSE DATE) SUBJECT " + word + " + UID FETCH 50", new Samples(), searchNote);
            if (searchNote == null) appOps.put(find, () -> api.get(search));
            floorOps.put(find, () -> {
                List<Long> found = firstN(RawImap.numbers(imap.command("UID SORT (REVERSE DATE) UTF-8 SUBJECT " + word), "SORT"), 50);
                if (!found.isEmpty()) imap.command("UID FETCH " + join(found) + " " + FETCH_ITEMS);
            });
            rows.add(find);

            Row fresh = new Row("search subject:<a new word each run> (first 50)", new Samples(),
                    "UID SORT (REVERSE DATE) SUBJECT <same word> + UID FETCH 50", new Samples(), searchNote);
            if (searchNote == null) {
                appOps.put(fresh, () -> api.get(messages + "?limit=50&q=" + URLEncoder.encode("subject:" + topic(), StandardCharsets.UTF_8)));
            }
            floorOps.put(fresh, () -> {
                List<Long> found = firstN(RawImap.numbers(imap.command("UID SORT (REVERSE DATE) UTF-8 SUBJECT " + topic()), "SORT"), 50);
                if (!found.isEmpty()) imap.command("UID FETCH " + join(found) + " " + FETCH_ITEMS);
            });
            rows.add(fresh);

            for (int round = 0; round < warmup + runs; round++) {
                ROUND.set(round);
                boolean timed = round >= warmup;
                boolean appFirst = round % 2 == 0; // alternate, so neither side always runs right after the other
                for (Row row : rows) {
                    Supplier<Http.Reply> app = appOps.get(row);
                    Runnable floor = floorOps.get(row);
                    if (appFirst && app != null) timeApp(row, app, timed);
                    if (floor != null) {
                        long start = System.nanoTime();
                        try {
                            floor.run();
                            if (timed && row.floor() != null) row.floor().add(System.nanoTime() - start);
                        } catch (Floor.Dropped e) {
                            System.out.println("floor: the IMAP server dropped the connection (" + e.getMessage() + "); reconnected, sample discarded");
                        }
                    }
                    if (!appFirst && app != null) timeApp(row, app, timed);
                }
            }
            print(rows, runs);
            if (imap.reconnects() > 0) System.out.println("floor reconnects (samples discarded): " + imap.reconnects());
            if (pid != null) cpuPerRequest(new ServerProcess(Long.parseLong(pid)), rows, appOps, cpuRuns);
        }
        System.out.println("token refreshes during the run: " + api.refreshes() + "; load average at the end: " + loadAverage());
    }

    /**
     * The server's CPU time per request of each kind (all its threads: request, GC, JIT), from /proc over
     * {@code n} back-to-back requests: unlike latency on a shared machine, this hardly depends on other load.
     */
    private static void cpuPerRequest(ServerProcess server, List<Row> rows, Map<Row, Supplier<Http.Reply>> appOps, int n) {
        System.out.printf(Locale.ROOT, "%nserver CPU per request (%d back-to-back requests each after as many unmeasured, user + system, all JVM threads):%n", n);
        for (Row row : rows) {
            Supplier<Http.Reply> op = appOps.get(row);
            if (op == null) continue;
            for (int i = 0; i < n; i++) { // first let the JIT finish with this path
                ROUND.incrementAndGet();
                ok(op.get(), row.name());
            }
            long before = server.cpuNanos();
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                ROUND.incrementAndGet();
                ok(op.get(), row.name());
            }
            long wall = System.nanoTime() - start;
            long cpu = server.cpuNanos() - before;
            System.out.printf(Locale.ROOT, "  %-58s %6.1f ms CPU   (%.1f ms wall each)%n", row.name(), cpu / 1e6 / n, wall / 1e6 / n);
        }
    }

    private static String topic() {
        return TOPICS.get(ROUND.get() % TOPICS.size());
    }

    private static void timeApp(Row row, Supplier<Http.Reply> op, boolean timed) {
        Http.Reply reply = ok(op.get(), row.name());
        if (timed) row.app().add(reply.nanos());
    }

    /** Up to one message closest to {@code target} bytes of each body kind: plain text, HTML, text with an attachment. */
    private static Map<String, Long> pickMessages(ApiSession api, String messages, int target) {
        JsonNode bySize = ok(api.get(messages + "?sort=size&order=desc&limit=200"), "size-sorted page").json();
        List<JsonNode> candidates = new ArrayList<>();
        bySize.get("messages").forEach(candidates::add);
        candidates.sort(Comparator.comparingLong(m -> Math.abs(m.get("size").asLong() - target)));
        Map<String, Long> picked = new LinkedHashMap<>();
        for (JsonNode m : candidates.subList(0, Math.min(60, candidates.size()))) {
            long uid = m.get("uid").asLong();
            JsonNode message = ok(api.get(messages + "/" + uid), "open " + uid).json();
            String kind = !message.path("attachments").isEmpty() ? "text + attachment"
                    : message.hasNonNull("html") ? "HTML (sanitised)" : "plain text";
            String label = String.format(Locale.ROOT, "%s, %.1f KB (uid %d)", kind, m.get("size").asLong() / 1024.0, uid);
            if (picked.keySet().stream().noneMatch(k -> k.startsWith(kind))) picked.put(label, uid);
            if (picked.size() == 3) break;
        }
        System.out.println("messages to open (closest to " + target / 1024 + " KB of each kind): " + picked.keySet());
        return picked;
    }

    private static void print(List<Row> rows, int runs) {
        System.out.printf(Locale.ROOT, "%n%-58s | %8s %8s | %-52s | %8s %8s | %6s %6s%n", "operation (" + runs + " timed runs, ms)",
                "median", "p95", "floor: same over one raw IMAP connection", "median", "p95", "×med", "×p95");
        for (Row r : rows) {
            long[] app = r.app().sorted();
            long[] floor = r.floor() == null ? new long[0] : r.floor().sorted();
            if (app.length == 0 && r.note() != null) {
                System.out.printf(Locale.ROOT, "%-58s | not measured: %s%n", r.name(), r.note());
                continue;
            }
            double am = Samples.medianMs(app);
            double ap = Samples.percentileMs(app, 95);
            double fm = Samples.medianMs(floor);
            double fp = Samples.percentileMs(floor, 95);
            System.out.printf(Locale.ROOT, "%-58s | %8s %8s | %-52s | %8s %8s | %6s %6s%n", r.name(), Samples.ms(am), Samples.ms(ap),
                    r.floorName() == null ? "" : r.floorName(), Samples.ms(fm), Samples.ms(fp), ratio(am, fm), ratio(ap, fp));
            if (r.note() != null) System.out.println("    (" + r.note() + ")");
        }
    }

    private static String ratio(double app, double floor) {
        return Double.isNaN(app) || Double.isNaN(floor) || floor == 0 ? "—" : String.format(Locale.ROOT, "%.2f", app / floor);
    }

    private static Http.Reply ok(Http.Reply reply, String what) {
        if (reply.status() != 200) throw new IllegalStateException(what + ": HTTP " + reply.status() + " " + ApiSession.title(reply));
        return reply;
    }

    static List<Long> uids(JsonNode page) {
        List<Long> uids = new ArrayList<>();
        page.get("messages").forEach(m -> uids.add(m.get("uid").asLong()));
        return uids;
    }

    private static List<Long> firstN(List<Long> list, int n) {
        return List.copyOf(list.subList(0, Math.min(n, list.size())));
    }

    private static String join(List<Long> uids) {
        StringBuilder s = new StringBuilder();
        for (long u : uids) s.append(s.isEmpty() ? "" : ",").append(u);
        return s.toString();
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
