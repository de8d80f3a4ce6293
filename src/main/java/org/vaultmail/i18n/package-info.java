/**
 * Languages (ADR 0052): the supported locales ({@link org.vaultmail.i18n.Languages}), each user's chosen language
 * ({@link org.vaultmail.i18n.UserLanguages}), the request's locale (the user's choice, else {@code Accept-Language},
 * else English) and the Settings form that chooses it; problem titles and details in that language
 * ({@code ProblemTexts}, and {@link org.vaultmail.i18n.UserText} for refusals thrown with a key;
 * {@link org.vaultmail.i18n.InputRefused} for refused request input, texts in {@code messages-input}).
 * The texts themselves are the message bundles {@code messages*.properties} with their {@code _de} and {@code _fr}
 * translations.
 */
@NullMarked
package org.vaultmail.i18n;

import org.jspecify.annotations.NullMarked;
