package org.vaultmail.compose;

import org.springframework.stereotype.Component;
import org.vaultmail.account.MailServerDirectory;
import org.vaultmail.auth.AuthenticatedSession;
import org.vaultmail.mail.MailSender;

/**
 * Size limits for one user: the whole message may be as large as the smaller of the configured
 * {@code max-message-size} and the SMTP server's SIZE; one file as large as {@code max-attachment-size}, and
 * never more than fits into the message once base64-encoded.
 */
@Component
class Limits {

    private final ComposeProperties properties;
    private final MailServerDirectory directory;
    private final MailSender sender;

    Limits(ComposeProperties properties, MailServerDirectory directory, MailSender sender) {
        this.properties = properties;
        this.directory = directory;
        this.sender = sender;
    }

    /** Limits in bytes: the encoded message, one file and all files (as the user's bytes, before encoding). */
    record Effective(long maxMessage, long maxFile, long maxTotal) {
    }

    Effective of(AuthenticatedSession me) {
        long message = properties.maxMessageSize().toBytes();
        var servers = directory.forAddress(me.address());
        if (servers.isPresent()) {
            var size = sender.sizeLimit(servers.get());
            if (size.isPresent()) message = Math.min(message, size.getAsLong());
        }
        long total = Math.max(0, (message - 16 * 1024) * 100 / 137); // base64 grows files by 4/3 plus line ends; room for the text
        return new Effective(message, Math.min(properties.maxAttachmentSize().toBytes(), total), total);
    }
}
