package org.vaultmail.auth.mfa;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.vaultmail.auth.AuthenticatedSession;



/**
 * {@code /api/v1/settings/mfa}: the second factors' state (TOTP, and the passkeys: listed, managed in a browser),
 * turning TOTP off and replacing the recovery codes. The
 * changes need a recent proof ({@code POST /api/v1/sessions/current/reauthenticate}, ADR 0026); setting it up stays
 * a browser task (the QR code, ADR 0006).
 */
@RestController
@RequestMapping("/api/v1/settings/mfa")
class MfaApiController {

    record MfaState(boolean enabled, @Nullable Integer recoveryCodesLeft, @Nullable Instant reauthenticatedUntil, String proof,
                    List<PasskeyView> passkeys) {
    }

    /** A passkey as the API lists it: public id, name, when added and last used (null: never); never key material. */
    record PasskeyView(String id, String name, @Nullable Instant created, @Nullable Instant lastUsed) {
    }

    /** Shown once. */
    record RecoveryCodesView(List<String> recoveryCodes) {
        @Override
        public String toString() {
            return "RecoveryCodesView[PROTECTED]";
        }
    }

    private final UserMfa mfa;
    private final RecentAuthentication recent;

    MfaApiController(UserMfa mfa, RecentAuthentication recent) {
        this.mfa = mfa;
        this.recent = recent;
    }

    @GetMapping
    MfaState state(@AuthenticationPrincipal AuthenticatedSession me) {
        boolean enabled = mfa.enrolled(me.userId());
        return new MfaState(enabled, enabled ? mfa.recoveryCodesLeft(me.userId()) : null, recent.freshUntil(me).orElse(null),
                RecentAuthenticationAdvice.proofName(recent.proof(me)), recent.passkeyProofs()
                .map(p -> p.list(me.address()).stream().map(k -> new PasskeyView(k.id(), k.name(), k.created(), k.lastUsed())).toList())
                .orElse(List.of()));
    }

    @DeleteMapping
    @RequiresRecentAuthentication("reauth.action.mfaDisable")
    ResponseEntity<?> disable(@AuthenticationPrincipal AuthenticatedSession me) {
        return mfa.disable(me.userId(), me.address()) ? ResponseEntity.noContent().build() : notOn(HttpStatus.NOT_FOUND);
    }

    @PostMapping("/recovery-codes")
    @RequiresRecentAuthentication("reauth.action.recoveryCodes")
    ResponseEntity<?> replaceRecoveryCodes(@AuthenticationPrincipal AuthenticatedSession me) {
        Optional<List<String>> codes = mfa.replaceRecoveryCodes(me.userId(), me.address());
        return codes.<ResponseEntity<?>>map(c -> ResponseEntity.ok(new RecoveryCodesView(c))).orElseGet(() -> notOn(HttpStatus.CONFLICT));
    }

    private static ResponseEntity<ProblemDetail> notOn(HttpStatus status) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, "problem.api.mfaOff.detail");
        problem.setTitle("problem.api.mfaOff.title");
        return ResponseEntity.status(status).body(problem);
    }
}
