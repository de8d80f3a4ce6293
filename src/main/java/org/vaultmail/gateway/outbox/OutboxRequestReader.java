package org.vaultmail.gateway.outbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.vaultmail.i18n.UserText;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the body of {@code POST /api/v1/outbox} for {@link OutboxApiController}: the JSON form (read only up to what
 * the largest accepted message needs, 413 beyond) or the multipart form (a {@code message} part and file parts), parsed
 * strictly, with the SHA-256 an Idempotency-Key's repeat is compared against (it covers every part's name, filename,
 * type and content, so a retried upload hashes alike). Problems never quote the body.
 */
final class OutboxRequestReader {

    /** A send request as read, its files, and the hash of everything read (null when not asked for). */
    record Read(SendRequest request, List<SendRequest.File> files, @Nullable MessageDigest hash) {
    }

    private final JsonMapper json;
    private final LongSupplier maxMessageSize;

    OutboxRequestReader(JsonMapper json, LongSupplier maxMessageSize) {
        this.json = json;
        this.maxMessageSize = maxMessageSize;
    }

    /** {@code hashed}: only a send with an Idempotency-Key keeps a hash; a body may be tens of MB, not hashed for nothing. */
    Read json(HttpServletRequest http, boolean hashed) {
        byte[] body = body(http);
        SendRequest request = parse(body);
        if (!hashed) return new Read(request, List.of(), null);
        MessageDigest hash = sha256();
        hash.update("POST /api/v1/outbox json\n".getBytes(StandardCharsets.UTF_8));
        hash.update(body);
        return new Read(request, List.of(), hash);
    }

    Read multipart(MultipartHttpServletRequest multipart) {
        byte[] message = messagePart(multipart);
        SendRequest request = parse(message);
        MessageDigest hash = sha256();
        hash.update("POST /api/v1/outbox multipart\n".getBytes(StandardCharsets.UTF_8));
        hash.update(sha256(message));
        List<SendRequest.File> files = new ArrayList<>();
        for (Map.Entry<String, List<MultipartFile>> entry : multipart.getMultiFileMap().entrySet()) {
            if (entry.getKey().equals("message")) continue;
            for (MultipartFile f : entry.getValue()) {
                byte[] content = bytes(f);
                String filename = f.getOriginalFilename() == null ? entry.getKey() : f.getOriginalFilename();
                String type = f.getContentType() == null ? MediaType.APPLICATION_OCTET_STREAM_VALUE : f.getContentType();
                files.add(new SendRequest.File(filename, type, content, null));
                hash.update((entry.getKey() + "\0" + filename + "\0" + type + "\0").getBytes(StandardCharsets.UTF_8));
                hash.update(sha256(content));
            }
        }
        return new Read(request, files, hash);
    }

    private SendRequest parse(byte[] body) {
        try {
            // strict: a misspelt field ("attachment", "too") must not silently drop files or recipients
            return json.readerFor(SendRequest.class).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(body);
        } catch (JacksonException e) {
            // the original message only: no excerpt of the (personal) body
            throw OutboxProblem.badRequest(null, "problem.outbox.notJson", String.valueOf(e.getOriginalMessage())); // Jackson's reason, English
        }
    }

    /**
     * The JSON body, read only up to what a message of the largest accepted size can need as base64 in JSON: a
     * larger body is refused with 413 while it streams in, never held in memory whole.
     */
    private byte[] body(HttpServletRequest http) {
        long limit = maxJsonBody();
        if (http.getContentLengthLong() > limit) throw tooLarge(limit);
        try (java.io.InputStream in = http.getInputStream()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (body.length > limit) throw tooLarge(limit);
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private long maxJsonBody() {
        return maxMessageSize.getAsLong() / 3 * 4 + 1024 * 1024; // base64 of the largest message, plus the JSON around it
    }

    private static OutboxProblem tooLarge(long limit) {
        return new OutboxProblem(HttpStatus.CONTENT_TOO_LARGE, "problem.outbox.title.tooLarge",
                UserText.of("problem.outbox.bodyTooLarge", String.valueOf(limit)), null);
    }

    private static byte[] messagePart(MultipartHttpServletRequest multipart) {
        MultipartFile file = multipart.getFile("message");
        if (file != null) return bytes(file);
        String field = multipart.getParameter("message");
        if (field == null) throw OutboxProblem.badRequest("message", "problem.outbox.noMessagePart");
        return field.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(MultipartFile file) {
        try {
            return file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha256(byte[] data) {
        return sha256().digest(data);
    }
}
