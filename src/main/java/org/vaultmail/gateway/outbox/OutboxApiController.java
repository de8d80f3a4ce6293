package org.vaultmail.gateway.outbox;

import java.net.URI;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.vaultmail.gateway.apikeys.ApiKeyAuthentication;
import org.vaultmail.gateway.apikeys.ApiKeyGrant;
import org.vaultmail.gateway.apikeys.ApiScope;
import org.vaultmail.gateway.mailboxes.ConnectedMailbox;
import org.vaultmail.gateway.mailboxes.ConnectedMailboxes;
import org.vaultmail.gateway.mailboxes.MailboxState;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outbox API (issue 13 items 3 and 4, ADR 0037), for requests authenticated by an API key: send ({@code send}
 * on the mailbox), read ({@code outbox:read}), cancel and retry ({@code send} on the message's mailbox). A session's
 * bearer token or cookie is not enough: 403.
 * Reading the request bodies is {@link OutboxRequestReader}'s.
 */
@RestController
class OutboxApiController {

    static final String REPLAYED = "Idempotent-Replayed";

    private final OutboxMessageBuilder builder;
    private final OutboxAcceptance acceptance;
    private final OutboxIdempotency idempotency;
    private final OutboxMessages messages;
    private final ConnectedMailboxes mailboxes;
    private final JsonMapper json;
    private final OutboxRequestReader reader;

    OutboxApiController(OutboxMessageBuilder builder, OutboxAcceptance acceptance, OutboxIdempotency idempotency,
                        OutboxMessages messages, ConnectedMailboxes mailboxes, JsonMapper json) {
        this.builder = builder;
        this.acceptance = acceptance;
        this.idempotency = idempotency;
        this.messages = messages;
        this.mailboxes = mailboxes;
        this.json = json;
        this.reader = new OutboxRequestReader(json, builder::maxMessageSize);
    }

    @PostMapping(path = "/api/v1/outbox", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> sendJson(Authentication auth, HttpServletRequest http,
                                    @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String key) {
        ApiKeyGrant grant = grant(auth, ApiScope.SEND);
        OutboxRequestReader.Read read = reader.json(http, key != null); // no key: no request hash to keep
        return send(grant, read.request(), read.files(), key, read.hash());
    }

    /** {@code multipart/form-data}: a {@code message} part (the JSON body) and any number of file parts. */
    @PostMapping(path = "/api/v1/outbox", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<String> sendMultipart(Authentication auth, MultipartHttpServletRequest multipart,
                                         @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String key) {
        ApiKeyGrant grant = grant(auth, ApiScope.SEND);
        OutboxRequestReader.Read read = reader.multipart(multipart);
        return send(grant, read.request(), read.files(), key, read.hash());
    }

    @GetMapping("/api/v1/outbox/{id}")
    Map<String, Object> one(Authentication auth, @PathVariable String id) {
        ApiKeyGrant grant = grant(auth, ApiScope.OUTBOX_READ);
        return view(messages.find(grant.userId(), id).orElseThrow(OutboxProblem::notFound), true);
    }

    @GetMapping("/api/v1/outbox")
    Map<String, Object> list(Authentication auth, @RequestParam(required = false) @Nullable String status,
                             @RequestParam(required = false) @Nullable String mailbox,
                             @RequestParam(defaultValue = "" + OutboxMessages.DEFAULT_LIMIT) int limit,
                             @RequestParam(required = false) @Nullable String before) {
        ApiKeyGrant grant = grant(auth, ApiScope.OUTBOX_READ);
        OutboxStatus wanted = null;
        if (status != null && !status.isBlank()) {
            try {
                wanted = OutboxStatus.of(status);
            } catch (IllegalArgumentException e) {
                throw OutboxProblem.badRequest("status", "problem.outbox.status");
            }
        }
        Long mailboxId = null;
        if (mailbox != null && !mailbox.isBlank()) {
            mailboxId = mailboxes.byAddress(grant.userId(), mailbox.strip()).map(ConnectedMailbox::id).orElse(-1L);
        }
        if (limit < 1 || limit > OutboxMessages.MAX_LIMIT) {
            throw OutboxProblem.badRequest("limit", "problem.outbox.limit", String.valueOf(OutboxMessages.MAX_LIMIT));
        }
        OutboxMessages.Page page = messages.list(grant.userId(), wanted, mailboxId, limit, before);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("messages", page.messages().stream().map(v -> view(v, false)).toList());
        out.put("next", page.next());
        return out;
    }

    @DeleteMapping("/api/v1/outbox/{id}")
    Map<String, Object> cancel(Authentication auth, @PathVariable String id, HttpServletRequest request) {
        ApiKeyGrant grant = grant(auth, ApiScope.SEND);
        return view(messages.cancel(grant.userId(), id, grant::maySendFrom, actor(grant, request)), true);
    }

    @PostMapping("/api/v1/outbox/{id}/retry")
    Map<String, Object> retry(Authentication auth, @PathVariable String id, HttpServletRequest request) {
        ApiKeyGrant grant = grant(auth, ApiScope.SEND);
        return view(messages.retry(grant.userId(), id, grant::maySendFrom, actor(grant, request)), true);
    }

    private ResponseEntity<String> send(ApiKeyGrant grant, SendRequest request, List<SendRequest.File> files,
                                        @Nullable String rawKey, @Nullable MessageDigest hash) {
        String key = OutboxIdempotency.checked(rawKey);
        ConnectedMailbox mailbox = mailbox(grant, request.mailbox());
        OutboxMessageBuilder.Built built = builder.build(request, mailbox, files);
        OutboxIdempotency.Claim claim = null;
        if (key != null && hash != null) {
            switch (idempotency.claim(grant.userId(), mailbox.id(), key, HexFormat.of().formatHex(hash.digest()))) {
                case OutboxIdempotency.Replay replay -> {
                    return ResponseEntity.status(replay.status()).contentType(MediaType.APPLICATION_JSON)
                            .header(REPLAYED, "true").body(replay.body());
                }
                case OutboxIdempotency.Claim c -> claim = c;
            }
        }
        OutboxAcceptance.Accepted accepted;
        try {
            accepted = acceptance.accept(new OutboxStore.NewMessage(grant.userId(), mailbox.id(), grant.keyId(),
                    built.messageId(), built.sendAt(), built.metadata()), built.content(), claim);
        } catch (RuntimeException e) {
            if (claim != null) idempotency.release(claim); // nothing was stored: the key is free for a repeat
            throw e;
        }
        return ResponseEntity.accepted().location(URI.create("/api/v1/outbox/" + accepted.id()))
                .contentType(MediaType.APPLICATION_JSON).body(accepted.json());
    }

    /**
     * The user's connected mailbox named in the body: unknown (or another user's) is 422 naming the field, as is a
     * disabled one; one the key may not send through is 403. {@code needs_reauth} is accepted: the worker holds it.
     */
    private ConnectedMailbox mailbox(ApiKeyGrant grant, @Nullable String address) {
        if (address == null || address.isBlank()) throw OutboxProblem.invalid("mailbox", "problem.outbox.noMailbox");
        ConnectedMailbox mailbox = mailboxes.byAddress(grant.userId(), address.strip()).orElseThrow(() ->
                OutboxProblem.invalid("mailbox", "problem.outbox.unknownMailbox", address.strip()));
        if (!grant.maySendFrom(mailbox.id())) {
            throw OutboxProblem.forbidden("problem.outbox.mailboxNotInKey", mailbox.address());
        }
        if (mailbox.state() == MailboxState.DISABLED) {
            throw OutboxProblem.invalid("mailbox", "problem.outbox.mailboxDisabled", mailbox.address());
        }
        return mailbox;
    }

    private static ApiKeyGrant grant(Authentication auth, ApiScope scope) {
        if (!(auth instanceof ApiKeyAuthentication key)) {
            throw OutboxProblem.forbidden("problem.outbox.needsKey");
        }
        if (!key.getPrincipal().has(scope)) {
            throw OutboxProblem.forbidden("problem.outbox.lacksScope", scope.label());
        }
        return key.getPrincipal();
    }

    private static OutboxMessages.Actor actor(ApiKeyGrant grant, HttpServletRequest request) {
        return new OutboxMessages.Actor(grant.prefix(), grant.ownerAddress(), request.getRemoteAddr());
    }

    private Map<String, Object> view(OutboxMessages.View v, boolean withHistory) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", v.id());
        out.put("status", v.status());
        out.put("messageId", v.messageId());
        out.put("mailbox", v.mailbox());
        out.put("createdAt", v.createdAt().toString());
        out.put("sendAt", v.sendAt().toString());
        out.put("attempts", v.attempts());
        out.put("recipientCount", v.recipientCount());
        if (v.replyCode() != null) out.put("replyCode", v.replyCode());
        if (v.failureReason() != null) out.put("failureReason", v.failureReason());
        out.put("metadata", v.metadata() == null ? null : json.readTree(v.metadata()));
        if (withHistory) {
            out.put("history", v.history().stream().map(h -> {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("status", h.status());
                entry.put("at", h.at().toString());
                entry.put("detail", h.detail());
                return entry;
            }).toList());
        }
        return out;
    }


}
