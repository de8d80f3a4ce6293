package org.vaultmail.admin.console;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.vaultmail.i18n.InputRefused;
import org.vaultmail.migrate.MigrationMode;
import org.vaultmail.migrate.MigrationOptions;
import org.vaultmail.migrate.NewJob;
import org.vaultmail.migrate.ServerLogin;
import org.vaultmail.vault.Secret;

/**
 * The console's "start a migration" form. The passwords are bound as {@code char[]} so they can be wiped once the job
 * holds them sealed; they are never put back into a page (a refused form comes back with both password fields empty),
 * and {@link #toString} leaves them out.
 */
public class MigrationJobForm {

    private String sourceServer = "";
    private String sourceLogin = "";
    private char[] sourcePassword = new char[0];
    private String destinationServer = "";
    private String destinationLogin = "";
    private char[] destinationPassword = new char[0];
    private String folders = "";
    private String exclude = "";
    private String mode = "copy";
    private boolean mirrorConfirmed;
    private boolean dryRun;
    private String since = "";
    private String before = "";
    private String maxMessageSize = "";
    private boolean skipTrashJunk;

    /** The options, or an {@link IllegalArgumentException} whose message is for the operator. */
    MigrationOptions options() {
        MigrationMode m = MigrationMode.of(mode);
        long max;
        try {
            max = maxMessageSize.isBlank() ? 0 : Long.parseLong(maxMessageSize.strip());
        } catch (NumberFormatException e) {
            throw InputRefused.of("input.migrate.maxMessageSize");
        }
        return new MigrationOptions(list(folders), list(exclude), List.of(), date(since), date(before), max, skipTrashJunk,
                dryRun, m, m == MigrationMode.MIRROR && mirrorConfirmed, 0, 0);
    }

    /** The job to create; the caller closes it. The form's own password arrays are wiped here. */
    NewJob toJob(MigrationOptions options) {
        NewJob job = new NewJob(new ServerLogin(sourceServer.strip(), sourceLogin.strip(), Secret.ofChars(sourcePassword)),
                new ServerLogin(destinationServer.strip(), destinationLogin.strip(), Secret.ofChars(destinationPassword)), options);
        wipePasswords();
        return job;
    }

    void wipePasswords() {
        Arrays.fill(sourcePassword, '\0');
        Arrays.fill(destinationPassword, '\0');
        sourcePassword = new char[0];
        destinationPassword = new char[0];
    }

    private static List<String> list(String text) {
        return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static @Nullable LocalDate date(String text) {
        if (text.isBlank()) return null;
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw InputRefused.of("input.migrate.date", text.strip());
        }
    }

    @Override
    public String toString() {
        return "MigrationJobForm[" + sourceLogin + " at " + sourceServer + " -> " + destinationLogin + " at " + destinationServer
                + ", passwords=[PROTECTED]]";
    }

    public String getSourceServer() { return sourceServer; }
    public void setSourceServer(String v) { sourceServer = v == null ? "" : v; }
    public String getSourceLogin() { return sourceLogin; }
    public void setSourceLogin(String v) { sourceLogin = v == null ? "" : v; }
    public void setSourcePassword(char[] v) { sourcePassword = v == null ? new char[0] : v; }
    public String getDestinationServer() { return destinationServer; }
    public void setDestinationServer(String v) { destinationServer = v == null ? "" : v; }
    public String getDestinationLogin() { return destinationLogin; }
    public void setDestinationLogin(String v) { destinationLogin = v == null ? "" : v; }
    public void setDestinationPassword(char[] v) { destinationPassword = v == null ? new char[0] : v; }
    public String getFolders() { return folders; }
    public void setFolders(String v) { folders = v == null ? "" : v; }
    public String getExclude() { return exclude; }
    public void setExclude(String v) { exclude = v == null ? "" : v; }
    public String getMode() { return mode; }
    public void setMode(String v) { mode = v == null ? "copy" : v; }
    public boolean isMirrorConfirmed() { return mirrorConfirmed; }
    public void setMirrorConfirmed(boolean v) { mirrorConfirmed = v; }
    public boolean isDryRun() { return dryRun; }
    public void setDryRun(boolean v) { dryRun = v; }
    public String getSince() { return since; }
    public void setSince(String v) { since = v == null ? "" : v; }
    public String getBefore() { return before; }
    public void setBefore(String v) { before = v == null ? "" : v; }
    public String getMaxMessageSize() { return maxMessageSize; }
    public void setMaxMessageSize(String v) { maxMessageSize = v == null ? "" : v; }
    public boolean isSkipTrashJunk() { return skipTrashJunk; }
    public void setSkipTrashJunk(boolean v) { skipTrashJunk = v; }
}
