package org.vaultmail.auth.smtp;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.vaultmail.vault.Secret;

/**
 * One Argon2id derivation with the stored SMTP credentials' parameters (m = 19,456 KiB, t = 2, p = 1, 32-byte key):
 * what a user with stored SMTP credentials pays once per sign-in. Run with {@code bench/argon2-jmh.sh}; one thread,
 * so the figure is per core. (It was a printing "test" in {@code SmtpCredentialsContract}; figures belong here.)
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xshare:off")
public class Argon2idBenchmark {

    private final byte[] salt = new byte[16];
    private Secret password;

    @Setup
    public void setUp() {
        password = Secret.copyOf("a mailbox password of ordinary length".getBytes(StandardCharsets.UTF_8));
    }

    @TearDown
    public void tearDown() {
        password.close();
    }

    @Benchmark
    public Object derive() {
        return Argon2id.OWASP.derive(password, salt);
    }
}
