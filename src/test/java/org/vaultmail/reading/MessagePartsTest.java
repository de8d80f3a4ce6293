package org.vaultmail.reading;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.vaultmail.mail.MessagePart;

class MessagePartsTest {

    static MessagePart leaf(String id, String type, @Nullable String filename, @Nullable String disposition, @Nullable String cid) {
        return new MessagePart(id, type, "utf-8", 100, filename, disposition, cid, List.of());
    }

    static MessagePart multi(String id, String type, MessagePart... children) {
        return new MessagePart(id, type, null, 0, null, null, null, List.of(children));
    }

    @Test
    void singlePartPlain() {
        MessageParts p = MessageParts.of(leaf("1", "text/plain", null, null, null));
        assertThat(p.text().partId()).isEqualTo("1");
        assertThat(p.html()).isNull();
        assertThat(p.attachments()).isEmpty();
    }

    @Test
    void alternativeWithRelatedHtmlAndAttachment() {
        MessagePart root = multi("TEXT", "multipart/mixed",
                multi("1", "multipart/alternative",
                        leaf("1.1", "text/plain", null, null, null),
                        multi("1.2", "multipart/related",
                                leaf("1.2.1", "text/html", null, null, null),
                                leaf("1.2.2", "image/png", "logo.png", "inline", "<logo@x>"))),
                leaf("2", "application/pdf", "report.pdf", "attachment", null),
                leaf("3", "message/rfc822", null, null, null));
        MessageParts p = MessageParts.of(root);
        assertThat(p.text().partId()).isEqualTo("1.1");
        assertThat(p.html().partId()).isEqualTo("1.2.1");
        assertThat(p.inlineByContentId()).containsKey("logo@x");
        assertThat(p.attachments()).extracting(MessagePart::partId).containsExactly("2", "3");
    }

    @Test
    void mixedWithTwoTextPartsKeepsTheSecondAsAttachment() {
        MessageParts p = MessageParts.of(multi("TEXT", "multipart/mixed",
                leaf("1", "text/plain", null, null, null),
                leaf("2", "text/plain", "notes.txt", "attachment", null),
                leaf("3", "text/html", null, null, null)));
        assertThat(p.text().partId()).isEqualTo("1");
        assertThat(p.html()).isNull();
        assertThat(p.attachments()).extracting(MessagePart::partId).containsExactly("2", "3");
    }

    @Test
    void htmlOnly() {
        MessageParts p = MessageParts.of(leaf("1", "text/html", null, null, null));
        assertThat(p.html().partId()).isEqualTo("1");
        assertThat(p.text()).isNull();
    }

    @Test
    void findsPartsById() {
        MessagePart root = multi("TEXT", "multipart/mixed", leaf("1", "text/plain", null, null, null),
                multi("2", "multipart/alternative", leaf("2.1", "text/plain", null, null, null)));
        assertThat(MessageParts.find(root, "2.1")).isPresent();
        assertThat(MessageParts.find(root, "9")).isEmpty();
    }
}
