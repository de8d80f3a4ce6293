package org.vaultmail.mail.internal;

import java.util.ArrayList;
import java.util.List;

import org.vaultmail.mail.MessageThread;

/**
 * Parses the body of a {@code * THREAD} response (RFC 5256): {@code (3 6 (4 23)(44 7 96))} is 3, replied
 * to by 6, which has two branches, 4 → 23 and 44 → 7 → 96. A list that starts with a list has no
 * root message (the server knows only its replies): its branches become threads of their own.
 */
final class ThreadResponses {

    private final String text;
    private int pos;

    private ThreadResponses(String text) {
        this.text = text;
    }

    static List<MessageThread> parse(String text) {
        ThreadResponses parser = new ThreadResponses(text);
        List<MessageThread> threads = new ArrayList<>();
        parser.skipSpaces();
        while (parser.peek() == '(') {
            threads.addAll(parser.list());
            parser.skipSpaces();
        }
        return List.copyOf(threads);
    }

    private List<MessageThread> list() {
        expect('(');
        List<Long> chain = new ArrayList<>();
        skipSpaces();
        while (Character.isDigit(peek())) {
            chain.add(number());
            skipSpaces();
        }
        List<MessageThread> branches = new ArrayList<>();
        while (peek() == '(') {
            branches.addAll(list());
            skipSpaces();
        }
        expect(')');
        if (chain.isEmpty()) return branches;
        MessageThread node = new MessageThread(chain.getLast(), branches);
        for (int i = chain.size() - 2; i >= 0; i--) node = new MessageThread(chain.get(i), List.of(node));
        return List.of(node);
    }

    private long number() {
        int start = pos;
        while (Character.isDigit(peek())) pos++;
        return Long.parseLong(text, start, pos, 10);
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skipSpaces() {
        while (peek() == ' ') pos++;
    }

    private void expect(char c) {
        if (peek() != c) throw new IllegalArgumentException("Bad THREAD response at " + pos);
        pos++;
    }
}
