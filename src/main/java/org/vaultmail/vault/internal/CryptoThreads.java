package org.vaultmail.vault.internal;

import java.security.GeneralSecurityException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs Tink's AEAD calls on a few platform threads when the caller is a virtual thread. Why: Tink keeps its
 * {@code SecureRandom} and its AES-GCM {@code Cipher} in thread-locals, and a virtual thread (one per web request
 * here) starts with empty ones, so every seal built a new {@code SecureRandom} — including a failing
 * {@code Class.forName("org.conscrypt.Conscrypt")} that searches the whole nested-jar class path — and a new
 * {@code Cipher}: about a tenth of the server's CPU per accepted outbox message (issue 13 benchmark). On these
 * threads the thread-locals live as long as the JVM. The work is short and CPU-bound: one thread per core.
 */
public final class CryptoThreads {

    /** An AEAD call. */
    @FunctionalInterface
    public interface Call {
        byte[] run() throws GeneralSecurityException;
    }

    private static final ExecutorService POOL = Executors.newFixedThreadPool(
            Math.max(2, Runtime.getRuntime().availableProcessors()),
            Thread.ofPlatform().daemon().name("vault-crypto-", 0).factory());

    private CryptoThreads() {
    }

    /** {@code call} on a crypto thread when the caller is virtual, else right here (platform threads keep their thread-locals). */
    public static byte[] run(Call call) throws GeneralSecurityException {
        if (!Thread.currentThread().isVirtual()) return call.run();
        Future<byte[]> result = POOL.submit(call::run);
        try {
            return result.get();
        } catch (InterruptedException e) {
            result.cancel(false);
            Thread.currentThread().interrupt();
            throw new GeneralSecurityException("interrupted while waiting for the crypto thread");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GeneralSecurityException g) throw g;
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        }
    }
}
