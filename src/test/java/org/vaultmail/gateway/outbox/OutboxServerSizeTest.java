package org.vaultmail.gateway.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.vaultmail.gateway.mailboxes.ConnectedMailbox;
import org.vaultmail.gateway.mailboxes.MailboxState;

/** The largest message the outbox accepts is the smaller of its configured maximum and the mail server's SIZE. */
class OutboxServerSizeTest {

    private static final ConnectedMailbox MAILBOX = new ConnectedMailbox(1, 1, "alice@example.org", ConnectedMailbox.Kind.OWN,
            MailboxState.CONNECTED);

    private static SendRequest withFile(int bytes) {
        String content = Base64.getEncoder().encodeToString(new byte[bytes]);
        return new SendRequest("alice@example.org", null, List.of("bob@example.org"), null, null, null, "Size", "text", null,
                null, List.of(new SendRequest.FileJson("f.bin", "application/octet-stream", content, null)), null, null);
    }

    @Test
    void aMessageLargerThanTheServersSizeIsRefusedWith413NamingTheServersLimit() {
        OutboxMessageBuilder builder = new OutboxMessageBuilder(new OutboxApiProperties(null, null, null, null, null),
                Clock.systemUTC(), domain -> domain.equals("example.org") ? OptionalLong.of(20_000) : OptionalLong.empty());
        assertThat(builder.build(withFile(5_000), MAILBOX, List.of()).content().mime().length).isLessThan(20_000);
        assertThatThrownBy(() -> builder.build(withFile(30_000), MAILBOX, List.of()))
                .isInstanceOfSatisfying(OutboxProblem.class, p -> {
                    assertThat(p.status()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
                    assertThat(p.getMessage()).contains("20000").contains("mail server");
                });
    }

    @Test
    void withoutASizeFromTheServerTheConfiguredMaximumApplies() {
        OutboxMessageBuilder builder = new OutboxMessageBuilder(new OutboxApiProperties(null, null, null, null, null),
                Clock.systemUTC(), domain -> OptionalLong.empty());
        assertThat(builder.build(withFile(30_000), MAILBOX, List.of()).content().mime().length).isGreaterThan(30_000);
    }
}
