package org.vaultmail.mail;

import java.util.List;

/**
 * The newest matches of a search over every folder: {@code total} matches in all folders searched,
 * {@code messages} the newest of them (by Date), newest first; each names its folder in its uid.
 */
public record SearchResults(int total, List<MessageSummary> messages) {
}
