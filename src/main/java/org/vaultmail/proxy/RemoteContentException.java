package org.vaultmail.proxy;

import org.springframework.http.HttpStatus;

/**
 * Why a remote resource is not served, as a problem+json title and detail. The detail never names an
 * address the proxy resolved or was redirected to: only what the user sent may come back.
 */
final class RemoteContentException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final HttpStatus status;
    private final String title;

    RemoteContentException(HttpStatus status, String title, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
    }

    static RemoteContentException invalidUrl(String detail) {
        return new RemoteContentException(HttpStatus.BAD_REQUEST, "Invalid remote URL", detail);
    }

    static RemoteContentException forbidden(String detail) {
        return new RemoteContentException(HttpStatus.FORBIDDEN, "Remote address not allowed", detail);
    }

    static RemoteContentException unavailable(String detail) {
        return new RemoteContentException(HttpStatus.BAD_GATEWAY, "Remote content unavailable", detail);
    }

    HttpStatus status() {
        return status;
    }

    String title() {
        return title;
    }
}
