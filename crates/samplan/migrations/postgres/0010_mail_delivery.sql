-- Delivery state of the e-mail outbox: samplan sends it by SMTP when configured,
-- retries temporary failures with growing pauses and gives up on permanent ones.
ALTER TABLE email_outbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE email_outbox ADD COLUMN last_error TEXT;
ALTER TABLE email_outbox ADD COLUMN next_attempt_at TEXT;
ALTER TABLE email_outbox ADD COLUMN given_up_at TEXT;
CREATE INDEX email_outbox_due ON email_outbox(sent_at, given_up_at, next_attempt_at);
