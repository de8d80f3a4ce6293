package org.vaultmail.admin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The data directory ({@code vaultmail.data-dir}) exists, is writable and is not readable by others. */
@Component
class DataDirectoryCheck implements DoctorCheck {

    private final Path dataDirectory;

    // the property rather than the DataDirectory bean: the root package depends on admin (Launcher → CLI)
    DataDirectoryCheck(@Value("${vaultmail.data-dir:./data}") String dataDirectory) {
        this.dataDirectory = Path.of(dataDirectory).toAbsolutePath().normalize();
    }

    @Override
    public String topic() {
        return "Data directory";
    }

    @Override
    public List<Finding> check() {
        return check(dataDirectory);
    }

    static List<Finding> check(Path dir) {
        List<Finding> findings = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return List.of(Finding.fail(dir + " is not a directory"));
        }
        try {
            Path probe = Files.createTempFile(dir, ".doctor-", ".tmp");
            Files.delete(probe);
            findings.add(Finding.ok(dir + " is writable"));
        } catch (IOException | SecurityException e) {
            findings.add(Finding.fail(dir + " is not writable: " + e.getClass().getSimpleName()));
        }
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(dir);
            if (permissions.contains(PosixFilePermission.OTHERS_READ) || permissions.contains(PosixFilePermission.OTHERS_EXECUTE)) {
                findings.add(Finding.warn(dir + " can be read by other users of this machine (chmod o-rwx)"));
            }
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: nothing to say
        }
        return findings;
    }
}
