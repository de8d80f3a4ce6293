package org.vaultmail.webmail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The hand-off of rendered bodies is bounded per user: one user opening many messages never drops another's. */
class FrameHandoffTest {

    @Test
    void oneUserOpeningManyMessagesNeverDropsAnotherUsersHandoff() {
        FrameHandoff handoff = new FrameHandoff();
        handoff.put(2, "bob", "INBOX", 1, false, new FrameBody("b", true, false));
        for (int uid = 0; uid < FrameHandoff.MAX * 2; uid++) handoff.put(1, "alice", "INBOX", uid, false, new FrameBody("a", true, false));

        assertThat(handoff.take(2, "bob", "INBOX", 1, false)).isPresent();
        assertThat(handoff.take(1, "alice", "INBOX", FrameHandoff.MAX * 2 - 1, false)).as("alice's newest").isPresent();
        assertThat(handoff.take(1, "alice", "INBOX", 0, false)).as("alice's oldest, beyond her share").isEmpty();
    }

    @Test
    void aBodyIsHandedOverOnceAndOnlyToItsSession() {
        FrameHandoff handoff = new FrameHandoff();
        handoff.put(1, "s1", "INBOX", 7, false, new FrameBody("x", true, false));

        assertThat(handoff.take(1, "s2", "INBOX", 7, false)).isEmpty();
        assertThat(handoff.take(1, "s1", "INBOX", 7, false)).isPresent();
        assertThat(handoff.take(1, "s1", "INBOX", 7, false)).isEmpty();
    }
}
