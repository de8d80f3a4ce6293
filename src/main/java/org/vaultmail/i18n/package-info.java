/**
 * Languages (ADR 0052): the supported locales ({@link org.vaultmail.i18n.Languages}), each user's chosen language
 * ({@link org.vaultmail.i18n.UserLanguages}), the request's locale (the user's choice, else {@code Accept-Language},
 * else English) and the Settings form that chooses it. The texts themselves are the message bundles
 * {@code messages*.properties} with their {@code _de} and {@code _fr} translations.
 */
@NullMarked
package org.vaultmail.i18n;

import org.jspecify.annotations.NullMarked;
