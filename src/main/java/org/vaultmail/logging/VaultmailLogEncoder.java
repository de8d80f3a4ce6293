package org.vaultmail.logging;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.logging.logback.StructuredLogEncoder;

/**
 * The encoder of Vaultmail's console appender: {@code text} writes the pattern (whose converters redact,
 * see {@code logback-spring.xml}), anything else ({@code ecs}, {@code logstash}, {@code gelf}) is handed
 * to Spring Boot's structured-logging encoder (whose JSON members are redacted by
 * {@link RedactingJsonMembersCustomizer}). One appender, chosen by {@code vaultmail.logging.format}.
 */
public class VaultmailLogEncoder extends EncoderBase<ILoggingEvent> {

    private String format = "text";
    private String pattern = "%m%n";
    private Charset charset = StandardCharsets.UTF_8;
    private @Nullable Encoder<ILoggingEvent> delegate;

    public void setFormat(@Nullable String format) {
        this.format = format == null || format.isBlank() ? "text" : format.strip().toLowerCase(Locale.ROOT);
    }

    public void setPattern(String pattern) {
        this.pattern = pattern;
    }

    public void setCharset(Charset charset) {
        this.charset = charset;
    }

    @Override
    public void start() {
        if (format.equals("text") || format.equals("plain")) {
            PatternLayoutEncoder text = new PatternLayoutEncoder();
            text.setContext(getContext());
            text.setPattern(pattern);
            text.setCharset(charset);
            delegate = text;
        } else {
            StructuredLogEncoder json = new StructuredLogEncoder();
            json.setContext(getContext());
            json.setFormat(format.equals("json") ? "ecs" : format);
            json.setCharset(charset);
            delegate = json;
        }
        delegate.start();
        super.start();
    }

    @Override
    public void stop() {
        if (delegate != null) delegate.stop();
        super.stop();
    }

    @Override
    public byte[] headerBytes() {
        return started().headerBytes();
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        return started().encode(event);
    }

    @Override
    public byte[] footerBytes() {
        return started().footerBytes();
    }

    private Encoder<ILoggingEvent> started() {
        if (delegate == null) throw new IllegalStateException("VaultmailLogEncoder used before start()");
        return delegate;
    }
}
