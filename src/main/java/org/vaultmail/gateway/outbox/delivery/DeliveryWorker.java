package org.vaultmail.gateway.outbox.delivery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.vaultmail.gateway.GatewayPolicies;
import org.vaultmail.gateway.GatewayPolicy;
import org.vaultmail.gateway.mailboxes.ConnectedMailbox;
import org.vaultmail.gateway.mailboxes.ConnectedMailboxes;
import org.vaultmail.gateway.outbox.OutboxStatus;
import org.vaultmail.gateway.outbox.OutboxStore;

/**
 * The outbox's delivery worker on this node (ADR 0038): each poll recovers leases that ran out, then claims due
 * messages (one conditional UPDATE each, with a send-limit slot, all of a poll's claims in one transaction) and runs
 * their attempts on virtual threads, at most {@code concurrency} at once. Every node runs one; the claims keep them apart.
 */
public class DeliveryWorker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

    private final DeliveryRows rows;
    private final SendWindows windows;
    private final Transitions transitions;
    private final RecoverySweep sweep;
    private final ObjectProvider<ConnectedMailboxes> mailboxes;
    private final OutboxStore store;
    private final GatewayPolicies policies;
    private final DeliveryProperties properties;
    private final TransactionTemplate tx;
    private final String node;
    private final Semaphore slots;
    private final ExecutorService executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("outbox-", 0).factory());
    private final java.util.concurrent.locks.ReentrantLock polling = new java.util.concurrent.locks.ReentrantLock();
    private volatile boolean backlog;
    /** A poll was asked for (by the scheduler or a finished attempt); the one holding {@link #polling} runs it. */
    private volatile boolean pollWanted;
    private volatile boolean sweepWanted;
    /** Nested in the batch transaction: a savepoint per claim. */
    private final TransactionTemplate savepoint;
    /** Attempts submitted and not yet finished, their backlog re-poll included. */
    private final java.util.concurrent.atomic.AtomicInteger busy = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicLong submitted = new java.util.concurrent.atomic.AtomicLong();
    private volatile boolean closed;
    /** OAuth mailboxes' send APIs (ADR 0044); one client, its connections shared by all attempts. */
    private final ProviderApiClient apiClient;

    DeliveryWorker(DeliveryRows rows, SendWindows windows, Transitions transitions, RecoverySweep sweep,
                   ObjectProvider<ConnectedMailboxes> mailboxes, OutboxStore store, GatewayPolicies policies,
                   DeliveryProperties properties, TransactionTemplate tx, String node) {
        this.rows = rows;
        this.windows = windows;
        this.transitions = transitions;
        this.sweep = sweep;
        this.mailboxes = mailboxes;
        this.store = store;
        this.policies = policies;
        this.properties = properties;
        this.tx = tx;
        this.savepoint = new TransactionTemplate(java.util.Objects.requireNonNull(tx.getTransactionManager()));
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.node = node;
        this.slots = new Semaphore(properties.concurrency());
        this.apiClient = new ProviderApiClient(properties.apiConnectTimeout(), properties.apiTimeout());
    }

    public String node() {
        return node;
    }

    /**
     * One poll: recovery, then as many claims as there are free slots; returns the attempts started. While a poll
     * finds more due mail than slots (a backlog), each finished attempt polls again at once (without the recovery
     * sweep) instead of waiting for the next interval. One poll at a time per node: a poll asked for while another
     * runs is not dropped but run by that one when it ends, so a slot freed meanwhile does not stay idle.
     */
    public List<Future<?>> poll() {
        return poll(true);
    }

    private List<Future<?>> poll(boolean sweepFirst) {
        List<Future<?>> started = new ArrayList<>();
        ConnectedMailboxes connected = mailboxes.getIfAvailable();
        if (closed || connected == null) return started;
        if (sweepFirst) sweepWanted = true;
        pollWanted = true;
        // whoever holds the lock re-checks pollWanted after unlocking, so a request made meanwhile is never lost
        while (pollWanted && !closed && polling.tryLock()) {
            try {
                pollWanted = false;
                boolean sweep = sweepWanted;
                sweepWanted = false;
                pollLocked(connected, started, sweep);
            } finally {
                polling.unlock();
            }
        }
        return started;
    }

    private void pollLocked(ConnectedMailboxes connected, List<Future<?>> started, boolean sweepFirst) {
        if (sweepFirst) sweep.run();
        int free = slots.availablePermits();
        if (free == 0) return;
        DeliveryAttempt attempt = new DeliveryAttempt(connected, store, transitions, properties, node, apiClient);
        Map<Long, Optional<ConnectedMailbox>> seen = new HashMap<>();
        GatewayPolicy policy = policies.current();
        List<DeliveryRows.Candidate> due = rows.due(transitions.now(), free * 4);
        backlog = due.size() > free;
        if (due.isEmpty()) return;
        for (DeliveryRows.Candidate c : due) {
            Optional<ConnectedMailbox> mailbox = seen.computeIfAbsent(c.mailboxId(), connected::byId);
            if (mailbox.isPresent()) windows.ensure(c.mailboxId()); // its own statement, before the batch transaction
        }
        for (DeliveryRows.Candidate c : claimBatch(due, free, seen, policy)) {
            if (!slots.tryAcquire()) break; // cannot happen: only the poll holding the lock acquires
            busy.incrementAndGet();
            submitted.incrementAndGet();
            started.add(executor.submit(() -> {
                try {
                    rows.claimed(c.id(), node).ifPresent(attempt::run);
                } catch (RuntimeException e) {
                    log.error("outbox {}: the attempt stopped ({}); its lease runs out and the sweep decides", c.id(),
                            e.getClass().getSimpleName());
                } finally {
                    slots.release();
                }
                try {
                    if (backlog && !closed) poll(false);
                } finally {
                    busy.decrementAndGet();
                }
            }));
        }
    }

    /**
     * Claims up to {@code free} of the due messages in ONE transaction (one commit for the batch, not one per
     * message), each claim with its send-limit slot in a savepoint, so a message another node claimed first gives
     * its slot back without undoing the others. The attempts start only after the commit.
     */
    private List<DeliveryRows.Candidate> claimBatch(List<DeliveryRows.Candidate> due, int free,
                                                    Map<Long, Optional<ConnectedMailbox>> seen, GatewayPolicy policy) {
        List<DeliveryRows.Candidate> claimed = new ArrayList<>();
        Map<Long, Instant> deferrals = new HashMap<>();
        tx.executeWithoutResult(batch -> {
            for (DeliveryRows.Candidate c : due) {
                if (claimed.size() >= free || closed) break;
                if (deferrals.containsKey(c.mailboxId())) continue; // at its send limit: waits
                if (claim(c, seen.get(c.mailboxId()).orElse(null), policy, deferrals)) claimed.add(c);
            }
        });
        deferrals.forEach((mailboxId, until) -> {
            int n = tx.execute(s -> rows.defer(mailboxId, until));
            log.debug("outbox: mailbox {} is at its send limit; {} message(s) wait until {}", mailboxId, n, until);
        });
        return claimed;
    }
    /** Polls and waits until this node is idle again, backlog polls included (tests, the benchmark). */
    public int pollAndWait(long timeoutSeconds) throws Exception {
        long before = submitted.get();
        poll();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (!idle()) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("attempts still running");
            Thread.sleep(10);
        }
        return (int) (submitted.get() - before);
    }

    /** No attempt running or about to re-poll, and no poll in progress on this node. */
    public boolean idle() {
        return busy.get() == 0 && !polling.isLocked();
    }

    /**
     * The send-limit slot and the claim in one savepoint of the batch transaction: over the limit, the mailbox's mail
     * waits (queued; {@code deferrals} gets the time its next window opens).
     */
    private boolean claim(DeliveryRows.Candidate c, @Nullable ConnectedMailbox mailbox, GatewayPolicy policy,
                          Map<Long, Instant> deferrals) {
        Instant now = transitions.now();
        Instant leaseUntil = now.plus(properties.lease());
        if (mailbox == null) {
            return Boolean.TRUE.equals(savepoint.execute(s -> claimed(c, now, leaseUntil))); // the attempt fails it
        }
        return Boolean.TRUE.equals(savepoint.execute(s -> {
            Instant deferTo = windows.take(c.mailboxId(), policy.perMinute(mailbox.domain()), policy.perDay(mailbox.domain()), now);
            if (deferTo != null) {
                deferrals.put(c.mailboxId(), deferTo);
                return false;
            }
            if (claimed(c, now, leaseUntil)) return true;
            s.setRollbackOnly(); // someone else claimed it: give the slot back (to the savepoint)
            return false;
        }));
    }

    private boolean claimed(DeliveryRows.Candidate c, Instant now, Instant leaseUntil) {
        if (!rows.claim(c.id(), node, now, leaseUntil)) return false;
        store.history(c.id(), OutboxStatus.SENDING, now, null);
        return true;
    }

    @Override
    public void close() {
        closed = true;
        executor.shutdown();
        try { // a graceful stop lets the running attempts record their outcome; a kill leaves it to the sweep
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) log.warn("outbox: attempts still running at shutdown");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
