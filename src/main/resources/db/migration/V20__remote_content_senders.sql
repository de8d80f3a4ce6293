-- Senders whose mail may load remote content (images) without asking, per user ("always for this sender").
-- sender: the lower-case address.
CREATE TABLE remote_content_senders (
    user_id     BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    sender      VARCHAR(320) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (user_id, sender)
);
