package org.vaultmail.compose;

import java.io.UnsupportedEncodingException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.vaultmail.mail.EmailAddress;
import org.vaultmail.reading.MessageOpened;

/**
 * Remembers the people in the messages a user opens (From, To, Cc; never the user's own addresses) for
 * autocomplete. The reading request only drops the addresses into a bounded queue (full: they are skipped,
 * suggestions are a convenience); one background thread writes them in batches, and each user's list is
 * trimmed to {@link #MAX_PER_USER} (least used, oldest out).
 */
@Component
class ContactsFromReading {

    /** Contacts kept per user. */
    static final int MAX_PER_USER = 2000;

    private static final Logger log = LoggerFactory.getLogger(ContactsFromReading.class);
    private static final int BATCH = 200;

    private final Contacts contacts;
    private final Identities identities;
    private final BlockingQueue<Seen> queue = new ArrayBlockingQueue<>(10_000);
    private final Thread writer;

    private record Seen(long userId, InternetAddress address) {
    }

    ContactsFromReading(Contacts contacts, Identities identities) {
        this.contacts = contacts;
        this.identities = identities;
        this.writer = Thread.ofVirtual().name("contacts-from-reading").start(this::drain);
    }

    @EventListener
    void opened(MessageOpened event) {
        List<String> mine = identities.addresses(event.userAddress());
        for (EmailAddress a : event.addresses()) {
            String address = a.address() == null ? "" : a.address().strip().toLowerCase(Locale.ROOT);
            if (address.isEmpty() || mine.contains(address)) continue;
            try {
                InternetAddress internet = new InternetAddress(address, true);
                if (a.name() != null && !a.name().isBlank()) internet.setPersonal(a.name().strip(), "UTF-8");
                if (!queue.offer(new Seen(event.userId(), internet))) return; // busy: skip, never block reading
            } catch (AddressException | UnsupportedEncodingException e) {
                // not an address worth suggesting
            }
        }
    }

    private void drain() {
        List<Seen> batch = new ArrayList<>();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Seen first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) continue;
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                log.warn("Could not remember contacts from reading: {}", e.getClass().getSimpleName());
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Seen> batch) {
        Map<Long, Map<String, InternetAddress>> byUser = new LinkedHashMap<>();
        for (Seen s : batch) byUser.computeIfAbsent(s.userId(), u -> new LinkedHashMap<>()).putIfAbsent(s.address().getAddress(), s.address());
        for (var e : byUser.entrySet()) {
            contacts.record(e.getKey(), List.copyOf(e.getValue().values()));
            contacts.trim(e.getKey(), MAX_PER_USER);
        }
    }

    @PreDestroy
    void stop() {
        writer.interrupt();
    }
}
