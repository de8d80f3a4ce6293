package org.vaultmail.gateway.outbox.delivery;

import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.mail.MessagingException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vaultmail.gateway.mailboxes.ConnectedMailbox;
import org.vaultmail.gateway.mailboxes.ConnectedMailboxes;
import org.vaultmail.gateway.mailboxes.MailboxAuthenticationException;
import org.vaultmail.gateway.mailboxes.SendApi;
import org.vaultmail.gateway.outbox.OutboxContent;
import org.vaultmail.oauth.OAuthReauthRequiredException;
import org.vaultmail.oauth.OAuthUnavailableException;
import org.vaultmail.oauth.ProviderKind;
import org.vaultmail.vault.Secret;

/**
 * An OAuth mailbox's transport (ADR 0044): one POST of the MIME to the provider's send API with a bearer token, under
 * ADR 0038's discipline. The token is fetched before the mark; the mark is committed before the POST; an answer that
 * proves nothing was accepted (401, 429, 4xx, most 5xx) is final for this attempt, a lost answer is
 * {@code delivery_uncertain}. A 401 means the token was refused: it is reported ({@code rejected}), the mark taken
 * back, and the POST made once more with a fresh token. No Sent copy: both providers file sent mail themselves.
 */
final class ProviderApiTransport implements MessageTransport {

    private static final Logger log = LoggerFactory.getLogger(ProviderApiTransport.class);
    /** Google answers its usage limits with 403 and one of these reasons: temporary, not a refusal of the message. */
    private static final Set<String> GOOGLE_RATE_LIMITS = Set.of("rateLimitExceeded", "userRateLimitExceeded",
            "dailyLimitExceeded", "quotaExceeded", "RESOURCE_EXHAUSTED");

    private final ConnectedMailboxes mailboxes;
    private final ProviderApiClient client;
    private final Supplier<Instant> now;

    ProviderApiTransport(ConnectedMailboxes mailboxes, ProviderApiClient client, Supplier<Instant> now) {
        this.mailboxes = mailboxes;
        this.client = client;
        this.now = now;
    }

    @Override
    public void send(DeliveryRows.Claimed m, ConnectedMailbox mailbox, OutboxContent content, Attempt attempt) {
        SendApi api;
        try {
            api = mailboxes.sendApi(m.mailboxId());
        } catch (MailboxAuthenticationException e) {
            attempt.authenticationFailed();
            return;
        } catch (MessagingException e) { // disabled meanwhile, grant gone, provider no longer configured
            attempt.record(new DeliveryOutcome.Temporary("mailbox_unavailable", null, e.getMessage()));
            return;
        }
        ProviderApiRequest request = ProviderApiRequest.of(api.kind(), api.base(), content.recipients(), content.mime());
        try {
            send(m, api, request, attempt);
        } finally {
            Arrays.fill(request.body(), (byte) 0);
        }
    }

    private void send(DeliveryRows.Claimed m, SendApi api, ProviderApiRequest request, Attempt attempt) {
        for (int round = 1; ; round++) {
            Secret token;
            try {
                token = api.tokens().accessToken();
            } catch (OAuthReauthRequiredException e) {
                attempt.authenticationFailed();
                return;
            } catch (OAuthUnavailableException e) {
                attempt.record(new DeliveryOutcome.Temporary("token_unavailable", null, e.getMessage()));
                return;
            }
            try (token) {
                if (!attempt.markDataSent()) {
                    attempt.record(new DeliveryOutcome.LeaseLost());
                    return;
                }
                ProviderApiClient.Answer answer;
                try {
                    answer = client.post(request, token);
                } catch (ProviderApiClient.NotSent e) {
                    attempt.record(new DeliveryOutcome.Temporary("connection_failed", null, e.getMessage()));
                    return;
                } catch (ProviderApiClient.NoAnswer e) {
                    attempt.record(new DeliveryOutcome.Uncertain("no answer from the " + name(api.kind())
                            + " after the message was sent (" + e.getMessage() + ")"));
                    return;
                }
                if (answer.status() == 401) {
                    api.tokens().rejected(token);
                    if (!attempt.unmarkDataSent()) { // the 401 proved nothing was accepted; only the lease is gone
                        attempt.record(new DeliveryOutcome.LeaseLost());
                        return;
                    }
                    if (round == 1) {
                        log.info("outbox {}: the {} refused the access token; once more with a fresh one", m.id(), name(api.kind()));
                        continue;
                    }
                    attempt.authenticationFailed(); // a fresh token refused too: as a refused password
                    return;
                }
                attempt.record(outcome(api.kind(), answer));
                return;
            }
        }
    }

    /** Any answer but 401. */
    private DeliveryOutcome outcome(ProviderKind kind, ProviderApiClient.Answer a) {
        int s = a.status();
        String what = s + (a.errorCode() == null ? "" : " " + a.errorCode());
        if (s / 100 == 2) {
            return new DeliveryOutcome.Sent(s, s + " accepted by the " + name(kind) + (a.id() == null ? "" : " (id " + a.id() + ")"), 0, null);
        }
        if (s == 429 || s == 503) {
            return new DeliveryOutcome.Temporary(s == 429 ? "rate_limited" : "api_unavailable", s, what + " from the " + name(kind),
                    RetryAfter.parse(a.retryAfter(), now.get()));
        }
        if (s == 403 && kind == ProviderKind.GOOGLE && a.errorCode() != null && GOOGLE_RATE_LIMITS.contains(a.errorCode())) {
            return new DeliveryOutcome.Temporary("rate_limited", s, what + " from the " + name(kind),
                    RetryAfter.parse(a.retryAfter(), now.get()));
        }
        if (s == 502 || s == 504) { // a proxy lost its upstream, which may have taken the message: as a lost reply
            return new DeliveryOutcome.Uncertain(what + " from the " + name(kind) + " after the message was sent");
        }
        if (s / 100 == 5) return new DeliveryOutcome.Temporary("api_error", s, what + " from the " + name(kind));
        if (s == 413) return new DeliveryOutcome.Permanent("message_too_large", s, what + ": the " + name(kind) + " refused the message's size");
        if (s == 403) return new DeliveryOutcome.Permanent("api_forbidden", s, what + ": the " + name(kind) + " does not let this account send this message");
        return new DeliveryOutcome.Permanent("rejected_by_api", s, what + ": the " + name(kind) + " refused the message");
    }

    private static String name(ProviderKind kind) {
        return kind == ProviderKind.GOOGLE ? "Gmail API" : "Microsoft Graph API";
    }
}
