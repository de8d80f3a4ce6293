package org.vaultmail.apidocs;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * The part of JSON Schema the document uses, enough to tell whether a JSON value has the documented shape:
 * types (with null), enums, required and unknown properties (unless {@code additionalProperties}), arrays,
 * {@code oneOf} and {@code allOf}, {@code $ref}s into the document.
 */
final class SchemaCheck {

    private final JsonNode doc;

    SchemaCheck(JsonNode doc) {
        this.doc = doc;
    }

    /** The problems of {@code value} against {@code schema}; empty when it fits. */
    List<String> problems(JsonNode value, JsonNode schema) {
        List<String> problems = new ArrayList<>();
        fits(value, schema, "$", problems);
        return problems;
    }

    /** A small JSON Schema check: types, enums, required and unknown properties, arrays, oneOf and allOf. */
    void fits(JsonNode value, JsonNode schemaNode, String where, List<String> problems) {
        JsonNode schema = OpenApiDocumentTest.resolve(doc, schemaNode);
        if (schema.has("oneOf")) {
            boolean any = false;
            for (JsonNode option : schema.get("oneOf")) {
                List<String> p = new ArrayList<>();
                fits(value, option, where, p);
                any |= p.isEmpty();
            }
            if (!any) problems.add(where + " fits none of oneOf");
            return;
        }
        Map<String, JsonNode> properties = new LinkedHashMap<>();
        Set<String> required = new HashSet<>();
        List<JsonNode> parts = new ArrayList<>();
        if (schema.has("allOf")) schema.get("allOf").forEach(s -> parts.add(OpenApiDocumentTest.resolve(doc, s)));
        else parts.add(schema);
        boolean object = false;
        for (JsonNode part : parts) {
            for (var p : part.path("properties").properties()) properties.put(p.getKey(), p.getValue());
            part.path("required").forEach(r -> required.add(r.asString()));
            object |= part.has("properties");
            if (!typeAllows(part, value)) problems.add(where + " is not " + part.path("type"));
            if (part.has("enum")) {
                boolean listed = false;
                for (JsonNode allowed : part.get("enum")) listed |= allowed.equals(value);
                if (!listed) problems.add(where + " = " + value + " not in " + part.get("enum"));
            }
        }
        if (value.isObject() && object) {
            for (String r : required) if (!value.has(r)) problems.add(where + " lacks " + r);
            for (var p : value.properties()) {
                JsonNode propertySchema = properties.get(p.getKey());
                if (propertySchema == null) {
                    if (!schema.path("additionalProperties").asBoolean(false)) problems.add(where + " has unknown " + p.getKey());
                } else {
                    fits(p.getValue(), propertySchema, where + "." + p.getKey(), problems);
                }
            }
        }
        if (value.isArray() && schema.has("items")) {
            int i = 0;
            for (JsonNode item : value) fits(item, schema.get("items"), where + "[" + i++ + "]", problems);
        }
    }

    private static boolean typeAllows(JsonNode schema, JsonNode value) {
        if (!schema.has("type")) return true;
        List<String> types = new ArrayList<>();
        if (schema.get("type").isArray()) schema.get("type").forEach(t -> types.add(t.asString()));
        else types.add(schema.get("type").asString());
        for (String type : types) {
            boolean ok = switch (type) {
                case "null" -> value.isNull();
                case "string" -> value.isString();
                case "integer" -> value.isIntegralNumber();
                case "number" -> value.isNumber();
                case "boolean" -> value.isBoolean();
                case "array" -> value.isArray();
                case "object" -> value.isObject();
                default -> false;
            };
            if (ok) return true;
        }
        return false;
    }

}
