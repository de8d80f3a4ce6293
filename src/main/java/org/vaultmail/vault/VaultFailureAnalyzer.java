package org.vaultmail.vault;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A key problem at start-up becomes a short report naming the property, not a stack trace. */
class VaultFailureAnalyzer extends AbstractFailureAnalyzer<VaultException> {

    @Override
    protected FailureAnalysis analyze(Throwable root, VaultException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Check the root key configuration (VAULTMAIL_KEYSET_FILE, VAULTMAIL_KMS_KEY_URI, VAULTMAIL_ENCRYPTION_KEYS);"
                        + " see docs/runbooks/key-rotation.md.", cause);
    }
}
