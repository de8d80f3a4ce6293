package org.vaultmail.migrate.mapping;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * RFC 6154 special-use attributes and a table of the names clients and servers give those folders in many languages,
 * for servers (or folders) that carry no attribute.
 */
final class SpecialUse {

    static final String SENT = "\\Sent";
    static final String TRASH = "\\Trash";
    static final String JUNK = "\\Junk";
    static final String DRAFTS = "\\Drafts";
    static final String ARCHIVE = "\\Archive";
    static final String ALL = "\\All";
    static final String FLAGGED = "\\Flagged";

    /** The uses that map onto the destination's folder of the same use; \All and \Flagged are virtual views. */
    static final List<String> MAPPED = List.of(SENT, TRASH, JUNK, DRAFTS, ARCHIVE);
    static final List<String> ALL_USES = List.of(SENT, TRASH, JUNK, DRAFTS, ARCHIVE, ALL, FLAGGED);

    private static final Map<String, List<String>> NAMES = Map.of(
            SENT, List.of("Sent", "Sent Items", "Sent Messages", "Sent Mail", "Gesendet", "Gesendete Elemente",
                    "Gesendete Objekte", "Gesendete Nachrichten", "Éléments envoyés", "Envoyés", "Messages envoyés",
                    "Enviados", "Elementos enviados", "Itens enviados", "Mensagens enviadas", "Inviati",
                    "Posta inviata", "Elementi inviati", "Verzonden", "Verzonden items", "Skickat",
                    "Skickade objekt", "Sendt", "Sendte elementer", "Sendte", "Lähetetyt", "Wysłane",
                    "Elementy wysłane", "Odeslané", "Elküldött", "Отправленные", "已发送", "已傳送", "送信済み",
                    "送信済みアイテム", "보낸 편지함", "Gönderilmiş", "Gönderilen"),
            TRASH, List.of("Trash", "Deleted Items", "Deleted Messages", "Deleted", "Bin", "Papierkorb",
                    "Gelöschte Elemente", "Gelöschte Objekte", "Corbeille", "Éléments supprimés", "Papelera",
                    "Elementos eliminados", "Lixeira", "Itens excluídos", "Cestino", "Posta eliminata",
                    "Elementi eliminati", "Prullenbak", "Verwijderde items", "Papperskorgen", "Borttagna objekt",
                    "Papirkurv", "Slettede elementer", "Roskakori", "Kosz", "Elementy usunięte", "Koš",
                    "Корзина", "Удаленные", "已删除", "垃圾桶", "ごみ箱", "削除済みアイテム", "휴지통", "Çöp"),
            JUNK, List.of("Junk", "Spam", "Junk E-mail", "Junk Email", "Junk-E-Mail", "Bulk Mail",
                    "Courrier indésirable", "Pourriel", "Indésirables", "Correo no deseado", "Lixo eletrônico",
                    "Posta indesiderata", "Ongewenste e-mail", "Skräppost", "Søppelpost", "Uønsket e-post",
                    "Roskaposti", "Wiadomości-śmieci", "Nevyžádaná pošta", "Спам", "Нежелательная почта",
                    "垃圾邮件", "迷惑メール", "스팸"),
            DRAFTS, List.of("Drafts", "Draft", "Entwürfe", "Brouillons", "Borradores", "Rascunhos", "Bozze",
                    "Concepten", "Utkast", "Kladder", "Luonnokset", "Wersje robocze", "Koncepty", "Черновики",
                    "草稿", "下書き", "임시 보관함", "Taslaklar"),
            ARCHIVE, List.of("Archive", "Archives", "Archiv", "Archivo", "Archivio", "Arquivo", "Archief", "Arkiv",
                    "Arkisto", "Archiwum", "Архив", "归档", "アーカイブ", "보관"));

    private static final Map<String, String> BY_NAME = NAMES.entrySet().stream()
            .flatMap(e -> e.getValue().stream().map(name -> Map.entry(key(name), e.getKey())))
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));

    private SpecialUse() {
    }

    /** The first special-use attribute among these LIST attributes, spelt as RFC 6154 does; null if none. */
    static @Nullable String ofAttributes(Set<String> attributes) {
        for (String use : ALL_USES) {
            for (String attribute : attributes) {
                if (attribute.equalsIgnoreCase(use)) return use;
            }
        }
        return null;
    }

    /** The use a folder's (last) name stands for in one of the languages of the table; null if none. */
    static @Nullable String ofName(String name) {
        return BY_NAME.get(key(name));
    }

    /** Case, accents' encoding (NFC) and surrounding blanks do not matter: "sent items" is "Sent Items". */
    private static String key(String name) {
        return Normalizer.normalize(name.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }
}
