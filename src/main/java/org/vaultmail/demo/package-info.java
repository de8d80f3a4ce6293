/**
 * Demo mode ({@code ./vaultmail demo}, Spring profile {@code demo}): an in-process GreenMail on
 * 127.0.0.1 (IMAP {@code vaultmail.demo.imap-port}, default 3143; SMTP {@code vaultmail.demo.smtp-port},
 * default 3025; 0 = any free port) with the users {@code alice@demo.test}/{@code alice} and
 * {@code bob@demo.test}/{@code bob}, seeded with deterministic, realistic MIME mail; the domain
 * {@code demo.test} is added to {@code vaultmail.domains} with the ports actually used. At every start {@link
 * org.vaultmail.demo.DemoGateway} also makes the sending gateway ready to try (alice's mailbox connected, her API key
 * in {@code <data-dir>/demo-api-key}, 0600) and the banner prints a curl command that uses it. Nothing here is used
 * outside the demo profile, but tests reuse {@link
 * org.vaultmail.demo.DemoMailSeeder} and {@link org.vaultmail.demo.DemoMessages} to fill mailboxes.
 */
package org.vaultmail.demo;
