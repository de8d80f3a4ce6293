package org.vaultmail.sanitize;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A rewriter that records every question the sanitiser asks and hands out recognisable URLs, so a test can
 * prove that every resource left in the output went through it.
 */
final class RecordingRewriter implements ResourceRewriter {

    final List<String> inlineAsked = new ArrayList<>();
    final List<String> remoteAsked = new ArrayList<>();
    final Set<String> issued = new HashSet<>();
    private final boolean allowRemote;

    private RecordingRewriter(boolean allowRemote) {
        this.allowRemote = allowRemote;
    }

    /** Inline parts served, remote resources blocked (the default reading mode). */
    static RecordingRewriter blockingRemote() {
        return new RecordingRewriter(false);
    }

    /** Inline parts served, remote resources through the (pretend) image proxy ("show images"). */
    static RecordingRewriter proxyingRemote() {
        return new RecordingRewriter(true);
    }

    @Override
    public @Nullable String inline(String contentId) {
        inlineAsked.add(contentId);
        return issue("/api/v1/parts/" + inlineAsked.size());
    }

    @Override
    public @Nullable String remote(String absoluteUrl) {
        remoteAsked.add(absoluteUrl);
        return allowRemote ? issue("/proxy/img/" + remoteAsked.size()) : null;
    }

    private String issue(String url) {
        issued.add(url);
        return url;
    }
}
