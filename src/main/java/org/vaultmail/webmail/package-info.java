/**
 * The reading UI: a three-pane webmail (folders | list | message) rendered on the server with Thymeleaf and
 * updated in place with htmx (ADR 0014). It only calls {@link org.vaultmail.reading.Mailbox}; the message body
 * is served as its own sandboxed document with its own Content-Security-Policy.
 */
@NullMarked
package org.vaultmail.webmail;

import org.jspecify.annotations.NullMarked;
