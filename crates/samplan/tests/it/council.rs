//! The integration council through HTTP on both databases: members with the size
//! warning, meetings with agenda items, documents and minutes, recommendations with
//! status and follow-up dates that appear in the responsible department's Frister,
//! who may edit (managers and administrators), field errors as problem+json and on
//! the forms, tenancy, audit, the agenda and minutes as PDF, and the public page that
//! shows members' names and nothing about any person, and a recommendation only once
//! its meeting is published.
use crate::common;

use axum::http::{Method, StatusCode};
use common::app::TestApp;
use samplan::domain::Role;
use samplan::store::Tenant;
use samplan::store::audit::AuditFilter;
use samplan::store::persons::PersonFields;
use serde_json::json;

fn member(n: usize) -> serde_json::Value {
    json!({"name": format!("Rådsmedlem Nummer{n}"), "nominated_by": "Dansk-Somalisk Forening", "election_period": "2026-2029",
           "term_from": "2026-01-01", "term_to": "2029-12-31", "substitute": format!("Suppleant Nummer{n}")})
}

async fn council(app: TestApp) {
    let manager = app.user("leder", Role::Manager, Some("0316")).await;
    let caseworker = app.user("sagsbehandler", Role::Caseworker, Some("0316")).await;
    let other = app.user("leder-aarhus", Role::Manager, Some("0751")).await;
    let (m, c, o) = (app.token(manager).await, app.token(caseworker).await, app.token(other).await);

    // A citizen in the municipality: their name must never reach the public page.
    let person = PersonFields {
        family_id: None,
        family_role: "adult".into(),
        given_name: "Yasmin".into(),
        family_name: "Citizenname".into(),
        birth_date: "1990-03-01".into(),
        sex: "female".into(),
        languages: "ar".into(),
        nationality: "Syrien".into(),
        arrival_date: Some("2025-01-01".into()),
        takeover_date: Some("2025-01-15".into()),
        residence_basis: samplan::domain::ResidenceBasis::Refugee,
    };
    app.store.create_person(&Tenant::trusted("0316"), "enc-1", "hash-1", &person).await.unwrap();

    // Members: field errors name the field; only managers and administrators add.
    let bad = app
        .api(
            Method::POST,
            "/api/v1/council/members",
            &m,
            Some(json!({"name": "", "election_period": "2026-2028", "term_from": "2026-01-01", "term_to": "2029-12-31", "nominated_by": "X"})),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
    assert_eq!(bad.headers["content-type"], "application/problem+json");
    let fields: Vec<String> = bad.json()["errors"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap().to_string()).collect();
    assert_eq!(fields, ["name", "election_period"], "{}", bad.body);
    assert_eq!(app.api(Method::POST, "/api/v1/council/members", &c, Some(member(0))).await.status, StatusCode::FORBIDDEN);
    for n in 1..=6 {
        assert_eq!(app.api(Method::POST, "/api/v1/council/members", &m, Some(member(n))).await.status, StatusCode::CREATED);
    }
    let members = app.api(Method::GET, "/api/v1/council/members", &c, None).await.json();
    assert_eq!(members["current"], 6);
    assert!(members["warning"].as_str().unwrap().contains("mindst 7"), "{members}");
    let created = app.api(Method::POST, "/api/v1/council/members", &m, Some(member(7))).await.json();
    let members = app.api(Method::GET, "/api/v1/council/members", &m, None).await.json();
    assert!(members["warning"].is_null(), "seven members: no warning");
    // Another municipality sees none of them and cannot change them.
    assert_eq!(app.api(Method::GET, "/api/v1/council/members", &o, None).await.json()["current"], 0);
    let id = created["id"].as_i64().unwrap();
    assert_eq!(app.api(Method::PUT, &format!("/api/v1/council/members/{id}"), &o, Some(member(9))).await.status, StatusCode::NOT_FOUND);

    // A meeting with items; minutes with a CPR number are refused.
    let meeting = app.api(Method::POST, "/api/v1/council/meetings", &m, Some(json!({"held_on": "2026-03-12", "starts_at": "16:00", "place": "Holbæk Rådhus",
        "items": [{"title": "Godkendelse af dagsorden"}, {"title": "Beskæftigelse for kvinder", "description": "Oplæg fra jobcentret", "documents": "Notat om indsatsen | https://holbaek.dk/notat.pdf\nÅrsrapport"}]}))).await;
    assert_eq!(meeting.status, StatusCode::CREATED, "{}", meeting.body);
    let meeting = meeting.json();
    let mid = meeting["id"].as_i64().unwrap();
    let items = meeting["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(items[1]["documents"][0], json!({"title": "Notat om indsatsen", "address": "https://holbaek.dk/notat.pdf"}));
    let item = items[1]["id"].as_i64().unwrap();
    let cpr = app
        .api(Method::PUT, &format!("/api/v1/council/meetings/{mid}/items/{item}/minutes"), &m, Some(json!({"minutes": "Sagen om 010190-1234 blev drøftet"})))
        .await;
    assert_eq!(cpr.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(cpr.json()["errors"][0]["field"], "minutes");
    let ok = app
        .api(
            Method::PUT,
            &format!("/api/v1/council/meetings/{mid}/items/{item}/minutes"),
            &m,
            Some(json!({"minutes": "Rådet anbefaler flere praktikpladser for kvinder."})),
        )
        .await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    assert_eq!(
        app.api(Method::PUT, &format!("/api/v1/council/meetings/{mid}/items/{item}/minutes"), &o, Some(json!({"minutes": "x"}))).await.status,
        StatusCode::NOT_FOUND
    );

    // Recommendations: a rejection needs a reason; follow-ups land in the department's Frister.
    let rejected = app
        .api(
            Method::POST,
            "/api/v1/council/recommendations",
            &m,
            Some(json!({"title": "Tolkebistand", "body": "Rådet anbefaler …", "department": "sundhed", "status": "rejected", "sent_on": "2026-03-20"})),
        )
        .await;
    assert_eq!(rejected.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(rejected.json()["errors"][0]["field"], "status_reason");
    // Every published text refuses a CPR number, the title and the reason too.
    let cpr = app.api(Method::POST, "/api/v1/council/recommendations", &m, Some(json!({"title": "Borger 010190-1234", "body": "Tekst", "department": "sundhed", "status": "rejected", "status_reason": "Se 0101901234", "sent_on": "2026-03-20"}))).await;
    assert_eq!(cpr.status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<String> = cpr.json()["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap().to_string()).collect();
    assert_eq!(fields, ["title", "status_reason"], "{}", cpr.body);
    let rec = app
        .api(
            Method::POST,
            "/api/v1/council/recommendations",
            &m,
            Some(json!({"meeting_id": mid.to_string(), "title": "Flere praktikpladser for kvinder", "body": "Rådet anbefaler byrådet at …",
        "department": "jobcenter", "status": "sent", "sent_on": "2026-03-20", "follow_ups": [{"due": "2026-06-01", "note": "Jobcentrets svar"}]})),
        )
        .await;
    assert_eq!(rec.status, StatusCode::CREATED, "{}", rec.body);
    let rid = rec.json()["id"].as_i64().unwrap();
    assert_eq!(
        (rec.json()["sent_on"].as_str(), rec.json()["follow_ups"][0]["due"].as_str()),
        (Some("2026-03-20"), Some("2026-06-01")),
        "the API keeps ISO days"
    );
    let changed = app.api(Method::PUT, &format!("/api/v1/council/recommendations/{rid}/status"), &m, Some(json!({"status": "in_progress"}))).await;
    assert_eq!(changed.json()["status_label"], "I gang");
    assert_eq!(
        app.api(Method::PUT, &format!("/api/v1/council/recommendations/{rid}/status"), &c, Some(json!({"status": "done"}))).await.status,
        StatusCode::FORBIDDEN
    );
    let staff = app.login("sagsbehandler").await;
    let frister = app.get("/frister?omfang=afdeling&afdeling=jobcenter", Some(&staff)).await;
    assert!(frister.body.contains("Opfølgning på integrationsrådets anbefalinger") && frister.body.contains("Jobcentrets svar"), "{}", frister.body);
    assert!(frister.body.contains("01.06.2026") && !frister.body.contains("2026-06-01"), "the follow-up's day the Danish way: {}", frister.body);
    let recommendation = app.get(&format!("/integrationsraad/anbefalinger/{rid}"), Some(&staff)).await;
    assert!(recommendation.body.contains("20.03.2026") && !recommendation.body.contains("2026-03-20"), "{}", recommendation.body);
    let other_department = app.get("/frister?omfang=afdeling&afdeling=sundhed", Some(&staff)).await;
    assert!(!other_department.body.contains("Jobcentrets svar"), "only the responsible department's Frister");
    // Once done, it leaves the Frister.
    app.api(Method::PUT, &format!("/api/v1/council/recommendations/{rid}/status"), &m, Some(json!({"status": "done"}))).await;
    assert!(!app.get("/frister?omfang=afdeling&afdeling=jobcenter", Some(&staff)).await.body.contains("Jobcentrets svar"));

    // Pages: the overview for a caseworker has no edit links; the forms re-show input with the error at the field.
    let page = app.get("/integrationsraad", Some(&staff)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Rådsmedlem Nummer7") && !page.body.contains("Tilføj medlem"));
    assert!(page.body.contains("01.01.2026 – 31.12.2029") && page.body.contains("20.03.2026"), "terms and sent days the Danish way: {}", page.body);
    let leader = app.login("leder").await;
    let form = app
        .post_form(
            "/integrationsraad/anbefalinger/ny",
            &leader,
            &[
                ("title", "Ny anbefaling om bolig"),
                ("body", "Tekst"),
                ("department", "bolig"),
                ("status", "rejected"),
                ("status_reason", ""),
                ("sent_on", "2026-04-01"),
            ],
        )
        .await;
    assert_eq!(form.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(form.body.contains("Ny anbefaling om bolig") && form.body.contains("id=\"status_reason-error\""), "{}", form.body);
    assert_eq!(app.post_form("/integrationsraad/medlemmer/ny", &staff, &[("name", "X")]).await.status, StatusCode::FORBIDDEN);

    // PDFs for staff.
    let pdf = app.get(&format!("/integrationsraad/moeder/{mid}/referat.pdf"), Some(&staff)).await;
    assert_eq!(pdf.status, StatusCode::OK);
    assert!(pdf.bytes.starts_with(b"%PDF-"));

    // A recommendation adopted at no meeting is never public (it has no publish step).
    let loose = app
        .api(
            Method::POST,
            "/api/v1/council/recommendations",
            &m,
            Some(json!({"title": "Anbefaling uden møde", "body": "Tekst",
        "department": "bolig", "status": "sent", "sent_on": "2026-03-21"})),
        )
        .await;
    assert_eq!(loose.status, StatusCode::CREATED, "{}", loose.body);

    // The public page: no login, members' names only, unpublished meetings hidden, and
    // with them their recommendations.
    let public = app.get("/integrationsraad/offentlig/0316", None).await;
    assert_eq!(public.status, StatusCode::OK);
    assert!(public.body.contains("Rådsmedlem Nummer1"));
    for hidden in [
        "Suppleant",
        "Dansk-Somalisk Forening",
        "2029-12-31",
        "Yasmin",
        "Citizenname",
        "Beskæftigelse for kvinder",
        "Flere praktikpladser for kvinder",
        "Anbefaling uden møde",
    ] {
        assert!(!public.body.contains(hidden), "{hidden} on the public page");
    }
    assert!(public.body.contains("Ingen anbefalinger."), "{}", public.body);
    for pdf in ["referat", "dagsorden"] {
        assert_eq!(
            app.get(&format!("/integrationsraad/offentlig/0316/moeder/{mid}/{pdf}.pdf"), None).await.status,
            StatusCode::NOT_FOUND,
            "{pdf} of an unpublished meeting"
        );
    }
    assert_eq!(app.post_form(&format!("/integrationsraad/moeder/{mid}/offentliggoer"), &leader, &[("published", "1")]).await.status, StatusCode::SEE_OTHER);
    let public = app.get("/integrationsraad/offentlig/0316", None).await;
    assert!(public.body.contains("Beskæftigelse for kvinder") && public.body.contains("Flere praktikpladser for kvinder"), "{}", public.body);
    assert!(public.body.contains("Rådet anbefaler byrådet at …"), "the advisory opinion itself is published: {}", public.body);
    assert!(public.body.contains(&format!("/integrationsraad/offentlig/0316/moeder/{mid}/dagsorden.pdf")), "the agenda as PDF is linked");
    for hidden in ["Suppleant", "Dansk-Somalisk Forening", "Yasmin", "Citizenname", "sagsbehandler", "leder", "Anbefaling uden møde"] {
        assert!(!public.body.contains(hidden), "{hidden} on the public page");
    }
    for pdf in ["referat", "dagsorden"] {
        let got = app.get(&format!("/integrationsraad/offentlig/0316/moeder/{mid}/{pdf}.pdf"), None).await;
        assert_eq!(got.headers["content-type"], "application/pdf", "{pdf}");
        assert!(got.bytes.starts_with(b"%PDF-"), "{pdf}");
    }
    assert!(!app.get("/integrationsraad/offentlig/0751", None).await.body.contains("Rådsmedlem"), "another municipality's page");

    // Every change is audited.
    let log = app.store.audit_log(&Tenant::trusted("0316"), &AuditFilter::default(), 500).await.unwrap();
    for entity in ["council_member", "council_meeting", "council_agenda_item", "council_recommendation"] {
        assert!(log.iter().any(|e| e.entity == entity && e.user_login == "leder"), "{entity} audited");
    }

    // A member saved from the page: «Gemt», back at the member's row.
    let member = [
        ("name", "Rådsmedlem Ny"),
        ("nominated_by", "Holbæk Frivilligcenter"),
        ("election_period", "2026-2029"),
        ("term_from", "2026-01-01"),
        ("term_to", "2029-12-31"),
        ("substitute", ""),
    ];
    let r = app.post_form("/integrationsraad/medlemmer/ny", &leader, &member).await;
    assert!(r.location().starts_with("/integrationsraad#medlem-"), "{}", r.location());
    let page = app.confirmed(&r, &leader, "Gemt.").await;
    assert!(page.body.contains("Rådsmedlem Ny"));
    let again = app.get("/integrationsraad", Some(&leader)).await;
    assert!(!again.body.contains("id=\"besked\""), "the confirmation is shown once");
}
on_both_apps!(council);
