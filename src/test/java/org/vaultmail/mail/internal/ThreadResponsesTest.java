package org.vaultmail.mail.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.vaultmail.mail.MessageThread;

class ThreadResponsesTest {

    static MessageThread t(long uid, MessageThread... replies) {
        return new MessageThread(uid, List.of(replies));
    }

    @Test
    void theRfc5256ExampleBecomesChainsAndBranches() {
        assertThat(ThreadResponses.parse("(2)(3 6 (4 23)(44 7 96))")).containsExactly(t(2),
                t(3, t(6, t(4, t(23)), t(44, t(7, t(96))))));
    }

    @Test
    void aThreadWithoutItsRootBecomesItsBranches() {
        assertThat(ThreadResponses.parse(" ((1)(2 3))(4)")).containsExactly(t(1), t(2, t(3)), t(4));
        assertThat(ThreadResponses.parse("")).isEmpty();
    }

    @Test
    void garbageIsRefused() {
        assertThatThrownBy(() -> ThreadResponses.parse("(1 (2")).isInstanceOf(IllegalArgumentException.class);
    }
}
