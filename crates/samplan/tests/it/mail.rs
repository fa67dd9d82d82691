//! Sending the e-mail outbox by SMTP on both databases, against a small SMTP server in
//! the test that speaks the protocol over TCP: delivery, Danish letters in subject and
//! body, retry after a relay that cannot be reached, and giving up on a refused
//! recipient or a bad address.
use crate::common;

use base64::Engine;
use chrono::{DateTime, Duration, Utc};
use samplan::domain::{MunicipalityCode, Role};
use samplan::mail::{Mailer, Round, SmtpConfig, send_due};
use samplan::store::Store;
use samplan::store::Tenant;
use samplan::store::users::NewUser;
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

/// Messages the server accepted: (recipient, raw message).
type Inbox = Arc<Mutex<Vec<(String, String)>>>;

/// An SMTP server that accepts every recipient but those containing "afvist", which it
/// refuses permanently (550).
async fn smtp_server() -> (u16, Inbox) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let inbox: Inbox = Arc::default();
    let received = inbox.clone();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            let received = received.clone();
            tokio::spawn(async move {
                let (read, mut write) = socket.into_split();
                let mut lines = BufReader::new(read).lines();
                write.write_all(b"220 relay.test ESMTP\r\n").await.unwrap();
                let mut recipient = String::new();
                while let Ok(Some(line)) = lines.next_line().await {
                    let command = line.to_ascii_uppercase();
                    let reply: &[u8] = if command.starts_with("EHLO") || command.starts_with("HELO") {
                        b"250 relay.test\r\n"
                    } else if command.starts_with("MAIL FROM") || command.starts_with("RSET") || command.starts_with("NOOP") {
                        b"250 2.0.0 Ok\r\n"
                    } else if command.starts_with("RCPT TO") {
                        recipient = line[8..].trim().trim_matches(['<', '>']).to_string();
                        if recipient.contains("afvist") { b"550 5.1.1 Ukendt modtager\r\n" } else { b"250 2.1.5 Ok\r\n" }
                    } else if command == "DATA" {
                        write.write_all(b"354 Slut med <CRLF>.<CRLF>\r\n").await.unwrap();
                        let mut message = String::new();
                        while let Ok(Some(data)) = lines.next_line().await {
                            if data == "." {
                                break;
                            }
                            message.push_str(&data);
                            message.push('\n');
                        }
                        received.lock().unwrap().push((recipient.clone(), message));
                        b"250 2.0.0 Modtaget\r\n"
                    } else if command.starts_with("QUIT") {
                        let _ = write.write_all(b"221 2.0.0 Farvel\r\n").await;
                        return;
                    } else {
                        b"502 5.5.2 Ukendt kommando\r\n"
                    };
                    write.write_all(reply).await.unwrap();
                }
            });
        }
    });
    (port, inbox)
}

fn mailer(port: u16) -> Mailer {
    let config: SmtpConfig =
        toml::from_str(&format!("host = '127.0.0.1'\nport = {port}\nsecurity = 'none'\nfrom = 'samplan <samplan@holbaek.invalid>'")).unwrap();
    Mailer::new(&config).unwrap()
}

/// A port nothing listens on.
async fn closed_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    listener.local_addr().unwrap().port()
}

/// The decoded value of a header (RFC 2047 `=?utf-8?b?…?=` words, folded lines joined).
fn header(message: &str, name: &str) -> String {
    let head = message.split("\n\n").next().unwrap().replace("\n ", " ").replace("\n\t", " ");
    let value = head.lines().find_map(|l| l.strip_prefix(&format!("{name}: "))).unwrap_or_else(|| panic!("no {name} header"));
    // Whitespace between two encoded words is not part of the text (RFC 2047, 6.2).
    let mut text = String::new();
    let mut after_encoded = false;
    for word in value.split_whitespace() {
        let encoded = word.strip_prefix("=?utf-8?b?").or_else(|| word.strip_prefix("=?UTF-8?B?")).and_then(|w| w.strip_suffix("?="));
        if !text.is_empty() && (!after_encoded || encoded.is_none()) {
            text.push(' ');
        }
        match encoded {
            Some(e) => text.push_str(&String::from_utf8(base64::engine::general_purpose::STANDARD.decode(e).unwrap()).unwrap()),
            None => text.push_str(word),
        }
        after_encoded = encoded.is_some();
    }
    text
}

/// The decoded base64 body.
fn body(message: &str) -> String {
    let (_, encoded) = message.split_once("\n\n").unwrap();
    let joined: String = encoded.lines().collect();
    String::from_utf8(base64::engine::general_purpose::STANDARD.decode(joined.trim()).unwrap()).unwrap()
}

/// Holbæk with one coordinator, whose notifications carry the mails; the user id.
async fn coordinator(store: &Store) -> i64 {
    store.ensure_municipality(&MunicipalityCode::parse("0316").unwrap()).await.unwrap();
    store
        .create_user(&NewUser {
            login: "koordinator".into(),
            display_name: "Kim Koordinator".into(),
            email: None,
            password_hash: None,
            municipality_code: Some("0316".into()),
            department_id: None,
            role: Role::Coordinator,
            demo_account: false,
        })
        .await
        .unwrap()
}

on_both_databases!(the_outbox_is_sent_retried_and_given_up, |store: Store| async move {
    let user = coordinator(&store).await;
    let message = "Sundhed har ændret indsatser i helhedsplanen for Familien Ølgaard (version 3, af Åse Jørgensen).";
    let subject = "Helhedsplan ændret: Familien Ølgaard";
    for address in ["kim@holbaek.invalid", "afvist@holbaek.invalid", "ikke en adresse"] {
        store.notify(&Tenant::trusted("0316"), user, None, message, Some((address, subject))).await.unwrap();
    }
    let now: DateTime<Utc> = "2026-11-23T10:00:00Z".parse().unwrap();

    // The relay cannot be reached: both real addresses wait, the bad one is given up.
    let round = send_due(&store, &mailer(closed_port().await), now).await.unwrap();
    assert_eq!(round, Round { sent: 0, deferred: 2, given_up: 1 });
    let outbox = store.outbox(&Tenant::trusted("0316"), 10).await.unwrap();
    let bad = outbox.iter().find(|m| m.to_address == "ikke en adresse").unwrap();
    assert!(bad.given_up_at.is_some() && bad.last_error.as_deref().unwrap().contains("ugyldig modtageradresse"));
    let waiting = outbox.iter().find(|m| m.to_address == "kim@holbaek.invalid").unwrap();
    assert_eq!((waiting.attempts, waiting.next_attempt_at.as_deref()), (1, Some("2026-11-23T10:01:00Z")));
    assert!(waiting.last_error.is_some() && waiting.sent_at.is_none());

    // The relay is up, but the pause has not passed: nothing is tried.
    let (port, inbox) = smtp_server().await;
    let relay = mailer(port);
    assert_eq!(send_due(&store, &relay, now + Duration::seconds(30)).await.unwrap(), Round::default());
    assert!(inbox.lock().unwrap().is_empty());

    // After the pause: one delivered, one refused for good by the relay.
    let later = now + Duration::minutes(2);
    assert_eq!(send_due(&store, &relay, later).await.unwrap(), Round { sent: 1, deferred: 0, given_up: 1 });
    let received = inbox.lock().unwrap().clone();
    assert_eq!(received.len(), 1);
    let (to, raw) = &received[0];
    assert_eq!(to, "kim@holbaek.invalid");
    assert_eq!(header(raw, "Subject"), subject);
    assert_eq!(body(raw), message);
    assert!(header(raw, "From").contains("samplan@holbaek.invalid"));
    let outbox = store.outbox(&Tenant::trusted("0316"), 10).await.unwrap();
    let refused = outbox.iter().find(|m| m.to_address == "afvist@holbaek.invalid").unwrap();
    assert!(refused.given_up_at.is_some() && refused.last_error.as_deref().unwrap().contains("550"));
    let sent = outbox.iter().find(|m| m.to_address == "kim@holbaek.invalid").unwrap();
    assert_eq!((sent.sent_at.as_deref(), sent.attempts), (Some("2026-11-23T10:02:00Z"), 2));

    // Nothing is sent twice, and nothing waits.
    assert_eq!(send_due(&store, &relay, later + Duration::hours(1)).await.unwrap(), Round::default());
    assert_eq!(inbox.lock().unwrap().len(), 1);
    assert!(store.unsent_mail(&Tenant::trusted("0316")).await.unwrap().is_empty());
});

async fn outbox_page_shows_state_to_the_administrator_only(app: common::app::TestApp) {
    let admin = app.user("admin", Role::Admin, Some("0316")).await;
    app.user("sagsbehandler", Role::Caseworker, Some("0316")).await;
    app.user("admin-kbh", Role::Admin, Some("0101")).await;
    app.store.notify(&Tenant::trusted("0316"), admin, None, "Besked", Some(("kim@holbaek.invalid", "Plan ændret for Ærø"))).await.unwrap();
    let page = app.get("/admin/post", Some(&app.login("admin").await)).await;
    assert_eq!(page.status, axum::http::StatusCode::OK);
    assert!(page.body.contains("Plan ændret for Ærø") && page.body.contains("Venter"), "{}", page.body);
    assert!(page.body.contains("Afsendelse er ikke sat op"), "no relay in this app");
    let other = app.get("/admin/post", Some(&app.login("admin-kbh").await)).await;
    assert!(other.status == axum::http::StatusCode::OK && !other.body.contains("Ærø"), "another municipality's outbox is not shown");
    let caseworker = app.get("/admin/post", Some(&app.login("sagsbehandler").await)).await;
    assert_eq!(caseworker.status, axum::http::StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn outbox_page_sqlite() {
    outbox_page_shows_state_to_the_administrator_only(common::app::TestApp::sqlite().await).await;
}

#[tokio::test]
async fn outbox_page_postgres() {
    if let Some(app) = common::app::TestApp::postgres().await {
        outbox_page_shows_state_to_the_administrator_only(app).await;
    }
}

on_both_databases!(two_servers_on_one_database_send_each_mail_once, |store: Store| async move {
    let user = coordinator(&store).await;
    for k in 0..6 {
        let address = format!("modtager{k}@holbaek.invalid");
        store.notify(&Tenant::trusted("0316"), user, None, "Ny opgave", Some((&address, "Ny opgave"))).await.unwrap();
    }
    let now: DateTime<Utc> = "2026-11-23T10:00:00Z".parse().unwrap();
    let at = "2026-11-23T10:00:00Z";
    // Server B lists the due mails, then server A sends them all before B gets going.
    let listed_by_b = store.due_mail(at, 100).await.unwrap();
    assert_eq!(listed_by_b.len(), 6);
    let (port, inbox) = smtp_server().await;
    assert_eq!(send_due(&store, &mailer(port), now).await.unwrap().sent, 6);
    for mail in &listed_by_b {
        assert!(!store.claim_mail(mail.id, at, "2026-11-23T10:10:00Z").await.unwrap(), "mail {} claimed twice", mail.id);
    }
    // Two servers at the same moment: every mail reaches the relay exactly once.
    for k in 0..20 {
        let address = format!("samtidig{k}@holbaek.invalid");
        store.notify(&Tenant::trusted("0316"), user, None, "Ny opgave", Some((&address, "Ny opgave"))).await.unwrap();
    }
    let later = now + Duration::minutes(1);
    let (server_a, server_b) = (mailer(port), mailer(port));
    let (a, b) = tokio::join!(send_due(&store, &server_a, later), send_due(&store, &server_b, later));
    assert_eq!(a.unwrap().sent + b.unwrap().sent, 20);
    let mut recipients: Vec<String> = inbox.lock().unwrap().iter().map(|(to, _)| to.clone()).collect();
    assert_eq!(recipients.len(), 26);
    recipients.sort();
    recipients.dedup();
    assert_eq!(recipients.len(), 26, "a mail was delivered twice");
    // A claim that lapsed (its server stopped mid-attempt) makes the mail due again.
    store.notify(&Tenant::trusted("0316"), user, None, "Ny opgave", Some(("sen@holbaek.invalid", "Ny opgave"))).await.unwrap();
    let stuck = store.due_mail("2026-11-23T10:02:00Z", 100).await.unwrap();
    assert!(store.claim_mail(stuck[0].id, "2026-11-23T10:02:00Z", "2026-11-23T10:12:00Z").await.unwrap());
    assert!(store.due_mail("2026-11-23T10:11:00Z", 100).await.unwrap().is_empty());
    assert_eq!(store.due_mail("2026-11-23T10:12:00Z", 100).await.unwrap().len(), 1);
});
