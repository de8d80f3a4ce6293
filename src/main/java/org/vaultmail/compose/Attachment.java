package org.vaultmail.compose;

/** A file to attach: its name as the user sees it, its type, and its bytes. */
public final class Attachment {

    private final String filename;
    private final String contentType;
    private final byte[] content;

    public Attachment(String filename, String contentType, byte[] content) {
        this.filename = filename;
        this.contentType = contentType;
        this.content = content;
    }

    public String filename() {
        return filename;
    }

    public String contentType() {
        return contentType;
    }

    /** The bytes (not copied: attachments can be large). */
    public byte[] content() {
        return content;
    }

    public int size() {
        return content.length;
    }

    @Override
    public String toString() {
        return "Attachment[" + filename + ", " + contentType + ", " + content.length + " bytes]";
    }
}
