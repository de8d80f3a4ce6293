package org.vaultmail.webmail;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.util.HtmlUtils;
import org.vaultmail.mail.MailStoreException;
import org.vaultmail.organise.BulkActionBusyException;
import org.vaultmail.vault.VaultException;

/**
 * What went wrong with an organise request from the mail UI, as a toast in the user's language ({@code HX-Trigger})
 * and no swap: the list stays as it was, nothing is lost, and the user can try again (ADR 0056). The body says the same
 * in a line of HTML, for a client that is not htmx.
 */
@ControllerAdvice(assignableTypes = OrganisePageController.class)
@Order(Ordered.HIGHEST_PRECEDENCE) // before the global web.RequestProblems, which would show the plain error page
class OrganisePageProblems {

    private static final Logger log = LoggerFactory.getLogger(OrganisePageProblems.class);

    private final MessageSource messages;

    OrganisePageProblems(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler
    ResponseEntity<String> refused(OrganiseRefused e, HttpServletResponse response, Locale locale) {
        return toast(422, e.key(), response, locale);
    }

    @ExceptionHandler
    ResponseEntity<String> badRequest(IllegalArgumentException e, HttpServletRequest request, HttpServletResponse response, Locale locale) {
        String action = String.valueOf(request.getParameter("action"));
        String key = switch (action) {
            case "move", "copy" -> "organise.problem.destination";
            case "archive", "junk" -> "organise.problem.alreadyThere";
            default -> "organise.failed";
        };
        return toast(422, key, response, locale);
    }

    @ExceptionHandler
    ResponseEntity<String> mail(MailStoreException e, HttpServletRequest request, HttpServletResponse response, Locale locale) {
        String action = String.valueOf(request.getParameter("action"));
        String key = switch (e.reason()) {
            case NOT_FOUND -> "archive".equals(action) ? "organise.problem.noArchive"
                    : "junk".equals(action) ? "organise.problem.noJunk"
                    : request.getRequestURI().contains("/undo/") ? "organise.problem.undoGone" : "organise.problem.gone";
            case EXISTS, PROTECTED, REFUSED -> "organise.problem.refused";
            case WRONG_CREDENTIALS, UNAVAILABLE -> "organise.failed";
        };
        if (e.reason() != MailStoreException.Reason.NOT_FOUND) log.warn("Organising from the mail page failed: {}", e.getMessage());
        return toast(e.reason() == MailStoreException.Reason.NOT_FOUND ? 404 : 502, key, response, locale);
    }

    @ExceptionHandler
    ResponseEntity<String> busy(BulkActionBusyException e, HttpServletResponse response, Locale locale) {
        return toast(409, "organise.problem.busy", response, locale);
    }

    @ExceptionHandler
    ResponseEntity<String> session(VaultException e, HttpServletResponse response, Locale locale) {
        log.info("Session credentials could not be opened to organise: {}", e.getMessage());
        return toast(401, "problem.session.detail", response, locale);
    }

    /** The toast for htmx, and the same sentence as a small HTML answer for anything else that reads the body. */
    private ResponseEntity<String> toast(int status, String key, HttpServletResponse response, Locale locale) {
        String text = messages.getMessage(key, null, key, locale);
        response.setHeader("HX-Reswap", "none");
        new HxTriggers().toast(text).writeTo(response);
        return ResponseEntity.status(status).contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .body("<p class=\"notice\" role=\"alert\">" + HtmlUtils.htmlEscape(text) + "</p>\n");
    }
}
