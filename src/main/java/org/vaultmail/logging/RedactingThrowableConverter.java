package org.vaultmail.logging;

import ch.qos.logback.classic.spi.IThrowableProxy;
import org.springframework.boot.logging.logback.ExtendedWhitespaceThrowableProxyConverter;

/**
 * {@code %wEx}, {@code %ex} and their aliases: the stack trace (with the messages of every cause)
 * with secrets redacted. Exception messages are free text written by libraries, so this matters.
 */
public class RedactingThrowableConverter extends ExtendedWhitespaceThrowableProxyConverter {

    @Override
    protected String throwableProxyToString(IThrowableProxy tp) {
        return Redactor.redactText(super.throwableProxyToString(tp));
    }
}
