package org.vaultmail.apidocs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The page model: descriptions are escaped before the little Markdown becomes tags (they are shown with
 * {@code th:utext}), and every operation and schema of the document reaches the page.
 */
class ApiDocsPageTest {

    @Test
    void markupEscapesFirstThenAddsOnlyItsOwnTags() {
        String html = ApiDocsPage.markup("<script>alert(1)</script> `<b>` **bold** *ann* <img src=x onerror=alert(1)>");
        assertThat(html).doesNotContain("<script", "<img", "<b>")
                .contains("&lt;script&gt;", "<code>&lt;b&gt;</code>", "<strong>bold</strong>", "<em>ann</em>", "&lt;img");
    }

    @Test
    void markdownTablesAndListsBecomeHtml() {
        String html = ApiDocsPage.markup("Keys:\n\n| term | matches |\n|---|---|\n| `from:ann` | sender *ann* |\n\n* `counts`: one\n* `new`: two");
        assertThat(html).contains("<table><thead><tr><th scope=\"col\">term</th><th scope=\"col\">matches</th></tr></thead>",
                "<tr><td><code>from:ann</code></td><td>sender <em>ann</em></td></tr></tbody></table>",
                "<ul><li><code>counts</code>: one</li><li><code>new</code>: two</li></ul>");
    }

    @Test
    void everyOperationAndSchemaIsOnThePage() {
        var doc = ApiDocument.read();
        ApiDocsPage page = ApiDocsPage.of(doc);
        List<String> shown = page.tags().stream().flatMap(t -> t.operations().stream()).map(o -> o.method() + " " + o.path()).toList();
        int documented = 0;
        for (var path : doc.get("paths").properties()) {
            for (var op : path.getValue().properties()) {
                assertThat(shown).contains(op.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey());
                documented++;
            }
        }
        assertThat(shown).hasSize(documented);
        assertThat(page.schemas()).extracting(ApiDocsPage.Schema::name).contains("Folder", "MessageSummary", "MessagePage", "Message",
                "Address", "Attachment", "Problem");
        var list = page.tags().stream().flatMap(t -> t.operations().stream()).filter(o -> o.id().equals("listFolders")).findFirst().orElseThrow();
        assertThat(list.responses().getFirst().bodies().getFirst().type()).isEqualTo(new ApiDocsPage.Type("array of Folder", "schema-Folder"));
    }
}
