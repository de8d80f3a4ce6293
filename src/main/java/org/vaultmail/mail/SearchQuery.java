package org.vaultmail.mail;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * What to search for; every criterion that is set must match. Text criteria are substrings, as
 * IMAP SEARCH defines them; dates are compared with the Date header (SENTSINCE/SENTBEFORE, days).
 * {@code text} matches the subject or the body.
 * {@code hasAttachment} is approximated by a {@code Content-Type} header containing {@code multipart/mixed}.
 */
public record SearchQuery(@Nullable String from, @Nullable String to, @Nullable String subject, @Nullable String body,
                          @Nullable LocalDate since, @Nullable LocalDate before, boolean unread, boolean flagged,
                          boolean hasAttachment, @Nullable String text) {

    /** Matches everything. */
    public static SearchQuery all() {
        return new SearchQuery(null, null, null, null, null, null, false, false, false, null);
    }

    public SearchQuery withFrom(String from) {
        return new SearchQuery(from, to, subject, body, since, before, unread, flagged, hasAttachment, text);
    }

    public SearchQuery withTo(String to) {
        return new SearchQuery(from, to, subject, body, since, before, unread, flagged, hasAttachment, text);
    }

    public SearchQuery withSubject(String subject) {
        return new SearchQuery(from, to, subject, body, since, before, unread, flagged, hasAttachment, text);
    }

    public SearchQuery withBody(String body) {
        return new SearchQuery(from, to, subject, body, since, before, unread, flagged, hasAttachment, text);
    }

    /** Sent on or after {@code since}, and before {@code before} (either may be null). */
    public SearchQuery withDates(@Nullable LocalDate since, @Nullable LocalDate before) {
        return new SearchQuery(from, to, subject, body, since, before, unread, flagged, hasAttachment, text);
    }

    public SearchQuery onlyUnread() {
        return new SearchQuery(from, to, subject, body, since, before, true, flagged, hasAttachment, text);
    }

    public SearchQuery onlyFlagged() {
        return new SearchQuery(from, to, subject, body, since, before, unread, true, hasAttachment, text);
    }

    public SearchQuery onlyWithAttachments() {
        return new SearchQuery(from, to, subject, body, since, before, unread, flagged, true, text);
    }

    /** Words that must appear in the subject or the body. */
    public SearchQuery withText(String text) {
        return new SearchQuery(from, to, subject, body, since, before, unread, flagged, hasAttachment, text);
    }
}
