//! Pagination of the API's lists on both databases: following the `Link: rel="next"`
//! headers returns every record exactly once and the pages together equal the unpaged
//! answer; bad `limit` and `cursor` values are problem+json naming the field; the CSV
//! export streams every row; the HTML lists show a first page with navigation.
use crate::common;

use axum::http::{Method, StatusCode, header};
use common::app::TestApp;
use samplan::domain::Role;
use samplan::store::Tenant;
use samplan::store::families::FamilyFields;
use samplan::store::persons::PersonFields;
use serde_json::Value;

const PERSONS: u64 = 37;

/// `PERSONS` refugees in families of three, with their derived deadlines.
async fn arrange(app: &TestApp) -> i64 {
    let caseworker = app.user("sagsbehandler", Role::Caseworker, Some("0316")).await;
    let rules = samplan::deadlines::municipality_rules(&app.store, &Tenant::trusted("0316")).await.unwrap();
    let mut family = 0;
    for serial in 0..PERSONS {
        if serial % 3 == 0 {
            let fields = FamilyFields { name: format!("Familien {}", serial / 3), street: None, postal_code: None, city: None };
            family = app.store.create_family(&Tenant::trusted("0316"), &fields).await.unwrap();
        }
        let fields = PersonFields {
            family_id: Some(family),
            family_role: "adult".into(),
            given_name: "Test".into(),
            // Repeated names: the order must still be total.
            family_name: format!("Person {}", serial % 5),
            birth_date: "1990-03-01".into(),
            sex: "female".into(),
            languages: "ar".into(),
            nationality: "Syrien".into(),
            arrival_date: Some("2025-01-01".into()),
            takeover_date: Some(format!("2025-{:02}-01", 1 + serial % 12)),
            residence_basis: samplan::domain::ResidenceBasis::Refugee,
        };
        let id = app.store.create_person(&Tenant::trusted("0316"), &format!("enc-{serial}"), &format!("hash-{serial}"), &fields).await.unwrap();
        samplan::deadlines::recompute(&app.store, &Tenant::trusted("0316"), id, &rules).await.unwrap();
        app.store.notify(&Tenant::trusted("0316"), caseworker, Some(family), &format!("Besked {serial}"), None).await.unwrap();
    }
    caseworker
}

/// Follows the `next` links from `path` (which has a `limit`); every page's rows, and
/// the number of pages.
async fn walk(app: &TestApp, token: &str, path: &str) -> (Vec<Value>, usize) {
    let mut rows = Vec::new();
    let mut next = Some(path.to_string());
    let mut pages = 0;
    while let Some(url) = next {
        let r = app.api(Method::GET, &url, token, None).await;
        assert_eq!(r.status, StatusCode::OK, "{url}: {}", r.body);
        rows.extend(r.json().as_array().unwrap().iter().cloned());
        next = r.headers.get(header::LINK).map(|v| {
            let v = v.to_str().unwrap();
            assert!(v.ends_with("; rel=\"next\""), "{v}");
            v.trim_start_matches('<').split('>').next().unwrap().to_string()
        });
        pages += 1;
        assert!(pages < 100, "the pages never end");
    }
    (rows, pages)
}

/// A row's identity in a list.
fn key(row: &Value) -> String {
    match (&row["id"], &row["person_id"], &row["rule_id"], &row["family_id"]) {
        (_, Value::Number(p), Value::String(r), _) => format!("{p}/{r}"),
        (Value::Number(id), ..) => id.to_string(),
        (_, _, _, Value::Number(f)) => f.to_string(),
        _ => row.to_string(),
    }
}

async fn every_record_once_across_pages(app: TestApp) {
    let caseworker = arrange(&app).await;
    let token = app.token(caseworker).await;
    let admin = app.user("admin", Role::Admin, Some("0316")).await;
    let admin_token = app.token(admin).await;
    for (path, who, expected) in [
        ("/api/v1/persons?q=test", &token, PERSONS as usize),
        ("/api/v1/families?", &token, PERSONS.div_ceil(3) as usize),
        ("/api/v1/deadlines?", &token, 0),
        ("/api/v1/deadlines?status=open", &token, 0),
        ("/api/v1/notifications?", &token, PERSONS as usize),
        ("/api/v1/audit?action=read", &admin_token, 0),
    ] {
        let sep = if path.ends_with('?') { "" } else { "&" };
        let whole = app.api(Method::GET, &format!("{path}{sep}limit=500"), who, None).await;
        assert_eq!(whole.status, StatusCode::OK, "{path}: {}", whole.body);
        assert!(whole.headers.get(header::LINK).is_none(), "{path}: one page holds everything");
        let whole = whole.json().as_array().unwrap().clone();
        if expected > 0 {
            assert_eq!(whole.len(), expected, "{path}");
        }
        assert!(whole.len() > 7, "{path}: enough rows to page ({})", whole.len());
        let (paged, pages) = walk(&app, who, &format!("{path}{sep}limit=7")).await;
        if !path.starts_with("/api/v1/audit") {
            assert_eq!(pages, whole.len().div_ceil(7), "{path}");
        }
        let keys: Vec<String> = paged.iter().map(key).collect();
        let mut unique = keys.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), keys.len(), "{path}: a record came twice");
        if path.starts_with("/api/v1/audit") {
            // Reading the log adds events to it at the front; the key cursor keeps the
            // pages on the events of the first answer.
            let first: Vec<String> = whole.iter().map(key).collect();
            let newer = keys.len() - first.len();
            assert_eq!(keys[newer..], first[..], "{path}: the pages differ from the unpaged answer");
        } else {
            assert_eq!(paged, whole, "{path}: the pages differ from the unpaged answer");
        }
    }
}
on_both_apps!(every_record_once_across_pages);

async fn bad_limits_and_cursors_name_the_field(app: TestApp) {
    let caseworker = arrange(&app).await;
    let token = app.token(caseworker).await;
    for (query, field) in [("limit=0", "limit"), ("limit=501", "limit"), ("limit=mange", "limit"), ("cursor=xyz", "cursor"), ("limit=-3", "limit")] {
        for list in ["/api/v1/deadlines?", "/api/v1/families?", "/api/v1/persons?q=test&"] {
            let r = app.api(Method::GET, &format!("{list}{query}"), &token, None).await;
            assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{list}{query}: {}", r.body);
            assert!(r.headers["content-type"].to_str().unwrap().starts_with("application/problem+json"));
            assert_eq!(r.json()["errors"][0]["field"], field, "{list}{query}: {}", r.body);
        }
    }
    // The documented default and maximum.
    let r = app.api(Method::GET, "/api/v1/deadlines", &token, None).await;
    assert_eq!(r.json().as_array().unwrap().len(), 100);
    assert!(r.headers.get(header::LINK).is_some());
    let spec: Value = serde_json::from_str(&app.get("/api/openapi.json", None).await.body).unwrap();
    let params = spec["paths"]["/api/v1/deadlines"]["get"]["parameters"].as_array().unwrap();
    assert!(params.iter().any(|p| p["name"] == "limit"), "{params:?}");
    assert!(params.iter().any(|p| p["name"] == "cursor"), "{params:?}");
}
on_both_apps!(bad_limits_and_cursors_name_the_field);

async fn the_csv_export_streams_every_row_and_audits_them(app: TestApp) {
    let caseworker = arrange(&app).await;
    let token = app.token(caseworker).await;
    let (json, _) = walk(&app, &token, "/api/v1/deadlines?limit=500").await;
    let r = app.api(Method::GET, "/api/v1/deadlines?format=csv", &token, None).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/csv"));
    assert!(r.body.starts_with('\u{feff}'));
    assert_eq!(r.body.lines().count(), json.len() + 1, "a header and every deadline");
    let filter = samplan::store::audit::AuditFilter { action: Some("read".into()), ..Default::default() };
    let audited = app.store.audit_log(&Tenant::trusted("0316"), &filter, 10_000).await.unwrap();
    assert_eq!(audited.iter().filter(|a| a.detail == "fristliste").count(), 2 * PERSONS as usize, "each person read once per answer");
}
on_both_apps!(the_csv_export_streams_every_row_and_audits_them);

async fn the_search_page_shows_a_first_page_with_navigation(app: TestApp) {
    arrange(&app).await;
    let browser = app.login("sagsbehandler").await;
    // 37 persons, 50 a page: one page, no navigation.
    let r = app.get("/personer?q=test", Some(&browser)).await;
    assert!(r.body.contains("37 personer fundet"), "{}", r.body);
    assert!(!r.body.contains("Næste side"));
    let r = app.get("/admin/log", Some(&browser)).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}
on_both_apps!(the_search_page_shows_a_first_page_with_navigation);
