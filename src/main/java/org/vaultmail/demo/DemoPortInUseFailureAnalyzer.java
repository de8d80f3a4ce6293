package org.vaultmail.demo;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a taken demo mail port and how to choose another one. */
class DemoPortInUseFailureAnalyzer extends AbstractFailureAnalyzer<DemoPortInUseException> {

    @Override
    protected FailureAnalysis analyze(Throwable root, DemoPortInUseException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Stop the other process, or pick a free port: ./vaultmail demo --" + cause.property() + "=N", cause);
    }
}
