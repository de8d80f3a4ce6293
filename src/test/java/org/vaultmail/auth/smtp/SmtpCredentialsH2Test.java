package org.vaultmail.auth.smtp;

import org.vaultmail.testing.TestDatabase;

class SmtpCredentialsH2Test extends SmtpCredentialsContract {

    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
