package org.vaultmail.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;

import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/** A notification is written in the language its recipient chose (ADR 0052), dates included; English otherwise. */
class NotificationMailLanguageTest {

    private static final Instant AT = Instant.parse("2026-03-04T05:06:07Z");

    private static String mailIn(Locale locale) throws Exception {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        NotificationMail mail = new NotificationMail(messages, "Example", "https://mail.example.org", id -> id == 7 ? locale : Locale.ENGLISH);
        Notice notice = new Notice(UUID.randomUUID(), Notice.Kind.MFA_RESET, 7, "alice@example.org", "op", null, AT, 0);
        MimeMessage m = mail.compose(Session.getInstance(new Properties()), notice, new InternetAddress("no-reply@example.org"),
                new InternetAddress("alice@example.org"), "example.org", AT);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeTo(out);
        return m.getSubject() + "\n" + String.join("\n", mail.paragraphs(notice, locale)) + "\n" + out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aUserWhoChoseGermanGetsTheMailInGermanWithAGermanDate() throws Exception {
        String mail = mailIn(Locale.GERMAN);
        assertThat(mail).startsWith("Die Zwei-Schritt-Anmeldung für Ihr Konto wurde ausgeschaltet")
                .contains("am 4. März 2026, 05:06 UTC").contains("Guten Tag,").containsPattern("<html lang=(3D)?\"de\">"); // the HTML part, quoted-printable when not ASCII
    }

    @Test
    void aUserWhoChoseFrenchGetsTheMailInFrenchWithAFrenchDate() throws Exception {
        String mail = mailIn(Locale.FRENCH);
        assertThat(mail).startsWith("La connexion en deux étapes a été désactivée pour votre compte")
                .contains("le 4 mars 2026 à 05:06 UTC").contains("Bonjour,").containsPattern("<html lang=(3D)?\"fr\">"); // the HTML part, quoted-printable when not ASCII
    }

    @Test
    void everyoneElseGetsEnglish() throws Exception {
        String mail = mailIn(Locale.ENGLISH);
        assertThat(mail).startsWith("Two-step sign-in was turned off for your account").contains("on 4 March 2026, 05:06 UTC")
                .containsPattern("<html lang=(3D)?\"en\">"); // the HTML part, quoted-printable when not ASCII
    }
}
