package org.vaultmail.mail.internal;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import jakarta.mail.Flags;
import jakarta.mail.Message;
import jakarta.mail.search.AndTerm;
import jakarta.mail.search.BodyTerm;
import jakarta.mail.search.ComparisonTerm;
import jakarta.mail.search.FlagTerm;
import jakarta.mail.search.FromStringTerm;
import jakarta.mail.search.HeaderTerm;
import jakarta.mail.search.OrTerm;
import jakarta.mail.search.RecipientStringTerm;
import jakarta.mail.search.SearchTerm;
import jakarta.mail.search.SentDateTerm;
import jakarta.mail.search.SubjectTerm;
import org.jspecify.annotations.Nullable;
import org.vaultmail.mail.SearchQuery;

/**
 * A {@link SearchQuery} as Jakarta Mail search terms: Angus writes every string as a quoted string
 * or a literal (never raw), so nothing a user types can end the command or add criteria.
 */
final class SearchTerms {

    private SearchTerms() {
    }

    /** The conjunction of the query's criteria, or null when it has none (everything matches). */
    static @Nullable SearchTerm of(SearchQuery q) {
        List<SearchTerm> terms = new ArrayList<>();
        if (q.from() != null) terms.add(new FromStringTerm(q.from()));
        if (q.to() != null) terms.add(new RecipientStringTerm(Message.RecipientType.TO, q.to()));
        if (q.subject() != null) terms.add(new SubjectTerm(q.subject()));
        if (q.body() != null) terms.add(new BodyTerm(q.body()));
        if (q.text() != null) terms.add(new OrTerm(new SubjectTerm(q.text()), new BodyTerm(q.text())));
        if (q.since() != null) terms.add(new SentDateTerm(ComparisonTerm.GE, date(q.since())));
        if (q.before() != null) terms.add(new SentDateTerm(ComparisonTerm.LT, date(q.before())));
        if (q.unread()) terms.add(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
        if (q.flagged()) terms.add(new FlagTerm(new Flags(Flags.Flag.FLAGGED), true));
        if (q.hasAttachment()) terms.add(new HeaderTerm("Content-Type", "multipart/mixed"));
        return switch (terms.size()) {
            case 0 -> null;
            case 1 -> terms.getFirst();
            default -> new AndTerm(terms.toArray(SearchTerm[]::new));
        };
    }

    /** IMAP compares dates as days; Angus formats the Date in the JVM's zone, so pass local noon. */
    private static Date date(LocalDate day) {
        return Date.from(day.atTime(12, 0).atZone(ZoneId.systemDefault()).toInstant());
    }
}
