package org.vaultmail.migrate.jobs;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Store;

/** The SHA-256 of every message's raw bytes in one folder, sorted: equal lists mean same messages, no duplicate. */
final class Digests {

    private Digests() {
    }

    static List<String> of(int port, String address, String folder) throws Exception {
        try (Store store = Mailboxes.connect(port, address)) {
            Folder f = store.getFolder(folder);
            f.open(Folder.READ_ONLY);
            List<String> out = new ArrayList<>();
            for (Message m : f.getMessages()) {
                ByteArrayOutputStream raw = new ByteArrayOutputStream();
                m.writeTo(raw);
                out.add(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw.toByteArray())));
            }
            f.close(false);
            out.sort(null);
            return out;
        }
    }
}
