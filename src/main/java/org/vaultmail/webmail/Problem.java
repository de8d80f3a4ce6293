package org.vaultmail.webmail;

import org.jspecify.annotations.Nullable;

/**
 * A problem shown in a pane instead of its content: message keys for the title and detail ({@code arg} fills
 * the title's {0}), and how to retry (the URL and the pane to load it into; null target: reload the page).
 */
record Problem(String titleKey, String detailKey, String arg, String retryHref, @Nullable String retryTarget, boolean signIn) {
}
