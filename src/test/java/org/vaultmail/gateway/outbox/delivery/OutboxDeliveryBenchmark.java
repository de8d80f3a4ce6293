package org.vaultmail.gateway.outbox.delivery;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.vaultmail.gateway.outbox.OutboxStore;
import org.vaultmail.testing.TestDatabase;
import org.vaultmail.testing.VaultmailNode;

/**
 * End-to-end delivery rate of the outbox worker through the shared Postfix (submission on 127.0.0.1:1025 as
 * alice@example.test, delivered by LMTP into bob's INBOX), and the floor: the same number of messages sent with
 * plain Angus sessions (connect, AUTH, MAIL/RCPT/DATA, QUIT) at the same concurrency, no database.
 * {@code bench/outbox-delivery.sh [postgres|h2] [messages=300] [concurrency=4] [sentCopy=false]}.
 */
public final class OutboxDeliveryBenchmark {

    private static final String FROM = "alice@example.test";
    private static final String PASSWORD = "alice-pass";
    private static final String TO = "bob@example.test";

    private OutboxDeliveryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        TestDatabase.Kind kind = args.length > 0 && args[0].equalsIgnoreCase("h2") ? TestDatabase.Kind.H2 : TestDatabase.Kind.POSTGRES;
        int messages = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        boolean sentCopy = args.length > 3 && Boolean.parseBoolean(args[3]);
        // "loopback": the test's instant SMTP server instead of Postfix, to see Vaultmail's own ceiling
        org.vaultmail.testing.LoopbackSmtpServer loopback = args.length > 4 && args[4].equals("loopback")
                ? org.vaultmail.testing.LoopbackSmtpServer.start(FROM, PASSWORD) : null;
        int smtpPort = loopback == null ? 1025 : loopback.port();
        byte[] body = ("Benchmark body line.\r\n").repeat(100).getBytes(StandardCharsets.US_ASCII); // ~2 KB

        double floor = rawAngus(messages, concurrency, body, smtpPort);
        System.out.printf("RESULT floor (Angus sessions, no database, " + (loopback == null ? "Postfix" : "loopback SMTP") + "): %d messages, concurrency %d, %.1f msg/s, %.1f ms/session%n",
                messages, concurrency, messages / floor, floor * 1000 * concurrency / messages);

        Path dir = Files.createTempDirectory("vaultmail-outbox-bench");
        try (TestDatabase db = TestDatabase.create(kind, dir);
             ConfigurableApplicationContext node = VaultmailNode.start(db, List.of(
                     "--test.mailboxes.address=" + FROM, "--test.mailboxes.user=" + FROM, "--test.mailboxes.password=" + PASSWORD,
                     "--test.mailboxes.smtp-port=" + smtpPort, "--test.mailboxes.imap-port=1143",
                     "--vaultmail.gateway.outbox.worker-enabled=false", "--vaultmail.gateway.outbox.concurrency=" + concurrency,
                     "--vaultmail.gateway.outbox.send-per-minute=100000", "--vaultmail.gateway.outbox.send-per-day=100000",
                     "--vaultmail.gateway.outbox.server-saves-sent=" + (sentCopy ? "none.invalid" : "example.test")),
                     TestMailboxes.Config.class)) {
            OutboxStore store = node.getBean(OutboxStore.class);
            JdbcTemplate jdbc = node.getBean(JdbcTemplate.class);
            DeliveryWorker worker = node.getBean(DeliveryWorker.class);
            long enqueueStart = System.nanoTime();
            for (int i = 0; i < messages; i++) {
                OutboxRows.enqueue(store, TestMailboxes.MAILBOX, FROM, List.of(TO), new String(body, StandardCharsets.US_ASCII), Instant.now());
            }
            double enqueue = (System.nanoTime() - enqueueStart) / 1e9;
            long cpuStart = cpuNanos();
            long start = System.nanoTime();
            int sent = 0;
            while (sent < messages) {
                worker.poll(); // what the scheduled poller does; a backlog keeps itself going between polls
                Thread.sleep(100);
                Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM outbox_messages WHERE status IN ('sent', 'failed', 'delivery_uncertain')", Integer.class);
                sent = n == null ? 0 : n;
                if ((System.nanoTime() - start) / 1e9 > 600) throw new IllegalStateException("only " + sent + " finished in 600 s");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuMsPerMessage = (cpuNanos() - cpuStart) / 1e6 / messages;
            Integer failed = jdbc.queryForObject("SELECT COUNT(*) FROM outbox_messages WHERE status <> 'sent'", Integer.class);
            if (loopback != null) loopback.close();
            System.out.printf("RESULT %s worker (" + (loopback == null ? "Postfix" : "loopback SMTP") + "): %d messages (%d not sent), concurrency %d, sent copy %s, %.1f msg/s (floor %.1f msg/s, %.0f%%); Vaultmail JVM CPU %.2f ms/msg; enqueue %.2f ms/msg%n",
                    db, messages, failed, concurrency, sentCopy, messages / seconds, messages / floor,
                    100.0 * (messages / seconds) / (messages / floor), cpuMsPerMessage, enqueue * 1000 / messages);
        }
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** The same sends without Vaultmail: one Angus session per message, {@code concurrency} at once. */
    private static double rawAngus(int messages, int concurrency, byte[] body, int port) throws Exception {
        Properties p = new Properties();
        p.put("mail.smtp.auth", "true");
        Session session = Session.getInstance(p);
        AtomicLong next = new AtomicLong();
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(concurrency)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < concurrency; t++) {
                done.add(pool.submit(() -> {
                    while (next.getAndIncrement() < messages) {
                        MimeMessage m = new MimeMessage(session);
                        m.setFrom(new InternetAddress(FROM));
                        m.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(TO));
                        m.setSubject("floor");
                        m.setHeader("Message-ID", "<" + UUID.randomUUID() + "@floor.test>");
                        m.setText(new String(body, StandardCharsets.US_ASCII));
                        try (SMTPTransport tr = (SMTPTransport) session.getTransport("smtp")) {
                            tr.connect("127.0.0.1", port, FROM, PASSWORD);
                            tr.sendMessage(m, m.getAllRecipients());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) f.get();
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
