//! Sending the e-mail outbox by SMTP. Mails are queued in the database in the same
//! transaction as the change they report (store/notifications.rs); a background task
//! hands them to the municipality's mail relay. A temporary failure is retried with
//! growing pauses, a permanent refusal (5xx) or a bad address stops at once, and every
//! attempt's answer is kept for the administrator's outbox page.
use crate::store::notifications::{OutboxRow, Retry};
use crate::store::{Store, StoreError, timestamp};
use chrono::{DateTime, Utc};
use lettre::message::header::{ContentTransferEncoding, ContentType};
use lettre::message::{Attachment, Body, Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use serde::Deserialize;
use std::time::Duration;

/// Attempts before a mail that keeps failing temporarily is given up (about two days).
const MAX_ATTEMPTS: i64 = 12;
/// Mails handled per round, so one round never holds the relay for long.
const BATCH: i64 = 100;
/// How long a claimed mail is kept from other servers: far beyond the relay's
/// 30-second timeout, so only a server that stopped mid-attempt lets it lapse.
const LEASE: chrono::TimeDelta = chrono::TimeDelta::minutes(10);

/// How the connection to the relay is protected.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Security {
    /// Plain connection upgraded with STARTTLS, which must succeed (port 587).
    #[default]
    Starttls,
    /// TLS from the first byte (port 465).
    Tls,
    /// No encryption: only for a relay on the same machine or a closed network.
    None,
}

/// The `[smtp]` section of the configuration.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SmtpConfig {
    /// The relay's host name.
    pub host: String,
    /// Port; 587 for STARTTLS, 465 for TLS, 25 without encryption when not given.
    #[serde(default)]
    pub port: Option<u16>,
    /// `starttls` (default), `tls` or `none`.
    #[serde(default)]
    pub security: Security,
    /// User name at the relay, when it asks for one.
    #[serde(default)]
    pub username: Option<String>,
    /// Password; set it with `SAMPLAN_SMTP_PASSWORD`, not in the file.
    #[serde(default)]
    pub password: Option<String>,
    /// Sender address, e.g. `"samplan <samplan@holbaek.dk>"`.
    pub from: String,
    /// Seconds between rounds over the outbox.
    #[serde(default = "default_interval")]
    pub interval_seconds: u64,
}

fn default_interval() -> u64 {
    30
}

/// A configuration the relay cannot be reached with, naming the field.
#[derive(Debug, thiserror::Error)]
#[error("smtp.{field}: {reason}")]
pub struct ConfigError {
    field: &'static str,
    reason: String,
}

fn config_error(field: &'static str, reason: impl Into<String>) -> ConfigError {
    ConfigError { field, reason: reason.into() }
}

/// A connection setup to the relay and the sender address.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    relay: String,
}

impl Mailer {
    /// Checks the configuration and prepares the transport (connects only when sending).
    pub fn new(config: &SmtpConfig) -> Result<Mailer, ConfigError> {
        if config.host.trim().is_empty() {
            return Err(config_error("host", "mangler: værtsnavnet på mailserveren"));
        }
        let from: Mailbox = config.from.parse().map_err(|e| config_error("from", format!("«{}» er ikke en gyldig afsenderadresse ({e})", config.from)))?;
        if config.interval_seconds == 0 {
            return Err(config_error("interval_seconds", "skal være mindst 1"));
        }
        let host = config.host.trim();
        let builder = match config.security {
            Security::Starttls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(host),
            Security::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(host),
            Security::None => Ok(AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host)),
        }
        .map_err(|e| config_error("host", format!("«{host}»: {e}")))?;
        let port = config.port.unwrap_or(match config.security {
            Security::Starttls => 587,
            Security::Tls => 465,
            Security::None => 25,
        });
        let mut builder = builder.port(port).timeout(Some(Duration::from_secs(30)));
        match (&config.username, &config.password) {
            (Some(_), Some(_)) if config.security == Security::None => {
                return Err(config_error("security", "en adgangskode må ikke sendes ukrypteret: brug starttls eller tls"));
            }
            (Some(user), Some(password)) => builder = builder.credentials(Credentials::new(user.clone(), password.clone())),
            (Some(_), None) => return Err(config_error("password", "mangler til brugernavnet: sæt SAMPLAN_SMTP_PASSWORD")),
            (None, Some(_)) => return Err(config_error("username", "mangler til adgangskoden")),
            (None, None) => {}
        }
        Ok(Mailer { transport: builder.build(), from, relay: format!("{host}:{port}") })
    }

    /// `host:port` of the relay, for the administrator's page.
    pub fn relay(&self) -> &str {
        &self.relay
    }

    async fn send(&self, mail: &OutboxRow, attachments: Vec<(String, String, Vec<u8>)>) -> Result<(), Failure> {
        let to: Mailbox =
            mail.to_address.parse().map_err(|_| Failure { message: format!("ugyldig modtageradresse «{}»", mail.to_address), permanent: true })?;
        // Base64 keeps Danish letters intact through any relay, whatever it supports.
        let body = Body::new_with_encoding(mail.body.clone(), ContentTransferEncoding::Base64)
            .map_err(|_| Failure { message: "brødteksten kan ikke kodes".into(), permanent: true })?;
        let builder = Message::builder().from(self.from.clone()).to(to).subject(&mail.subject);
        let text = SinglePart::builder().header(ContentType::TEXT_PLAIN).body(body);
        let message = if attachments.is_empty() {
            builder.singlepart(text)
        } else {
            // A scheduled report travels as an attachment beside the text.
            let mut parts = MultiPart::mixed().singlepart(text);
            for (name, content_type, data) in attachments {
                let kind = ContentType::parse(&content_type).unwrap_or(ContentType::parse("application/octet-stream").expect("a valid type"));
                parts = parts.singlepart(Attachment::new(name).body(data, kind));
            }
            builder.multipart(parts)
        }
        .map_err(|e| Failure { message: format!("mailen kan ikke bygges: {e}"), permanent: true })?;
        self.transport.send(message).await.map(|_| ()).map_err(|e| Failure { message: e.to_string(), permanent: e.is_permanent() })
    }
}

struct Failure {
    message: String,
    permanent: bool,
}

/// The outcome of one round over the outbox.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Round {
    /// Handed to the relay.
    pub sent: usize,
    /// Failed for now; tried again later.
    pub deferred: usize,
    /// Given up.
    pub given_up: usize,
}

/// When to try again after the `attempts`-th failure: 1, 2, 4 … minutes, at most 6 hours.
fn retry_after(attempts: i64, now: DateTime<Utc>) -> Retry {
    if attempts >= MAX_ATTEMPTS {
        return Retry::GiveUp;
    }
    let minutes = (1i64 << (attempts - 1).clamp(0, 20)).min(6 * 60);
    Retry::At(now + chrono::Duration::minutes(minutes))
}

/// Sends every mail due at `now`, once, and records each outcome.
pub async fn send_due(store: &Store, mailer: &Mailer, now: DateTime<Utc>) -> Result<Round, StoreError> {
    let at = timestamp(now);
    let mut round = Round::default();
    let lease_until = timestamp(now + LEASE);
    for mail in store.due_mail(&at, BATCH).await? {
        if !store.claim_mail(mail.id, &at, &lease_until).await? {
            continue; // another server sends it
        }
        let attachments = store.mail_attachments(mail.id).await?;
        match mailer.send(&mail, attachments).await {
            Ok(()) => {
                store.mark_mail_sent(mail.id, &at).await?;
                round.sent += 1;
            }
            Err(failure) => {
                let retry = if failure.permanent { Retry::GiveUp } else { retry_after(mail.attempts + 1, now) };
                // The id only: addresses and bodies stay out of the logs.
                tracing::warn!(mail = mail.id, permanent = failure.permanent, error = %failure.message, "mail not delivered");
                store.mark_mail_failed(mail.id, &at, &failure.message, retry).await?;
                match retry {
                    Retry::GiveUp => round.given_up += 1,
                    Retry::At(_) => round.deferred += 1,
                }
            }
        }
    }
    Ok(round)
}

/// Sends the outbox every `interval_seconds` until the server stops.
pub fn spawn(store: Store, mailer: Mailer, config: &SmtpConfig) -> tokio::task::JoinHandle<()> {
    let every = Duration::from_secs(config.interval_seconds);
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(every);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            match send_due(&store, &mailer, Utc::now()).await {
                Ok(round) if round != Round::default() => {
                    tracing::info!(sent = round.sent, deferred = round.deferred, given_up = round.given_up, "outbox round");
                }
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "could not read the outbox"),
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pauses_double_up_to_six_hours_then_give_up() {
        let now = DateTime::parse_from_rfc3339("2026-11-23T10:00:00Z").unwrap().with_timezone(&Utc);
        let wait = |n| match retry_after(n, now) {
            Retry::At(t) => Some((t - now).num_minutes()),
            Retry::GiveUp => None,
        };
        assert_eq!(wait(1), Some(1));
        assert_eq!(wait(2), Some(2));
        assert_eq!(wait(5), Some(16));
        assert_eq!(wait(10), Some(360));
        assert_eq!(wait(MAX_ATTEMPTS - 1), Some(360));
        assert_eq!(wait(MAX_ATTEMPTS), None);
    }

    fn config(text: &str) -> SmtpConfig {
        toml::from_str(text).unwrap()
    }

    #[test]
    fn bad_settings_name_the_field() {
        let err = |text: &str| Mailer::new(&config(text)).err().expect("refused").to_string();
        assert!(err("host = 'mail.kommune.dk'\nfrom = 'ikke en adresse'").starts_with("smtp.from:"));
        assert!(err("host = ' '\nfrom = 'samplan@kommune.dk'").starts_with("smtp.host:"));
        assert!(err("host = 'mail.kommune.dk'\nfrom = 'samplan@kommune.dk'\nusername = 'u'").starts_with("smtp.password:"));
        assert!(err("host = 'localhost'\nsecurity = 'none'\nfrom = 'samplan@kommune.dk'\nusername = 'u'\npassword = 'p'").starts_with("smtp.security:"));
        assert!(toml::from_str::<SmtpConfig>("host = 'x'\nfrom = 'a@b.dk'\nsecurity = 'ssl'").is_err());
        let ok = Mailer::new(&config("host = 'mail.kommune.dk'\nfrom = 'samplan <samplan@kommune.dk>'")).unwrap();
        assert_eq!(ok.relay(), "mail.kommune.dk:587");
    }
}
