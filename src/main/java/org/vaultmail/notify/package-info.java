/**
 * Mail to users about security-relevant things an operator did to their account (issue 6, ADR 0023):
 * sent through the operator's own notification SMTP server ({@code vaultmail.notifications.*}), queued
 * durably in the reset's own transaction and retried with backoff until delivered or given up.
 * {@link org.vaultmail.notify.Notifications} is what the console asks ("is anyone told?").
 */
@NullMarked
package org.vaultmail.notify;

import org.jspecify.annotations.NullMarked;
