package org.vaultmail.auth;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.vaultmail.auth.policy.AuthPolicies;
import org.vaultmail.auth.session.CredentialSeal;
import org.vaultmail.auth.session.SessionStore;
import org.vaultmail.auth.session.SessionTokenRefresh;
import org.vaultmail.vault.Vault;

/** Wires sign-in, sessions and tokens; registers the sealed columns with key management. */
@Configuration(proxyBeanMethods = false)
class AuthConfiguration {

    @Bean
    SessionCredentials sessionCredentials(SessionStore store, CredentialSeal seal, Vault vault, AuthPolicies policies,
                                          SessionTokenRefresh oauth, ObjectProvider<Clock> clock) {
        return new SessionCredentials(store, seal, vault, policies, oauth, clock.getIfAvailable(Clock::systemUTC));
    }
}
