//! Deadlines through HTTP: derived on creation, met by recorded events, listed by status
//! and exported, moved by the municipality's closed days, scoped to the tenant, audited.
use crate::common;

use axum::http::{Method, StatusCode};
use common::app::TestApp;
use samplan::domain::Role;
use samplan::store::Tenant;
use serde_json::{Value, json};

/// A refugee taken over 40 days ago: the contract deadline (1 month) has passed.
async fn refugee(app: &TestApp, token: &str) -> i64 {
    let takeover = (chrono::Local::now().date_naive() - chrono::Duration::days(40)).to_string();
    let body = json!({"cpr": "010190-1234", "given_name": "Rahwa", "family_name": "Tesfay", "sex": "female",
        "nationality": "Eritrea", "languages": "ti", "takeover_date": takeover, "residence_basis": "refugee"});
    let r = app.api(Method::POST, "/api/v1/persons", token, Some(body)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    r.json()["id"].as_i64().unwrap()
}

fn find<'a>(list: &'a Value, rule: &str) -> &'a Value {
    list.as_array().unwrap().iter().find(|d| d["rule_id"] == rule).unwrap_or_else(|| panic!("{rule} not in {list}"))
}

#[tokio::test]
async fn deadlines_are_derived_met_by_events_and_listed_by_status() {
    let app = TestApp::sqlite().await;
    let uid = app.user("anna", Role::Caseworker, Some("0316")).await;
    let token = app.token(uid).await;
    let id = refugee(&app, &token).await;
    let list = app.api(Method::GET, &format!("/api/v1/persons/{id}/deadlines"), &token, None).await.json();
    let contract = find(&list, "contract.deadline");
    assert_eq!(contract["status"], "overdue", "{contract}");
    assert_eq!(contract["law"], "Integrationsloven");
    assert!(contract["explanation"].as_str().unwrap().contains("1 måned efter"), "{contract}");
    assert!(contract["rule_version"].as_i64().unwrap() >= 1);
    let overdue = app.api(Method::GET, "/api/v1/deadlines?status=overdue", &token, None).await.json();
    assert!(overdue.as_array().unwrap().iter().any(|d| d["rule_id"] == "contract.deadline" && d["person_name"] == "Rahwa Tesfay"));
    // Signing the contract late makes it "met late".
    let yesterday = (chrono::Local::now().date_naive() - chrono::Duration::days(1)).to_string();
    let after = app.api(Method::POST, &format!("/api/v1/persons/{id}/events"), &token, Some(json!({"kind": "contract_signed", "date": yesterday}))).await;
    assert_eq!(after.status, StatusCode::CREATED, "{}", after.body);
    let contract = find(&after.json(), "contract.deadline").clone();
    assert_eq!(contract["status"], "met_late");
    assert_eq!(contract["met_on"], yesterday.as_str());
    let late = app.api(Method::GET, "/api/v1/deadlines?status=met_late", &token, None).await.json();
    assert_eq!(late.as_array().unwrap().len(), 1);
    let by_department = app.api(Method::GET, "/api/v1/deadlines?department=sprogcenter", &token, None).await.json();
    assert!(by_department.as_array().unwrap().iter().all(|d| d["department"] == "sprogcenter"));
    assert!(!by_department.as_array().unwrap().is_empty());
    // CSV export with a header line.
    let csv = app.api(Method::GET, "/api/v1/deadlines?format=csv", &token, None).await;
    assert!(csv.body.trim_start_matches('\u{feff}').starts_with("person_id;navn;frist;regel"), "{}", csv.body);
    assert!(csv.body.contains("Rahwa Tesfay;Integrationskontrakt;contract.deadline"));
    // The person page shows the deadlines with their legal source.
    let page = app.get(&format!("/personer/{id}"), Some(&app.login("anna").await)).await;
    assert!(page.body.contains("Integrationskontrakt") && page.body.contains("Opfyldt for sent"));
}

#[tokio::test]
async fn bad_events_and_filters_name_the_field() {
    let app = TestApp::sqlite().await;
    let uid = app.user("anna", Role::Caseworker, Some("0316")).await;
    let token = app.token(uid).await;
    let id = refugee(&app, &token).await;
    let tomorrow = (chrono::Local::now().date_naive() + chrono::Duration::days(1)).to_string();
    let cases = [
        (json!({"kind": "party", "date": "2026-01-01"}), "kind"),
        (json!({"kind": "contract_signed", "date": "1. maj"}), "date"),
        (json!({"kind": "contract_signed", "date": tomorrow}), "date"),
    ];
    for (body, field) in cases {
        let r = app.api(Method::POST, &format!("/api/v1/persons/{id}/events"), &token, Some(body)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(r.json()["errors"][0]["field"], field);
    }
    assert!(app.store.events(&Tenant::trusted("0316"), id).await.unwrap().is_empty());
    let r = app.api(Method::GET, "/api/v1/deadlines?status=soon", &token, None).await;
    assert_eq!(r.json()["errors"][0]["field"], "status");
    let r = app.api(Method::GET, "/api/v1/deadlines?format=xml", &token, None).await;
    assert_eq!(r.json()["errors"][0]["field"], "format");
}

#[tokio::test]
async fn deadline_endpoints_respect_the_tenant_and_are_audited() {
    let app = TestApp::sqlite().await;
    let anna = app.user("anna", Role::Caseworker, Some("0316")).await;
    let bo = app.user("bo", Role::Caseworker, Some("0101")).await;
    let (anna_token, bo_token) = (app.token(anna).await, app.token(bo).await);
    let id = refugee(&app, &anna_token).await;
    let r = app.api(Method::GET, &format!("/api/v1/persons/{id}/deadlines"), &bo_token, None).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = app.api(Method::POST, &format!("/api/v1/persons/{id}/events"), &bo_token, Some(json!({"kind": "contract_signed", "date": "2026-01-01"}))).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(app.api(Method::GET, "/api/v1/deadlines", &bo_token, None).await.json(), json!([]));
    let page = app.get("/frister?omfang=kommune", Some(&app.login("bo").await)).await;
    assert!(!page.body.contains("Tesfay"));
    let log = app
        .store
        .audit_log(&Tenant::trusted("0316"), &samplan::store::audit::AuditFilter { entity_id: Some(id.to_string()), ..Default::default() }, 50)
        .await
        .unwrap();
    assert!(log.iter().all(|r| r.user_login == "anna"), "bo's attempts read nothing");
}

#[tokio::test]
async fn a_closed_day_moves_due_dates_after_the_admin_adds_it() {
    let app = TestApp::sqlite().await;
    let anna = app.user("anna", Role::Caseworker, Some("0316")).await;
    app.user("admin", Role::Admin, Some("0316")).await;
    let token = app.token(anna).await;
    let id = refugee(&app, &token).await;
    let due = |list: Value| find(&list, "contract.deadline")["due"].as_str().unwrap().to_string();
    let before = due(app.api(Method::GET, &format!("/api/v1/persons/{id}/deadlines"), &token, None).await.json());
    let admin = app.login("admin").await;
    let bad = app.post_form("/admin/kalender", &admin, &[("day", "31/12"), ("reason", "")]).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("ikke en dato") && bad.body.contains("Grundlovsdag"));
    let ok = app.post_form("/admin/kalender", &admin, &[("day", &before), ("reason", "Kommunen holder lukket")]).await;
    assert_eq!(ok.location(), "/admin/kalender");
    // Recomputation runs in the background; wait for it.
    let mut after = before.clone();
    for _ in 0..50 {
        after = due(app.api(Method::GET, &format!("/api/v1/persons/{id}/deadlines"), &token, None).await.json());
        if after != before {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(after > before, "due date {before} should move past the closed day, got {after}");
    let page = app.get("/admin/kalender", Some(&admin)).await;
    assert!(page.body.contains("Kommunen holder lukket") && page.body.contains("Juledag"));
    let closed = calendar::Date::parse(&before).unwrap().danish().to_string();
    assert!(page.body.contains(&format!("Fjern<span class=\"sr-only\"> {closed}</span>")) && page.body.contains("Dato (DD.MM.ÅÅÅÅ)"), "{}", page.body);
    assert_eq!(app.get("/admin/kalender", Some(&app.login("anna").await)).await.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_municipality_may_tighten_a_rule_but_never_loosen_it() {
    let app = TestApp::sqlite().await;
    let anna = app.user("anna", Role::Caseworker, Some("0316")).await;
    app.user("admin", Role::Admin, Some("0316")).await;
    let token = app.token(anna).await;
    let id = refugee(&app, &token).await;
    let contract = |list: Value| find(&list, "contract.deadline").clone();
    let before = contract(app.api(Method::GET, &format!("/api/v1/persons/{id}/deadlines"), &token, None).await.json());
    let admin = app.login("admin").await;
    let loosen = app.post_form("/admin/regler", &admin, &[("text", "[[override]]\nrule = \"contract.deadline\"\noffset = { months = 2 }\n")]).await;
    assert_eq!(loosen.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(loosen.body.contains("contract.deadline"), "{}", loosen.body);
    assert_eq!(app.store.rule_overrides(&Tenant::trusted("0316")).await.unwrap(), None, "nothing stored");
    let bad = app.post_form("/admin/regler", &admin, &[("text", "[[override]]\nrule = \"no.such.rule\"\nhours = 40\n")]).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let tighten = app.post_form("/admin/regler", &admin, &[("text", "[[override]]\nrule = \"contract.deadline\"\noffset = { days = 21 }\n")]).await;
    assert_eq!(tighten.location(), "/admin/regler", "{}", tighten.body);
    let mut after = before.clone();
    for _ in 0..50 {
        after = contract(app.api(Method::GET, &format!("/api/v1/persons/{id}/deadlines"), &token, None).await.json());
        if after["due"] != before["due"] {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(after["due"].as_str().unwrap() < before["due"].as_str().unwrap(), "{before} → {after}");
    assert!(app.get("/admin/regler", Some(&admin)).await.body.contains("days = 21"));
}
