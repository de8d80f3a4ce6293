/**
 * Demo mode ({@code ./vaultmail demo}, Spring profile {@code demo}): an in-process GreenMail on
 * 127.0.0.1 (IMAP {@code vaultmail.demo.imap-port}, default 3143; SMTP {@code vaultmail.demo.smtp-port},
 * default 3025) with the users {@code alice@demo.test}/{@code alice} and {@code bob@demo.test}/{@code bob},
 * seeded with deterministic, realistic MIME mail; application-demo.yml maps the domain {@code demo.test}
 * to it. Nothing here is used outside the demo profile, but tests reuse {@link
 * org.vaultmail.demo.DemoMailSeeder} and {@link org.vaultmail.demo.DemoMessages} to fill mailboxes.
 */
package org.vaultmail.demo;
