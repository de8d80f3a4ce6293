package org.vaultmail.auth.mfa;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.modulith.NamedInterface;

/**
 * On a handler method: the action needs a recent proof of identity in this session (sudo mode, ADR 0026), checked
 * before the handler runs. A page gets a form asking for the proof that posts the request again with what the user
 * had typed; the API gets 403 {@link RecentAuthenticationException#REQUIRED_TYPE}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@NamedInterface("mfa")
public @interface RequiresRecentAuthentication {

    /** The message key of what the user is about to do, as the confirmation page names it. */
    String value() default "reauth.action.default";

    /**
     * Whether a sign-in within the window counts too ({@link FreshAuthentication}, for creating API keys); by default
     * only a proof inside the session does (ADR 0026).
     */
    boolean signInCounts() default false;

    /**
     * The page (a GET path under {@code /settings/}) the action belongs to: where a proof made away from Vaultmail,
     * at the session's OAuth provider (ADR 0047), comes back to, for the user to repeat the action.
     */
    String page() default "/settings/security";
}
