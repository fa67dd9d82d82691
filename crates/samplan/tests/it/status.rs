//! Status periods and outcome events through HTTP on both databases: the API (add, list,
//! end, correct, delete, problem+json naming the field, nothing stored on error), the
//! person page's forms (refused forms come back filled in, CSRF), tenancy and roles,
//! auditing with reasons, and the local goals page counting a newly recorded period.
use crate::common;

use axum::http::{Method, StatusCode};
use common::app::TestApp;
use samplan::domain::Role;
use samplan::store::Tenant;
use samplan::store::audit::AuditFilter;
use samplan::store::persons::PersonFields;
use serde_json::{Value, json};

async fn person(app: &TestApp, code: &str, serial: u64) -> i64 {
    let fields = PersonFields {
        family_id: None,
        family_role: "adult".into(),
        given_name: "Test".into(),
        family_name: format!("Person {serial}"),
        birth_date: "1990-03-01".into(),
        sex: if serial.is_multiple_of(2) { "female" } else { "male" }.into(),
        languages: "ar".into(),
        nationality: "Syrien".into(),
        arrival_date: Some("2025-01-01".into()),
        takeover_date: Some("2025-01-15".into()),
        residence_basis: samplan::domain::ResidenceBasis::Refugee,
    };
    app.store.create_person(&Tenant::trusted(code), &format!("enc-{code}-{serial}"), &format!("hash-{code}-{serial}"), &fields).await.unwrap()
}

fn today() -> String {
    chrono::Local::now().date_naive().to_string()
}

fn tomorrow() -> String {
    (chrono::Local::now().date_naive() + chrono::Days::new(1)).to_string()
}

/// The fields a problem document names.
fn problem_fields(v: &Value) -> Vec<String> {
    v["errors"].as_array().map(|a| a.iter().map(|e| e["field"].as_str().unwrap_or("").to_string()).collect()).unwrap_or_default()
}

async fn audit_details(app: &TestApp, person: i64) -> Vec<String> {
    let filter = AuditFilter { entity: Some("person".into()), entity_id: Some(person.to_string()), ..Default::default() };
    app.store.audit_log(&Tenant::trusted("0316"), &filter, 200).await.unwrap().into_iter().map(|a| format!("{} {}", a.action, a.detail)).collect()
}

async fn periods_through_the_api(app: TestApp) {
    let caseworker = app.user("sagsbehandler", Role::Caseworker, Some("0316")).await;
    let token = app.token(caseworker).await;
    let id = person(&app, "0316", 1).await;
    let base = format!("/api/v1/persons/{id}/status");

    let r = app.api(Method::POST, &base, &token, Some(json!({"kind": "work", "from": "2025-03-01"}))).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let work = r.json();
    assert_eq!((work["kind_label"].as_str(), work["to"].clone()), (Some("I arbejde"), Value::Null));
    assert_eq!(work["created_by"], "sagsbehandler");
    let work_id = work["id"].as_i64().unwrap();

    // Each refusal names its field and stores nothing.
    let bad = [
        (json!({"kind": "work", "from": "2025-06-01"}), "from", "overlapper"),
        (json!({"kind": "education", "from": "2025-06-01", "to": "2025-05-01"}), "to", "før startdatoen"),
        (json!({"kind": "education", "from": tomorrow()}), "from", "efter i dag"),
        (json!({"kind": "education", "from": "2025-01-01", "to": tomorrow()}), "to", "efter i dag"),
        (json!({"kind": "unemployment", "from": "2025-01-01"}), "kind", "ikke en status"),
        (json!({"kind": "", "from": "2025-01-01"}), "kind", "vælg"),
        (json!({"kind": "education", "from": "1.13.2025"}), "from", "ikke en dato"),
        (json!({"kind": "education", "from": "1980-01-01"}), "from", "fødselsdato"),
    ];
    for (body, field, says) in bad {
        let r = app.api(Method::POST, &base, &token, Some(body.clone())).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{body}: {}", r.body);
        assert!(r.headers["content-type"].to_str().unwrap().starts_with("application/problem+json"));
        let p = r.json();
        assert_eq!(problem_fields(&p), [field], "{body}: {p}");
        assert!(p["errors"][0]["reason"].as_str().unwrap().contains(says), "{body}: {p}");
    }
    assert_eq!(app.api(Method::GET, &base, &token, None).await.json().as_array().unwrap().len(), 1, "nothing stored on error");

    // A second kind may overlap the first.
    let r = app.api(Method::POST, &base, &token, Some(json!({"kind": "association", "from": "2025-04-01", "to": null}))).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let association_id = r.json()["id"].as_i64().unwrap();

    // Ending an open period needs no reason; the end cannot lie before the start.
    let one = format!("{base}/{work_id}");
    let r = app.api(Method::PATCH, &one, &token, Some(json!({"to": "2025-02-01"}))).await;
    assert_eq!((r.status, problem_fields(&r.json())), (StatusCode::UNPROCESSABLE_ENTITY, vec!["to".to_string()]));
    let r = app.api(Method::PATCH, &one, &token, Some(json!({"to": today()}))).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["to"], today());
    // Any other change is a correction and needs a reason.
    let r = app.api(Method::PATCH, &one, &token, Some(json!({"from": "2025-02-01"}))).await;
    assert_eq!((r.status, problem_fields(&r.json())), (StatusCode::UNPROCESSABLE_ENTITY, vec!["reason".to_string()]));
    let r = app.api(Method::PATCH, &one, &token, Some(json!({"from": "2025-02-01", "reason": "Forkert startdato i første registrering"}))).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!((r.json()["from"].as_str(), r.json()["updated_at"].is_string()), (Some("2025-02-01"), true));
    let r = app.api(Method::PATCH, &one, &token, Some(json!({"to": null, "reason": "Er stadig ansat"}))).await;
    assert_eq!((r.status, r.json()["to"].clone()), (StatusCode::OK, Value::Null), "reopened");
    let r = app.api(Method::PATCH, &one, &token, Some(json!({"colour": "red"}))).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "unknown fields are refused: {}", r.body);

    // Deleting needs a reason.
    let gone = format!("{base}/{association_id}");
    let r = app.api(Method::DELETE, &gone, &token, None).await;
    assert_eq!((r.status, problem_fields(&r.json())), (StatusCode::UNPROCESSABLE_ENTITY, vec!["reason".to_string()]));
    let r = app.api(Method::DELETE, &format!("{gone}?reason=Registreret%20p%C3%A5%20forkert%20person"), &token, None).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    assert_eq!(app.api(Method::DELETE, &format!("{gone}?reason=igen"), &token, None).await.status, StatusCode::NOT_FOUND);
    let listed = app.api(Method::GET, &base, &token, None).await.json();
    assert_eq!(listed.as_array().unwrap().iter().map(|p| p["id"].as_i64().unwrap()).collect::<Vec<_>>(), [work_id]);

    // Outcome events: the indicator events the rule set does not know.
    let outcomes = format!("/api/v1/persons/{id}/outcomes");
    let r = app.api(Method::POST, &outcomes, &token, Some(json!({"kind": "du_module_passed", "date": "2025-09-01", "note": "Modul 1"}))).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let outcome = r.json()["id"].as_i64().unwrap();
    for (body, field) in [
        (json!({"kind": "du_module_passed", "date": "2025-09-01"}), "date"),
        (json!({"kind": "contract_signed", "date": "2025-09-01"}), "kind"),
        (json!({"kind": "council_participation", "date": tomorrow()}), "date"),
    ] {
        let r = app.api(Method::POST, &outcomes, &token, Some(body.clone())).await;
        assert_eq!((r.status, problem_fields(&r.json())), (StatusCode::UNPROCESSABLE_ENTITY, vec![field.to_string()]), "{body}");
    }
    let fix = json!({"kind": "citizenship_course_completed", "date": "2025-09-02", "note": ""});
    let r = app.api(Method::PUT, &format!("{outcomes}/{outcome}"), &token, Some(fix.clone())).await;
    assert_eq!(problem_fields(&r.json()), ["reason"]);
    let mut fix = fix;
    fix["reason"] = json!("Det var medborgerskabskurset");
    let r = app.api(Method::PUT, &format!("{outcomes}/{outcome}"), &token, Some(fix)).await;
    assert_eq!((r.status, r.json()["kind_label"].as_str()), (StatusCode::OK, Some("Medborgerskabskursus gennemført")));
    let listed = app.api(Method::GET, &outcomes, &token, None).await.json();
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!(app.api(Method::DELETE, &format!("{outcomes}/{outcome}?reason=Fejl"), &token, None).await.status, StatusCode::NO_CONTENT);
    assert!(app.api(Method::GET, &outcomes, &token, None).await.json().as_array().unwrap().is_empty());

    // Audited: reads, the recording, the ending, corrections and deletions with their reasons.
    let audit = audit_details(&app, id).await;
    let has = |needle: &str| audit.iter().any(|a| a.contains(needle));
    assert!(has("read statusforløb (API)") && has("read resultater (API)"), "{audit:?}");
    assert!(has(&format!("statusforløb {work_id} registreret: work 2025-03-01–")), "{audit:?}");
    assert!(has(&format!("statusforløb {work_id} afsluttet {}", today())), "{audit:?}");
    assert!(has("begrundelse: Forkert startdato i første registrering"), "{audit:?}");
    assert!(has(&format!("delete statusforløb {association_id} slettet (association 2025-04-01–); begrundelse: Registreret på forkert person")), "{audit:?}");
    assert!(has("begrundelse: Det var medborgerskabskurset") && has("delete resultat"), "{audit:?}");
}
on_both_apps!(periods_through_the_api);

async fn tenancy_and_roles(app: TestApp) {
    let caseworker = app.user("sagsbehandler", Role::Caseworker, Some("0316")).await;
    let coordinator = app.user("koordinator", Role::Coordinator, Some("0316")).await;
    let staff = app.staff("afdeling", Role::DepartmentStaff, Some("0316"), Some("sprogcenter")).await;
    let manager = app.user("leder", Role::Manager, Some("0316")).await;
    let outsider = app.user("aarhus", Role::Caseworker, Some("0751")).await;
    let (caseworker, coordinator, staff, manager, outsider) =
        (app.token(caseworker).await, app.token(coordinator).await, app.token(staff).await, app.token(manager).await, app.token(outsider).await);
    let id = person(&app, "0316", 1).await;
    let base = format!("/api/v1/persons/{id}/status");
    let r = app.api(Method::POST, &base, &caseworker, Some(json!({"kind": "education", "from": "2025-08-01"}))).await;
    let period = r.json()["id"].as_i64().unwrap();
    let one = format!("{base}/{period}");
    let body = json!({"kind": "work", "from": "2025-01-01"});
    // Department staff read only persons linked to their department (decision 005): here by consent.
    assert_eq!(app.api(Method::GET, &base, &staff, None).await.status, StatusCode::NOT_FOUND);
    let consent = json!({"scopes": ["plan"], "departments": ["sprogcenter"], "purpose": "Sprog", "given_on": "2025-01-01", "how_given": "written"});
    assert_eq!(app.api(Method::POST, &format!("/api/v1/persons/{id}/consents"), &caseworker, Some(consent)).await.status, StatusCode::CREATED);

    // Another municipality's caseworker: 404 everywhere, nothing changed.
    assert_eq!(app.api(Method::GET, &base, &outsider, None).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.api(Method::POST, &base, &outsider, Some(body.clone())).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.api(Method::PATCH, &one, &outsider, Some(json!({"to": today()}))).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.api(Method::DELETE, &format!("{one}?reason=x"), &outsider, None).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.api(Method::GET, &format!("/api/v1/persons/{id}/outcomes"), &outsider, None).await.status, StatusCode::NOT_FOUND);
    // Department staff read but do not write; a manager does neither.
    assert_eq!(app.api(Method::GET, &base, &staff, None).await.json().as_array().unwrap().len(), 1);
    assert_eq!(app.api(Method::POST, &base, &staff, Some(body.clone())).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.api(Method::PATCH, &one, &staff, Some(json!({"to": today()}))).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.api(Method::DELETE, &format!("{one}?reason=x"), &staff, None).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.api(Method::GET, &base, &manager, None).await.status, StatusCode::FORBIDDEN);
    let after = app.api(Method::GET, &base, &caseworker, None).await.json();
    assert_eq!((after.as_array().unwrap().len(), after[0]["to"].clone()), (1, Value::Null), "nothing changed by refused calls");
    // A coordinator writes.
    assert_eq!(app.api(Method::POST, &base, &coordinator, Some(body)).await.status, StatusCode::CREATED);
    // A period of another person is not found through this person.
    let other = person(&app, "0316", 2).await;
    assert_eq!(
        app.api(Method::PATCH, &format!("/api/v1/persons/{other}/status/{period}"), &caseworker, Some(json!({"to": today()}))).await.status,
        StatusCode::NOT_FOUND
    );
    // The pages: the outsider gets 404, department staff see the section without forms.
    app.user("aarhus2", Role::Caseworker, Some("0751")).await;
    app.staff("afdeling2", Role::DepartmentStaff, Some("0316"), Some("sprogcenter")).await;
    let outsider = app.login("aarhus2").await;
    assert_eq!(app.get(&format!("/personer/{id}/status/{period}"), Some(&outsider)).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.post_form(&format!("/personer/{id}/status"), &outsider, &[("kind", "work"), ("from", "2025-01-01")]).await.status, StatusCode::NOT_FOUND);
    let staff = app.login("afdeling2").await;
    let page = app.get(&format!("/personer/{id}"), Some(&staff)).await;
    assert!(page.body.contains("Status og forløb") && page.body.contains("I uddannelse"), "{}", page.body);
    assert!(!page.body.contains("Registrér forløb"));
    assert_eq!(app.post_form(&format!("/personer/{id}/status"), &staff, &[("kind", "work"), ("from", "2025-01-01")]).await.status, StatusCode::FORBIDDEN);
}
on_both_apps!(tenancy_and_roles);

async fn the_person_page_adds_ends_corrects_and_deletes(app: TestApp) {
    app.user("sagsbehandler", Role::Caseworker, Some("0316")).await;
    let browser = app.login("sagsbehandler").await;
    let id = person(&app, "0316", 1).await;
    let page = format!("/personer/{id}");
    assert!(app.get(&page, Some(&browser)).await.body.contains("Ingen forløb registreret"));

    // A refused form comes back filled in, the error beside its field; nothing stored.
    let r = app.post_form(&format!("{page}/status"), &browser, &[("kind", "education"), ("from", "2025-05-01"), ("to", "2025-04-30")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("slutdatoen 30.04.2025 ligger før startdatoen 01.05.2025"), "{}", r.body);
    assert!(r.body.contains(r#"value="2025-05-01""#) && r.body.contains(r#"value="2025-04-30""#) && r.body.contains(r#"<option value="education" selected>"#));
    assert!(r.body.contains(r#"id="to-error""#) && r.body.contains(r#">Til</a>"#));
    assert!(app.store.statuses(&Tenant::trusted("0316"), id).await.unwrap().is_empty());
    // Without the CSRF token: refused.
    let r = app.post_form(&format!("{page}/status"), &browser, &[("csrf", "wrong"), ("kind", "work"), ("from", "2025-05-01")]).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);

    let r = app.post_form(&format!("{page}/status"), &browser, &[("kind", "work"), ("from", "2025-05-01"), ("to", "")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.location(), format!("{page}#status"));
    let shown = app.get(&page, Some(&browser)).await.body;
    assert!(shown.contains("<td>I arbejde</td>") && shown.contains("<td>igangværende</td>"), "{shown}");
    let period = app.store.statuses(&Tenant::trusted("0316"), id).await.unwrap()[0].id;

    // End it: a future end is refused and comes back filled in.
    let r = app.post_form(&format!("{page}/status/{period}/afslut"), &browser, &[("to", &tomorrow())]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("ligger efter i dag") && r.body.contains(&format!(r#"value="{}""#, tomorrow())), "{}", r.body);
    let r = app.post_form(&format!("{page}/status/{period}/afslut"), &browser, &[("to", "2025-10-31")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let shown = app.get(&page, Some(&browser)).await.body;
    assert!(shown.contains("<td>31.10.2025</td>") && !shown.contains("<td>igangværende</td>"), "{shown}");

    // Correct it: a reason is required.
    let edit = format!("{page}/status/{period}");
    assert!(app.get(&edit, Some(&browser)).await.body.contains("Ret eller slet forløb"));
    let r = app.post_form(&edit, &browser, &[("kind", "education"), ("from", "2025-05-01"), ("to", "2025-10-31"), ("reason", "")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains(r#"<option value="education" selected>"#) && r.body.contains(">Begrundelse</a>"));
    assert_eq!(app.store.statuses(&Tenant::trusted("0316"), id).await.unwrap()[0].kind, "work");
    let r = app.post_form(&edit, &browser, &[("kind", "education"), ("from", "2025-05-01"), ("to", "2025-10-31"), ("reason", "Det var en uddannelse")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(app.store.statuses(&Tenant::trusted("0316"), id).await.unwrap()[0].kind, "education");

    // Delete it: a reason is required and the reason typed comes back.
    let r = app.post_form(&format!("{edit}/slet"), &browser, &[("reason", " ")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Forløbet blev ikke slettet") && r.body.contains(r#"id="delete-reason-error""#));
    let r = app.post_form(&format!("{edit}/slet"), &browser, &[("reason", "Dobbeltregistreret")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(app.store.statuses(&Tenant::trusted("0316"), id).await.unwrap().is_empty());

    // Outcomes on the page.
    let r = app
        .post_form(&format!("{page}/resultater"), &browser, &[("kind", "council_participation"), ("date", "2025-13-01"), ("note", "Integrationsrådet")])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("ikke en dato") && r.body.contains(r#"value="Integrationsrådet""#), "{}", r.body);
    let r = app
        .post_form(&format!("{page}/resultater"), &browser, &[("kind", "council_participation"), ("date", "2025-11-03"), ("note", "Integrationsrådet")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let shown = app.get(&page, Some(&browser)).await.body;
    assert!(shown.contains("03.11.2025: Deltaget i råd eller bestyrelse – Integrationsrådet"), "{shown}");
    let outcome = app.store.events(&Tenant::trusted("0316"), id).await.unwrap().into_iter().find(|e| e.kind == "council_participation").unwrap().id;
    let r = app
        .post_form(
            &format!("{page}/resultater/{outcome}"),
            &browser,
            &[("kind", "council_participation"), ("date", "2025-11-04"), ("note", ""), ("reason", "Forkert dato")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = app.post_form(&format!("{page}/resultater/{outcome}/slet"), &browser, &[("reason", "Fejl")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert!(app.store.events(&Tenant::trusted("0316"), id).await.unwrap().iter().all(|e| e.kind != "council_participation"));
    let audit = audit_details(&app, id).await;
    assert!(
        audit.iter().any(|a| a.contains("begrundelse: Det var en uddannelse")) && audit.iter().any(|a| a.contains("begrundelse: Dobbeltregistreret")),
        "{audit:?}"
    );
    assert!(audit.iter().any(|a| a.contains("read statusforløb (rettelse)")), "the edit page's read is audited: {audit:?}");
}
on_both_apps!(the_person_page_adds_ends_corrects_and_deletes);

/// The local goals count a period recorded through HTTP.
async fn the_goals_page_counts_a_new_period(app: TestApp) {
    let caseworker = app.user("sagsbehandler", Role::Caseworker, Some("0316")).await;
    let manager = app.user("leder", Role::Manager, Some("0316")).await;
    let (caseworker, manager_token) = (app.token(caseworker).await, app.token(manager).await);
    let mut ids = Vec::new();
    for serial in 0..20 {
        ids.push(person(&app, "0316", serial).await);
    }
    for id in &ids[..6] {
        assert!(app.store.add_statuses(&Tenant::trusted("0316"), &[(*id, "association", calendar::Date::parse("2025-06-01").unwrap(), None)]).await.unwrap());
    }
    let association = |goals: &Value| -> (Option<f64>, String) {
        let v = goals.as_array().unwrap().iter().find(|g| g["indicator"]["id"] == "association_active").unwrap().clone();
        (v["series"].as_array().unwrap().last().unwrap()["value"].as_f64(), v["latest"].as_str().unwrap().to_string())
    };
    let (before, _) = association(&app.api(Method::GET, "/api/v1/goals", &manager_token, None).await.json());
    assert_eq!(before, Some(30.0), "6 of 20");
    let r = app.api(Method::POST, &format!("/api/v1/persons/{}/status", ids[6]), &caseworker, Some(json!({"kind": "association", "from": "2025-09-01"}))).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let (after, latest) = association(&app.api(Method::GET, "/api/v1/goals", &manager_token, None).await.json());
    assert_eq!(after, Some(35.0), "7 of 20");
    app.user("leder2", Role::Manager, Some("0316")).await;
    let leader = app.login("leder2").await;
    let page = app.get("/maal", Some(&leader)).await.body;
    assert!(page.contains(&latest) && latest.starts_with("35"), "{latest} on /maal");
}
on_both_apps!(the_goals_page_counts_a_new_period);

#[tokio::test]
async fn the_api_document_lists_the_status_endpoints() {
    let app = TestApp::sqlite().await;
    let doc = app.get("/api/openapi.json", None).await.json();
    let paths = &doc["paths"];
    for (path, methods) in [
        ("/api/v1/persons/{id}/status", &["get", "post"][..]),
        ("/api/v1/persons/{id}/status/{period}", &["patch", "delete"]),
        ("/api/v1/persons/{id}/outcomes", &["get", "post"]),
        ("/api/v1/persons/{id}/outcomes/{outcome}", &["put", "delete"]),
    ] {
        for m in methods {
            assert!(paths[path][m].is_object(), "{m} {path} missing");
        }
    }
}
