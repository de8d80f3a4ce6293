package org.vaultmail.compose;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.web.multipart.MultipartFile;
import org.vaultmail.i18n.UserText;

/** Files of a multipart request as attachments, read from the container's spooled files when the message is built. */
final class UploadedFiles {

    private UploadedFiles() {
    }

    /** The files given (empty file fields left out). */
    static List<Attachment> of(@Nullable List<MultipartFile> files) {
        List<Attachment> out = new ArrayList<>();
        if (files == null) return out;
        for (MultipartFile f : files) {
            if (f.isEmpty() && (f.getOriginalFilename() == null || f.getOriginalFilename().isEmpty())) continue;
            // read from the container's spooled file when the message is built, never copied into the heap
            out.add(new Attachment(f.getOriginalFilename() == null ? "attachment" : f.getOriginalFilename(),
                    f.getContentType() == null ? "application/octet-stream" : baseType(f.getContentType()), f.getSize(), f::getInputStream));
        }
        return out;
    }

    /** Files to attach to a draft: at least one field {@code file}, else a refusal naming it. */
    static List<Attachment> toAttach(List<MultipartFile> files) {
        if (files.isEmpty()) throw new ComposeException("file", UserText.of("problem.compose.noFile"));
        return of(files);
    }

    private static String baseType(String type) {
        int semi = type.indexOf(';');
        return (semi < 0 ? type : type.substring(0, semi)).strip();
    }
}
