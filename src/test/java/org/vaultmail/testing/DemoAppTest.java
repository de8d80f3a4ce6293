package org.vaultmail.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.vaultmail.VaultmailApplication;

/**
 * Boots the whole app in demo mode in this JVM on random ports: HTTP ({@code @LocalServerPort}),
 * the demo's GreenMail IMAP/SMTP, and a fresh data directory, so it can run beside a developer's
 * {@code ./vaultmail demo}.
 *
 * <p>Why in-process ({@code @SpringBootTest}, RANDOM_PORT) rather than the built jar as a child
 * process: Surefire runs before {@code package}, so there is no jar yet in {@code mvn verify}; and one
 * cached context serves every e2e class, starts in seconds, and lets tests inject beans. The jar's own
 * start-up path ({@code Launcher}) is checked by the demo start-up measurement instead.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Tag("e2e")
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
@ContextConfiguration(initializers = DemoAppInitializer.class)
public @interface DemoAppTest {
}
