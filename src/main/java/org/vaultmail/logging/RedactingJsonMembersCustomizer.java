package org.vaultmail.logging;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.json.JsonWriter.MemberPath;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;

/**
 * Redaction for Spring Boot's structured (JSON) log formats: every member whose name looks like a
 * secret is written as {@value Redactor#REDACTED}, and every other string value (message, exception
 * message, stack trace, MDC and key-value pairs) goes through {@link Redactor#redactText}. Registered in
 * {@code META-INF/spring.factories}, so it applies to ECS, Logstash and GELF, console and file alike.
 */
public class RedactingJsonMembersCustomizer implements StructuredLoggingJsonMembersCustomizer<Object> {

    @Override
    public void customize(JsonWriter.Members<Object> members) {
        members.applyingValueProcessor(RedactingJsonMembersCustomizer::redact);
    }

    static @Nullable Object redact(MemberPath path, @Nullable Object value) {
        if (value == null) return null;
        if (Redactor.isSensitiveName(path.name())) return Redactor.REDACTED;
        if (value instanceof CharSequence text) return Redactor.redactText(text.toString());
        return value;
    }
}
