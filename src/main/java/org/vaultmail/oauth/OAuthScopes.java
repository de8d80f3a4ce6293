package org.vaultmail.oauth;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The scopes Vaultmail asks for, exactly, per provider family and purpose (least privilege; a test asserts each set so
 * that a broader scope cannot be added unnoticed). {@code gmail.send} allows only the REST send call (not SMTP);
 * Graph {@code Mail.Send} only {@code sendMail}; IMAP and SMTP need {@code https://mail.google.com/} or the
 * {@code outlook.office.com} resource scopes. Google issues refresh tokens through {@code access_type=offline}, not a
 * scope; Microsoft through {@code offline_access}.
 */
public final class OAuthScopes {

    public static final String OPENID = "openid";
    public static final String EMAIL = "email";
    public static final String OFFLINE_ACCESS = "offline_access";
    public static final String GMAIL_SEND = "https://www.googleapis.com/auth/gmail.send";
    public static final String GOOGLE_MAIL = "https://mail.google.com/";
    public static final String GRAPH_MAIL_SEND = "Mail.Send";
    public static final String OUTLOOK_IMAP = "https://outlook.office.com/IMAP.AccessAsUser.All";
    public static final String OUTLOOK_SMTP = "https://outlook.office.com/SMTP.Send";

    private OAuthScopes() {
    }

    /**
     * The scopes to request. For {@link ProviderKind#GENERIC} the operator configures the mail scopes
     * ({@code genericMailScopes}); {@link OAuthPurpose#SEND} is not offered for generic providers (there is no send
     * API) and throws {@link IllegalArgumentException}.
     */
    public static Set<String> of(ProviderKind kind, OAuthPurpose purpose, List<String> genericMailScopes) {
        return switch (kind) {
            case GOOGLE -> switch (purpose) {
                case SEND -> ordered(OPENID, EMAIL, GMAIL_SEND);
                case MAIL, MIGRATION_SOURCE -> ordered(OPENID, EMAIL, GOOGLE_MAIL);
            };
            case MICROSOFT -> switch (purpose) {
                case SEND -> ordered(OPENID, EMAIL, OFFLINE_ACCESS, GRAPH_MAIL_SEND);
                case MAIL -> ordered(OPENID, EMAIL, OFFLINE_ACCESS, OUTLOOK_IMAP, OUTLOOK_SMTP);
                case MIGRATION_SOURCE -> ordered(OPENID, EMAIL, OFFLINE_ACCESS, OUTLOOK_IMAP);
            };
            case GENERIC -> {
                if (purpose == OAuthPurpose.SEND) {
                    throw new IllegalArgumentException("a generic OAuth provider has no send API");
                }
                Set<String> scopes = new LinkedHashSet<>(List.of(OPENID, EMAIL, OFFLINE_ACCESS));
                scopes.addAll(genericMailScopes);
                yield Collections.unmodifiableSet(scopes);
            }
        };
    }

    /**
     * The scopes of a re-authentication ({@link OAuthFlows#reauthenticate}, ADR 0047): who the user is, nothing more.
     * The flow only proves identity; no mail scope and no refresh token are asked for.
     */
    public static Set<String> identity() {
        return ordered(OPENID, EMAIL);
    }

    private static Set<String> ordered(String... scopes) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(List.of(scopes)));
    }
}
