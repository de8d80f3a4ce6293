package org.vaultmail.compose;

import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.ModelAndView;
import org.vaultmail.i18n.UserText;
import org.vaultmail.mail.MailStoreException;
import org.vaultmail.mail.SendException;

/**
 * Refusals of the composer's form posts (ADR 0057): a 4xx or 5xx with the fragment of the error slots, the problem's
 * text (the same bundle text the JSON API gives as {@code detail}) under the field it names or above the form, and for
 * a save the status line (a refused send leaves it: the draft was saved). Only out-of-band swaps: nothing the user typed is replaced.
 */
@ControllerAdvice(assignableTypes = ComposeFormController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ComposeFormProblems {

    private static final Logger log = LoggerFactory.getLogger(ComposeFormProblems.class);
    /** The slots the page has; a field named otherwise ({@code smtp}, {@code original.folder}) goes above the form. */
    private static final java.util.Set<String> SLOTS = java.util.Set.of("from", "to", "cc", "bcc", "subject", "attachments");

    private final MessageSource messages;

    ComposeFormProblems(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler
    ModelAndView tooLarge(TooLargeException e, Locale locale, HttpServletResponse response) {
        return refused(response, HttpStatus.CONTENT_TOO_LARGE, e.field(), shown(e, locale), "compose.status.unsaved");
    }

    @ExceptionHandler
    ModelAndView invalid(ComposeException e, Locale locale, HttpServletResponse response) {
        return refused(response, HttpStatus.BAD_REQUEST, e.field(), shown(e, locale), "compose.status.unsaved");
    }

    @ExceptionHandler
    ModelAndView uploadTooLarge(MaxUploadSizeExceededException e, Locale locale, HttpServletResponse response) {
        return refused(response, HttpStatus.CONTENT_TOO_LARGE, "attachments", messages.getMessage("problem.compose.uploadTooLarge", null, locale),
                "compose.status.unsaved");
    }

    @ExceptionHandler
    ModelAndView tooManyUploads(TooManyUploadsException e, Locale locale, HttpServletResponse response) {
        response.setHeader("Retry-After", "5");
        return refused(response, HttpStatus.TOO_MANY_REQUESTS, "attachments", shown(e, locale), "compose.status.unsaved");
    }

    @ExceptionHandler
    ModelAndView cancelled(SendCancelledException e, Locale locale, HttpServletResponse response) {
        ModelAndView page = refused(response, HttpStatus.CONFLICT, null, shown(e, locale), null);
        page.addObject("plain", true); // "Sending was cancelled; …" is not "The message was not sent: …"
        return page;
    }

    @ExceptionHandler
    ModelAndView send(SendException e, Locale locale, HttpServletResponse response) {
        return switch (e.reason()) {
            case AUTH_FAILED -> refused(response, HttpStatus.BAD_GATEWAY, null, text("problem.compose.smtpLogin", locale), null);
            case TOO_LARGE -> refused(response, HttpStatus.CONTENT_TOO_LARGE, "attachments", text(Sending.SERVER_TOO_LARGE, locale), null);
            case RECIPIENT_REJECTED -> refused(response, HttpStatus.BAD_REQUEST, "to", e.getMessage(), null);
            case UNAVAILABLE -> refused(response, HttpStatus.SERVICE_UNAVAILABLE, null, e.getMessage(), null);
            case REFUSED -> refused(response, HttpStatus.BAD_GATEWAY, null, e.getMessage(), null);
        };
    }

    @ExceptionHandler
    ModelAndView mail(MailStoreException e, Locale locale, HttpServletResponse response) {
        if (e.reason() != MailStoreException.Reason.NOT_FOUND) log.warn("Composer request failed: {}", e.getMessage());
        HttpStatus status = switch (e.reason()) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
            default -> HttpStatus.BAD_GATEWAY;
        };
        // a save is tried again by the page (as the JSON UI did, no text); a draft gone is saved anew on the next change
        return refused(response, status, null, null, status == HttpStatus.NOT_FOUND ? "compose.status.unsaved" : "compose.status.retrying");
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }

    private @Nullable String shown(RuntimeException e, Locale locale) {
        return UserText.of(e, messages, locale);
    }

    private static ModelAndView refused(HttpServletResponse response, HttpStatus status, @Nullable String field, @Nullable String text, @Nullable String statusKey) {
        String base = field == null ? "" : field.replaceAll("[\\[.].*$", "");
        String slot = "name".equals(base) ? "from" : base;
        response.setHeader("HX-Reswap", "none"); // only the out-of-band slots: the form stays as typed
        ModelAndView page = new ModelAndView("compose-fragments :: refused");
        page.setStatus(status);
        page.addObject("slot", SLOTS.contains(slot) ? slot : null);
        page.addObject("problem", text == null ? "" : text);
        page.addObject("statusKey", statusKey);
        return page;
    }
}
