//! Children and parents through HTTP on both databases. Concern notes: the access matrix
//! per role through the API and the pages (only børn og familie and the writer read a
//! note; everyone else gets 404 and finds no trace in lists or counts), writes that never
//! widen what the writer reads, the handling with deadlines from the rule set, problem+json
//! naming the field, forms that come back filled in, and auditing of every read.
use crate::common;

use axum::http::{Method, StatusCode};
use common::app::TestApp;
use samplan::domain::Role;
use samplan::store::Tenant;
use samplan::store::audit::AuditFilter;
use samplan::store::persons::PersonFields;
use serde_json::{Value, json};

/// A person born on `birth`.
async fn person(app: &TestApp, code: &str, serial: u64, name: &str, birth: &str) -> i64 {
    let fields = PersonFields {
        family_id: None,
        family_role: if birth > "2008-01-01" { "child" } else { "adult" }.into(),
        given_name: name.into(),
        family_name: format!("Testesen {serial}"),
        birth_date: birth.into(),
        sex: "female".into(),
        languages: "ar".into(),
        nationality: "Syrien".into(),
        arrival_date: Some("2025-01-01".into()),
        takeover_date: Some("2025-01-15".into()),
        residence_basis: samplan::domain::ResidenceBasis::Refugee,
    };
    app.store.create_person(&Tenant::trusted(code), &format!("enc-{code}-{serial}"), &format!("hash-{code}-{serial}"), &fields).await.unwrap()
}

fn problem_fields(v: &Value) -> Vec<String> {
    v["errors"].as_array().map(|a| a.iter().map(|e| e["field"].as_str().unwrap_or("").to_string()).collect()).unwrap_or_default()
}

const CONCERN: &str = "Barnet kommer ofte sultent og har blå mærker på armene.";

/// Every role's view of one note, through the API and the pages.
async fn concern_notes_access_matrix(app: TestApp) {
    // Staff of the municipality, one of each kind, and a børn og familie colleague elsewhere.
    let caseworker = app.user("sagsbehandler", Role::Caseworker, Some("0316")).await;
    let coordinator = app.user("koordinator", Role::Coordinator, Some("0316")).await;
    let writer = app.staff("dagtilbud", Role::DepartmentStaff, Some("0316"), Some("dagtilbud_og_skole")).await;
    let colleague = app.staff("dagtilbud2", Role::DepartmentStaff, Some("0316"), Some("dagtilbud_og_skole")).await;
    let bf = app.staff("bf", Role::DepartmentStaff, Some("0316"), Some("born_og_familie")).await;
    let health = app.staff("sundhed", Role::DepartmentStaff, Some("0316"), Some("sundhed")).await;
    let housing = app.user("bolig", Role::HousingOfficer, Some("0316")).await;
    let manager = app.user("leder", Role::Manager, Some("0316")).await;
    let admin = app.user("admin", Role::Admin, Some("0316")).await;
    let citizen = app.user("borger", Role::Citizen, Some("0316")).await;
    let bf_elsewhere = app.staff("bf-aarhus", Role::DepartmentStaff, Some("0751"), Some("born_og_familie")).await;
    let mut t = std::collections::BTreeMap::new();
    for (name, id) in [
        ("caseworker", caseworker),
        ("coordinator", coordinator),
        ("writer", writer),
        ("colleague", colleague),
        ("bf", bf),
        ("health", health),
        ("housing", housing),
        ("manager", manager),
        ("admin", admin),
        ("citizen", citizen),
        ("bf_elsewhere", bf_elsewhere),
    ] {
        t.insert(name, app.token(id).await);
    }
    let child = person(&app, "0316", 1, "Amal", "2021-04-01").await;
    let adult = person(&app, "0316", 2, "Yusuf", "1990-01-01").await;
    // The daycare department reaches the child by the parents' consent; health does too.
    let consent =
        json!({"scopes": ["plan"], "departments": ["dagtilbud_og_skole", "sundhed"], "purpose": "Dagtilbud", "given_on": "2025-01-01", "how_given": "written"});
    let r = app.api(Method::POST, &format!("/api/v1/persons/{child}/consents"), &t["caseworker"], Some(consent)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);

    // Børn og familie do not reach the child before a note exists.
    assert_eq!(app.api(Method::GET, &format!("/api/v1/persons/{child}"), &t["bf"], None).await.status, StatusCode::NOT_FOUND);
    let count_before = app.api(Method::GET, "/api/v1/persons?q=Testesen", &t["writer"], None).await.body;

    // Refused writes store nothing and name the field.
    let r = app.api(Method::POST, "/api/v1/concern-notes", &t["writer"], Some(json!({"child_id": child, "concern": "  "}))).await;
    assert_eq!((r.status, problem_fields(&r.json())), (StatusCode::UNPROCESSABLE_ENTITY, vec!["concern".to_string()]), "{}", r.body);
    assert!(r.headers["content-type"].to_str().unwrap().starts_with("application/problem+json"));
    let r = app.api(Method::POST, "/api/v1/concern-notes", &t["caseworker"], Some(json!({"child_id": adult, "concern": CONCERN}))).await;
    assert_eq!(problem_fields(&r.json()), ["child_id"], "an adult is not a child: {}", r.body);
    let r = app.api(Method::POST, "/api/v1/concern-notes", &t["writer"], Some(json!({"child_id": child, "concern": CONCERN, "colour": "red"}))).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "unknown fields are refused: {}", r.body);
    // A child the writer may not read is as unknown as any other id.
    let stranger = person(&app, "0316", 3, "Sara", "2020-02-02").await;
    let r = app.api(Method::POST, "/api/v1/concern-notes", &t["writer"], Some(json!({"child_id": stranger, "concern": CONCERN}))).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
    for who in ["manager", "admin", "citizen"] {
        let r = app.api(Method::POST, "/api/v1/concern-notes", &t[who], Some(json!({"child_id": child, "concern": CONCERN}))).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{who} writes no notes: {}", r.body);
    }
    let r = app.api(Method::GET, "/api/v1/concern-notes", &t["bf"], None).await;
    assert_eq!(r.json(), json!([]), "nothing stored by refused writes");

    // What everyone but børn og familie and the writer sees before the note: lists,
    // counts, search and the child's records, through the API and the pages.
    let api_views = [
        "/api/v1/persons?q=Testesen".to_string(),
        "/api/v1/persons?q=Amal".to_string(),
        format!("/api/v1/persons/{child}"),
        format!("/api/v1/persons/{child}/childcare"),
        "/api/v1/deadlines".to_string(),
        "/api/v1/notifications".to_string(),
        "/api/v1/referrals".to_string(),
        "/api/v1/concern-notes".to_string(),
    ];
    let page_views = [
        "/personer?q=Amal".to_string(),
        format!("/personer/{child}"),
        format!("/boern/barn/{child}"),
        "/boern".to_string(),
        "/boern?uden_plads=1".to_string(),
        "/boern/underretninger".to_string(),
        "/frister".to_string(),
        "/koordinator".to_string(),
    ];
    let others = [("caseworker", "sagsbehandler"), ("coordinator", "koordinator"), ("colleague", "dagtilbud2"), ("health", "sundhed"), ("housing", "bolig")];
    let mut sessions = std::collections::BTreeMap::new();
    for (_, login) in others {
        sessions.insert(login, app.login(login).await);
    }
    let seen_by = |who: &'static str, login: &'static str| {
        let (app, t, sessions, api_views, page_views) = (&app, &t, &sessions, &api_views, &page_views);
        async move {
            let mut out = Vec::new();
            for path in api_views {
                let r = app.api(Method::GET, path, &t[who], None).await;
                out.push(format!("{who} {path} {} {}", r.status, r.body));
            }
            for path in page_views {
                let r = app.get(path, Some(&sessions[login])).await;
                out.push(format!("{login} {path} {} {}", r.status, r.body));
            }
            out
        }
    };
    let mut before = Vec::new();
    for (who, login) in others {
        before.push(seen_by(who, login).await);
    }

    // The daycare employee writes one.
    let r = app.api(Method::POST, "/api/v1/concern-notes", &t["writer"], Some(json!({"child_id": child, "concern": CONCERN, "acute_suspected": true}))).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let note = r.json();
    let id = note["id"].as_i64().unwrap();
    assert_eq!((note["writer_unit"].as_str(), note["handling"].clone()), (Some("Dagtilbud og skole"), Value::Null), "{note}");
    let one = format!("/api/v1/concern-notes/{id}");
    // No trace for anyone else: every list, count, search and record reads exactly as before.
    for ((who, login), was) in others.into_iter().zip(&before) {
        let now = seen_by(who, login).await;
        for (a, b) in was.iter().zip(&now) {
            assert_eq!(a, b, "{who} sees a trace of the note");
        }
    }

    // Who reads it: børn og familie (with the handling and its deadlines) and the writer.
    let r = app.api(Method::GET, &one, &t["bf"], None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let seen = r.json();
    assert_eq!(seen["concern"], CONCERN);
    let deadlines = seen["handling"]["deadlines"].as_array().unwrap();
    let ids: Vec<&str> = deadlines.iter().map(|d| d["rule_id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["concern.assessment", "concern.receipt"], "{seen}");
    assert!(deadlines.iter().all(|d| d["confirmed"] == false && d["source"].as_str().unwrap().contains("Barnets lov")), "{seen}");
    let r = app.api(Method::GET, &one, &t["writer"], None).await;
    assert_eq!((r.status, r.json()["concern"].as_str()), (StatusCode::OK, Some(CONCERN)));
    assert_eq!(r.json()["handling"], Value::Null, "the writer does not see børn og familie's handling");
    // Nobody else: 404, as for an id that does not exist; no trace in their lists.
    for who in ["caseworker", "coordinator", "colleague", "health", "housing", "bf_elsewhere", "manager", "admin"] {
        let r = app.api(Method::GET, &one, &t[who], None).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{who} reads the note: {}", r.body);
        assert!(!r.body.contains(CONCERN));
        let r = app.api(Method::PUT, &format!("{one}/handling"), &t[who], Some(json!({"receipt_sent_on": "2025-01-01"}))).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{who} handles the note: {}", r.body);
    }
    for who in ["caseworker", "coordinator", "colleague", "health", "housing", "bf_elsewhere"] {
        let r = app.api(Method::GET, "/api/v1/concern-notes", &t[who], None).await;
        assert_eq!(r.status, StatusCode::OK, "{who}: {}", r.body);
        assert!(r.json() == json!([]) && !r.headers.contains_key("link"), "{who} sees a trace: {}", r.body);
    }
    for who in ["manager", "admin", "citizen"] {
        let r = app.api(Method::GET, "/api/v1/concern-notes", &t[who], None).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{who}: {}", r.body);
        assert_eq!(app.api(Method::GET, &one, &t[who], None).await.status, if who == "citizen" { StatusCode::FORBIDDEN } else { StatusCode::NOT_FOUND });
    }
    let listed = app.api(Method::GET, "/api/v1/concern-notes", &t["writer"], None).await.json();
    assert_eq!(listed.as_array().map(Vec::len), Some(1));
    let listed = app.api(Method::GET, "/api/v1/concern-notes?open=true", &t["bf"], None).await.json();
    assert_eq!((listed.as_array().map(Vec::len), listed[0]["id"].as_i64()), (Some(1), Some(id)));
    // Nor in the person's record, search, or the caseworker's view of the child.
    for who in ["caseworker", "coordinator"] {
        let r = app.api(Method::GET, &format!("/api/v1/persons/{child}"), &t[who], None).await;
        assert!(r.status == StatusCode::OK && !r.body.contains(CONCERN) && !r.body.to_lowercase().contains("underretning"), "{who}: {}", r.body);
    }

    // Writing never widens what the writer reads: the stranger is still unknown to them,
    // and the search finds the same persons as before.
    assert_eq!(app.api(Method::GET, &format!("/api/v1/persons/{stranger}"), &t["writer"], None).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.api(Method::GET, "/api/v1/persons?q=Testesen", &t["writer"], None).await.body, count_before);
    // Børn og familie now reach the child the note is about (and only that child).
    assert_eq!(app.api(Method::GET, &format!("/api/v1/persons/{child}"), &t["bf"], None).await.status, StatusCode::OK);
    assert_eq!(app.api(Method::GET, &format!("/api/v1/persons/{stranger}"), &t["bf"], None).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.api(Method::GET, &format!("/api/v1/persons/{child}"), &t["bf_elsewhere"], None).await.status, StatusCode::NOT_FOUND);

    // The writer reads but does not handle.
    let r = app.api(Method::PUT, &format!("{one}/handling"), &t["writer"], Some(json!({"receipt_sent_on": "2025-01-01"}))).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    // Børn og familie record the handling; bad values name their field and store nothing.
    let today = chrono::Local::now().date_naive().to_string();
    let tomorrow = (chrono::Local::now().date_naive() + chrono::Days::new(1)).to_string();
    for (body, field) in [
        (json!({"receipt_sent_on": tomorrow}), "receipt_sent_on"),
        (json!({"assessment": "Ikke akut"}), "assessed_at"),
        (json!({"assessed_at": format!("{today} 25:00"), "acute": false}), "assessed_at"),
        (json!({"decision": "investigation"}), "decision_on"),
        (json!({"decision": "prison", "decision_on": today}), "decision"),
        (json!({"investigation_completed_on": today}), "investigation_started_on"),
    ] {
        let r = app.api(Method::PUT, &format!("{one}/handling"), &t["bf"], Some(body.clone())).await;
        assert_eq!((r.status, problem_fields(&r.json())), (StatusCode::UNPROCESSABLE_ENTITY, vec![field.to_string()]), "{body}: {}", r.body);
    }
    let now = chrono::Local::now().format("%Y-%m-%d %H:%M").to_string();
    let handling = json!({"receipt_sent_on": today, "assessed_at": now, "acute": false, "assessment": "Ikke akut; samtale med forældrene",
        "decision": "investigation", "decision_on": today, "decision_note": "Børnefaglig undersøgelse iværksættes", "investigation_started_on": today});
    let r = app.api(Method::PUT, &format!("{one}/handling"), &t["bf"], Some(handling)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let handled = r.json();
    assert_eq!(handled["handling"]["decision_label"], "Børnefaglig undersøgelse");
    let status = |rule: &str| {
        handled["handling"]["deadlines"].as_array().unwrap().iter().find(|d| d["rule_id"] == rule).map(|d| d["status"].as_str().unwrap().to_string())
    };
    assert_eq!(status("concern.assessment").as_deref(), Some("met"), "{handled}");
    assert_eq!(status("concern.receipt").as_deref(), Some("met"));
    assert_eq!(status("child_investigation.duration").as_deref(), Some("upcoming"), "the 4 months count from the start");
    // The writer learns the receipt was sent, nothing of the assessment.
    let r = app.api(Method::GET, &one, &t["writer"], None).await.json();
    assert_eq!((r["receipt_sent_on"].as_str(), r["handling"].clone()), (Some(today.as_str()), Value::Null));
    assert!(!r.to_string().contains("samtale med forældrene"));

    // Every read and change is audited, the refused ones are not reads.
    let filter = AuditFilter { entity: Some("concern_note".into()), entity_id: Some(id.to_string()), ..Default::default() };
    let audit: Vec<String> = app
        .store
        .audit_log(&Tenant::trusted("0316"), &filter, 200)
        .await
        .unwrap()
        .into_iter()
        .map(|a| format!("{} {} {}", a.user_login, a.action, a.detail))
        .collect();
    let has = |needle: &str| audit.iter().any(|a| a.contains(needle));
    assert!(has("dagtilbud create") && has("bf read") && has("dagtilbud read") && has("bf update"), "{audit:?}");
    assert!(!has("koordinator") && !has("sagsbehandler"), "{audit:?}");

    // The pages: the same matrix, and no trace in the list page or the front page.
    for login in ["koordinator", "sagsbehandler", "dagtilbud2", "sundhed"] {
        let b = app.login(login).await;
        let r = app.get(&format!("/boern/underretninger/{id}"), Some(&b)).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{login}");
        assert!(!r.body.contains(CONCERN));
        let list = app.get("/boern/underretninger", Some(&b)).await;
        assert_eq!(list.status, StatusCode::OK, "{login}");
        assert!(!list.body.contains("Amal") && list.body.contains("Ingen underretninger"), "{login}: {}", list.body);
        let front = app.get("/boern", Some(&b)).await;
        // The front page lists the child's daycare like any other child's, nothing of the note.
        assert!(front.status == StatusCode::OK && !front.body.contains(CONCERN) && !front.body.contains("Underretninger uden afgørelse"), "{login}");
        let person = app.get(&format!("/personer/{child}"), Some(&b)).await;
        assert!(!person.body.contains(CONCERN), "{login}");
        let r = app.post_form(&format!("/boern/underretninger/{id}/behandling"), &b, &[("receipt_sent_on", &today)]).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{login}");
    }
    let b = app.login("leder").await;
    assert_eq!(app.get(&format!("/boern/underretninger/{id}"), Some(&b)).await.status, StatusCode::NOT_FOUND);
    let b = app.login("bf").await;
    let page = app.get(&format!("/boern/underretninger/{id}"), Some(&b)).await;
    assert!(
        page.status == StatusCode::OK && page.body.contains(CONCERN) && page.body.contains("skal bekræftes") && page.body.contains("Gem behandlingen"),
        "{}",
        page.body
    );
    // Its days are shown, and asked for, as DD.MM.ÅÅÅÅ.
    let shown_today = samplan::persons::danish_date(today.as_str());
    let handling = common::app::form_fields(&page.body, &format!("/boern/underretninger/{id}/behandling"));
    assert!(page.body.contains(&format!("sendt {shown_today}")) && page.body.contains("Afgørelsesdato (DD.MM.ÅÅÅÅ)"), "{}", page.body);
    assert!(handling.iter().any(|(k, v)| k == "decision_on" && *v == shown_today), "{handling:?}");
    let page = app.get(&format!("/boern/underretninger/{id}"), Some(&app.login("dagtilbud").await)).await;
    assert!(
        page.status == StatusCode::OK
            && page.body.contains(CONCERN)
            && !page.body.contains("Gem behandlingen")
            && !page.body.contains("samtale med forældrene")
    );
}
on_both_apps!(concern_notes_access_matrix);

/// Writing a note through the page: the child is found among those the writer reads, a
/// refused form comes back filled in, and the note lands with børn og familie.
async fn writing_a_note_through_the_pages(app: TestApp) {
    app.user("sagsbehandler", Role::Caseworker, Some("0316")).await;
    app.staff("bf", Role::DepartmentStaff, Some("0316"), Some("born_og_familie")).await;
    let child = person(&app, "0316", 1, "Amal", "2021-04-01").await;
    person(&app, "0316", 2, "Amalie", "1980-04-01").await;
    let b = app.login("sagsbehandler").await;
    let search = app.get("/boern/underretninger/ny?navn=amal", Some(&b)).await;
    assert_eq!(search.status, StatusCode::OK);
    assert!(
        search.body.contains(&format!("/boern/underretninger/ny?barn={child}")) && !search.body.contains("Amalie"),
        "adults are not offered: {}",
        search.body
    );
    let form = app.get(&format!("/boern/underretninger/ny?barn={child}"), Some(&b)).await;
    assert!(form.body.contains("Send underretningen til børn og familie"), "{}", form.body);
    let r = app.post_form("/boern/underretninger", &b, &[("child_id", &child.to_string()), ("concern", " "), ("acute_suspected", "1")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains(r#"id="concern-error""#) && r.body.contains(" checked") && r.body.contains("Amal"), "{}", r.body);
    let r = app.post_form("/boern/underretninger", &b, &[("csrf", "forkert"), ("child_id", &child.to_string()), ("concern", CONCERN)]).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = app.post_form("/boern/underretninger", &b, &[("child_id", &child.to_string()), ("concern", CONCERN)]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let shown = app.get(r.location(), Some(&b)).await;
    assert!(shown.body.contains("Underretningen er sendt til børn og familie") && shown.body.contains(CONCERN));
    // Børn og familie handle it on the page; a refused form keeps what was typed.
    let bf = app.login("bf").await;
    let list = app.get("/boern/underretninger?aabne=1", Some(&bf)).await;
    assert!(list.body.contains("Amal") && list.body.contains("Underretning vurderet inden for 24 timer"), "{}", list.body);
    let id = r.location().trim_start_matches("/boern/underretninger/").split('?').next().unwrap().to_string();
    let r = app.post_form(&format!("/boern/underretninger/{id}/behandling"), &bf, &[("assessment", "Skal tales med"), ("acute", "nej")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains(r#"id="assessed_at-error""#) && r.body.contains("Skal tales med"), "{}", r.body);
    assert!(r.body.contains("Vurderet (DD.MM.ÅÅÅÅ TT:MM)"), "the form asks for the Danish form");
    let bad = app
        .post_form(&format!("/boern/underretninger/{id}/behandling"), &bf, &[("assessed_at", "24.11.2026"), ("assessment", "Skal tales med"), ("acute", "nej")])
        .await;
    assert!(bad.body.contains("er ikke et tidspunkt på formen DD.MM.ÅÅÅÅ TT:MM"), "{}", bad.body);
    // The moment as the form asks for it, the Danish way.
    let now = chrono::Local::now().format("%d.%m.%Y %H:%M").to_string();
    let r = app
        .post_form(&format!("/boern/underretninger/{id}/behandling"), &bf, &[("assessed_at", &now), ("assessment", "Skal tales med"), ("acute", "nej")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = app.get(&format!("/boern/underretninger/{id}"), Some(&bf)).await.body;
    assert!(page.contains("ikke akut") && page.contains("opfyldt rettidigt"), "{page}");

    // The form submitted unchanged changes nothing, even when the stored moment has
    // seconds the form does not show and a colleague submits it: the assessor stays.
    let note: i64 = id.parse().unwrap();
    let mut stored = app.store.concern_note(&Tenant::trusted("0316"), samplan::store::children::NoteScope::Department, note).await.unwrap().unwrap();
    let with_seconds = stored.assessed_at.clone().unwrap().replace(":00Z", ":37Z");
    let handling = samplan::store::children::Handling {
        receipt_sent_on: stored.receipt_sent_on,
        assessed_at: Some(with_seconds.clone()),
        assessed_by: Some("bf".into()),
        acute: Some(false),
        assessment: stored.assessment.clone(),
        ..Default::default()
    };
    assert!(app.store.update_concern_handling(&Tenant::trusted("0316"), note, &handling).await.unwrap());
    stored = app.store.concern_note(&Tenant::trusted("0316"), samplan::store::children::NoteScope::Department, note).await.unwrap().unwrap();
    app.staff("bf2", Role::DepartmentStaff, Some("0316"), Some("born_og_familie")).await;
    let colleague = app.login("bf2").await;
    let action = format!("/boern/underretninger/{id}/behandling");
    let page = app.get(&format!("/boern/underretninger/{id}"), Some(&colleague)).await.body;
    let fields = common::app::form_fields(&page, &action);
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let r = app.post_form(&action, &colleague, &pairs).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let after = app.store.concern_note(&Tenant::trusted("0316"), samplan::store::children::NoteScope::Department, note).await.unwrap().unwrap();
    assert_eq!(after, stored, "nothing changed");
    let filter = AuditFilter { entity: Some("concern_note".into()), entity_id: Some(id.clone()), ..Default::default() };
    let changes = app.store.audit_log(&Tenant::trusted("0316"), &filter, 200).await.unwrap().into_iter().filter(|a| a.action == "update").count();
    assert_eq!(changes, 1, "only the first save is a change");
}
on_both_apps!(writing_a_note_through_the_pages);

/// The API's list of notes is paged as every list (decision 006): following the `next`
/// links gives each note once, newest first, and only the notes answered are audited reads.
async fn concern_notes_are_paged(app: TestApp) {
    let cw = app.user("sagsbehandler", Role::Caseworker, Some("0316")).await;
    let bf = app.staff("bf", Role::DepartmentStaff, Some("0316"), Some("born_og_familie")).await;
    let (cw, bf) = (app.token(cw).await, app.token(bf).await);
    let child = person(&app, "0316", 1, "Amal", "2021-04-01").await;
    let mut written = Vec::new();
    for n in 0..5 {
        let r = app.api(Method::POST, "/api/v1/concern-notes", &cw, Some(json!({"child_id": child, "concern": format!("{CONCERN} ({n})")}))).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        written.push(r.json()["id"].as_i64().unwrap());
    }
    let r = app.api(Method::GET, "/api/v1/concern-notes?limit=0", &bf, None).await;
    assert_eq!((r.status, problem_fields(&r.json())), (StatusCode::UNPROCESSABLE_ENTITY, vec!["limit".to_string()]));
    let mut seen = Vec::new();
    let mut next = Some("/api/v1/concern-notes?limit=2".to_string());
    let mut pages = 0;
    while let Some(url) = next {
        let r = app.api(Method::GET, &url, &bf, None).await;
        assert_eq!(r.status, StatusCode::OK, "{url}: {}", r.body);
        let rows = r.json();
        assert!(rows.as_array().unwrap().len() <= 2);
        seen.extend(rows.as_array().unwrap().iter().map(|n| n["id"].as_i64().unwrap()));
        next = r.headers.get("link").map(|v| v.to_str().unwrap().trim_start_matches('<').split('>').next().unwrap().to_string());
        pages += 1;
        assert!(pages < 10);
    }
    written.reverse();
    assert_eq!((seen, pages), (written.clone(), 3), "newest first, each once");
    let filter = AuditFilter { entity: Some("concern_note".into()), ..Default::default() };
    let reads =
        app.store.audit_log(&Tenant::trusted("0316"), &filter, 200).await.unwrap().into_iter().filter(|a| a.user_login == "bf" && a.action == "read").count();
    assert_eq!(reads, 5, "each note answered once is one read, the row fetched to look ahead is not");
}
on_both_apps!(concern_notes_are_paged);

/// The demo: every child has a daycare or school status today (some small children
/// without a place), and three invented concern notes marked as demo, each about a child
/// of an age its text fits, only børn og familie and the demo daycare employee read them.
async fn the_demo_gives_every_child_a_status_and_three_demo_notes(app: TestApp) {
    let code = samplan::domain::MunicipalityCode::parse("0316").unwrap();
    samplan::demo::ensure_users(&app.store, &code).await.unwrap();
    let today = chrono::Local::now().date_naive();
    let families = samplan::demo::generate(&code, 1, today, Some(300));
    samplan::demo::store_families(&app.store, &app.vault, &code, &families, |_| {}).await.unwrap();
    let stored = samplan::demo::children::store_children(&app.store, &Tenant::trusted("0316"), today).await.unwrap();
    let all = samplan::store::access::Reach::All;
    let day = |d: chrono::NaiveDate| samplan::domain::calendar_day(d).unwrap();
    let adult_from = day(today.checked_sub_months(chrono::Months::new(12 * 18)).unwrap());
    let (children, total) = app.store.children_page(&Tenant::trusted("0316"), &all, day(today), adult_from, None, 100_000, 0).await.unwrap();
    assert!(stored > 20 && total as usize == stored, "{stored} children, {total} listed");
    assert!(children.iter().all(|c| c.kind.is_some()), "every child has a status today");
    let small_from = today.checked_sub_months(chrono::Months::new(12 * 6)).unwrap().to_string();
    let (without, _) =
        app.store.children_page(&Tenant::trusted("0316"), &all, day(today), adult_from, Some(small_from.parse().unwrap()), 100_000, 0).await.unwrap();
    assert!(
        !without.is_empty() && without.len() < children.iter().filter(|c| c.birth_date > small_from).count(),
        "some, not all, small children have no place"
    );
    let kinds: std::collections::BTreeSet<&str> = children.iter().filter_map(|c| c.kind.as_deref()).collect();
    for k in ["nursery", "kindergarten", "school", "reception_class", "none"] {
        assert!(kinds.contains(k), "{k} missing from the demo: {kinds:?}");
    }
    let scope = samplan::store::children::NoteScope::Department;
    let (notes, count) = app.store.concern_notes(&Tenant::trusted("0316"), scope, samplan::store::children::NoteFilter::All, 10, 0).await.unwrap();
    assert_eq!((notes.len(), count), (3, 3));
    for n in &notes {
        assert!(n.demo == 1 && n.concern.contains("Opdigtet demotekst"), "{n:?}");
        let age = today.years_since(chrono::NaiveDate::parse_from_str(&n.birth_date, "%Y-%m-%d").unwrap()).unwrap();
        assert!((2..=12).contains(&age), "{age} years: {}", n.concern);
        if n.concern.contains("SFO") {
            assert!((6..=9).contains(&age), "the SFO note is about a child of SFO age, not {age}");
        }
    }
    let writer = app.store.user_by_login("dagtilbud").await.unwrap().unwrap();
    let (own, _) = app
        .store
        .concern_notes(&Tenant::trusted("0316"), samplan::store::children::NoteScope::Writer(writer.id), samplan::store::children::NoteFilter::All, 10, 0)
        .await
        .unwrap();
    assert_eq!(own.len(), 3);
    let coordinator = app.store.user_by_login("koordinator").await.unwrap().unwrap();
    let (theirs, count) = app
        .store
        .concern_notes(&Tenant::trusted("0316"), samplan::store::children::NoteScope::Writer(coordinator.id), samplan::store::children::NoteFilter::All, 10, 0)
        .await
        .unwrap();
    assert_eq!((theirs.len(), count), (0, 0));
}
on_both_apps!(the_demo_gives_every_child_a_status_and_three_demo_notes);

#[tokio::test]
async fn the_api_document_lists_the_children_endpoints() {
    let app = TestApp::sqlite().await;
    let doc = app.get("/api/openapi.json", None).await.json();
    let paths = &doc["paths"];
    for (path, methods) in [
        ("/api/v1/concern-notes", &["get", "post"][..]),
        ("/api/v1/concern-notes/{id}", &["get"]),
        ("/api/v1/concern-notes/{id}/handling", &["put"]),
        ("/api/v1/persons/{id}/childcare", &["get"]),
        ("/api/v1/persons/{id}/childcare/periods", &["post"]),
        ("/api/v1/persons/{id}/childcare/periods/{period}", &["put", "delete"]),
        ("/api/v1/persons/{id}/childcare/profile", &["put"]),
    ] {
        for m in methods {
            assert!(paths[path][m].is_object(), "{m} {path} missing");
            let responses = paths[path][m]["responses"].as_object().unwrap();
            assert!(responses.contains_key("404") || path == "/api/v1/concern-notes", "{m} {path}: 404 not described");
        }
    }
    // The list is paged as every list: `limit`, `cursor` and the `link` header.
    let list = &paths["/api/v1/concern-notes"]["get"];
    let params: Vec<&str> = list["parameters"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
    assert!(params.contains(&"limit") && params.contains(&"cursor") && params.contains(&"open"), "{params:?}");
    assert!(list["responses"]["200"]["headers"]["link"].is_object(), "{list}");
    assert_eq!(list["responses"]["200"]["content"]["application/json"]["schema"]["type"], "array", "{list}");
}

/// A child's daycare and school through the API and the page: who reads and writes,
/// checks naming the field, the rule set's requirements, the children's list with who
/// has no place, and auditing.
async fn childcare_records(app: TestApp) {
    let caseworker = app.user("sagsbehandler", Role::Caseworker, Some("0316")).await;
    let daycare = app.staff("dagtilbud", Role::DepartmentStaff, Some("0316"), Some("dagtilbud_og_skole")).await;
    let health = app.staff("sundhed", Role::DepartmentStaff, Some("0316"), Some("sundhed")).await;
    let outsider = app.user("aarhus", Role::Caseworker, Some("0751")).await;
    let manager = app.user("leder", Role::Manager, Some("0316")).await;
    let (cw, dt, hs, out, mg) =
        (app.token(caseworker).await, app.token(daycare).await, app.token(health).await, app.token(outsider).await, app.token(manager).await);
    let one_year_ago = (chrono::Local::now().date_naive() - chrono::Days::new(400)).to_string();
    let toddler = person(&app, "0316", 1, "Nour", &one_year_ago).await;
    let pupil = person(&app, "0316", 2, "Ali", "2016-05-01").await;
    let adult = person(&app, "0316", 3, "Yusuf", "1990-01-01").await;
    let consent =
        json!({"scopes": ["plan"], "departments": ["dagtilbud_og_skole", "sundhed"], "purpose": "Dagtilbud", "given_on": "2025-01-01", "how_given": "written"});
    for id in [toddler, pupil] {
        assert_eq!(app.api(Method::POST, &format!("/api/v1/persons/{id}/consents"), &cw, Some(consent.clone())).await.status, StatusCode::CREATED);
    }
    let base = |id: i64| format!("/api/v1/persons/{id}/childcare");

    // A 1-year-old in a listed area without a place gets the rule set's 25 hours (§ 44 a).
    let r = app
        .api(
            Method::PUT,
            &format!("{}/profile", base(toddler)),
            &dt,
            Some(json!({"health_visitor": "Sundhedsplejerske Mette, 12 34 56 78", "vaccination": "following", "listed_area": true})),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let care = app.api(Method::GET, &base(toddler), &hs, None).await.json();
    assert_eq!(care["profile"]["vaccination"], "following");
    let notice = &care["notices"][0];
    assert!(
        notice["message"].as_str().unwrap().contains("25 timer") && notice["source"].as_str().unwrap().contains("§ 44 a") && notice["confirmed"] == false,
        "{care}"
    );
    let r = app.api(Method::PUT, &format!("{}/profile", base(toddler)), &dt, Some(json!({"vaccination": "maybe"}))).await;
    assert_eq!(problem_fields(&r.json()), ["vaccination"]);

    // Periods: checks name the field; daycare staff record, health staff read only.
    let bad = [
        (json!({"kind": "school", "institution": "Byskolen", "from": "2022-08-01"}), "grade"),
        (json!({"kind": "nursery", "from": "2025-08-01"}), "institution"),
        (json!({"kind": "boarding", "institution": "X", "from": "2025-08-01"}), "kind"),
        (json!({"kind": "school", "grade": 1, "institution": "Byskolen", "from": "2010-08-01"}), "from"),
        (json!({"kind": "school", "grade": 1, "institution": "Byskolen", "from": "2022-08-01", "daily_from": "8", "daily_to": "15:00"}), "daily_from"),
    ];
    for (body, field) in bad {
        let r = app.api(Method::POST, &format!("{}/periods", base(pupil)), &dt, Some(body.clone())).await;
        assert_eq!((r.status, problem_fields(&r.json())), (StatusCode::UNPROCESSABLE_ENTITY, vec![field.to_string()]), "{body}: {}", r.body);
    }
    let r = app
        .api(
            Method::POST,
            &format!("{}/periods", base(pupil)),
            &dt,
            Some(json!({"kind": "reception_class", "institution": "Byskolen", "institution_address": "Skolevej 1", "from": "2025-01-06", "to": "2025-12-19"})),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let r = app
        .api(
            Method::POST,
            &format!("{}/periods", base(pupil)),
            &dt,
            Some(json!({"kind": "school", "grade": 3, "institution": "Byskolen", "from": "2025-12-01"})),
        )
        .await;
    assert_eq!(problem_fields(&r.json()), ["from"], "one place at a time: {}", r.body);
    let r = app
        .api(
            Method::POST,
            &format!("{}/periods", base(pupil)),
            &dt,
            Some(json!({"kind": "school", "grade": 3, "institution": "Byskolen", "from": "2026-01-05"})),
        )
        .await;
    assert_eq!((r.status, r.json()["label"].as_str()), (StatusCode::CREATED, Some("Skole, 3. klasse")), "{}", r.body);
    let r = app
        .api(Method::POST, &format!("{}/periods", base(pupil)), &dt, Some(json!({"kind": "sfo", "institution": "Byskolens SFO", "from": "2026-01-05"})))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "SFO beside school: {}", r.body);
    assert_eq!(
        app.api(Method::POST, &format!("{}/periods", base(pupil)), &hs, Some(json!({"kind": "sfo", "institution": "X", "from": "2027-01-05"}))).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(app.api(Method::GET, &base(pupil), &out, None).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        app.api(Method::POST, &format!("{}/periods", base(pupil)), &out, Some(json!({"kind": "sfo", "institution": "X", "from": "2027-01-05"}))).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(app.api(Method::GET, &base(pupil), &mg, None).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.api(Method::GET, &base(adult), &cw, None).await.status, StatusCode::NOT_FOUND, "an adult has no childcare record");
    let periods = app.api(Method::GET, &base(pupil), &cw, None).await.json()["periods"].as_array().unwrap().len();
    assert_eq!(periods, 3);

    // The children's list: all, and the under-6s without a place; then a place ends that.
    let b = app.login("sagsbehandler").await;
    let list = app.get("/boern", Some(&b)).await.body;
    assert!(list.contains("Nour") && list.contains("Ali") && list.contains("Skole, 3. klasse") && !list.contains("Yusuf"), "{list}");
    let without = app.get("/boern?uden_plads=1", Some(&b)).await.body;
    assert!(without.contains("Nour") && !without.contains("Ali"), "{without}");
    let r = app.post_form(&format!("/boern/barn/{toddler}/perioder"), &b, &[("kind", "nursery"), ("institution", ""), ("from", "2026-01-01")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains(r#"id="institution-error""#) && r.body.contains(r#"<option value="nursery" selected>"#), "{}", r.body);
    let today = chrono::Local::now().date_naive().to_string();
    let r = app
        .post_form(
            &format!("/boern/barn/{toddler}/perioder"),
            &b,
            &[("kind", "nursery"), ("institution", "Mælkebøtten"), ("from", &today), ("daily_from", "07:30"), ("daily_to", "15:30")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let without = app.get("/boern?uden_plads=1", Some(&b)).await.body;
    assert!(!without.contains("Nour"), "{without}");
    let page = app.get(&format!("/boern/barn/{toddler}"), Some(&b)).await.body;
    assert!(
        page.contains("Mælkebøtten") && page.contains("07:30–15:30") && page.contains("Følger børnevaccinationsprogrammet") && !page.contains("25 timer"),
        "{page}"
    );
    // The contacts form and a period's form submitted unchanged change nothing.
    let before = app
        .store
        .audit_log(&Tenant::trusted("0316"), &AuditFilter { entity: Some("person".into()), entity_id: Some(toddler.to_string()), ..Default::default() }, 500)
        .await
        .unwrap();
    let changes = |rows: &Vec<samplan::store::audit::AuditRow>| rows.iter().filter(|a| a.action == "update").count();
    let child_page = app.get(&format!("/boern/barn/{toddler}"), Some(&b)).await.body;
    let fields = common::app::form_fields(&child_page, &format!("/boern/barn/{toddler}/kontakter"));
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert_eq!(app.post_form(&format!("/boern/barn/{toddler}/kontakter"), &b, &pairs).await.status, StatusCode::SEE_OTHER);
    let period = app.api(Method::GET, &base(toddler), &cw, None).await.json()["periods"][0]["id"].as_i64().unwrap();
    let edit = app.get(&format!("/boern/barn/{toddler}/perioder/{period}"), Some(&b)).await.body;
    let fields = common::app::form_fields(&edit, &format!("/boern/barn/{toddler}/perioder/{period}"));
    let shown_today = samplan::persons::danish_date(today.as_str());
    assert!(edit.contains("Fra (DD.MM.ÅÅÅÅ)") && fields.iter().any(|(k, v)| k == "from" && *v == shown_today), "{edit}");
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert_eq!(app.post_form(&format!("/boern/barn/{toddler}/perioder/{period}"), &b, &pairs).await.status, StatusCode::SEE_OTHER);
    let after = app
        .store
        .audit_log(&Tenant::trusted("0316"), &AuditFilter { entity: Some("person".into()), entity_id: Some(toddler.to_string()), ..Default::default() }, 500)
        .await
        .unwrap();
    assert_eq!(changes(&after), changes(&before), "unchanged forms record no change");
    let care = app.api(Method::GET, &base(toddler), &cw, None).await.json();
    assert_eq!(
        (care["profile"]["health_visitor"].as_str(), care["periods"][0]["daily_from"].as_str(), care["periods"][0]["from"].as_str()),
        (Some("Sundhedsplejerske Mette, 12 34 56 78"), Some("07:30"), Some(today.as_str())),
        "{care}"
    );

    // Daycare staff see the forms, health staff do not.
    let page = app.get(&format!("/boern/barn/{pupil}"), Some(&app.login("sundhed").await)).await.body;
    assert!(page.contains("Byskolen") && !page.contains("Registrér dagtilbud eller skole"), "{page}");

    let filter = AuditFilter { entity: Some("person".into()), entity_id: Some(pupil.to_string()), ..Default::default() };
    let audit: Vec<String> = app
        .store
        .audit_log(&Tenant::trusted("0316"), &filter, 200)
        .await
        .unwrap()
        .into_iter()
        .map(|a| format!("{} {} {}", a.user_login, a.action, a.detail))
        .collect();
    assert!(
        audit.iter().any(|a| a.starts_with("dagtilbud update dagtilbud/skole")) && audit.iter().any(|a| a.starts_with("sundhed read dagtilbud og skole")),
        "{audit:?}"
    );
}
on_both_apps!(childcare_records);

/// The indicator `daycare_3_5` counts the children's recorded places: a child whose record
/// says «ingen plads» is not in daycare, even with a daycare status recorded elsewhere
/// earlier, and daycare can no longer be recorded as a status beside the child's record.
async fn daycare_3_5_counts_the_childcare_records(app: TestApp) {
    let cw = app.user("sagsbehandler", Role::Caseworker, Some("0316")).await;
    let manager = app.user("leder", Role::Manager, Some("0316")).await;
    let (cw, manager) = (app.token(cw).await, app.token(manager).await);
    let today = chrono::Local::now().date_naive();
    let born = (today - chrono::Days::new(4 * 365 + 60)).to_string();
    let since = (today - chrono::Days::new(400)).to_string();
    let mut children = Vec::new();
    for n in 0..10 {
        children.push(person(&app, "0316", n, &format!("Barn{n}"), &born).await);
    }
    for (n, id) in children.iter().enumerate() {
        let body =
            if n < 6 { json!({"kind": "kindergarten", "institution": "Børnehaven Kastanjen", "from": since}) } else { json!({"kind": "none", "from": since}) };
        let r = app.api(Method::POST, &format!("/api/v1/persons/{id}/childcare/periods"), &cw, Some(body)).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    }
    // Daycare spells recorded as status before the children's records existed.
    for id in &children[6..] {
        assert!(app.store.add_statuses(&Tenant::trusted("0316"), &[(*id, "daycare", calendar::Date::parse(&since).unwrap(), None)]).await.unwrap());
    }
    // Recording daycare or school as a status is refused, naming the field.
    for kind in ["daycare", "school"] {
        let r = app.api(Method::POST, &format!("/api/v1/persons/{}/status", children[6]), &cw, Some(json!({"kind": kind, "from": since}))).await;
        assert_eq!((r.status, problem_fields(&r.json())), (StatusCode::UNPROCESSABLE_ENTITY, vec!["kind".to_string()]), "{}", r.body);
        assert!(r.body.contains("barnets side under Børn"), "{}", r.body);
    }
    let goals = app.api(Method::GET, "/api/v1/goals", &manager, None).await.json();
    let daycare = goals.as_array().unwrap().iter().find(|g| g["indicator"]["id"] == "daycare_3_5").unwrap_or_else(|| panic!("{goals}"));
    let last = daycare["series"].as_array().unwrap().last().unwrap();
    assert_eq!(last["value"].as_f64(), Some(60.0), "6 of 10 children have a place: {daycare}");
}
on_both_apps!(daycare_3_5_counts_the_childcare_records);

/// Parent cooperation in the plan: the catalogue's parent meeting, school–home
/// conversation and parent-education course carry an interpreter need with its language,
/// through the API and the action form (errors name the field, the form keeps what was
/// typed), and the plan page shows it.
async fn parent_cooperation_with_an_interpreter(app: TestApp) {
    let cw = app.user("sagsbehandler", Role::Caseworker, Some("0316")).await;
    let cw = app.token(cw).await;
    let family = app.api(Method::POST, "/api/v1/families", &cw, Some(json!({"name": "Familien Haddad"}))).await.json()["id"].as_i64().unwrap();
    let mut ids = Vec::new();
    for (cpr, given, sex) in [("150390-1234", "Amal", "female"), ("010518-4013", "Lina", "female")] {
        let body = json!({"cpr": cpr, "given_name": given, "family_name": "Haddad", "sex": sex, "languages": "ar", "nationality": "Syrien",
            "arrival_date": "2026-02-01", "takeover_date": "2026-04-01", "residence_basis": "refugee", "family_id": family});
        let r = app.api(Method::POST, "/api/v1/persons", &cw, Some(body)).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        ids.push(r.json()["id"].as_i64().unwrap());
    }
    let (mother, child) = (ids[0], ids[1]);
    let plan = |interpreter: &str| {
        json!({"based_on_version": 0, "reason": "Første plan", "plan": {"goals": [{"life_area": "boern_og_skole", "person_id": child, "text": "Lina trives i skolen",
            "actions": [{"catalogue_code": "skole_hjem_samtale", "department": "dagtilbud_og_skole", "person_id": mother, "start_date": "2026-12-10", "end_date": "2026-12-10",
                         "interpreter_language": interpreter}]}]}})
    };
    let path = format!("/api/v1/families/{family}/plan");
    for bad in ["klingonsk", "da", "ar,ti"] {
        let r = app.api(Method::PUT, &path, &cw, Some(plan(bad))).await;
        assert_eq!(
            (r.status, problem_fields(&r.json())),
            (StatusCode::UNPROCESSABLE_ENTITY, vec!["goals[0].actions[0].interpreter_language".to_string()]),
            "{bad}: {}",
            r.body
        );
    }
    let r = app.api(Method::PUT, &path, &cw, Some(plan("ar"))).await;
    assert_eq!(r.status.as_u16() / 100, 2, "{}", r.body);
    let stored = app.api(Method::GET, &path, &cw, None).await.json();
    let action = &stored["plan"]["goals"][0]["actions"][0];
    assert_eq!((action["title"].as_str(), action["interpreter_language"].as_str()), (Some("Skole-hjem-samtale"), Some("ar")), "{stored}");
    let goal = stored["plan"]["goals"][0]["id"].as_i64().unwrap();
    let version = stored["version"].as_i64().unwrap_or(1);

    // The action form: the catalogue offers the parent-cooperation actions and the interpreter's language.
    let browser = app.login("sagsbehandler").await;
    let form = app.get(&format!("/familier/{family}/plan/indsats?maal={goal}"), Some(&browser)).await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.body);
    for shown in [
        "Forældremøde i dagtilbud eller skole",
        "Skole-hjem-samtale",
        "Forældrekursus (forældreuddannelse)",
        "Behov for tolk",
        "<option value=\"ti\">tigrinya</option>",
    ] {
        assert!(form.body.contains(shown), "{shown} missing");
    }
    let fields = |interpreter: &'static str| {
        vec![
            ("based_on_version", version.to_string()),
            ("action_id", "0".into()),
            ("goal_id", goal.to_string()),
            ("catalogue_code", "foraeldrekursus".into()),
            ("title", "".into()),
            ("department", "born_og_familie".into()),
            ("responsible_name", "Rikke Dahl".into()),
            ("person_id", mother.to_string()),
            ("interpreter_language", interpreter.into()),
            ("start_date", "2027-01-05".into()),
            ("end_date", "2027-03-30".into()),
            ("slot1_day", "2".into()),
            ("slot1_from", "17:00".into()),
            ("slot1_to", "19:00".into()),
            ("status", "planned".into()),
            ("reason", "Forældrekursus med tolk".into()),
        ]
    };
    let post = |interpreter: &'static str| {
        let owned = fields(interpreter);
        let app = &app;
        let browser = browser.clone();
        async move {
            let pairs: Vec<(&str, &str)> = owned.iter().map(|(k, v)| (*k, v.as_str())).collect();
            app.post_form(&format!("/familier/{family}/plan/indsats"), &browser, &pairs).await
        }
    };
    let refused = post("klingonsk").await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.body);
    assert!(
        refused.body.contains("Behov for tolk: «klingonsk» er ikke én sprogkode") && refused.body.contains("id=\"interpreter_language-error\""),
        "{}",
        refused.body
    );
    assert!(
        refused.body.contains("value=\"Forældrekursus med tolk\"") && refused.body.contains("<option value=\"klingonsk\" selected>"),
        "what was typed is kept: {}",
        refused.body
    );
    let saved = post("ti").await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let page = app.get(&format!("/familier/{family}/plan"), Some(&browser)).await;
    assert!(
        page.body.contains("Tolk på arabisk") && page.body.contains("Tolk på tigrinya") && page.body.contains("Forældrekursus (forældreuddannelse)"),
        "{}",
        page.body
    );

    // The knowledge base's methods for parents (parenting, negative social control) are
    // recommended under the child's goal, even beside three better-documented methods
    // for the children themselves; the mother's language goal does not get them.
    let author = app.user("leder-ishoej", Role::Manager, Some("0183")).await;
    let publish = |title: &'static str, target: &'static str, area: &'static str, theme: &'static str, evidence: &'static str| {
        let store = app.store.clone();
        async move {
            let fields = samplan::store::knowledge::MethodFields {
                title: title.into(),
                summary: "Opsummering".into(),
                target_group: target.into(),
                life_area: area.into(),
                theme: theme.into(),
                evidence_level: evidence.into(),
                results: "Resultater".into(),
                contact: "Kontakt".into(),
            };
            let id = store.create_method(&Tenant::trusted("0183"), author, "Leder", &fields).await.unwrap();
            assert!(store.submit_method_version(id, 1).await.unwrap());
            assert!(store.review_method_version(id, 1, "approve", "", author, "Sekretariatet").await.unwrap());
        }
    };
    for title in ["Dialogisk læsning", "Lektiecafé for de mindste", "Sprogvejledning i skolen"] {
        publish(title, "boern_og_foraeldre", "boern_og_skole", "boern_og_foraeldre", "dokumenteret_effekt").await;
    }
    publish("Forældregrupper om negativ social kontrol", "foraeldre", "boern_og_skole", "boern_og_foraeldre", "lokal_erfaring").await;
    publish("Forældrekursus om opdragelse i et nyt land", "foraeldre", "helbred", "boern_og_foraeldre", "lovende").await;
    publish("Jobmentor for forældre", "foraeldre", "beskaeftigelse", "helhedsorienteret_beskaeftigelse", "lovende").await;
    let page = app.get(&format!("/familier/{family}/plan"), Some(&browser)).await.body;
    let aside = page
        .split("aria-label=\"Hvad virker: metoder til Lina trives i skolen\"")
        .nth(1)
        .and_then(|s| s.split("</aside>").next())
        .unwrap_or_else(|| panic!("no recommendations: {page}"));
    for shown in [
        "Dialogisk læsning",
        "Forældregrupper om negativ social kontrol",
        "Forældrekursus om opdragelse i et nyt land",
        "Forældre: opdragelse, forældresamarbejde og negativ social kontrol",
    ] {
        assert!(aside.contains(shown), "{shown} not recommended: {aside}");
    }
    assert!(!aside.contains("Jobmentor for forældre"), "another theme's method for parents is not a children's method");
}
on_both_apps!(parent_cooperation_with_an_interpreter);
