//! HTTP tests through the real router: login and sessions, CSRF, roles, tenancy on every
//! endpoint, audit of every read and change, and errors that name the field.
use crate::common;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use common::app::{PASSWORD, TestApp};
use samplan::domain::Role;
use samplan::store::Tenant;
use samplan::store::access::Reach;
use samplan::store::audit::AuditFilter;
use serde_json::json;

/// Two municipalities, each with a caseworker, a family and a person in it.
struct Fixture {
    holbaek_token: String,
    kbh_token: String,
    holbaek_person: i64,
    holbaek_family: i64,
}

fn person_body(cpr: &str, family_id: i64) -> serde_json::Value {
    json!({"cpr": cpr, "given_name": "Amal", "family_name": "Haddad", "sex": "female", "languages": "ar, en",
           "nationality": "Syrien", "arrival_date": "2024-02-01", "takeover_date": "2024-04-01",
           "residence_basis": "refugee", "family_id": family_id})
}

async fn fixture(app: &TestApp) -> Fixture {
    let holbaek = app.user("anna", Role::Caseworker, Some("0316")).await;
    let kbh = app.user("bo", Role::Caseworker, Some("0101")).await;
    let holbaek_token = app.token(holbaek).await;
    let kbh_token = app.token(kbh).await;
    let family = app.api(Method::POST, "/api/v1/families", &holbaek_token, Some(json!({"name": "Familien Haddad", "postal_code": "4300"}))).await;
    assert_eq!(family.status, StatusCode::CREATED, "{}", family.body);
    let holbaek_family = family.json()["id"].as_i64().unwrap();
    let person = app.api(Method::POST, "/api/v1/persons", &holbaek_token, Some(person_body("150390-1234", holbaek_family))).await;
    assert_eq!(person.status, StatusCode::CREATED, "{}", person.body);
    let holbaek_person = person.json()["id"].as_i64().unwrap();
    Fixture { holbaek_token, kbh_token, holbaek_person, holbaek_family }
}

async fn tenancy_holds_on_every_endpoint(app: TestApp) {
    let f = fixture(&app).await;
    let (p, fam) = (f.holbaek_person, f.holbaek_family);
    // API: another municipality's caseworker gets 404 or nothing for every person/family endpoint.
    for path in [format!("/api/v1/persons/{p}"), format!("/api/v1/families/{fam}")] {
        let r = app.api(Method::GET, &path, &f.kbh_token, None).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{path}: {}", r.body);
    }
    let patch = app
        .api(
            Method::PUT,
            &format!("/api/v1/persons/{p}"),
            &f.kbh_token,
            Some(json!({"given_name": "X", "family_name": "Y", "sex": "male", "nationality": "Z", "residence_basis": "other"})),
        )
        .await;
    assert_eq!(patch.status, StatusCode::NOT_FOUND);
    let search = app.api(Method::GET, "/api/v1/persons?q=haddad", &f.kbh_token, None).await;
    assert_eq!(search.json(), json!([]));
    let search_cpr = app.api(Method::GET, "/api/v1/persons?q=150390-1234", &f.kbh_token, None).await;
    assert_eq!(search_cpr.json(), json!([]));
    let families = app.api(Method::GET, "/api/v1/families", &f.kbh_token, None).await;
    assert_eq!(families.json(), json!([]));
    let foreign_family = app.api(Method::POST, "/api/v1/persons", &f.kbh_token, Some(person_body("150390-1234", fam))).await;
    assert_eq!(foreign_family.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(foreign_family.json()["errors"][0]["field"], "family_id");
    // Pages: the same, through a browser session.
    let bo = app.login("bo").await;
    for path in [format!("/personer/{p}"), format!("/personer/{p}/rediger"), format!("/familier/{fam}")] {
        assert_eq!(app.get(&path, Some(&bo)).await.status, StatusCode::NOT_FOUND, "{path}");
    }
    let edit = app
        .post_form(
            &format!("/personer/{p}/rediger"),
            &bo,
            &[("given_name", "X"), ("family_name", "Y"), ("sex", "male"), ("nationality", "Z"), ("residence_basis", "other")],
        )
        .await;
    assert_eq!(edit.status, StatusCode::NOT_FOUND);
    assert!(!app.get("/personer?q=haddad", Some(&bo)).await.body.contains("Amal"));
    assert!(!app.get("/familier", Some(&bo)).await.body.contains("Familien Haddad"));
    // Nothing of Holbæk's changed, and Holbæk's own caseworker still sees it.
    let own = app.api(Method::GET, &format!("/api/v1/persons/{p}"), &f.holbaek_token, None).await;
    assert_eq!(own.json()["given_name"], "Amal");
    // Audit logs are per municipality too.
    app.user("kbh-admin", Role::Admin, Some("0101")).await;
    let admin = app.login("kbh-admin").await;
    let log = app.get("/admin/log?user=anna", Some(&admin)).await;
    assert_eq!(log.status, StatusCode::OK);
    assert!(!log.body.contains("<td>anna</td>"));
}

#[tokio::test]
async fn tenancy_holds_on_every_endpoint_sqlite() {
    tenancy_holds_on_every_endpoint(TestApp::sqlite().await).await;
}

#[tokio::test]
async fn tenancy_holds_on_every_endpoint_postgres() {
    if let Some(app) = TestApp::postgres().await {
        tenancy_holds_on_every_endpoint(app).await;
    }
}

async fn reads_and_changes_are_audited(app: TestApp) {
    let f = fixture(&app).await;
    let p = f.holbaek_person;
    let read = app.api(Method::GET, &format!("/api/v1/persons/{p}"), &f.holbaek_token, None).await;
    let request_id = read.headers.get("x-request-id").unwrap().to_str().unwrap().to_string();
    let patch = json!({"given_name": "Amal Sara", "family_name": "Haddad", "sex": "female", "languages": "ar", "nationality": "Syrien",
        "arrival_date": "2024-02-01", "takeover_date": "2024-04-01", "residence_basis": "refugee", "family_id": f.holbaek_family});
    assert_eq!(app.api(Method::PUT, &format!("/api/v1/persons/{p}"), &f.holbaek_token, Some(patch)).await.status, StatusCode::OK);
    let anna = app.login("anna").await;
    assert_eq!(app.get(&format!("/personer/{p}"), Some(&anna)).await.status, StatusCode::OK);
    let rows = app.store.audit_log(&Tenant::trusted("0316"), &AuditFilter { entity_id: Some(p.to_string()), ..Default::default() }, 100).await.unwrap();
    let actions: Vec<(&str, &str)> = rows.iter().rev().map(|r| (r.action.as_str(), r.detail.as_str())).collect();
    assert_eq!(actions[0].0, "create");
    assert!(actions.contains(&("read", "personoplysninger (API)")), "{actions:?}");
    assert!(actions.contains(&("update", "ændret: given_name, languages")), "{actions:?}");
    assert!(actions.contains(&("read", "personside")), "{actions:?}");
    let api_read = rows.iter().find(|r| r.request_id == request_id).expect("the read is logged with its request id");
    assert_eq!((api_read.user_login.as_str(), api_read.remote_addr.as_str(), api_read.entity.as_str()), ("anna", "127.0.0.1", "person"));
    // Search results are reads of each person shown.
    app.api(Method::GET, "/api/v1/persons?q=amal", &f.holbaek_token, None).await;
    let searched = app
        .store
        .audit_log(&Tenant::trusted("0316"), &AuditFilter { action: Some("read".into()), entity_id: Some(p.to_string()), ..Default::default() }, 100)
        .await
        .unwrap();
    assert!(searched.iter().any(|r| r.detail == "søgeresultat (API)"));
    // Nothing in the log contains the CPR number.
    let everything = app.store.audit_log(&Tenant::trusted("0316"), &AuditFilter::default(), 1000).await.unwrap();
    assert!(everything.iter().all(|r| !r.detail.contains("150390")));
}

#[tokio::test]
async fn reads_and_changes_are_audited_sqlite() {
    reads_and_changes_are_audited(TestApp::sqlite().await).await;
}

#[tokio::test]
async fn reads_and_changes_are_audited_postgres() {
    if let Some(app) = TestApp::postgres().await {
        reads_and_changes_are_audited(app).await;
    }
}

#[tokio::test]
async fn the_audit_log_is_for_admins_and_read_only() {
    let app = TestApp::sqlite().await;
    let f = fixture(&app).await;
    let admin_id = app.user("admin", Role::Admin, Some("0316")).await;
    let admin_token = app.token(admin_id).await;
    for method in [Method::POST, Method::PUT, Method::PATCH, Method::DELETE] {
        let r = app.api(method.clone(), "/api/v1/audit", &admin_token, None).await;
        assert_eq!(r.status, StatusCode::METHOD_NOT_ALLOWED, "{method}");
    }
    let log = app.api(Method::GET, "/api/v1/audit?action=create", &admin_token, None).await;
    assert_eq!(log.status, StatusCode::OK);
    assert!(log.json().as_array().unwrap().iter().all(|r| r["action"] == "create"));
    assert_eq!(log.json().as_array().unwrap().len(), 2);
    let bad = app.api(Method::GET, "/api/v1/audit?from=igår", &admin_token, None).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.json()["errors"][0]["field"], "from");
    let denied = app.api(Method::GET, "/api/v1/audit", &f.holbaek_token, None).await;
    assert_eq!(denied.status, StatusCode::FORBIDDEN);
    let page = app.get("/admin/log?action=create", Some(&app.login("admin").await)).await;
    assert!(page.body.contains("<td>anna</td>") && page.body.contains("<td>create</td>"));
}

#[tokio::test]
async fn roles_decide_access_to_person_records() {
    let app = TestApp::sqlite().await;
    let f = fixture(&app).await;
    let p = f.holbaek_person;
    // An organisation's volunteer coordinator is outside the municipality: to them
    // person records do not exist (404); staff roles on aggregates are refused (403).
    for (login, role, status) in [
        ("leder", Role::Manager, StatusCode::FORBIDDEN),
        ("frivillig", Role::VolunteerCoordinator, StatusCode::NOT_FOUND),
        ("admin", Role::Admin, StatusCode::FORBIDDEN),
    ] {
        let id = app.user(login, role, Some("0316")).await;
        let token = app.token(id).await;
        let r = app.api(Method::GET, &format!("/api/v1/persons/{p}"), &token, None).await;
        assert_eq!(r.status, status, "{login}");
        assert_eq!(r.headers.get(header::CONTENT_TYPE).unwrap(), "application/problem+json");
    }
    let national = app.user("sekretariat", Role::NationalSecretariat, None).await;
    let token = app.token(national).await;
    assert_eq!(app.api(Method::GET, "/api/v1/families", &token, None).await.status, StatusCode::FORBIDDEN);
    // Department staff read persons linked to their department (here by consent), see
    // only the date part of the CPR number, and may not create.
    let staff = app.staff("dagtilbud", Role::DepartmentStaff, Some("0316"), Some("dagtilbud_og_skole")).await;
    let token = app.token(staff).await;
    let unlinked = app.api(Method::GET, &format!("/api/v1/persons/{p}"), &token, None).await;
    assert_eq!(unlinked.status, StatusCode::NOT_FOUND);
    let consent = json!({"scopes": ["plan"], "departments": ["dagtilbud_og_skole"], "purpose": "Dagtilbud", "given_on": "2026-01-01", "how_given": "written"});
    let given = app.api(Method::POST, &format!("/api/v1/persons/{p}/consents"), &f.holbaek_token, Some(consent)).await;
    assert_eq!(given.status, StatusCode::CREATED, "{}", given.body);
    let read = app.api(Method::GET, &format!("/api/v1/persons/{p}"), &token, None).await;
    assert_eq!(read.json()["cpr"], "150390-XXXX");
    let full = app.api(Method::GET, &format!("/api/v1/persons/{p}"), &f.holbaek_token, None).await;
    assert_eq!(full.json()["cpr"], "150390-1234");
    let create = app.api(Method::POST, "/api/v1/families", &token, Some(json!({"name": "Familien X"}))).await;
    assert_eq!(create.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn login_sessions_and_logout() {
    let app = TestApp::sqlite().await;
    app.user("anna", Role::Caseworker, Some("0316")).await;
    // Anonymous pages go to the login page, the API answers 401.
    assert_eq!(app.get("/personer", None).await.location(), "/login");
    assert_eq!(app.get("/api/v1/families", None).await.status, StatusCode::UNAUTHORIZED);
    let form = app.get("/login", None).await;
    let csrf_cookie = form.headers.get(header::SET_COOKIE).unwrap().to_str().unwrap().to_string();
    assert!(csrf_cookie.contains("HttpOnly") && csrf_cookie.contains("Secure") && csrf_cookie.contains("SameSite=Lax"), "{csrf_cookie}");
    let browser = app.login("anna").await;
    let home = app.get("/", Some(&browser)).await;
    assert!(home.body.contains("Holbæk Kommune") && home.body.contains("Log ud"));
    assert!(!home.body.contains("DEMO"), "no demo banner outside demo mode");
    // Logout needs the CSRF token, ends the session and is audited.
    let no_csrf = app.post_form("/logout", &browser, &[("csrf", "wrong")]).await;
    assert_eq!(no_csrf.status, StatusCode::FORBIDDEN);
    assert_eq!(app.get("/", Some(&browser)).await.status, StatusCode::OK);
    let out = app.post_form("/logout", &browser, &[]).await;
    assert_eq!(out.location(), "/login");
    assert_eq!(app.get("/", Some(&browser)).await.location(), "/login");
    let actions: Vec<String> =
        app.store.audit_log(&Tenant::trusted("0316"), &AuditFilter::default(), 10).await.unwrap().into_iter().map(|r| r.action).collect();
    assert_eq!(actions, ["logout", "login"]);
}

#[tokio::test]
async fn sessions_expire() {
    let app = TestApp::sqlite().await;
    app.user("anna", Role::Caseworker, Some("0316")).await;
    let browser = app.login("anna").await;
    let token = browser.cookie.trim_start_matches("samplan_session=");
    app.store.extend_session(&samplan::auth::token_hash(token), "2000-01-01T00:00:00Z").await.unwrap();
    assert_eq!(app.get("/", Some(&browser)).await.location(), "/login");
}

#[tokio::test]
async fn the_idle_timeout_slides_without_a_write_per_request() {
    let app = TestApp::sqlite().await;
    app.user("anna", Role::Caseworker, Some("0316")).await;
    let browser = app.login("anna").await;
    let hash = samplan::auth::token_hash(browser.cookie.trim_start_matches("samplan_session="));
    let expiry = || async { app.store.live_session(&hash, "2000-01-01T00:00:00Z", "2000-01-01T00:00:00Z").await.unwrap().unwrap().expires_at };
    let at_login = expiry().await;
    let before = |minutes: i64, seconds: i64| {
        let at = chrono::DateTime::parse_from_rfc3339(&at_login).unwrap().to_utc();
        samplan::store::timestamp(at - chrono::Duration::minutes(minutes) - chrono::Duration::seconds(seconds))
    };
    // Half a minute of idle time used up: the request is let through and writes nothing.
    app.store.extend_session(&hash, &before(0, 30)).await.unwrap();
    assert_eq!(app.get("/", Some(&browser)).await.status, StatusCode::OK);
    assert_eq!(expiry().await, before(0, 30), "a request within the minute writes nothing");
    // Five minutes used up: the next request moves the expiry forward again.
    app.store.extend_session(&hash, &before(5, 0)).await.unwrap();
    assert_eq!(app.get("/", Some(&browser)).await.status, StatusCode::OK);
    let slid = expiry().await;
    assert!(slid.as_str() >= at_login.as_str(), "{slid} slid back to at least {at_login}");
}

#[tokio::test]
async fn failed_logins_are_refused_audited_and_rate_limited() {
    let app = TestApp::sqlite().await;
    app.user("anna", Role::Caseworker, Some("0316")).await;
    for _ in 0..3 {
        let r = app.try_login("anna", "forkert").await.err().expect("refused");
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
        assert!(r.body.contains("Forkert brugernavn eller adgangskode"));
    }
    let limited = app.try_login("anna", PASSWORD).await.err().expect("limited even with the right password from this address");
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(limited.headers.contains_key(axum::http::header::RETRY_AFTER));
    let failed = app.store.audit_log(&Tenant::trusted("0316"), &AuditFilter { action: Some("login_failed".into()), ..Default::default() }, 10).await.unwrap();
    assert_eq!(failed.len(), 3);
}

#[tokio::test]
async fn forms_without_a_valid_csrf_token_change_nothing() {
    let app = TestApp::sqlite().await;
    app.user("anna", Role::Caseworker, Some("0316")).await;
    let browser = app.login("anna").await;
    let r = app.post_form("/familier/ny", &browser, &[("name", "Familien Ny"), ("csrf", "forfalsket")]).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(app.store.count_families(&Tenant::trusted("0316"), &Reach::All).await.unwrap(), 0);
    let ok = app.post_form("/familier/ny", &browser, &[("name", "Familien Ny")]).await;
    assert!(ok.location().starts_with("/familier/"), "{}", ok.body);
    assert_eq!(app.store.count_families(&Tenant::trusted("0316"), &Reach::All).await.unwrap(), 1);
}

#[tokio::test]
async fn bad_input_names_the_field_and_keeps_what_is_stored() {
    let app = TestApp::sqlite().await;
    let f = fixture(&app).await;
    let before = app.store.count_persons(&Tenant::trusted("0316"), &Reach::All).await.unwrap();
    let bad_cpr = app.api(Method::POST, "/api/v1/persons", &f.holbaek_token, Some(person_body("310290-1234", f.holbaek_family))).await;
    assert_eq!(bad_cpr.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad_cpr.headers.get(header::CONTENT_TYPE).unwrap(), "application/problem+json");
    assert_eq!(bad_cpr.json()["errors"][0]["field"], "cpr");
    let duplicate = app.api(Method::POST, "/api/v1/persons", &f.holbaek_token, Some(person_body("150390-1234", f.holbaek_family))).await;
    assert_eq!(duplicate.status, StatusCode::CONFLICT);
    let broken = app
        .send(
            axum::http::Request::post("/api/v1/persons")
                .header(header::AUTHORIZATION, format!("Bearer {}", f.holbaek_token))
                .header(header::CONTENT_TYPE, "application/json")
                .body(axum::body::Body::from("{\"given_name\": "))
                .unwrap(),
        )
        .await;
    assert_eq!(broken.status, StatusCode::BAD_REQUEST);
    assert!(broken.json()["detail"].as_str().unwrap().contains("ugyldig JSON"));
    let wrong_type = app.api(Method::POST, "/api/v1/persons", &f.holbaek_token, Some(json!({"given_name": 7}))).await;
    assert_eq!(wrong_type.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(wrong_type.json()["errors"][0]["field"], "given_name");
    let unknown = app.api(Method::POST, "/api/v1/families", &f.holbaek_token, Some(json!({"name": "X", "farve": "blå"}))).await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unknown.body.contains("farve"));
    assert_eq!(app.store.count_persons(&Tenant::trusted("0316"), &Reach::All).await.unwrap(), before);
    // A form with errors is shown again with the reasons, and nothing is stored.
    let anna = app.login("anna").await;
    let form = app
        .post_form(
            "/personer/ny",
            &anna,
            &[("cpr", "123"), ("given_name", ""), ("family_name", "Haddad"), ("sex", "female"), ("nationality", "Syrien"), ("residence_basis", "refugee")],
        )
        .await;
    assert_eq!(form.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(form.body.contains("CPR-nummeret skal have 10 cifre") && form.body.contains("skal udfyldes"));
    assert_eq!(app.store.count_persons(&Tenant::trusted("0316"), &Reach::All).await.unwrap(), before);
    let bad_token = app.api(Method::GET, "/api/v1/families", "not-a-token", None).await;
    assert_eq!(bad_token.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn demo_accounts_log_in_only_in_demo_mode() {
    let app = TestApp::sqlite().await;
    let code = samplan::domain::MunicipalityCode::parse("0316").unwrap();
    samplan::demo::ensure_users(&app.store, &code).await.unwrap();
    let refused = app.try_login("sagsbehandler", samplan::demo::DEMO_PASSWORD).await;
    assert_eq!(refused.err().map(|r| r.status), Some(StatusCode::UNAUTHORIZED));
    let db = common::sqlite().await;
    samplan::demo::ensure_users(&db.store, &code).await.unwrap();
    let demo = TestApp::on(db, samplan::app::Settings { secure_cookies: false, demo: true, ..Default::default() });
    let browser = demo.try_login("sagsbehandler", samplan::demo::DEMO_PASSWORD).await.ok().expect("demo login works in demo mode");
    assert!(demo.get("/", Some(&browser)).await.body.contains("DEMO"));
}

#[tokio::test]
async fn static_files_come_from_the_binary_with_type_and_etag() {
    let app = TestApp::sqlite().await;
    let css = app.get("/static/app.css", None).await;
    assert_eq!(css.status, StatusCode::OK);
    assert_eq!(css.headers[header::CONTENT_TYPE], "text/css");
    assert_eq!(css.body, std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/static/app.css")).unwrap());
    let etag = css.headers[header::ETAG].clone();
    let again = app.send(Request::get("/static/app.css").header(header::IF_NONE_MATCH, etag).body(Body::empty()).unwrap()).await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert!(again.bytes.is_empty());
    let stale = app.send(Request::get("/static/app.css").header(header::IF_NONE_MATCH, "\"old\"").body(Body::empty()).unwrap()).await;
    assert_eq!(stale.status, StatusCode::OK);
    assert!(app.get("/static/dkfds/css/dkfds.min.css", None).await.body.len() > 10_000);
    for missing in ["/static/nope.css", "/static/../Cargo.toml", "/static/%2e%2e/Cargo.toml"] {
        assert_eq!(app.get(missing, None).await.status, StatusCode::NOT_FOUND, "{missing}");
    }
}

#[tokio::test]
async fn health_and_the_openapi_document() {
    let app = TestApp::sqlite().await;
    assert_eq!(app.get("/healthz", None).await.body, "ok");
    assert_eq!(app.get("/readyz", None).await.status, StatusCode::OK);
    let doc = app.get("/api/openapi.json", None).await.json();
    assert_eq!(doc["openapi"], "3.1.0");
    for path in ["/api/v1/persons", "/api/v1/persons/{id}", "/api/v1/families", "/api/v1/families/{id}", "/api/v1/audit"] {
        assert!(doc["paths"].get(path).is_some(), "{path} missing");
    }
    let missing = app.get("/api/v1/nothing", None).await;
    assert_eq!((missing.status, missing.headers.get(header::CONTENT_TYPE).unwrap().to_str().unwrap()), (StatusCode::NOT_FOUND, "application/problem+json"));
}
