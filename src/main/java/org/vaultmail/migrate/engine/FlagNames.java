package org.vaultmail.migrate.engine;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

import jakarta.mail.Flags;
import org.eclipse.angus.mail.iap.Argument;
import org.jspecify.annotations.Nullable;

/** Flags as IMAP names ({@code \Seen}, keywords as they are) and what a destination's PERMANENTFLAGS lets through. */
final class FlagNames {

    static final String RECENT = "\\Recent";
    static final String ANY_KEYWORD = "\\*";

    private FlagNames() {
    }

    /** A FETCH's FLAGS as names, without \Recent (a session flag nobody can set). */
    static Set<String> of(Flags flags) {
        Set<String> names = new TreeSet<>();
        for (Flags.Flag f : flags.getSystemFlags()) {
            String name = systemName(f);
            if (name != null && !name.equals(RECENT)) names.add(name);
        }
        for (String keyword : flags.getUserFlags()) names.add(keyword);
        return names;
    }

    /** PERMANENTFLAGS as names; {@code \*} stands for "new keywords allowed". */
    static Set<String> permanent(Flags flags) {
        Set<String> names = new TreeSet<>();
        for (Flags.Flag f : flags.getSystemFlags()) {
            String name = f == Flags.Flag.USER ? ANY_KEYWORD : systemName(f);
            if (name != null) names.add(name);
        }
        for (String keyword : flags.getUserFlags()) names.add(keyword);
        return names;
    }

    /** The subset of {@code flags} the destination keeps. */
    static Set<String> allowed(Set<String> flags, Set<String> permanent) {
        Set<String> kept = new TreeSet<>();
        for (String flag : flags) {
            if (flag.equalsIgnoreCase(RECENT)) continue;
            if (flag.startsWith("\\") ? containsIgnoreCase(permanent, flag)
                    : permanent.contains(ANY_KEYWORD) || containsIgnoreCase(permanent, flag)) {
                kept.add(flag);
            }
        }
        return kept;
    }

    /** The flags of {@code flags} the destination does not keep (\Recent, which nobody can set, not among them). */
    static Set<String> refused(Set<String> flags, Set<String> permanent) {
        Set<String> refused = new TreeSet<>(flags);
        refused.removeIf(f -> f.equalsIgnoreCase(RECENT));
        refused.removeAll(allowed(flags, permanent));
        return refused;
    }

    /** {@code (\Seen $Label1)} as an argument list of atoms. */
    static Argument list(Collection<String> flags) {
        Argument arg = new Argument();
        for (String flag : flags) arg.writeAtom(flag);
        return arg;
    }

    static String listText(Collection<String> flags) {
        return "(" + String.join(" ", flags) + ")";
    }

    private static boolean containsIgnoreCase(Set<String> set, String value) {
        for (String s : set) if (s.equalsIgnoreCase(value)) return true;
        return false;
    }

    private static @Nullable String systemName(Flags.Flag f) {
        if (f == Flags.Flag.ANSWERED) return "\\Answered";
        if (f == Flags.Flag.DELETED) return "\\Deleted";
        if (f == Flags.Flag.DRAFT) return "\\Draft";
        if (f == Flags.Flag.FLAGGED) return "\\Flagged";
        if (f == Flags.Flag.SEEN) return "\\Seen";
        if (f == Flags.Flag.RECENT) return RECENT;
        return null;
    }
}
