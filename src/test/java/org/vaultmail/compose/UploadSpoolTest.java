package org.vaultmail.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** Issue 12 item 11: upload files are owner-only, gone when the request ends, and leftovers go at start-up. */
class UploadSpoolTest {

    @TempDir
    Path data;

    @Test
    void theDirectoryAndItsFilesAreReadableByTheOwnerOnly() throws Exception {
        UploadSpool spool = new UploadSpool(data.resolve("uploads"));
        Path file = spool.newFile();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(spool.directory()))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(file.getParent()).isEqualTo(spool.directory());
    }

    @Test
    void aFileMadeDuringARequestIsDeletedWhenTheRequestEnds() throws Exception {
        UploadSpool spool = new UploadSpool(data.resolve("uploads"));
        ServletRequestAttributes request = new ServletRequestAttributes(new MockHttpServletRequest());
        RequestContextHolder.setRequestAttributes(request);
        Path file;
        try {
            file = spool.newFile();
            Files.writeString(file, "a draft with a file");
            assertThat(file).exists();
        } finally {
            RequestContextHolder.resetRequestAttributes();
        }
        request.requestCompleted();
        assertThat(file).doesNotExist();
    }

    @Test
    void aStreamOpenedDuringARequestIsClosedWhenTheRequestEnds() throws Exception {
        UploadSpool spool = new UploadSpool(data.resolve("uploads"));
        ServletRequestAttributes request = new ServletRequestAttributes(new MockHttpServletRequest());
        RequestContextHolder.setRequestAttributes(request);
        jakarta.mail.util.SharedFileInputStream in;
        try {
            Path file = spool.newFile();
            Files.writeString(file, "a draft");
            in = spool.open(file);
            assertThat(in.read()).isEqualTo('a');
        } finally {
            RequestContextHolder.resetRequestAttributes();
        }
        request.requestCompleted();
        assertThatThrownBy(in::read).as("closed, so the deleted file's space is freed").isInstanceOf(java.io.IOException.class);
    }

    @Test
    void filesLeftByACrashAreDeletedAtStartUp() throws Exception {
        Path dir = Files.createDirectories(data.resolve("uploads"));
        Path leftover = Files.writeString(dir.resolve("upload_0001.tmp"), "from before the crash");

        new UploadSpool(dir);

        assertThat(leftover).doesNotExist();
    }

    @Test
    void aUserGetsThreeUploadsAtOnceAndTheFourthIsRefusedClearly() {
        UploadPermits permits = new UploadPermits(3, 1024);
        MockHttpServletRequest upload = new MockHttpServletRequest();
        UploadPermits.Permit first = permits.acquire(7, upload);
        permits.acquire(7, upload);
        permits.acquire(7, upload);

        assertThatThrownBy(() -> permits.acquire(7, upload)).isInstanceOf(TooManyUploadsException.class)
                .hasMessage("You already have 3 uploads in progress; wait until one has finished, then try again.");
        permits.acquire(8, upload).close(); // another user is not affected

        first.close();
        permits.acquire(7, upload);
        assertThat(permits.inProgress(7)).isEqualTo(3);
    }
}
