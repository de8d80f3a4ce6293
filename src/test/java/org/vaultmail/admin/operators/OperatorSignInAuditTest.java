package org.vaultmail.admin.operators;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationEventPublisher;
import org.vaultmail.audit.ActorType;
import org.vaultmail.audit.AdminActionPerformed;
import org.vaultmail.testing.MutableClock;

/** ADR 0027: failed operator sign-ins become a bounded number of audit entries that still count every failure. */
class OperatorSignInAuditTest {

    final List<AdminActionPerformed> entries = new CopyOnWriteArrayList<>();
    final ApplicationEventPublisher events = e -> entries.add((AdminActionPerformed) e);
    final MutableClock clock = new MutableClock();
    final OperatorSignInAudit audit = new OperatorSignInAudit(events, clock, Duration.ofHours(1), 20); // flushed by the test

    @AfterEach
    void close() {
        audit.close();
    }

    @Test
    void theFirstFailureOfANameFromAClientIsWrittenAtOnceAndTheRestAsOneCountPerWindow() {
        for (int i = 0; i < 300; i++) audit.failed("root", "192.0.2.1", "Agent", i >= 5, false);
        assertThat(entries).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("operator.signin");
            assertThat(e.outcome()).isEqualTo("failure");
            assertThat(e.userAgent()).isEqualTo("Agent");
        });

        audit.flush();
        assertThat(entries).hasSize(2);
        assertThat(entries.get(1).action()).isEqualTo("operator.signin.failed");
        assertThat(entries.get(1).details()).containsEntry("count", "299").containsEntry("locked_out", "295");

        audit.failed("root", "192.0.2.1", null, true, false); // still active: counted, not written at once
        assertThat(entries).hasSize(2);
        audit.flush();
        assertThat(entries.get(2).details()).containsEntry("count", "1");
        audit.flush(); // a window without failures: nothing written, the name and client forgotten
        assertThat(entries).hasSize(3);
        audit.failed("root", "192.0.2.1", null, false, false);
        assertThat(entries).hasSize(4);
        assertThat(entries.get(3).action()).isEqualTo("operator.signin");
    }

    @Test
    void namesAndClientsBeyondTheLimitGoIntoOneCountAndBusyRefusalsIntoAnother() {
        for (int i = 0; i < 300; i++) audit.failed("name-" + i, "198.18.0." + (i % 250), null, false, false);
        for (int i = 0; i < 50; i++) audit.busy();
        assertThat(entries).hasSize(20);

        audit.flush();
        assertThat(entries).hasSize(22);
        assertThat(entries.subList(20, 22)).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("operator.signin.failed");
            assertThat(e.actorType()).isEqualTo(ActorType.SYSTEM);
            assertThat(e.details()).containsEntry("count", "280");
        }).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("operator.signin.busy");
            assertThat(e.details()).containsEntry("count", "50");
        });
    }

    @Test
    void aKnownOperatorGuessedAtAfterAFloodOfMadeUpNamesIsStillCountedByName() {
        for (int i = 0; i < 20; i++) audit.failed("made-up-" + i, "198.18.0." + i, null, false, false);
        for (int i = 0; i < 30; i++) audit.failed("root", "203.0.113." + i, null, false, true);
        assertThat(entries).as("the cap holds: no entry per further client").hasSize(20);

        audit.flush();
        assertThat(entries.subList(20, entries.size())).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("operator.signin.failed");
            assertThat(e.actorId()).as("the operator guessed at is named, not hidden in the untracked count").isEqualTo("root");
            assertThat(e.clientAddress()).as("from many clients").isNull();
            assertThat(e.details()).containsEntry("count", "30");
        });
    }

    @Test
    void closingWritesTheCountsStillHeld() {
        audit.failed("root", null, null, false, false);
        audit.failed("root", null, null, false, false);
        audit.close();
        assertThat(entries).extracting(AdminActionPerformed::action).containsExactly("operator.signin", "operator.signin.failed");
    }
}
