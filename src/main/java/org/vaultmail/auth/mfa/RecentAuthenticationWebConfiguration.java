package org.vaultmail.auth.mfa;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Installs the check of {@link RequiresRecentAuthentication} for every handler (ADR 0026). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class RecentAuthenticationWebConfiguration implements WebMvcConfigurer {

    private final RecentAuthentication recent;
    private final FreshAuthentication fresh;

    RecentAuthenticationWebConfiguration(RecentAuthentication recent, FreshAuthentication fresh) {
        this.recent = recent;
        this.fresh = fresh;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new RecentAuthenticationInterceptor(recent, fresh));
    }
}
