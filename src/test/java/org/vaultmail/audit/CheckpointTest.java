package org.vaultmail.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.vaultmail.logging.Redactor;
import org.vaultmail.vault.SignedStatement;
import org.vaultmail.vault.Vault;

/** The checkpoint line: signed by the vault, read back from the file or from a (redacted) log line. */
class CheckpointTest {

    private final Vault vault = Vault.inMemory();

    private Checkpoint signed(long seq) {
        byte[] hash = new byte[32];
        hash[0] = 7;
        Instant time = Instant.parse("2026-12-05T22:15:00.123Z");
        SignedStatement s = vault.signStatement(Checkpoint.statement(seq, hash, time, "node-a", Checkpoint.INTERVAL));
        return new Checkpoint(seq, hash, time, "node-a", Checkpoint.INTERVAL, s.publicKey(), s.signature());
    }

    @Test
    void aCheckpointLineSurvivesLogRedactionAndStillVerifies() {
        Checkpoint c = signed(42);
        String logged = Redactor.redactText(Checkpoint.LOG_MARKER + c.jsonLine());

        assertThat(logged).doesNotContain(Redactor.REDACTED);
        Checkpoint back = Checkpoint.parse(Checkpoint.fromLine("2026-12-05 INFO o.v.a.CheckpointPublisher " + logged));
        assertThat(back.seq()).isEqualTo(42);
        assertThat(vault.checkStatement(back.publicKey(), back.statement(), back.signature())).isEqualTo(SignedStatement.Check.VALID);
    }

    @Test
    void anotherVaultsKeyOrAnEditedLineDoesNotVerify() {
        Checkpoint c = signed(42);
        Checkpoint edited = Checkpoint.parse(c.jsonLine().replace("\"seq\":42", "\"seq\":41"));

        assertThat(vault.checkStatement(edited.publicKey(), edited.statement(), edited.signature())).isEqualTo(SignedStatement.Check.INVALID);
        assertThat(Vault.inMemory().checkStatement(c.publicKey(), c.statement(), c.signature())).isEqualTo(SignedStatement.Check.UNKNOWN_KEY);
        assertThatThrownBy(() -> Checkpoint.parse("{\"seq\":1}")).hasMessage("field 'hash' is missing");
    }
}
