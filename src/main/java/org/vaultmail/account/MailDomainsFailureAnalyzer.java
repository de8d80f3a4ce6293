package org.vaultmail.account;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a bad {@code vaultmail.domains} into a start-up report that names each bad property. */
class MailDomainsFailureAnalyzer extends AbstractFailureAnalyzer<InvalidMailDomainsException> {

    @Override
    protected FailureAnalysis analyze(Throwable root, InvalidMailDomainsException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Fix the properties named above in your configuration file (see README, 'Mail servers').", cause);
    }
}
