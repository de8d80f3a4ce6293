-- The language a user chose in Settings (ADR 0052): a BCP 47 language tag of a supported language (en, de, fr), or
-- NULL for "as the browser asks" (Accept-Language). Notification mails use it too.
ALTER TABLE users ADD COLUMN language VARCHAR(8);
