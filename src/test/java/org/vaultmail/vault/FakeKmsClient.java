package org.vaultmail.vault;

import java.security.GeneralSecurityException;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KmsClient;
import org.vaultmail.vault.internal.Tink;

/** A stand-in for a cloud KMS: answers {@code fake-kms://…} URIs with one local AEAD key. */
public final class FakeKmsClient implements KmsClient {

    public static final String KEY_URI = "fake-kms://projects/test/keys/root";

    private final Aead aead;

    public FakeKmsClient() {
        try {
            this.aead = Tink.aead(Tink.generate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean doesSupport(String keyUri) {
        return keyUri.startsWith("fake-kms://");
    }

    @Override
    public KmsClient withCredentials(String credentialPath) {
        return this;
    }

    @Override
    public KmsClient withDefaultCredentials() {
        return this;
    }

    @Override
    public Aead getAead(String keyUri) throws GeneralSecurityException {
        if (!keyUri.equals(KEY_URI)) throw new GeneralSecurityException("no such fake KMS key");
        return aead;
    }
}
