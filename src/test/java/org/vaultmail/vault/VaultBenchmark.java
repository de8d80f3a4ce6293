package org.vaultmail.vault;

import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Seal/unseal throughput of the vault (AES-256-GCM through Tink, with associated data and the
 * {@link Secret} copy-in/zero-on-close discipline included). Run with {@code bench/vault-jmh.sh};
 * one thread, so the figure is per core.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = "-Xshare:off")
public class VaultBenchmark {

    @Param({"64", "4096"})
    int payloadBytes;

    private Vault vault;
    private Secret payload;
    private SealedLocation location;
    private byte[] ciphertext;

    @Setup
    public void setUp() {
        vault = Vault.inMemory();
        byte[] bytes = new byte[payloadBytes];
        new Random(42).nextBytes(bytes);
        payload = Secret.copyOf(bytes);
        location = SealedLocation.of("session", "credentials", 123456L, "alice@example.test");
        ciphertext = vault.seal(Purpose.SESSION, location, payload).ciphertext();
    }

    @Benchmark
    public Sealed seal() {
        return vault.seal(Purpose.SESSION, location, payload);
    }

    @Benchmark
    public int unseal() {
        try (Secret plain = vault.unseal(Purpose.SESSION, location, ciphertext)) {
            return plain.length();
        }
    }
}
