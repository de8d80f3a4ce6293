package org.vaultmail.testing;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.vaultmail.demo.DemoMailSeeder;

/**
 * An in-JVM GreenMail (IMAP + SMTP) on free loopback ports, for tests: create users, seed folders,
 * deliver messages, and point a booted app at it with {@link #domainProperties}. Close it (or use
 * try-with-resources / a {@code static} field closed in {@code @AfterAll}) to stop the server.
 */
public final class GreenMailFixture implements AutoCloseable {

    public static final String HOST = "127.0.0.1";

    private final GreenMail greenMail;
    private final DemoMailSeeder seeder;

    private GreenMailFixture() {
        greenMail = new GreenMail(new ServerSetup[] {
                new ServerSetup(0, HOST, ServerSetup.PROTOCOL_IMAP),
                new ServerSetup(0, HOST, ServerSetup.PROTOCOL_SMTP)});
        greenMail.start();
        seeder = new DemoMailSeeder(greenMail, Clock.systemUTC());
    }

    /** Starts a server on free ports; nothing in it yet. */
    public static GreenMailFixture start() {
        return new GreenMailFixture();
    }

    /** Starts a server holding the demo's alice (about 200 messages) and bob, as {@code ./vaultmail demo} does. */
    public static GreenMailFixture startWithDemoMail() {
        GreenMailFixture fixture = start();
        fixture.seeder.seedDemoAccounts();
        return fixture;
    }

    /** Adds a user whose login is the full address. */
    public GreenMailUser createUser(String address, String password) {
        return greenMail.setUser(address, address, password);
    }

    /** Stores {@code n} plain messages in {@code folder} ("/"-separated, created if missing) of an existing user. */
    public void seed(String address, String folder, int n) {
        seeder.seedPlain(user(address), folder, n);
    }

    /** Delivers to the INBOX of every recipient (To, Cc, Bcc) who is a user here, as SMTP would. */
    public void deliver(MimeMessage message) {
        try {
            List<Address> recipients = new ArrayList<>(List.of(message.getAllRecipients()));
            for (Address recipient : recipients) {
                GreenMailUser user = greenMail.getUserManager().getUserByEmail(((InternetAddress) recipient).getAddress());
                if (user != null) user.deliver(message);
            }
        } catch (MessagingException e) {
            throw new IllegalArgumentException("Cannot read the recipients", e);
        }
    }

    /** An IMAP store, already connected as {@code address}; close it when done. */
    public Store imap(String address, String password) throws MessagingException {
        Properties props = new Properties();
        props.setProperty("mail.imap.connectiontimeout", "5000");
        props.setProperty("mail.imap.timeout", "10000");
        Store store = Session.getInstance(props).getStore("imap");
        store.connect(HOST, imapPort(), address, password);
        return store;
    }

    public int imapPort() {
        return greenMail.getImap().getPort();
    }

    public int smtpPort() {
        return greenMail.getSmtp().getPort();
    }

    /** The {@code vaultmail.domains[index].*} properties mapping {@code domain} to this server (plain, loopback). */
    public Map<String, String> domainProperties(int index, String domain) {
        String prefix = "vaultmail.domains[" + index + "].";
        Map<String, String> props = new LinkedHashMap<>();
        props.put(prefix + "domain", domain);
        props.put(prefix + "imap.host", HOST);
        props.put(prefix + "imap.port", Integer.toString(imapPort()));
        props.put(prefix + "imap.security", "plain");
        props.put(prefix + "smtp.host", HOST);
        props.put(prefix + "smtp.port", Integer.toString(smtpPort()));
        props.put(prefix + "smtp.security", "plain");
        return props;
    }

    /** Registers {@link #domainProperties(int, String)} for a {@code @SpringBootTest}'s {@code @DynamicPropertySource}. */
    public void registerDomain(DynamicPropertyRegistry registry, int index, String domain) {
        domainProperties(index, domain).forEach((key, value) -> registry.add(key, () -> value));
    }

    /** The underlying server, for what this fixture does not cover. */
    public GreenMail greenMail() {
        return greenMail;
    }

    private GreenMailUser user(String address) {
        GreenMailUser user = greenMail.getUserManager().getUserByEmail(address);
        if (user == null) throw new IllegalArgumentException("No such user: " + address + " (createUser first)");
        return user;
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
