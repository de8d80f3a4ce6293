package org.vaultmail.migrate.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vaultmail.migrate.FolderRule;
import org.vaultmail.migrate.MigrationMode;
import org.vaultmail.migrate.MigrationOptions;
import org.vaultmail.migrate.mapping.MappingNote.Kind;

/** The mapper on hand-built trees: prefixes, separators, special use, non-ASCII names, patterns, rules, collisions. */
class StandardFolderMapperTest {

    private final StandardFolderMapper mapper = new StandardFolderMapper();
    private final MigrationOptions all = MigrationOptions.defaults();

    private static Map<String, String> destinations(List<FolderPair> pairs) {
        return pairs.stream().collect(Collectors.toMap(FolderPair::source, FolderPair::destination,
                (a, b) -> { throw new AssertionError("source twice: " + a); }, java.util.LinkedHashMap::new));
    }

    private static FolderPair pair(List<FolderPair> pairs, String source) {
        return pairs.stream().filter(p -> p.source().equals(source)).findFirst().orElseThrow(
                () -> new AssertionError("no pair for " + source + " in " + pairs));
    }

    private static MigrationOptions options(List<String> include, List<String> exclude, List<FolderRule> rules,
                                            boolean skipTrashAndJunk) {
        return new MigrationOptions(include, exclude, rules, null, null, 0, skipTrashAndJunk, false,
                MigrationMode.COPY, false, 0, 0);
    }

    @Test
    void pathGoingToAPrefixedServerGetsThePrefixAndItsSeparator() {
        var source = Trees.main().add("Projects").add("Projects/2024").tree();
        var pairs = mapper.map(source, Trees.second().tree(), all);
        assertThat(destinations(pairs)).containsExactly(
                Map.entry("INBOX", "INBOX"), Map.entry("Projects", "INBOX.Projects"),
                Map.entry("Projects/2024", "INBOX.Projects.2024"));
        assertThat(pair(pairs, "INBOX").createOnDestination()).isFalse();
        assertThat(pair(pairs, "Projects/2024").createOnDestination()).isTrue();
    }

    @Test
    void pathComingFromAPrefixedServerLosesThePrefix() {
        var source = Trees.second().add("INBOX.Projects").add("INBOX.Projects.2024").tree();
        var destination = Trees.main().add("Projects").tree();
        var pairs = mapper.map(source, destination, all);
        assertThat(destinations(pairs)).containsExactly(
                Map.entry("INBOX", "INBOX"), Map.entry("INBOX.Projects", "Projects"),
                Map.entry("INBOX.Projects.2024", "Projects/2024"));
        assertThat(pair(pairs, "INBOX.Projects").createOnDestination()).isFalse();
        assertThat(pair(pairs, "INBOX.Projects.2024").createOnDestination()).isTrue();
    }

    @Test
    void inboxGoesToInboxWhateverItsCase() {
        var source = Trees.of("", '/').add("inbox").tree();
        var pairs = mapper.map(source, Trees.second().tree(), all);
        assertThat(pairs).extracting(FolderPair::source, FolderPair::destination, FolderPair::createOnDestination)
                .containsExactly(tuple("inbox", "INBOX", false));
    }

    @Test
    void inboxChildrenOnAServerWithoutPrefixKeepTheirInboxLevelBothWays() {
        var there = mapper.map(Trees.main().add("INBOX/lists").tree(), Trees.second().add("INBOX.lists").tree(), all);
        assertThat(pair(there, "INBOX/lists").destination()).isEqualTo("INBOX.INBOX.lists");
        var back = mapper.map(Trees.second().add("INBOX.INBOX.lists").add("INBOX.lists").tree(), Trees.main().tree(), all);
        assertThat(pair(back, "INBOX.INBOX.lists").destination()).isEqualTo("INBOX/lists");
        assertThat(pair(back, "INBOX.lists").destination()).isEqualTo("lists");
    }

    @Test
    void specialFolderByAttributeGoesToTheDestinationsFolderOfThatUse() {
        var source = Trees.main().add("Sent Items", "\\Sent").add("Bin", "\\Trash").tree();
        var destination = Trees.second().add("INBOX.Gesendet", "\\Sent").add("INBOX.Trash", "\\Trash").tree();
        var pairs = mapper.map(source, destination, all);
        assertThat(pair(pairs, "Sent Items")).isEqualTo(
                new FolderPair("Sent Items", "INBOX.Gesendet", "\\Sent", true, false, true));
        assertThat(pair(pairs, "Bin").destination()).isEqualTo("INBOX.Trash");
    }

    @ParameterizedTest
    @CsvSource({
            "Gesendete Elemente, \\Sent, INBOX.Sent",
            "Éléments envoyés, \\Sent, INBOX.Sent",
            "Отправленные, \\Sent, INBOX.Sent",
            "送信済み, \\Sent, INBOX.Sent",
            "Wysłane, \\Sent, INBOX.Sent",
            "Papierkorb, \\Trash, INBOX.Trash",
            "Корзина, \\Trash, INBOX.Trash",
            "Éléments supprimés, \\Trash, INBOX.Trash",
            "Correo no deseado, \\Junk, INBOX.Junk",
            "spam, \\Junk, INBOX.Junk",
            "Entwürfe, \\Drafts, INBOX.Drafts",
            "Черновики, \\Drafts, INBOX.Drafts",
            "Archiv, \\Archive, INBOX.Archive"})
    void specialFolderByLocalisedNameGoesToTheDestinationsFolderOfThatUse(String name, String use, String expected) {
        var destination = Trees.second().add("INBOX.Sent", "\\Sent").add("INBOX.Trash", "\\Trash")
                .add("INBOX.Junk", "\\Junk").add("INBOX.Drafts", "\\Drafts").add("INBOX.Archive", "\\Archive").tree();
        var pairs = mapper.map(Trees.main().add(name).tree(), destination, all);
        assertThat(pair(pairs, name).destination()).isEqualTo(expected);
        assertThat(pair(pairs, name).specialUse()).isEqualTo(use);
        assertThat(pair(pairs, name).createOnDestination()).isFalse();
    }

    @Test
    void destinationWithoutAttributesIsMatchedByItsLocalisedNames() {
        var destination = Trees.of("", '/').add("INBOX").add("Gesendet").add("Papierkorb").tree();
        var pairs = mapper.map(Trees.second().add("INBOX.Sent", "\\Sent").add("INBOX.Trash", "\\Trash").tree(),
                destination, all);
        assertThat(pair(pairs, "INBOX.Sent").destination()).isEqualTo("Gesendet");
        assertThat(pair(pairs, "INBOX.Trash").destination()).isEqualTo("Papierkorb");
    }

    @Test
    void specialFolderWithoutCounterpartKeepsItsTranslatedName() {
        var pairs = mapper.map(Trees.main().add("Sent Items", "\\Sent").tree(), Trees.second().tree(), all);
        assertThat(pair(pairs, "Sent Items")).isEqualTo(
                new FolderPair("Sent Items", "INBOX.Sent Items", "\\Sent", true, true, true));
    }

    @Test
    void localisedNamesCountOnlyAtTheTop() {
        var pairs = mapper.map(Trees.main().add("Projects").add("Projects/Sent").tree(),
                Trees.second().add("INBOX.Sent", "\\Sent").tree(), all);
        assertThat(pair(pairs, "Projects/Sent").destination()).isEqualTo("INBOX.Projects.Sent");
        assertThat(pair(pairs, "Projects/Sent").specialUse()).isNull();
    }

    @Test
    void nonAsciiNamesTravelUnchangedBothWays() {
        var source = Trees.main().add("Überweisungen").add("Überweisungen/2024").add("日本語").add("Été/Août").tree();
        var there = mapper.map(source, Trees.second().tree(), all);
        assertThat(destinations(there)).containsEntry("Überweisungen/2024", "INBOX.Überweisungen.2024")
                .containsEntry("日本語", "INBOX.日本語").containsEntry("Été/Août", "INBOX.Été.Août");
        var back = mapper.map(Trees.second().add("INBOX.Überweisungen.2024").add("INBOX.日本語").tree(),
                Trees.main().tree(), all);
        assertThat(destinations(back)).containsEntry("INBOX.Überweisungen.2024", "Überweisungen/2024")
                .containsEntry("INBOX.日本語", "日本語");
    }

    @Test
    void aLevelHoldingTheDestinationsSeparatorHasItReplacedAndReported() {
        var mapping = mapper.plan(Trees.main().add("v1.2").add("v1.2/notes").tree(), Trees.second().tree(), all);
        assertThat(destinations(mapping.pairs())).containsEntry("v1.2", "INBOX.v1_2")
                .containsEntry("v1.2/notes", "INBOX.v1_2.notes");
        assertThat(mapping.notes()).contains(new MappingNote(Kind.SEPARATOR_REPLACED, "v1.2", "INBOX.v1_2"));
        assertThat(FolderPaths.SEPARATOR_REPLACEMENT).isEqualTo('_');

        var child = mapper.plan(Trees.main().add("x").add("x/v1.2").tree(), Trees.second().tree(), all);
        assertThat(child.notes()).containsExactly(new MappingNote(Kind.SEPARATOR_REPLACED, "x/v1.2", "INBOX.x.v1_2"));

        var back = mapper.plan(Trees.second().add("INBOX.a/b").tree(), Trees.main().tree(), all);
        assertThat(destinations(back.pairs())).containsEntry("INBOX.a/b", "a_b");
        assertThat(back.notes()).extracting(MappingNote::kind).containsExactly(Kind.SEPARATOR_REPLACED);
    }

    @Test
    void includeAndExcludeUseSlashAndWildcardsOnEveryServer() {
        var source = Trees.second().add("INBOX.Projects").add("INBOX.Projects.2023").add("INBOX.Projects.2024")
                .add("INBOX.Projects.2024.q1").add("INBOX.Other").tree();
        var star = mapper.map(source, Trees.main().tree(), options(List.of("Projects/*"), List.of("Projects/2023"), List.of(), false));
        assertThat(star).extracting(FolderPair::source, FolderPair::selectable).containsExactly(
                tuple("INBOX.Projects", false), tuple("INBOX.Projects.2024", true), tuple("INBOX.Projects.2024.q1", true));
        var percent = mapper.map(source, Trees.main().tree(), options(List.of("Projects/%"), List.of(), List.of(), false));
        assertThat(percent).extracting(FolderPair::source).containsExactly(
                "INBOX.Projects", "INBOX.Projects.2023", "INBOX.Projects.2024");
        var top = mapper.map(source, Trees.main().tree(), options(List.of("%"), List.of("inbox"), List.of(), false));
        assertThat(top).extracting(FolderPair::source).containsExactly("INBOX.Other", "INBOX.Projects");
    }

    @Test
    void aParentLeftOutByThePatternsIsAddedForItsChildrenAndReported() {
        var mapping = mapper.plan(Trees.main().add("Projects").add("Projects/2024").tree(), Trees.second().tree(),
                options(List.of("Projects/2024"), List.of(), List.of(), false));
        assertThat(mapping.pairs()).extracting(FolderPair::source, FolderPair::destination, FolderPair::selectable)
                .containsExactly(tuple("Projects", "INBOX.Projects", false), tuple("Projects/2024", "INBOX.Projects.2024", true));
        assertThat(mapping.notes()).containsExactly(new MappingNote(Kind.PARENT_ADDED, "Projects", "INBOX.Projects"));
    }

    @Test
    void skipTrashAndJunkLeavesThemOutByAttributeOrNameWithTheirSubfolders() {
        var source = Trees.main().add("Trash", "\\Trash").add("Trash/old projects").add("Spam").add("Papierkorb")
                .add("Bulk", "\\Junk").add("Keep").tree();
        var pairs = mapper.map(source, Trees.second().tree(), options(List.of(), List.of(), List.of(), true));
        assertThat(pairs).extracting(FolderPair::source).containsExactly("INBOX", "Keep");
        var kept = mapper.map(source, Trees.second().tree(), all);
        assertThat(kept).hasSize(7);
    }

    @Test
    void ruleComesFirstAndCarriesItsSubfolders() {
        var source = Trees.second().add("INBOX.Old").add("INBOX.Old.2019").add("INBOX.Sent", "\\Sent").tree();
        var rules = List.of(new FolderRule("INBOX.Old", "Archive/Old mail"), new FolderRule("INBOX.Sent", "Sent from 2019"));
        var pairs = mapper.map(source, Trees.main().add("Sent", "\\Sent").tree(), options(List.of(), List.of(), rules, false));
        assertThat(destinations(pairs)).containsEntry("INBOX.Old", "Archive/Old mail")
                .containsEntry("INBOX.Old.2019", "Archive/Old mail/2019").containsEntry("INBOX.Sent", "Sent from 2019");
    }

    @Test
    void ruleMayNameTheSourceByItsCanonicalName() {
        var source = Trees.second().add("INBOX.Old").add("INBOX.Old.2019").tree();
        var pairs = mapper.map(source, Trees.main().tree(),
                options(List.of(), List.of(), List.of(new FolderRule("Old/2019", "Y2019")), false));
        assertThat(destinations(pairs)).containsEntry("INBOX.Old", "Old").containsEntry("INBOX.Old.2019", "Y2019");
    }

    @Test
    void twoRulesToOneFolderMergeOnPurposeAndAreReported() {
        var source = Trees.main().add("A").add("B").tree();
        var rules = List.of(new FolderRule("A", "INBOX.AB"), new FolderRule("B", "INBOX.AB"));
        var mapping = mapper.plan(source, Trees.second().tree(), options(List.of(), List.of(), rules, false));
        assertThat(destinations(mapping.pairs())).containsEntry("A", "INBOX.AB").containsEntry("B", "INBOX.AB");
        assertThat(mapping.notes()).containsExactly(new MappingNote(Kind.MERGED_BY_RULE, "B", "INBOX.AB"));
    }

    @Test
    void noselectParentIsHierarchyOnlyAndOnlyWhenItsChildrenAreCopied() {
        var source = Trees.main().add("Lists", "\\Noselect", "\\HasChildren").add("Lists/java")
                .add("Empty", "\\Noselect", "\\HasNoChildren").tree();
        var mapping = mapper.plan(source, Trees.second().tree(), all);
        assertThat(mapping.pairs()).extracting(FolderPair::source, FolderPair::selectable, FolderPair::createOnDestination)
                .containsExactly(tuple("INBOX", true, false), tuple("Lists", false, true), tuple("Lists/java", true, true));
        assertThat(mapping.notes()).isEmpty();
    }

    @Test
    void aParentTheSourceDoesNotListIsAddedBeforeItsChild() {
        var mapping = mapper.plan(Trees.main().add("a/b/c").add("a/b").tree(), Trees.second().tree(), all);
        assertThat(mapping.pairs()).extracting(FolderPair::source, FolderPair::destination, FolderPair::selectable)
                .containsExactly(tuple("INBOX", "INBOX", true), tuple("a", "INBOX.a", false),
                        tuple("a/b", "INBOX.a.b", true), tuple("a/b/c", "INBOX.a.b.c", true));
        assertThat(mapping.notes()).containsExactly(new MappingNote(Kind.PARENT_ADDED, "a", "INBOX.a"));
    }

    @Test
    void parentsComeBeforeChildrenWhateverTheListOrder() {
        var source = Trees.of("", '/').add("z/y/x").add("b/c").add("z/y").add("b").add("z").add("INBOX").tree();
        assertThat(mapper.map(source, Trees.second().tree(), all)).extracting(FolderPair::source)
                .containsExactly("INBOX", "b", "b/c", "z", "z/y", "z/y/x");
    }

    @Test
    void subscriptionComesFromTheSource() {
        var source = Trees.main().add("Read").unsubscribed("Unread").tree();
        var pairs = mapper.map(source, Trees.second().tree(), all);
        assertThat(pair(pairs, "Read").subscribed()).isTrue();
        assertThat(pair(pairs, "Unread").subscribed()).isFalse();
    }

    @Test
    void twoSentFoldersKeepTheMarkedOneOnTheSpecialFolderAndTheOtherByPath() {
        var source = Trees.main().add("Gesendet").add("Sent", "\\Sent").tree();
        var mapping = mapper.plan(source, Trees.second().add("INBOX.Sent", "\\Sent").tree(), all);
        assertThat(mapping.pairs()).extracting(FolderPair::source, FolderPair::destination, FolderPair::specialUse)
                .contains(tuple("Sent", "INBOX.Sent", "\\Sent"), tuple("Gesendet", "INBOX.Gesendet", null));
        assertThat(mapping.notes()).containsExactly(new MappingNote(Kind.SPECIAL_USE_TAKEN, "Gesendet", "INBOX.Gesendet"));
    }

    @Test
    void aFolderWhosePathHitsTheSpecialFolderOfAnotherGetsANumberedName() {
        // "Sent Items" is the marked one and takes the destination's "Sent"; the unmarked "Sent" must not merge into it
        var source = Trees.second().add("INBOX.Sent").add("INBOX.Sent Items", "\\Sent").add("INBOX.Sent.2020").tree();
        var mapping = mapper.plan(source, Trees.main().add("Sent", "\\Sent").tree(), all);
        assertThat(destinations(mapping.pairs())).containsEntry("INBOX.Sent Items", "Sent")
                .containsEntry("INBOX.Sent", "Sent (2)").containsEntry("INBOX.Sent.2020", "Sent (2)/2020");
        assertThat(mapping.notes()).contains(new MappingNote(Kind.COLLISION_RENAMED, "INBOX.Sent", "Sent (2)"),
                new MappingNote(Kind.SPECIAL_USE_TAKEN, "INBOX.Sent", "Sent (2)"));
        assertThat(pair(mapping.pairs(), "INBOX.Sent").createOnDestination()).isTrue();
    }

    @Test
    void namesDifferingOnlyInCaseDoNotMerge() {
        var mapping = mapper.plan(Trees.main().add("Foo").add("foo").tree(), Trees.second().tree(), all);
        assertThat(destinations(mapping.pairs())).containsEntry("Foo", "INBOX.Foo").containsEntry("foo", "INBOX.foo (2)");
        assertThat(mapping.notes()).containsExactly(new MappingNote(Kind.COLLISION_RENAMED, "foo", "INBOX.foo (2)"));
    }

    @Test
    void aNumberedNameDoesNotTakeTheNameOfAnotherSourceFolder() {
        var mapping = mapper.plan(Trees.main().add("a_b").add("a.b").add("a_b (2)").tree(), Trees.second().tree(), all);
        assertThat(destinations(mapping.pairs())).containsEntry("a.b", "INBOX.a_b")
                .containsEntry("a_b", "INBOX.a_b (3)").containsEntry("a_b (2)", "INBOX.a_b (2)");
    }

    @Test
    void virtualAllAndFlaggedAreReportedButMappedByPath() {
        var source = Trees.main().add("All Mail", "\\All").add("Starred", "\\Flagged").tree();
        var pairs = mapper.map(source, Trees.second().add("INBOX.Virtual.All", "\\All").tree(), all);
        assertThat(pairs).extracting(FolderPair::source, FolderPair::destination, FolderPair::specialUse).contains(
                tuple("All Mail", "INBOX.All Mail", "\\All"), tuple("Starred", "INBOX.Starred", "\\Flagged"));
    }

    @Test
    void aDestinationNoselectNameIsCreatedWhenItMustHoldMessages() {
        var pairs = mapper.map(Trees.main().add("Lists").tree(),
                Trees.second().add("INBOX.Lists", "\\Noselect").tree(), all);
        assertThat(pair(pairs, "Lists").createOnDestination()).isTrue();
    }

    @Test
    void charactersTheDestinationRefusesBesidesItsSeparatorCanBeReplacedToo() {
        var mapping = new StandardFolderMapper(".").plan(Trees.of("", '/').add("INBOX").add("v1.2/notes").tree(),
                Trees.main().tree(), all);
        assertThat(destinations(mapping.pairs())).containsEntry("v1.2", "v1_2").containsEntry("v1.2/notes", "v1_2/notes");
        assertThat(mapping.notes()).containsExactly(new MappingNote(Kind.SEPARATOR_REPLACED, "v1.2", "v1_2"),
                new MappingNote(Kind.PARENT_ADDED, "v1.2", "v1_2"));
    }

    @Test
    void aRuleMayMergeIntoInboxButNothingPushesInboxAside() {
        var source = Trees.second().add("INBOX.Old Inbox").tree();
        var mapping = mapper.plan(source, Trees.main().tree(),
                options(List.of(), List.of(), List.of(new FolderRule("INBOX.Old Inbox", "INBOX")), false));
        assertThat(destinations(mapping.pairs())).containsEntry("INBOX", "INBOX").containsEntry("INBOX.Old Inbox", "INBOX");
        assertThat(mapping.notes()).containsExactly(new MappingNote(Kind.MERGED_BY_RULE, "INBOX.Old Inbox", "INBOX"));
    }

    @Test
    void aRuleForInboxItselfMovesIt() {
        var mapping = mapper.plan(Trees.main().add("INBOX/sub").tree(), Trees.second().tree(),
                options(List.of(), List.of(), List.of(new FolderRule("INBOX", "INBOX.Imported")), false));
        assertThat(destinations(mapping.pairs())).containsEntry("INBOX", "INBOX.Imported")
                .containsEntry("INBOX/sub", "INBOX.Imported.sub");
    }

    @Test
    void aRuleThatNamesNoFolderIsReported() {
        var mapping = mapper.plan(Trees.main().add("Projects").tree(), Trees.second().tree(),
                options(List.of(), List.of(), List.of(new FolderRule("Projcts", "INBOX.P")), false));
        assertThat(mapping.notes()).containsExactly(new MappingNote(Kind.RULE_UNUSED, "Projcts", "INBOX.P"));
    }

    @Test
    void namesThatLookTheSameInNfcAndNfdDoNotMerge() {
        String nfd = java.text.Normalizer.normalize("Été", java.text.Normalizer.Form.NFD);
        var mapping = mapper.plan(Trees.main().add("Été").add(nfd).tree(), Trees.second().tree(), all);
        assertThat(destinations(mapping.pairs())).containsEntry(nfd, "INBOX." + nfd) // "E" sorts before "É"
                .containsEntry("Été", "INBOX.Été (2)");
    }
}
