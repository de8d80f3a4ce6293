/**
 * Accessibility checks in a real Chromium (issue 17 item 7, ADR 0053): {@link org.vaultmail.a11y.AxeSweepE2eTest}
 * runs axe-core (vendored under {@code src/test/resources/a11y/axe-core}, injected by {@link org.vaultmail.a11y.Axe},
 * never served by the app) on every page in the light and the dark theme; {@link org.vaultmail.a11y.KeyboardE2eTest}
 * uses the app with the keyboard alone through {@link org.vaultmail.a11y.Keyboard}. Both tagged {@code e2e}.
 */
package org.vaultmail.a11y;
