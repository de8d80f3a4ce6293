package org.vaultmail.migrate;

/** A manual folder-mapping rule: the source folder (full name, as the source names it) goes to {@code destination}. */
public record FolderRule(String source, String destination) {
}
