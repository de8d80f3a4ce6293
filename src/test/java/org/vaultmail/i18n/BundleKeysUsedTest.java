package org.vaultmail.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.vaultmail.testing.Bundles;

/**
 * Every key of the English bundles is used: its name appears in a template, a Java source or a script, or it begins
 * with one of the prefixes below that code completes at run time (each with where and why). A text nobody shows is
 * a text translators keep up for nothing, and usually a sign that a page lost something.
 */
class BundleKeysUsedTest {

    private static final List<Path> SOURCES = List.of(Path.of("src/main/resources/templates"), Path.of("src/main/java"),
            Path.of("src/main/resources/static/js"));

    static final String SPRING_PROBLEM = "problemDetail.";

    /** Prefixes of keys built at run time: prefix → where the rest comes from. */
    static final Map<String, String> BUILT_AT_RUN_TIME = Map.ofEntries(
            Map.entry("sort.", "ListParams.SORTS, list.html: #{'sort.' + ${s}}"),
            Map.entry("folder.role.", "FolderRole names, FolderNode.roleKey()"),
            Map.entry("error.", "error.html: the HTTP status and the compose-start reasons"),
            Map.entry("problem.", "webmail.Problem: the pane problems by kind; ProblemTexts: API problem keys"),
            Map.entry("notify.", "NotificationMail: notify.<kind>.subject/what/todo/todoAt/unexpected by Notice.Kind"),
            Map.entry("reauth.action.", "the sudo page names the action being confirmed (RecentAuthentication actions)"),
            Map.entry("reauth.provider.error.", "the OAuth sudo page by error code"),
            Map.entry("signin.oauth.error.", "the sign-in page by OAuth error code"),
            Map.entry("admin.policy.", "policy.html: field, hint and group keys by policy setting name"),
            Map.entry("admin.apiPolicy.", "api-policy.html: field and hint keys by gateway policy setting name"),
            Map.entry("policy.error.", "auth.policy validation messages by error code"),
            Map.entry("gatewayPolicy.error.", "gateway policy validation messages by error code"),
            Map.entry("admin.api.", "api.html: done.<outcome>, kind.<kind>, state.<state>, key.<state>"),
            Map.entry("admin.migrations.state.", "migrations.html by JobState"),
            Map.entry("admin.migration.done.", "migration.html by action outcome"),
            Map.entry("admin.sources.", "migration-sources.html: done.<outcome>, refused.<field>"),
            Map.entry("admin.keys.done.", "keys.html by action outcome"),
            Map.entry("admin.users.done.", "users.html by action outcome"),
            Map.entry("admin.oauth.purpose.", "oauth.html by OAuth purpose"),
            Map.entry("import.state.", "import pages by JobState"),
            Map.entry("import.oauth.problem.", "the OAuth import page by problem code"),
            Map.entry("migrate.note.", "the import report by FolderNote.Kind label"),
            Map.entry("mailboxes.kind.", "mailboxes.html by mailbox kind"),
            Map.entry("mailboxes.state.", "mailboxes.html by mailbox state"),
            Map.entry("mailboxes.oauth.state.", "mailboxes.html by OAuth mailbox state"),
            Map.entry("mailboxes.oauth.result.", "mailboxes page by OAuth connection result"),
            Map.entry("mailboxes.disconnected.", "MailboxesPageController: by kind and revocation outcome"),
            Map.entry("apikeys.scope.", "api-keys.html by ApiKeyScope name"),
            Map.entry("webhooks.reason.", "webhooks.html by disable reason"),
            Map.entry("webhooks.state.", "webhooks.html by endpoint state"),
            Map.entry("size.", "ByteSizes: the unit of each magnitude"),
            Map.entry("folders.error.", "FolderSettingsController by MailStoreException reason"),
            Map.entry("oauth.callback.refused.", "oauth/refused.html by refusal reason"),
            Map.entry("compose.to", "compose.html: #{'compose.' + ${f}} for the to, cc and bcc fields"),
            Map.entry("compose.cc", "compose.html: #{'compose.' + ${f}} for the to, cc and bcc fields"),
            Map.entry("compose.bcc", "compose.html: #{'compose.' + ${f}} for the to, cc and bcc fields"),
            Map.entry("mailboxes.oauth.connect.", "mailboxes.html by provider kind"),
            Map.entry("mailboxes.oauth.start.", "oauth-start.html: #{__${texts}__.title}, texts set by MailboxesPageController"),
            Map.entry("import.oauth.start.", "oauth-start.html: #{__${texts}__.title}, texts set by OAuthImportPage"),
            Map.entry("import.requested.", "import-job.html by the requested control (pause, cancel)"),
            Map.entry(SPRING_PROBLEM, "Spring MVC's ErrorResponse codes: problemDetail.<exception class>[suffix], "
                    + "resolved by web.RequestProblems (checked by everySpringProblemKeyNamesAnExceptionClass)"));

    @Test
    void everyEnglishKeyIsUsedOrBuiltAtRunTime() throws IOException {
        String corpus = corpus();
        List<String> unused = new ArrayList<>();
        for (String base : Bundles.baseNames()) {
            for (String key : new TreeSet<>(Bundles.read(Bundles.file(base, "")).stringPropertyNames())) {
                if (BUILT_AT_RUN_TIME.keySet().stream().anyMatch(key::startsWith)) continue;
                if (!Pattern.compile("(?<![\\w.-])" + Pattern.quote(key) + "(?![\\w-]|\\.\\w)").matcher(corpus).find()) {
                    unused.add(base + ": " + key);
                }
            }
        }
        assertThat(unused).as("keys no template, class or script names (remove them, or list the prefix that builds them)").isEmpty();
    }

    @Test
    void everyRunTimePrefixStillMatchesAKey() {
        TreeSet<String> keys = new TreeSet<>();
        Bundles.baseNames().forEach(b -> keys.addAll(Bundles.read(Bundles.file(b, "")).stringPropertyNames()));
        assertThat(BUILT_AT_RUN_TIME.keySet()).allMatch(prefix -> keys.stream().anyMatch(k -> k.startsWith(prefix)));
    }

    /** A Spring problem text whose exception class does not exist (a typo, or gone in a Spring upgrade) is never shown. */
    @Test
    void everySpringProblemKeyNamesAnExceptionClass() {
        List<String> dangling = new ArrayList<>();
        for (String base : Bundles.baseNames()) {
            for (String key : Bundles.read(Bundles.file(base, "")).stringPropertyNames()) {
                if (!key.startsWith(SPRING_PROBLEM)) continue;
                String name = key.substring(SPRING_PROBLEM.length()).replaceFirst("\\.parseError$", "");
                try {
                    if (!Throwable.class.isAssignableFrom(Class.forName(name))) dangling.add(key);
                } catch (ClassNotFoundException e) {
                    dangling.add(key);
                }
            }
        }
        assertThat(dangling).as("problemDetail keys without their exception class").isEmpty();
    }

    private static String corpus() throws IOException {
        StringBuilder all = new StringBuilder();
        for (Path root : SOURCES) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) all.append(Files.readString(f)).append('\n');
            }
        }
        return all.toString();
    }
}
