//! The municipality's review of the citizen translations over HTTP on both databases: a
//! translator proposes (checked, refused texts kept with the reason at the field), a
//! second translator approves, the text shows at once in that municipality's Min plan
//! (JSON and PDF) and not in another's; roles, the unchanged submit, the API, the
//! Fluent export and the audit.
use crate::common;

use axum::http::{Method, StatusCode};
use common::app::TestApp;
use samplan::domain::Role;
use samplan::store::Tenant;
use samplan::store::audit::AuditFilter;
use serde_json::json;

async fn person(app: &TestApp, token: &str, cpr: &str) -> i64 {
    let body = json!({"cpr": cpr, "given_name": "Amal", "family_name": "Haddad", "sex": "female", "languages": "ar", "nationality": "Syrien",
        "arrival_date": "2024-02-01", "takeover_date": "2024-04-01", "residence_basis": "refugee"});
    let r = app.api(Method::POST, "/api/v1/persons", token, Some(body)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    r.json()["id"].as_i64().unwrap()
}

async fn translator(app: &TestApp, login: &str, language: &str) -> i64 {
    let id = app.user(login, Role::Translator, Some("0316")).await;
    app.store.set_translator_language(&Tenant::trusted("0316"), id, language).await.unwrap();
    id
}

fn pdf_text(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.pdf");
    std::fs::write(&path, bytes).unwrap();
    let out = std::process::Command::new("pdftotext").arg("-enc").arg("UTF-8").arg(&path).arg("-").output().expect("pdftotext (poppler-utils) is installed");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

async fn review_flow(app: TestApp) {
    translator(&app, "tolk", "ar").await;
    translator(&app, "tolk2", "ar").await;
    translator(&app, "tolk_uk", "uk").await;
    let caseworker = app.user("sagsbehandler", Role::Caseworker, Some("0316")).await;
    let other = app.user("kbh", Role::Caseworker, Some("0101")).await;
    let (caseworker, other) = (app.token(caseworker).await, app.token(other).await);
    let amal = person(&app, &caseworker, "150390-1234").await;
    let elsewhere = person(&app, &other, "150390-1235").await;
    let goals_label = |token: String, id: i64| {
        let app = &app;
        async move {
            app.api(Method::GET, &format!("/api/v1/persons/{id}/myplan?lang=ar"), &token, None).await.json()["labels"]["goals"]["text"]
                .as_str()
                .unwrap()
                .to_string()
        }
    };
    assert_eq!(goals_label(caseworker.clone(), amal).await, "أهدافي");

    let tolk = app.login("tolk").await;
    let overview = app.get("/oversaettelser", Some(&tolk)).await;
    assert_eq!(overview.status, StatusCode::OK);
    assert!(overview.body.contains("العربية") && overview.body.contains("dit sprog"));
    let sagsbehandler = app.login("sagsbehandler").await;
    assert_eq!(app.get("/oversaettelser", Some(&sagsbehandler)).await.status, StatusCode::FORBIDDEN);

    // A text with a variable Danish does not have is refused at the field, as typed.
    let refused = app.post_form("/oversaettelser/ar/goals", &tolk, &[("text", "أهدافي { $navn }")]).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("$navn findes ikke i den danske tekst") && refused.body.contains("أهدافي { $navn }"), "{}", refused.body);
    let refused = app.post_form("/oversaettelser/ar/deadline-due", &tolk, &[("text", "آخر موعد")]).await;
    assert!(refused.status == StatusCode::UNPROCESSABLE_ENTITY && refused.body.contains("$date mangler"));
    assert!(app.store.translations(&Tenant::trusted("0316"), "ar").await.unwrap().is_empty(), "nothing stored");

    // Proposed: not in force until a second translator approves.
    let proposed = app.post_form("/oversaettelser/ar/goals", &tolk, &[("text", "مقاصدي")]).await;
    assert_eq!(proposed.status, StatusCode::SEE_OTHER, "{}", proposed.body);
    let id = app.store.translations(&Tenant::trusted("0316"), "ar").await.unwrap()[0].id;
    assert!(proposed.location().ends_with(&format!("?forslag={id}")));
    assert_eq!(goals_label(caseworker.clone(), amal).await, "أهدافي");
    let page = app.get(&format!("/oversaettelser/ar/goals?forslag={id}"), Some(&tolk)).await;
    assert!(page.body.contains("مقاصدي") && page.body.contains("En anden tolk på sproget"), "the preview shows the proposal; the proposer cannot approve it");
    let decide = format!("/oversaettelser/forslag/{id}");
    assert_eq!(app.post_form(&decide, &tolk, &[("decision", "approve")]).await.status, StatusCode::FORBIDDEN, "not one's own");
    let tolk_uk = app.login("tolk_uk").await;
    assert_eq!(app.post_form(&decide, &tolk_uk, &[("decision", "approve")]).await.status, StatusCode::FORBIDDEN, "not another language");
    assert_eq!(app.post_form("/oversaettelser/ar/goals", &tolk_uk, &[("text", "x")]).await.status, StatusCode::FORBIDDEN);
    let tolk2 = app.login("tolk2").await;
    assert_eq!(app.post_form(&decide, &tolk2, &[("decision", "reject")]).await.status, StatusCode::UNPROCESSABLE_ENTITY, "a rejection says why");
    assert_eq!(app.post_form(&decide, &tolk2, &[("decision", "approve")]).await.status, StatusCode::SEE_OTHER);
    assert_eq!(app.post_form(&decide, &tolk2, &[("decision", "reject"), ("reason", "x")]).await.status, StatusCode::CONFLICT, "decided once");

    // In force at once, in this municipality only: JSON and PDF.
    assert_eq!(goals_label(caseworker.clone(), amal).await, "مقاصدي");
    assert_eq!(goals_label(other.clone(), elsewhere).await, "أهدافي");
    let pdf = app.api(Method::GET, &format!("/api/v1/persons/{amal}/myplan.pdf?lang=ar"), &caseworker, None).await;
    assert!(pdf_text(&pdf.bytes).contains("مقاصدي"));
    let pdf = app.api(Method::GET, &format!("/api/v1/persons/{elsewhere}/myplan.pdf?lang=ar"), &other, None).await;
    assert!(!pdf_text(&pdf.bytes).contains("مقاصدي"));

    // The text in force, submitted unchanged, stores nothing.
    let again = app.post_form("/oversaettelser/ar/goals", &tolk, &[("text", "مقاصدي")]).await;
    assert_eq!(again.status, StatusCode::SEE_OTHER);
    assert_eq!(app.store.translations(&Tenant::trusted("0316"), "ar").await.unwrap().len(), 1);

    // The API: every key, its origin and review.
    let api = app.api(Method::GET, "/api/v1/translations/ar", &caseworker, None).await.json();
    let goals = api["entries"].as_array().unwrap().iter().find(|e| e["key"] == "goals").unwrap().clone();
    assert_eq!(
        (goals["text"].as_str(), goals["origin"].as_str(), goals["review"].as_str(), goals["source"].as_str()),
        (Some("مقاصدي"), Some("municipality"), Some("reviewed"), Some("Mine mål"))
    );
    assert_eq!(api["coverage"]["reviewed"], 1);
    assert_eq!(api["entries"].as_array().unwrap().len(), api["coverage"]["total"].as_u64().unwrap() as usize);
    let kbh = app.api(Method::GET, "/api/v1/translations/ar", &other, None).await.json();
    assert_eq!(kbh["coverage"]["reviewed"], 0, "another municipality's review is its own");
    let bad = app.api(Method::GET, "/api/v1/translations/da", &caseworker, None).await;
    assert_eq!((bad.status, bad.json()["errors"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("lang")));

    // Writing translations never opens a person to the translators.
    for who in [&tolk, &tolk2] {
        for path in [format!("/personer/{amal}"), format!("/personer/{amal}/minplan?lang=ar"), "/personer".to_string()] {
            let r = app.get(&path, Some(who)).await;
            assert!(matches!(r.status, StatusCode::FORBIDDEN | StatusCode::NOT_FOUND), "{path}: {}", r.status);
        }
    }

    // The document says what the server enforces and sends.
    let spec = app.get("/api/openapi.json", None).await.json();
    let op = &spec["paths"]["/api/v1/translations/{lang}"]["get"];
    assert_eq!(op["parameters"][0]["schema"]["pattern"], "^(en|ar|uk|ti|prs|so)$");
    assert!(op["responses"]["422"]["content"]["application/problem+json"].is_object(), "{op}");

    // The export is the whole file with the municipality's text.
    let export = app.get("/oversaettelser/ar/eksport.ftl", Some(&tolk)).await;
    assert!(export.body.contains("\ngoals = مقاصدي\n") && export.body.contains("\nmy-plan = "), "{}", &export.body[..300]);
    let preview = app.get(&format!("/oversaettelser/ar/eksempel.pdf?forslag={id}"), Some(&tolk)).await;
    assert_eq!(preview.headers["content-type"], "application/pdf");

    // Every proposal and decision is audited.
    let audit = app.store.audit_log(&Tenant::trusted("0316"), &AuditFilter { entity: Some("translation".into()), ..Default::default() }, 50).await.unwrap();
    let actions: Vec<(&str, &str)> = audit.iter().map(|e| (e.action.as_str(), e.user_login.as_str())).collect();
    assert!(actions.contains(&("create", "tolk")) && actions.contains(&("update", "tolk2")), "{actions:?}");

    // The citizen's own pages use the municipality's words too.
    let tolk_id = app.store.user_by_login("tolk").await.unwrap().unwrap().id;
    let tolk2_id = app.store.user_by_login("tolk2").await.unwrap().unwrap().id;
    let log_out = app.store.propose_translation(&Tenant::trusted("0316"), "ar", "log-out", "الخروج من الحساب", tolk_id).await.unwrap();
    assert!(app.store.decide_translation(&Tenant::trusted("0316"), log_out, true, tolk2_id, None).await.unwrap());
    samplan::my_plan::links::create_local_account(&app.store, &Tenant::trusted("0316"), amal, "amal", common::app::PASSWORD, "ar", false).await.unwrap();
    let citizen = app.login("amal").await;
    let home = app.get("/borger", Some(&citizen)).await;
    assert!(home.body.contains("الخروج من الحساب"), "the frame's words");
    let plan = app.get(&format!("/borger/plan/{amal}"), Some(&citizen)).await;
    assert!(plan.body.contains("مقاصدي") && plan.body.contains("الخروج من الحساب"));
}

on_both_apps!(review_flow);
