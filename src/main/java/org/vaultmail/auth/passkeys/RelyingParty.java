package org.vaultmail.auth.passkeys;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.web.webauthn.api.AttestationConveyancePreference;
import org.springframework.security.web.webauthn.api.AuthenticatorAssertionResponse;
import org.springframework.security.web.webauthn.api.AuthenticatorAttestationResponse;
import org.springframework.security.web.webauthn.api.AuthenticatorSelectionCriteria;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.PublicKeyCredential;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialCreationOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialDescriptor;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialParameters;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRequestOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRpEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.ResidentKeyRequirement;
import org.springframework.security.web.webauthn.api.UserVerificationRequirement;
import org.springframework.security.web.webauthn.jackson.WebauthnJacksonModule;
import org.springframework.security.web.webauthn.management.ImmutablePublicKeyCredentialCreationOptionsRequest;
import org.springframework.security.web.webauthn.management.ImmutablePublicKeyCredentialRequestOptionsRequest;
import org.springframework.security.web.webauthn.management.ImmutableRelyingPartyRegistrationRequest;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.RelyingPartyAuthenticationRequest;
import org.springframework.security.web.webauthn.management.RelyingPartyPublicKey;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.security.web.webauthn.management.Webauthn4JRelyingPartyOperations;
import org.springframework.util.function.SingletonSupplier;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Spring Security's WebAuthn relying party used directly, without its login filters (ADR 0048): options with user
 * verification required, the JSON the browser exchanges, and verification by webauthn4j. The options are rebuilt
 * from the stored challenge when the answer comes, so no HTTP session is needed. The user entity's name is the mail
 * address (what the authenticator shows in its account list).
 */
final class RelyingParty {

    private static final List<PublicKeyCredentialParameters> ALGORITHMS = List.of(PublicKeyCredentialParameters.EdDSA,
            PublicKeyCredentialParameters.ES256, PublicKeyCredentialParameters.RS256);
    private static final AuthenticatorSelectionCriteria SELECTION = AuthenticatorSelectionCriteria.builder()
            .userVerification(UserVerificationRequirement.REQUIRED).residentKey(ResidentKeyRequirement.REQUIRED).build();

    private final PublicKeyCredentialUserEntityRepository userEntities;
    private final UserCredentialRepository credentials;
    private final PublicKeyCredentialRpEntity rp;
    private final Supplier<Webauthn4JRelyingPartyOperations> operations;
    private final JsonMapper json = JsonMapper.builder().addModule(new WebauthnJacksonModule()).build();
    private final JdbcClient jdbc;

    RelyingParty(PublicKeyCredentialUserEntityRepository userEntities, UserCredentialRepository credentials,
                 PasskeyProperties properties, Environment environment, JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.userEntities = userEntities;
        this.credentials = credentials;
        this.rp = PublicKeyCredentialRpEntity.builder().id(properties.rpId()).name(properties.rpName()).build();
        // resolved at the first ceremony: by then local.server.port is known
        this.operations = SingletonSupplier.of(() -> {
            Set<String> origins = new LinkedHashSet<>();
            properties.origins().forEach(o -> origins.add(environment.resolvePlaceholders(o)));
            var ops = new Webauthn4JRelyingPartyOperations(userEntities, credentials, rp, origins);
            ops.setCustomizeCreationOptions(o -> o.authenticatorSelection(SELECTION).pubKeyCredParams(ALGORITHMS));
            ops.setCustomizeRequestOptions(o -> o.userVerification(UserVerificationRequirement.REQUIRED));
            return ops;
        });
    }

    /** New creation options for {@code address} (its user entity is created on first use); existing passkeys excluded. */
    PublicKeyCredentialCreationOptions creationOptions(String address) {
        return operations.get().createPublicKeyCredentialCreationOptions(
                new ImmutablePublicKeyCredentialCreationOptionsRequest(as(address)));
    }

    /** New request options for {@code address}, allowing only its own passkeys. */
    PublicKeyCredentialRequestOptions requestOptions(String address) {
        return operations.get().createCredentialRequestOptions(new ImmutablePublicKeyCredentialRequestOptionsRequest(as(address)));
    }

    /**
     * Request options this server builds itself (ADR 0051): user verification required, and only {@code allowed} (empty:
     * a discoverable credential, the authenticator offers the site's passkeys).
     */
    PublicKeyCredentialRequestOptions requestOptions(List<Bytes> allowed) {
        return PublicKeyCredentialRequestOptions.builder().challenge(Bytes.random()).rpId(rp.getId())
                .timeout(PasskeyCeremonies.LIFETIME).userVerification(UserVerificationRequirement.REQUIRED)
                .allowCredentials(allowed.stream().map(id -> PublicKeyCredentialDescriptor.builder().id(id).transports(Set.of()).build()).toList())
                .build();
    }

    /**
     * New request options naming no account and allowing any passkey of this site (discoverable credentials): for the
     * operator console, whose passkey step must look the same whether or not the password was right (ADR 0054).
     */
    PublicKeyCredentialRequestOptions anyPasskeyRequestOptions() {
        return requestOptions(List.of());
    }

    /** Verifies an attestation against the challenge this server sent, and stores the new passkey. */
    CredentialRecord register(String address, byte[] challenge, String credentialJson, String label) {
        PublicKeyCredentialUserEntity user = userEntities.findByUsername(address);
        if (user == null) throw new PasskeyException(PasskeyException.Problem.EXPIRED);
        PublicKeyCredential<AuthenticatorAttestationResponse> credential = json.readValue(credentialJson, new TypeReference<>() {
        });
        PublicKeyCredentialCreationOptions options = PublicKeyCredentialCreationOptions.builder()
                .rp(rp).user(user).challenge(new Bytes(challenge)).pubKeyCredParams(ALGORITHMS)
                .authenticatorSelection(SELECTION).attestation(AttestationConveyancePreference.NONE)
                .timeout(PasskeyCeremonies.LIFETIME).excludeCredentials(List.of()).build();
        CredentialRecord record = operations.get().registerCredential(new ImmutableRelyingPartyRegistrationRequest(options,
                new RelyingPartyPublicKey(credential, label)));
        // Spring's repository needs a last_used and fills it when the passkey is made; equal to created means "never used"
        jdbc.sql("UPDATE user_credentials SET last_used = created WHERE credential_id = ?")
                .param(record.getCredentialId().toBase64UrlString()).update();
        return record;
    }

    /** The assertion's credential id, as sent (not yet verified). */
    Bytes assertedCredentialId(PublicKeyCredential<AuthenticatorAssertionResponse> assertion) {
        return assertion.getRawId();
    }

    PublicKeyCredential<AuthenticatorAssertionResponse> parseAssertion(String assertionJson) {
        return json.readValue(assertionJson, new TypeReference<>() {
        });
    }

    /** Verifies an assertion (signature, challenge, origin, rp id, user verification, counter) and records its use. */
    PublicKeyCredentialUserEntity authenticate(byte[] challenge, PublicKeyCredential<AuthenticatorAssertionResponse> assertion) {
        PublicKeyCredentialRequestOptions options = PublicKeyCredentialRequestOptions.builder()
                .challenge(new Bytes(challenge)).rpId(rp.getId()).timeout(PasskeyCeremonies.LIFETIME)
                .userVerification(UserVerificationRequirement.REQUIRED).allowCredentials(List.of()).build();
        return operations.get().authenticate(new RelyingPartyAuthenticationRequest(options, assertion));
    }

    String toJson(Object options) {
        return json.writeValueAsString(options);
    }

    PublicKeyCredentialUserEntity userEntity(String address) {
        return userEntities.findByUsername(address);
    }

    UserCredentialRepository credentials() {
        return credentials;
    }

    private static UsernamePasswordAuthenticationToken as(String address) {
        return UsernamePasswordAuthenticationToken.authenticated(address, null, List.of());
    }

    static Duration lifetime() {
        return PasskeyCeremonies.LIFETIME;
    }
}
