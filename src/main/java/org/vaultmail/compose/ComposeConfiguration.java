package org.vaultmail.compose;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

import jakarta.servlet.MultipartConfigElement;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.servlet.autoconfigure.MultipartProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The MIME builder with the clock and the configured Message-ID domain; where uploads are spooled, and how many at once. */
@Configuration(proxyBeanMethods = false)
class ComposeConfiguration {

    @Bean
    UploadSpool uploadSpool(@Value("${vaultmail.data-dir:./data}") String dataDirectory) throws IOException {
        return new UploadSpool(Path.of(dataDirectory).resolve("uploads"));
    }

    @Bean
    UploadPermits uploadPermits(ComposeProperties properties, ObjectProvider<MultipartProperties> multipart) {
        MultipartProperties m = multipart.getIfAvailable(MultipartProperties::new);
        return new UploadPermits(properties.maxConcurrentUploads(), m.getMaxRequestSize().toBytes());
    }

    /**
     * Multipart bodies are spooled by the container into the upload directory (owner-only) above a small threshold,
     * never held in the heap; Spring Boot's own element would use the container's temp directory.
     */
    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    MultipartConfigElement multipartConfigElement(MultipartProperties multipart, UploadSpool spool) {
        return new MultipartConfigElement(spool.directory().toString(), multipart.getMaxFileSize().toBytes(),
                multipart.getMaxRequestSize().toBytes(), (int) multipart.getFileSizeThreshold().toBytes());
    }

    @Bean
    MimeComposer mimeComposer(ComposeProperties properties, ObjectProvider<Clock> clock) {
        return new MimeComposer(clock.getIfAvailable(Clock::systemUTC), properties.messageIdDomain());
    }
}
