/**
 * The mail store on Eclipse Angus Mail. {@link org.vaultmail.mail.internal.AngusMailStoreFactory} opens one IMAP
 * connection per store; {@link org.vaultmail.mail.internal.AngusMailStore} is a thin facade over small classes, one
 * per group of operations, that share the connection's explicit {@link org.vaultmail.mail.internal.Selection}
 * (which folder is selected, how a command gets its folder, the one NOOP):
 * {@code FolderTree} and {@code FolderAdministration} (folders), {@code Statuses} (STATUS), {@code MessageListing}
 * with {@code SortedOrders}, {@code Summaries} and {@code PageCache} (pages, and the one "expunged meanwhile, read
 * again" retry), {@code MessageSearch} (search, search-all, threads), {@code MessageFetch} (one message, its parts
 * and source), {@code MessageTransfers} (move, copy, expunge, empty) and {@code MessageWrites} (flags, keywords,
 * append). Their caches are small bounded Caffeine caches per store, built by
 * {@link org.vaultmail.mail.internal.MailStoreCaches}, which counts the hits and misses of all stores together
 * (meter {@code vaultmail.mail.cache.gets}). The rest are protocol helpers (FETCH and LIST parsers, UID sets, previews) and the folder watchers.
 */
package org.vaultmail.mail.internal;
