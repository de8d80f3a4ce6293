package org.vaultmail.gateway.mailboxes;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link MailboxesTestSupport}'s app with providers {@code google} and {@code microsoft} configured for sending and the
 * oauth module's grants, tokens and flows stood in for ({@link FakeOAuth}). One context for the OAuth mailbox tests.
 */
@Import(FakeOAuth.class)
abstract class OAuthMailboxesTestSupport extends MailboxesTestSupport {

    @DynamicPropertySource
    static void oauthProviders(DynamicPropertyRegistry registry) {
        FakeOAuth.providerProperties(registry);
    }
}
