package org.vaultmail.mail;

import java.util.List;

/** A slice of a folder in some order, and how many messages the folder holds. */
public record MessagePage(int total, int offset, List<MessageSummary> messages) {
}
