package org.vaultmail.compose;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;
import org.vaultmail.mail.MailStoreException;
import org.vaultmail.web.ErrorPages;

/**
 * The composer's page actions (reply, forward: {@code POST /compose/start} from the reading pane's buttons) answer
 * a bad request or a message that is gone with the error page saying so, as their API twin answers 400/404.
 * Nothing the user typed is lost: the draft is only made when the original could be read.
 */
@ControllerAdvice(assignableTypes = ComposePageController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ComposePageProblems {

    @ExceptionHandler
    ModelAndView invalid(ComposeException e) {
        if (e instanceof TooLargeException) return ErrorPages.page(HttpStatus.CONTENT_TOO_LARGE, null);
        return ErrorPages.page(HttpStatus.BAD_REQUEST, "mode".equals(e.field()) ? "error.composeStart.mode" : null);
    }

    @ExceptionHandler
    ModelAndView mail(MailStoreException e) {
        return switch (e.reason()) {
            case NOT_FOUND -> ErrorPages.page(HttpStatus.NOT_FOUND, "error.composeStart.gone");
            case UNAVAILABLE -> ErrorPages.page(HttpStatus.SERVICE_UNAVAILABLE, "error.composeStart.unavailable");
            // the server refused or the session's password no longer works: the reading pane says which on reload
            default -> ErrorPages.page(HttpStatus.BAD_GATEWAY, null);
        };
    }
}
