/**
 * Shared test fixtures; every feature's tests use these instead of rolling their own.
 *
 * <ul>
 *   <li>{@link org.vaultmail.testing.Requirements#require(boolean, String)}: a test that needs a real
 *       dependency (Chromium, Dovecot, PostgreSQL) is skipped without it, and fails instead when
 *       {@code VAULTMAIL_REQUIRE_ALL=1} (CI).</li>
 *   <li>{@link org.vaultmail.testing.GreenMailFixture}: in-JVM IMAP/SMTP on free loopback ports;
 *       {@code start()}, {@code startWithDemoMail()}, {@code createUser}, {@code seed(address, folder, n)},
 *       {@code deliver(MimeMessage)}, {@code imap(address, password)}, {@code domainProperties(i, domain)}.
 *       {@code @AutoClose static GreenMailFixture mail = GreenMailFixture.start();} is the shortest use.</li>
 *   <li>{@link org.vaultmail.testing.DovecotFixture} (tag {@code dovecot}): the real Dovecot/Postfix of
 *       {@code ../shared/mailserver}, started and seeded once per JVM by {@code get()}; IMAPS with the
 *       test certificate through {@code imaps(address, password)}, a PKCS#12 {@code trustStore()}.</li>
  <li>{@link org.vaultmail.testing.ImapTranscript}: a loopback forwarder to a plain IMAP port (GreenMail, or
 *       Dovecot's 1143) that writes down both sides of the conversation (credentials blanked): count the commands a
 *       store really sends ({@code commands()}, {@code commands("SORT")}) without a hook in production code.</li>
 *   <li>{@link org.vaultmail.testing.DemoAppTest} (tag {@code e2e}): the whole app in demo mode on random
 *       HTTP and mail ports with a fresh data directory; {@link org.vaultmail.testing.BrowserExtension}
 *       and {@link org.vaultmail.testing.Browser} drive Debian's headless Chromium and save a screenshot
 *       and the page source to {@code target/e2e-screenshots/} when a test fails.</li>
 *   <li>{@link org.vaultmail.testing.ApiTestApp}: the properties of a test that starts the app for its API
 *       ({@code register(registry, dataDirPrefix)}: fresh data directory, no scheduler, no throttle) and
 *       {@code signIn(http, address, password)} for a bearer token.</li>
 *   <li>{@link org.vaultmail.testing.ProblemAssertions#assertProblem}: a problem+json answer checked word for word.</li>
 * </ul>
 *
 * <p>Run one tier: {@code ./vaultmail test -Dgroups=e2e}, or leave the slow ones out with
 * {@code -DexcludedGroups=e2e,dovecot}.
 */
package org.vaultmail.testing;
