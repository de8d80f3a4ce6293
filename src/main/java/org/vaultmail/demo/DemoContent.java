package org.vaultmail.demo;

import java.util.List;
import java.util.Random;

import jakarta.mail.internet.InternetAddress;

/** The words, people and subjects the demo mail is made of; all addresses are on reserved domains. */
final class DemoContent {

    private DemoContent() {
    }

    static final List<InternetAddress> PEOPLE = List.of(
            DemoMessages.address("juergen.mueller@example.de", "Jürgen Müller"),
            DemoMessages.address("elodie.lefevre@example.fr", "Élodie Lefèvre"),
            DemoMessages.address("taro.yamada@example.jp", "山田 太郎"),
            DemoMessages.address("priya.raman@example.com", "Priya Raman"),
            DemoMessages.address("marcus.chen@example.org", "Marcus Chen"),
            DemoMessages.address("sofia.rossi@example.it", "Sofia Rossi"),
            DemoMessages.address("olu.adeyemi@example.com", "Olúwaseun Adéyẹmí"),
            DemoMessages.address("zoe.kowalski@example.pl", "Zoë Kowalski"),
            DemoMessages.address("noah.schmidt@example.net", "Noah Schmidt"),
            DemoMessages.address("bob@demo.test", "Bob Demo"));

    /** Thread topics: the first message's subject; replies get "Re: ". */
    static final List<String> THREAD_SUBJECTS = List.of(
            "Vaultmail roadmap for Q3",
            "Apartment viewing on Saturday",
            "Übergabe der Schlüssel – Grüße aus München",
            "Réunion d'équipe : ordre du jour",
            "会議の議事録（第3四半期）",
            "Conference talk proposal: \"Mail without passwords\"",
            "Invoice 2025-041 question",
            "Server migration weekend 🛠️");

    /** Stand-alone messages with subjects in other scripts, to exercise RFC 2047 decoding. */
    static final List<String> INTERNATIONAL_SUBJECTS = List.of(
            "Größenänderung der Straßenkarte für Köln",
            "Fröhliche Weihnachten und einen guten Rutsch! 🎄",
            "Café crème à volonté cette semaine ☕",
            "Votre résumé est prêt – à télécharger",
            "お疲れ様です — 出張の件",
            "新しいプロジェクトについて",
            "🎉 Launch day! 🚀 We shipped",
            "Pizza 🍕 on Friday?",
            "Ünïcödé test ✅ ñ ø å ß",
            "Привет из Москвы");

    static final List<String> PLAIN_SUBJECTS = List.of(
            "Lunch tomorrow?", "Photos from the hike", "Quick question about the budget", "Your order has shipped",
            "Book club: next title", "Password reset policy update", "Weekly status", "Team offsite – save the date",
            "Flight details", "Re: parking permit", "Reminder: dentist on Tuesday", "Notes from today's call",
            "Can you review my draft?", "Garden club newsletter", "Home insurance renewal", "Build #4711 failed",
            "Welcome to the team!", "Recipe you asked for", "Moving boxes available", "Tickets for the concert");

    static final List<String> NEWSLETTERS = List.of(
            "The Weekly Byte", "Café Lumière", "GreenGrocer Deals", "Open Source Digest", "Trail Runner Monthly");

    private static final List<String> SENTENCES = List.of(
            "Thanks for getting back to me so quickly.",
            "I have attached the numbers we talked about.",
            "Could we move the meeting to Thursday afternoon?",
            "The new release looks good on my machine.",
            "Let me know if anything is unclear.",
            "I will be out of office next week, so please ping Marcus.",
            "We still need a decision on the hosting provider.",
            "Die Unterlagen liegen im gemeinsamen Ordner.",
            "Merci pour ton aide, c'était très utile.",
            "よろしくお願いします。",
            "The invoice should arrive by the end of the month.",
            "Please double-check the dates before we send it out.",
            "I think we can ship this on Friday if the tests pass.",
            "Happy to jump on a call if that is easier.",
            "Here is the summary of what we agreed on.");

    /** A few paragraphs of text from the seeded random source. */
    static String body(Random random, String greetingName) {
        StringBuilder text = new StringBuilder("Hi ").append(greetingName).append(",\n\n");
        int paragraphs = 1 + random.nextInt(3);
        for (int p = 0; p < paragraphs; p++) {
            int sentences = 2 + random.nextInt(4);
            for (int s = 0; s < sentences; s++) {
                text.append(SENTENCES.get(random.nextInt(SENTENCES.size()))).append(s + 1 < sentences ? " " : "\n\n");
            }
        }
        return text.append("Best,\n").toString();
    }

    static <T> T pick(Random random, List<T> list) {
        return list.get(random.nextInt(list.size()));
    }
}
