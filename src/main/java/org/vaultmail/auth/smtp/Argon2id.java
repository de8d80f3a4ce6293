package org.vaultmail.auth.smtp;

import java.util.Arrays;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.vaultmail.vault.Secret;

/**
 * Argon2id (RFC 9106, version 0x13) on BouncyCastle: turns an IMAP password and a salt into a
 * 256-bit AES key. {@link #OWASP} is OWASP's minimum (19 MiB, 2 passes, 1 lane); stored rows carry
 * their own parameters, so they can be raised later without breaking existing rows.
 */
record Argon2id(int memoryKib, int iterations, int parallelism) {

    static final String NAME = "argon2id";
    static final Argon2id OWASP = new Argon2id(19_456, 2, 1);
    static final int SALT_BYTES = 16;
    static final int KEY_BYTES = 32;

    Argon2id {
        if (memoryKib < 8 * parallelism || iterations < 1 || parallelism < 1) {
            throw new IllegalArgumentException("Argon2id parameters out of range: m=" + memoryKib + " t=" + iterations
                    + " p=" + parallelism);
        }
    }

    /** A fresh 32-byte key; the caller wipes it. */
    byte[] derive(Secret password, byte[] salt) {
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt)
                .withMemoryAsKB(memoryKib)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(params);
        byte[] pw = password.revealBytes();
        byte[] key = new byte[KEY_BYTES];
        try {
            generator.generateBytes(pw, key);
            return key;
        } finally {
            Arrays.fill(pw, (byte) 0);
            params.clear();
        }
    }

    /** Bound into the inner ciphertext's associated data, so a row whose parameters were lowered does not open. */
    String describe() {
        return NAME + ",v=19,m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism;
    }
}
