package org.vaultmail.web;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.BeanUtils;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ValueConstants;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The table of malformed requests, generated from Spring MVC's request mappings: for every handler and every value
 * it binds (path variable, request parameter, form field, JSON body field, multipart body), the request with that one
 * value missing, empty, too long, of the wrong type, percent-garbage, not UTF-8, with control characters, an unknown
 * enum constant, negative or huge, and for bodies malformed JSON; every other required value well-formed.
 */
final class MalformedRequests {

    /** One request to send and what it must get: {@code mustRefuse} when no answer but a 4xx is right. */
    record Case(String label, String method, String target, @Nullable String contentType, byte[] body, boolean mustRefuse) {
        /** The app's own rule ({@link ApiPaths}): {@code /api/**} and the operators' {@code /admin/api/v1/**}. */
        boolean api() {
            return ApiPaths.api(target);
        }

        boolean admin() {
            return target.startsWith("/admin");
        }
    }

    /** The query/form value variants, already in their wire form (percent-escapes stay as written). */
    enum Value {
        MISSING(null), EMPTY(""), TOO_LONG("a".repeat(4000)), WRONG_TYPE("not-a-number"), PERCENT_GARBAGE("%ZZ%"),
        NON_UTF8("%FF%FE%C0%AF"), CONTROL("%00%0D%0A%1B%7F"), NEGATIVE("-1"), HUGE("99999999999999999999999"),
        UNKNOWN_ENUM("no-such-value");

        final @Nullable String wire;

        Value(@Nullable String wire) {
            this.wire = wire;
        }
    }

    /** Path segment variants: the route stays, the value is wrong. */
    private static final Map<String, String> SEGMENTS = linked("empty", "", "percent-garbage", "%ZZ", "non-utf8", "%FF%FE",
            "nul", "%00", "crlf", "%0D%0A", "too-long", "a".repeat(2000), "negative", "-1", "huge", "99999999999999999999999",
            "wrong-type", "not-a-number", "dot-dot", "..%2F..%2Fetc", "unknown-enum", "no-such-value");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private enum Where { PATH, PARAM, BODY, PARTS }

    private record Param(String name, Where where, Class<?> type, @Nullable Type generic, boolean required) {
    }

    private final Map<String, String> baselines;
    private String method = "GET";

    /**
     * {@code baselines}: well-formed values by parameter name (a folder that exists, a UID in it), or by method and name
     * ({@code "POST folder"}); others get "x" or 1.
     */
    MalformedRequests(Map<String, String> baselines) {
        this.baselines = baselines;
    }

    List<Case> cases(Map<RequestMappingInfo, HandlerMethod> handlers) {
        List<Case> cases = new ArrayList<>();
        handlers.forEach((info, handler) -> {
            if (skipped(handler)) return;
            String pattern = info.getPatternValues().iterator().next();
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            List<Param> params = params(handler);
            boolean multipart = info.getConsumesCondition().getConsumableMediaTypes().contains(MediaType.MULTIPART_FORM_DATA);
            for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                cases.addAll(casesOf(method.name(), pattern, params, multipart));
            }
        });
        return cases;
    }

    private List<Case> casesOf(String method, String pattern, List<Param> params, boolean multipart) {
        this.method = method;
        List<Case> cases = new ArrayList<>();
        String where = method + " " + pattern;
        boolean inBody = !method.equals("GET") && !method.equals("DELETE")
                && params.stream().noneMatch(p -> p.where == Where.BODY || p.where == Where.PARTS);
        for (Param p : params) {
            switch (p.where) {
                case PATH -> SEGMENTS.forEach((what, segment) -> cases.add(request(where + " {" + p.name + "}=" + what, method,
                        pattern, params, p, segment, null, inBody, multipart,
                        numeric(p.type) && (what.equals("wrong-type") || what.equals("huge")))));
                case PARAM -> {
                    for (Value v : Value.values()) {
                        boolean refuse = v == Value.MISSING ? p.required
                                : (v == Value.WRONG_TYPE && (numeric(p.type) || p.type == boolean.class || p.type == Boolean.class))
                                  || (v == Value.HUGE && numeric(p.type));
                        cases.add(request(where + " " + p.name + "=" + v, method, pattern, params, p, null, v, inBody, multipart, refuse));
                    }
                }
                case BODY -> cases.addAll(bodies(where, method, pattern, params, p));
                case PARTS -> cases.addAll(parts(where, method, pattern, params));
            }
        }
        return cases;
    }

    private Case request(String label, String method, String pattern, List<Param> params, @Nullable Param changed,
                         @Nullable String segment, @Nullable Value value, boolean inBody, boolean multipart, boolean refuse) {
        String path = path(pattern, params, changed, segment);
        Map<String, String> fields = new LinkedHashMap<>();
        for (Param p : params) {
            if (p.where != Where.PARAM) continue;
            if (p == changed && value != null) {
                if (value.wire != null) fields.put(p.name, value.wire);
            } else if (p.required) {
                fields.put(p.name, encode(baseline(p)));
            }
        }
        String query = join(fields);
        if (inBody) {
            return new Case(label, method, path, MediaType.APPLICATION_FORM_URLENCODED_VALUE, query.getBytes(StandardCharsets.ISO_8859_1), refuse);
        }
        byte[] body = new byte[0];
        String type = null;
        Param json = params.stream().filter(p -> p.where == Where.BODY).findFirst().orElse(null);
        if (json != null) {
            body = JSON.writeValueAsBytes(wellFormed(json.type, json.generic));
            type = MediaType.APPLICATION_JSON_VALUE;
        } else if (multipart) {
            type = "multipart/form-data; boundary=b";
            body = "--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nx\r\n--b--\r\n".getBytes(StandardCharsets.ISO_8859_1);
        }
        return new Case(label, method, path + (query.isEmpty() ? "" : "?" + query), type, body, refuse);
    }

    /** JSON bodies: malformed, empty, of the wrong shape, and each field of the record wrong in each way. */
    private List<Case> bodies(String where, String method, String pattern, List<Param> params, Param body) {
        String path = path(pattern, params, null, null) + query(params);
        List<Case> cases = new ArrayList<>();
        Map<String, String> whole = linked("malformed", "{\"a\":", "empty", "", "null", "null", "array", "[]", "string", "\"x\"",
                "deep", "[".repeat(5000) + "]".repeat(5000), "non-utf8", "{\"\u00ff\u00fe\":1}");
        whole.forEach((what, text) -> cases.add(new Case(where + " body=" + what, method, path, MediaType.APPLICATION_JSON_VALUE,
                what.equals("non-utf8") ? text.getBytes(StandardCharsets.ISO_8859_1) : text.getBytes(StandardCharsets.UTF_8),
                what.equals("malformed") || what.equals("deep") || (what.equals("empty") && body.required))));
        cases.add(new Case(where + " body=as-text-plain", method, path, MediaType.TEXT_PLAIN_VALUE,
                JSON.writeValueAsBytes(wellFormed(body.type, body.generic)), true));
        if (!body.type.isRecord()) return cases;
        for (RecordComponent c : body.type.getRecordComponents()) {
            for (Map.Entry<String, Object> wrong : wrongValues(c.getType()).entrySet()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> fields = (Map<String, Object>) wellFormed(body.type, body.generic);
                fields.put(c.getName(), wrong.getValue());
                boolean refuse = wrong.getKey().equals("wrong-type") && !(c.getType() == String.class || c.getType() == char[].class);
                cases.add(new Case(where + " body." + c.getName() + "=" + wrong.getKey(), method, path,
                        MediaType.APPLICATION_JSON_VALUE, JSON.writeValueAsBytes(fields), refuse));
            }
        }
        return cases;
    }

    private List<Case> parts(String where, String method, String pattern, List<Param> params) {
        String path = path(pattern, params, null, null) + query(params);
        return List.of(
                new Case(where + " multipart=no-boundary", method, path, "multipart/form-data", "x".getBytes(StandardCharsets.UTF_8), true),
                new Case(where + " multipart=garbage", method, path, "multipart/form-data; boundary=b",
                        "--b\r\nnot a part\r\n".getBytes(StandardCharsets.UTF_8), true),
                new Case(where + " multipart=empty", method, path, "multipart/form-data; boundary=b", new byte[0], true),
                new Case(where + " multipart=no-parts", method, path, "multipart/form-data; boundary=b",
                        "--b--\r\n".getBytes(StandardCharsets.UTF_8), true),
                new Case(where + " multipart=bad-filename", method, path, "multipart/form-data; boundary=b",
                        ("--b\r\nContent-Disposition: form-data; name=\"attachments\"; filename=\"\u0000\r\n\"\r\n\r\nx\r\n--b--\r\n")
                                .getBytes(StandardCharsets.ISO_8859_1), false));
    }

    private static Map<String, Object> wrongValues(Class<?> type) {
        Map<String, Object> wrong = new LinkedHashMap<>();
        boolean text = type == String.class || type == char[].class;
        wrong.put("wrong-type", text ? Map.of("x", 1) : numeric(type) || type == Boolean.class ? "not-a-number" : 42);
        wrong.put("too-long", "a".repeat(100_000));
        wrong.put("control", "\u0000\r\n\u001b\u007f");
        wrong.put("unknown-enum", "no-such-value");
        wrong.put("negative", -1);
        wrong.put("huge", new java.math.BigInteger("99999999999999999999999"));
        wrong.put("list-of-nulls", java.util.Arrays.asList(null, null));
        return wrong;
    }

    /** A well-formed value of {@code type} as JSON would carry it: a record becomes a map of its components. */
    private Object wellFormed(Class<?> type, @Nullable Type generic) {
        if (type.isRecord()) {
            Map<String, Object> fields = new LinkedHashMap<>();
            for (RecordComponent c : type.getRecordComponents()) fields.put(c.getName(), wellFormed(c.getType(), c.getGenericType()));
            return fields;
        }
        if (List.class.isAssignableFrom(type) || Set.class.isAssignableFrom(type)) {
            if (generic instanceof ParameterizedType pt && pt.getActualTypeArguments()[0] instanceof Class<?> element) {
                return List.of(wellFormed(element, null));
            }
            return List.of();
        }
        if (Map.class.isAssignableFrom(type)) return Map.of();
        if (numeric(type)) return 1;
        if (type == Boolean.class || type == boolean.class) return false;
        if (type.isEnum()) return type.getEnumConstants()[0].toString();
        return "x";
    }

    private String path(String pattern, List<Param> params, @Nullable Param changed, @Nullable String segment) {
        String path = pattern;
        for (Param p : params) {
            if (p.where != Where.PATH) continue;
            String value = p == changed && segment != null ? segment : encode(baseline(p));
            path = path.replaceAll("\\{" + p.name + "(:[^}]*)?}", java.util.regex.Matcher.quoteReplacement(value));
        }
        return path;
    }

    private String query(List<Param> params) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (Param p : params) if (p.where == Where.PARAM && p.required) fields.put(p.name, encode(baseline(p)));
        String q = join(fields);
        return q.isEmpty() ? "" : "?" + q;
    }

    private String baseline(Param p) {
        String known = baselines.getOrDefault(method + " " + p.name, baselines.get(p.name));
        if (known != null) return known;
        return numeric(p.type) ? "1" : p.type == boolean.class || p.type == Boolean.class ? "false" : "x";
    }

    private static List<Param> params(HandlerMethod handler) {
        List<Param> params = new ArrayList<>();
        for (MethodParameter mp : handler.getMethodParameters()) {
            mp = mp.withContainingClass(handler.getBeanType());
            Class<?> type = mp.getParameterType();
            String name = mp.getParameterName();
            if (mp.hasParameterAnnotation(AuthenticationPrincipal.class) || infrastructure(type)) continue;
            PathVariable path = mp.getParameterAnnotation(PathVariable.class);
            RequestParam param = mp.getParameterAnnotation(RequestParam.class);
            RequestBody body = mp.getParameterAnnotation(RequestBody.class);
            if (path != null) {
                params.add(new Param(path.name().isEmpty() ? name : path.name(), Where.PATH, type, null, true));
            } else if (body != null) {
                params.add(new Param(name, Where.BODY, type, mp.getGenericParameterType(), body.required()));
            } else if (mp.hasParameterAnnotation(RequestPart.class) || MultipartFile.class.isAssignableFrom(type)
                       || (List.class.isAssignableFrom(type) && mp.getGenericParameterType().getTypeName().contains("MultipartFile"))) {
                if (params.stream().noneMatch(p -> p.where == Where.PARTS)) params.add(new Param(name, Where.PARTS, type, null, true));
            } else if (param != null) {
                if (Map.class.isAssignableFrom(type)) continue;
                boolean required = param.required() && param.defaultValue().equals(ValueConstants.DEFAULT_NONE);
                params.add(new Param(param.name().isEmpty() ? name : param.name(), Where.PARAM, type, null, required));
            } else if (BeanUtils.isSimpleProperty(type)) {
                params.add(new Param(name, Where.PARAM, type, null, false));
            } else if (mp.hasParameterAnnotation(ModelAttribute.class) || !type.getName().startsWith("java.")) {
                formFields(type, params);
            }
        }
        return params;
    }

    /** A form object's fields: record components or writable bean properties, bound from request parameters. */
    private static void formFields(Class<?> type, List<Param> params) {
        if (type.isRecord()) {
            for (RecordComponent c : type.getRecordComponents()) params.add(new Param(c.getName(), Where.PARAM, c.getType(), null, false));
            return;
        }
        for (var d : BeanUtils.getPropertyDescriptors(type)) {
            if (d.getWriteMethod() != null) params.add(new Param(d.getName(), Where.PARAM, d.getPropertyType(), null, false));
        }
    }

    private static boolean infrastructure(Class<?> type) {
        String n = type.getName();
        return n.startsWith("jakarta.servlet.") || n.startsWith("org.springframework.") || n.startsWith("java.security.")
               || type == java.util.Locale.class || type == java.io.OutputStream.class || type == java.io.Writer.class
               || n.startsWith("org.vaultmail.auth.AuthenticatedSession");
    }

    private static boolean skipped(HandlerMethod handler) {
        Class<?> returns = handler.getMethod().getReturnType();
        // streams answer for minutes; their parameters are none, and the error controller is Spring Boot's
        return ResponseBodyEmitter.class.isAssignableFrom(returns) || SseEmitter.class.isAssignableFrom(returns)
               || handler.getMethod().getName().equals("events")
               || handler.getBeanType().getName().startsWith("org.springframework.")
               || AnnotatedElementUtils.hasAnnotation(handler.getMethod(), Deprecated.class);
    }

    static boolean numeric(Class<?> type) {
        return type == int.class || type == long.class || type == Integer.class || type == Long.class || type == short.class
               || type == Short.class || type == double.class || type == Double.class;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String join(Map<String, String> fields) {
        StringBuilder s = new StringBuilder();
        fields.forEach((k, v) -> s.append(s.isEmpty() ? "" : "&").append(k).append('=').append(v));
        return s.toString();
    }

    private static Map<String, String> linked(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) map.put(pairs[i], pairs[i + 1]);
        return map;
    }
}
