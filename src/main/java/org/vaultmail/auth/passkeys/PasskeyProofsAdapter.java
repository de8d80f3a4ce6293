package org.vaultmail.auth.passkeys;

import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.vaultmail.auth.AuthenticatedSession;
import org.vaultmail.auth.mfa.PasskeyProofs;

/** Lends sudo mode and the MFA API the user's passkeys ({@link PasskeyProofs}); refusals become the user's message. */
final class PasskeyProofsAdapter implements PasskeyProofs {

    private final Passkeys passkeys;

    PasskeyProofsAdapter(Passkeys passkeys) {
        this.passkeys = passkeys;
    }

    @Override
    public List<Listed> list(String address) {
        return passkeys.list(address).stream().map(p -> new Listed(p.id(), p.name(), p.created(), p.lastUsed())).toList();
    }

    @Override
    public Challenge start(AuthenticatedSession me) {
        Passkeys.Ceremony ceremony = passkeys.startReauthentication(me);
        return new Challenge(ceremony.id(), ceremony.optionsJson());
    }

    @Override
    public Optional<String> verify(AuthenticatedSession me, String ceremonyId, String assertionJson, @Nullable String clientAddress) {
        try {
            passkeys.verifyReauthentication(me, ceremonyId, assertionJson, clientAddress);
            return Optional.empty();
        } catch (PasskeyException e) {
            return Optional.of(e.userMessage());
        }
    }
}
