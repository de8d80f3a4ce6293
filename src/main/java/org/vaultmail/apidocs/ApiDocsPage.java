package org.vaultmail.apidocs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the page {@code /api/docs} shows, read from the OpenAPI document: operations grouped by tag, then the
 * schemas. Descriptions are escaped first, then a little Markdown becomes tags (see {@link #markup}).
 */
record ApiDocsPage(String title, String version, String description, List<Tag> tags, List<Schema> schemas) {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern BOLD = Pattern.compile("\\*\\*([^*]+)\\*\\*");
    private static final Pattern EMPHASIS = Pattern.compile("(?<![\\w*])\\*([^*\\s][^*]*)\\*(?![\\w*])");
    private static final String REF_PREFIX = "#/components/schemas/";

    record Tag(String name, String anchor, String description, List<Operation> operations) {
    }

    record Operation(String id, String method, String path, String summary, String description, boolean open,
                     List<Parameter> parameters, @Nullable Body requestBody, List<Response> responses) {
    }

    record Parameter(String name, String in, boolean required, Type type, String description, @Nullable String example) {
    }

    record Body(String mediaType, Type type, @Nullable String example) {
    }

    record Response(String status, String description, List<Body> bodies) {
    }

    record Schema(String name, String anchor, String description, Type type, List<Property> properties) {
    }

    record Property(String name, Type type, boolean required, String description) {
    }

    /** A schema in words ({@code array of Folder}), with a link when it names one component schema. */
    record Type(String text, @Nullable String anchor) {
    }

    static ApiDocsPage of(JsonNode doc) {
        JsonNode info = doc.path("info");
        Map<String, List<Operation>> byTag = new LinkedHashMap<>();
        Map<String, String> tagDescriptions = new LinkedHashMap<>();
        for (JsonNode tag : doc.path("tags")) {
            byTag.put(text(tag, "name"), new ArrayList<>());
            tagDescriptions.put(text(tag, "name"), text(tag, "description"));
        }
        for (Map.Entry<String, JsonNode> path : doc.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> entry : path.getValue().properties()) {
                if (!METHODS.contains(entry.getKey())) continue;
                JsonNode op = entry.getValue();
                String tag = op.path("tags").path(0).asString("Other");
                byTag.computeIfAbsent(tag, t -> new ArrayList<>()).add(operation(doc, path.getKey(), entry.getKey(), op));
            }
        }
        List<Tag> tags = byTag.entrySet().stream().filter(e -> !e.getValue().isEmpty())
                .map(e -> new Tag(e.getKey(), "tag-" + anchor(e.getKey()), markup(tagDescriptions.getOrDefault(e.getKey(), "")),
                        List.copyOf(e.getValue())))
                .toList();
        List<Schema> schemas = new ArrayList<>();
        for (Map.Entry<String, JsonNode> s : doc.path("components").path("schemas").properties()) {
            schemas.add(schema(s.getKey(), s.getValue()));
        }
        return new ApiDocsPage(text(info, "title"), text(info, "version"), markup(text(info, "description")), tags, List.copyOf(schemas));
    }

    private static Operation operation(JsonNode doc, String path, String method, JsonNode op) {
        List<Parameter> parameters = new ArrayList<>();
        for (JsonNode p : op.path("parameters")) {
            JsonNode param = resolve(doc, p);
            JsonNode example = param.has("example") ? param.get("example")
                    : param.path("examples").isObject() ? param.path("examples").values().iterator().next().path("value") : null;
            parameters.add(new Parameter(text(param, "name"), text(param, "in"), param.path("required").asBoolean(false),
                    type(param.path("schema")), markup(text(param, "description")), example == null || example.isMissingNode() ? null : show(example)));
        }
        Body requestBody = null;
        for (Body b : bodies(op.path("requestBody").path("content"))) requestBody = b;
        List<Response> responses = new ArrayList<>();
        for (Map.Entry<String, JsonNode> r : op.path("responses").properties()) {
            JsonNode response = resolve(doc, r.getValue());
            responses.add(new Response(r.getKey(), markup(text(response, "description")), bodies(response.path("content"))));
        }
        boolean open = op.has("security") && op.get("security").isEmpty();
        return new Operation(text(op, "operationId"), method.toUpperCase(Locale.ROOT), path, text(op, "summary"),
                markup(text(op, "description")), open, List.copyOf(parameters), requestBody, List.copyOf(responses));
    }

    private static List<Body> bodies(JsonNode content) {
        List<Body> bodies = new ArrayList<>();
        for (Map.Entry<String, JsonNode> c : content.properties()) {
            JsonNode example = c.getValue().get("example");
            if (example == null && c.getValue().path("examples").isObject()) {
                example = c.getValue().path("examples").values().iterator().next().path("value");
            }
            bodies.add(new Body(c.getKey(), type(c.getValue().path("schema")), example == null ? null : show(example)));
        }
        return List.copyOf(bodies);
    }

    private static Schema schema(String name, JsonNode s) {
        List<Property> properties = new ArrayList<>();
        Set<String> required = new java.util.HashSet<>();
        for (JsonNode r : s.path("required")) required.add(r.asString());
        for (Map.Entry<String, JsonNode> p : s.path("properties").properties()) {
            properties.add(new Property(p.getKey(), type(p.getValue()), required.contains(p.getKey()), markup(text(p.getValue(), "description"))));
        }
        return new Schema(name, "schema-" + name, markup(text(s, "description")), type(s), List.copyOf(properties));
    }

    /** Schema in words. */
    static Type type(JsonNode s) {
        if (s.has("$ref")) {
            String name = refName(s.get("$ref").asString());
            return new Type(name, "schema-" + name);
        }
        for (String combinator : List.of("oneOf", "anyOf", "allOf")) {
            if (s.has(combinator)) {
                List<Type> parts = new ArrayList<>();
                for (JsonNode part : s.get(combinator)) parts.add(type(part));
                String glue = combinator.equals("allOf") ? " and " : " or ";
                String anchor = parts.stream().map(Type::anchor).filter(a -> a != null).findFirst().orElse(null);
                return new Type(String.join(glue, parts.stream().map(Type::text).toList()), anchor);
            }
        }
        List<String> types = new ArrayList<>();
        if (s.path("type").isArray()) for (JsonNode t : s.get("type")) types.add(t.asString());
        else if (s.has("type")) types.add(s.get("type").asString());
        if (types.contains("array")) {
            Type items = type(s.path("items"));
            String rest = types.stream().filter(t -> !t.equals("array")).map(t -> " or " + t).reduce("", String::concat);
            return new Type("array of " + items.text() + rest, items.anchor());
        }
        StringBuilder text = new StringBuilder(types.isEmpty() ? (s.has("properties") ? "object" : "any") : String.join(" or ", types));
        if (s.has("format")) text.append(" (").append(s.get("format").asString()).append(')');
        if (s.path("enum").isArray()) {
            List<String> values = new ArrayList<>();
            for (JsonNode v : s.get("enum")) values.add(v.isNull() ? "null" : v.asString());
            text.append(": ").append(String.join(" | ", values));
        }
        if (s.has("minimum") && s.has("maximum")) {
            text.append(", ").append(s.get("minimum").asString()).append('…').append(s.get("maximum").asString());
        } else if (s.has("minimum")) {
            text.append(", ≥ ").append(s.get("minimum").asString());
        } else if (s.has("maximum")) {
            text.append(", ≤ ").append(s.get("maximum").asString());
        }
        if (s.has("default")) text.append(", default ").append(show(s.get("default")));
        return new Type(text.toString(), null);
    }

    private static JsonNode resolve(JsonNode doc, JsonNode node) {
        if (!node.has("$ref")) return node;
        JsonNode target = doc;
        for (String part : node.get("$ref").asString().substring(2).split("/")) target = target.path(part);
        return target;
    }

    private static String refName(String ref) {
        return ref.startsWith(REF_PREFIX) ? ref.substring(REF_PREFIX.length()) : ref;
    }

    private static String show(JsonNode value) {
        return value.isString() ? value.asString() : JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? "" : value.asString();
    }

    private static String anchor(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    /**
     * Escaped text with a little Markdown made into tags: {@code `code`}, {@code **bold**}, {@code *emphasis*},
     * {@code | tables |} and {@code * bullet} lists. Everything is escaped first, so the result is safe for
     * {@code th:utext}.
     */
    static String markup(String text) {
        StringBuilder html = new StringBuilder();
        List<String> lines = List.of(HtmlUtils.htmlEscape(text).split("\n", -1));
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("|")) {
                html.append("<table><thead><tr>");
                for (String cell : cells(line)) html.append("<th scope=\"col\">").append(inline(cell)).append("</th>");
                html.append("</tr></thead><tbody>");
                if (i + 1 < lines.size() && lines.get(i + 1).matches("\\|[-| :]+\\|?")) i++;
                while (i + 1 < lines.size() && lines.get(i + 1).startsWith("|")) {
                    html.append("<tr>");
                    for (String cell : cells(lines.get(++i))) html.append("<td>").append(inline(cell)).append("</td>");
                    html.append("</tr>");
                }
                html.append("</tbody></table>");
            } else if (line.startsWith("* ")) {
                html.append("<ul>");
                html.append("<li>").append(inline(line.substring(2))).append("</li>");
                while (i + 1 < lines.size() && lines.get(i + 1).startsWith("* ")) {
                    html.append("<li>").append(inline(lines.get(++i).substring(2))).append("</li>");
                }
                html.append("</ul>");
            } else {
                html.append(inline(line));
                if (i + 1 < lines.size()) html.append('\n');
            }
        }
        return html.toString();
    }

    private static List<String> cells(String row) {
        String inner = row.strip();
        inner = inner.substring(1, inner.endsWith("|") && inner.length() > 1 ? inner.length() - 1 : inner.length());
        return List.of(inner.split("\\|", -1)).stream().map(String::strip).toList();
    }

    private static String inline(String escaped) {
        String withCode = CODE.matcher(escaped).replaceAll(m -> Matcher.quoteReplacement("<code>" + m.group(1) + "</code>"));
        String withBold = BOLD.matcher(withCode).replaceAll(m -> Matcher.quoteReplacement("<strong>" + m.group(1) + "</strong>"));
        return EMPHASIS.matcher(withBold).replaceAll(m -> Matcher.quoteReplacement("<em>" + m.group(1) + "</em>"));
    }
}
