package org.vaultmail.proxy;

import java.util.concurrent.Semaphore;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.vaultmail.auth.AuthenticatedSession;

/**
 * {@code GET /remote?url=…}: a remote image, fetched by {@link RemoteFetcher} and served with headers
 * that stop a browser from treating it as anything but an image. Nothing of the upstream response but
 * the checked bytes is passed on (no Set-Cookie, no other headers); failures are problem+json.
 */
@RestController
class RemoteContentController {

    static final String CSP = "default-src 'none'; sandbox";

    private final RemoteFetcher fetcher;
    private final UserRateLimit rateLimit;
    private final UserFetches perUser;
    private final Semaphore concurrent;
    private final ProxyProperties properties;

    private final MessageSource messages;

    RemoteContentController(RemoteFetcher fetcher, ProxyProperties properties, MessageSource messages) {
        this.messages = messages;
        this.fetcher = fetcher;
        this.properties = properties;
        this.rateLimit = new UserRateLimit(properties.requestsPerMinute());
        this.perUser = new UserFetches(properties.maxConcurrentPerUser());
        this.concurrent = new Semaphore(properties.maxConcurrent());
    }

    @GetMapping(RemoteContentUrls.PATH)
    ResponseEntity<?> remote(@AuthenticationPrincipal AuthenticatedSession me, @RequestParam String url) {
        long wait = rateLimit.tryAcquire(me.userId());
        if (wait > 0) {
            // problem.… keys are put into the request's language by i18n.ProblemTexts; this one has an argument
            return problem(HttpStatus.TOO_MANY_REQUESTS, "problem.remote.tooMany.title",
                    messages.getMessage("problem.remote.tooMany", new Object[] {String.valueOf(wait)}, LocaleContextHolder.getLocale()),
                    HttpHeaders.RETRY_AFTER, Long.toString(wait));
        }
        RemoteUrl remote = RemoteUrl.parse(url);
        if (!perUser.tryAcquire(me.userId())) {
            return problem(HttpStatus.SERVICE_UNAVAILABLE, "problem.remote.busy.title", "problem.remote.busyUser",
                    HttpHeaders.RETRY_AFTER, "1");
        }
        if (!concurrent.tryAcquire()) {
            perUser.release(me.userId());
            return problem(HttpStatus.SERVICE_UNAVAILABLE, "problem.remote.busy.title", "problem.remote.busy",
                    HttpHeaders.RETRY_AFTER, "1");
        }
        try {
            FetchedImage image = fetcher.fetch(remote);
            return ResponseEntity.ok()
                    .contentType(MediaType.parseMediaType(image.type().mediaType()))
                    .cacheControl(CacheControl.maxAge(properties.cacheMaxAge()).cachePrivate())
                    .header("X-Content-Type-Options", "nosniff")
                    .header("Content-Security-Policy", CSP)
                    .header(HttpHeaders.CONTENT_DISPOSITION, "inline")
                    .body(image.bytes());
        } finally {
            concurrent.release();
            perUser.release(me.userId());
        }
    }

    @ExceptionHandler(RemoteContentException.class)
    ResponseEntity<ProblemDetail> refused(RemoteContentException e) {
        return problem(e.status(), e.title(), e.getMessage());
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail, String... headers) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setTitle(title);
        ResponseEntity.BodyBuilder response = ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", CSP);
        for (int i = 0; i < headers.length; i += 2) response.header(headers[i], headers[i + 1]);
        return response.body(body);
    }
}
