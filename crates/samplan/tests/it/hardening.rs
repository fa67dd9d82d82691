//! Holes found by trying samplan as an attacker and as a careless client would, each
//! closed and kept closed, over HTTP on SQLite and PostgreSQL: a write by department
//! staff never widens what they can read; exported CSV cells never run as formulas;
//! notifications reveal no family the reader cannot open; nobody marks another user's
//! notification read; a guessed password does not lock the real user out, and a 429
//! says when to try again; person data is never cached; a citizen reads their own Min
//! plan through the API; idle connections without headers are closed.
use crate::common;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use common::app::{PASSWORD, TestApp};
use samplan::domain::Role;
use samplan::store::Tenant;
use samplan::store::audit::AuditFilter;
use serde_json::{Value, json};

const CODE: &str = "0316";

fn tenant() -> Tenant {
    Tenant::trusted(CODE)
}

struct World {
    caseworker: String,
    amal: i64,
    sami: i64,
    haddad: i64,
}

async fn world(app: &TestApp) -> World {
    let id = app.user("anna", Role::Caseworker, Some(CODE)).await;
    let caseworker = app.token(id).await;
    app.staff("dagtilbud", Role::DepartmentStaff, Some(CODE), Some("dagtilbud_og_skole")).await;
    app.staff("bolig", Role::HousingOfficer, Some(CODE), Some("bolig")).await;
    let r = app.api(Method::POST, "/api/v1/families", &caseworker, Some(json!({"name": "Familien Haddad"}))).await;
    let haddad = r.json()["id"].as_i64().unwrap();
    let mut ids = Vec::new();
    for (cpr, given, role) in [("010185-1001", "Amal", "adult"), ("010120-1002", "Sami", "child")] {
        let body = json!({"cpr": cpr, "given_name": given, "family_name": "Haddad", "sex": "female", "nationality": "Syrien",
            "languages": "ar", "residence_basis": "refugee", "family_id": haddad, "family_role": role,
            "arrival_date": "2026-02-01", "takeover_date": "2026-04-01"});
        let r = app.api(Method::POST, "/api/v1/persons", &caseworker, Some(body)).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        ids.push(r.json()["id"].as_i64().unwrap());
    }
    World { caseworker, amal: ids[0], sami: ids[1], haddad }
}

async fn token_of(app: &TestApp, login: &str) -> String {
    let user = app.store.user_by_login(login).await.unwrap().unwrap();
    app.token(user.id).await
}

/// A plan with a hidden goal for Amal (a job action) and a goal for Sami with a daycare action.
fn plan(w: &World, housing_officer: i64) -> Value {
    json!({"based_on_version": 0, "reason": "Første familiemøde", "plan": {"goals": [
        {"life_area": "beskaeftigelse", "person_id": w.amal, "text": "Amal i job inden sommer (fortroligt)",
         "actions": [{"title": "Virksomhedspraktik", "department": "jobcenter", "responsible_name": "Jens", "start_date": "2026-05-01", "status": "active"}]},
        {"life_area": "boern_og_skole", "person_id": w.sami, "text": "Sami trives i dagtilbuddet",
         "actions": [{"title": "Plads i børnehave", "department": "dagtilbud_og_skole", "responsible_name": "Camilla", "start_date": "2026-05-01", "status": "active"},
                     {"title": "Bolig tæt på børnehaven", "department": "bolig", "responsible_user_id": housing_officer, "start_date": "2026-05-01", "status": "planned"}]},
        {"life_area": "faellesskab_og_fritid", "text": "Familien finder en forening", "actions": []}]}})
}

fn action(goal_id: i64, person: Option<i64>, version: i64) -> Value {
    let mut a =
        json!({"title": "Sprogstøtte", "department": "dagtilbud_og_skole", "responsible_name": "Camilla", "start_date": "2026-06-01", "status": "planned"});
    if let Some(p) = person {
        a["person_id"] = json!(p);
    }
    json!({"based_on_version": version, "reason": "Tilføjet af dagtilbud", "goal_id": goal_id, "action": a})
}

on_both_apps!(department_staff_cannot_widen_their_reach_by_writing);
async fn department_staff_cannot_widen_their_reach_by_writing(app: TestApp) {
    let w = world(&app).await;
    let bolig = app.store.user_by_login("bolig").await.unwrap().unwrap().id;
    let r = app.api(Method::PUT, &format!("/api/v1/families/{}/plan", w.haddad), &w.caseworker, Some(plan(&w, bolig))).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let goals: Vec<i64> = r.json()["plan"]["goals"].as_array().unwrap().iter().map(|g| g["id"].as_i64().unwrap()).collect();
    let (amal_goal, sami_goal, family_goal) = (goals[0], goals[1], goals[2]);
    let token = token_of(&app, "dagtilbud").await;
    let person = |id: i64| format!("/api/v1/persons/{id}");
    assert_eq!(app.api(Method::GET, &person(w.amal), &token, None).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.api(Method::GET, &person(w.sami), &token, None).await.status, StatusCode::OK);
    let add = format!("/api/v1/families/{}/plan/actions", w.haddad);

    // Under the parent's hidden goal: as if the goal did not exist.
    let r = app.api(Method::POST, &add, &token, Some(action(amal_goal, Some(w.amal), 1))).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(r.json()["errors"][0]["field"], "goal_id");
    // Under the child's visible goal, but for the parent: refused.
    let r = app.api(Method::POST, &add, &token, Some(action(sami_goal, Some(w.amal), 1))).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(r.json()["errors"][0]["field"], "action.person_id");
    // A family-wide goal is not visible to them, and a family-wide action would link everyone.
    let r = app.api(Method::POST, &add, &token, Some(action(family_goal, None, 1))).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(app.api(Method::GET, &person(w.amal), &token, None).await.status, StatusCode::NOT_FOUND, "still hidden");
    let shown = app.api(Method::GET, &format!("/api/v1/families/{}/plan", w.haddad), &token, None).await.body;
    assert!(!shown.contains("fortroligt"), "the hidden goal's text stays hidden");
    assert_eq!(
        app.api(Method::GET, &format!("/api/v1/families/{}/plan/versions", w.haddad), &w.caseworker, None).await.json().as_array().unwrap().len(),
        1,
        "nothing saved"
    );

    // Their own action for the child they read is fine.
    let r = app.api(Method::POST, &add, &token, Some(action(sami_goal, Some(w.sami), 1))).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(app.api(Method::GET, &person(w.amal), &token, None).await.status, StatusCode::NOT_FOUND);
}

on_both_apps!(csv_cells_never_run_as_formulas);
async fn csv_cells_never_run_as_formulas(app: TestApp) {
    let w = world(&app).await;
    let evil = "=HYPERLINK(\"http://evil.example\",\"Klik\")";
    let body = json!({"cpr": "010190-1005", "given_name": evil, "family_name": "Haddad", "sex": "male", "nationality": "Syrien",
        "languages": "ar", "residence_basis": "refugee", "family_id": w.haddad, "family_role": "adult",
        "arrival_date": "2026-02-01", "takeover_date": "2026-04-01"});
    let r = app.api(Method::POST, "/api/v1/persons", &w.caseworker, Some(body)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let csv = app.api(Method::GET, "/api/v1/deadlines?format=csv", &w.caseworker, None).await.body;
    assert!(csv.contains(";\"'=HYPERLINK("), "neutralised: {csv}");
    assert!(!csv.contains(";=HYPERLINK(") && !csv.contains(";\"=HYPERLINK("), "never a bare formula");
    let who = app.login("anna").await;
    let page_csv = app.get("/frister.csv?omfang=kommune", Some(&who)).await.body;
    assert!(page_csv.contains(";\"'=HYPERLINK(") && !page_csv.contains(";\"=HYPERLINK("), "{page_csv}");
}

on_both_apps!(notifications_reveal_no_hidden_family_and_stay_their_owners);
async fn notifications_reveal_no_hidden_family_and_stay_their_owners(app: TestApp) {
    let w = world(&app).await;
    let bolig = app.store.user_by_login("bolig").await.unwrap().unwrap().id;
    let r = app.api(Method::PUT, &format!("/api/v1/families/{}/plan", w.haddad), &w.caseworker, Some(plan(&w, bolig))).await;
    let sami_goal = r.json()["plan"]["goals"][1]["id"].as_i64().unwrap();
    // The daycare department changes its action: the housing officer responsible for an
    // action of another department is notified, but cannot open the family.
    let dagtilbud = token_of(&app, "dagtilbud").await;
    let r = app.api(Method::POST, &format!("/api/v1/families/{}/plan/actions", w.haddad), &dagtilbud, Some(action(sami_goal, Some(w.sami), 1))).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let stored = app.store.notifications(&tenant(), &samplan::store::access::Reach::All, bolig, 10).await.unwrap();
    assert_eq!(stored.len(), 1, "the notification exists");
    let housing = token_of(&app, "bolig").await;
    assert_eq!(app.api(Method::GET, &format!("/api/v1/families/{}", w.haddad), &housing, None).await.status, StatusCode::NOT_FOUND);
    let listed = app.api(Method::GET, "/api/v1/notifications", &housing, None).await;
    assert_eq!(listed.status, StatusCode::OK);
    assert_eq!(listed.json(), json!([]), "nothing about a family they cannot open: {}", listed.body);
    let page = app.get("/koordinator", Some(&app.login("bolig").await)).await;
    assert!(!page.body.contains("Familien Haddad"), "nor on the overview page");

    // Nobody marks another user's notification read, by API or by the page's form.
    let id = stored[0].id;
    let r = app.api(Method::POST, &format!("/api/v1/notifications/{id}/read"), &dagtilbud, None).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let who = app.login("dagtilbud").await;
    let r = app.post_form(&format!("/notifikationer/{id}/laest"), &who, &[]).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
    let marks = AuditFilter { user_login: Some("dagtilbud".into()), entity: Some("notification".into()), ..Default::default() };
    assert!(app.store.audit_log(&tenant(), &marks, 10).await.unwrap().is_empty(), "no false audit row");
    assert!(app.store.notifications(&tenant(), &samplan::store::access::Reach::All, bolig, 10).await.unwrap()[0].read_at.is_none());
}

/// Logs `login` in through the form from client address `from` (behind a trusted proxy).
async fn login_from(app: &TestApp, login: &str, password: &str, from: &str) -> (StatusCode, Option<String>) {
    let form = app.send(Request::get("/login").header("x-forwarded-for", from).body(Body::empty()).unwrap()).await;
    let cookie = form
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("samplan_login_csrf="))
        .map(|c| c.split(';').next().unwrap().to_string())
        .unwrap();
    let body = format!("login={login}&password={password}&csrf={}", form.csrf());
    let r = app
        .send(
            Request::post("/login")
                .header("x-forwarded-for", format!("198.51.100.1, {from}"))
                .header(header::COOKIE, cookie)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(body))
                .unwrap(),
        )
        .await;
    (r.status, r.headers.get(header::RETRY_AFTER).map(|v| v.to_str().unwrap().to_string()))
}

#[tokio::test]
async fn a_password_guesser_does_not_lock_the_real_user_out() {
    let settings = samplan::app::Settings { client_address_header: Some("x-forwarded-for".into()), ..Default::default() };
    let app = TestApp::on(common::sqlite().await, settings);
    app.user("anna", Role::Caseworker, Some(CODE)).await;
    for _ in 0..3 {
        assert_eq!(login_from(&app, "anna", "forkert", "203.0.113.5").await.0, StatusCode::UNAUTHORIZED);
    }
    let (status, retry) = login_from(&app, "anna", PASSWORD, "203.0.113.5").await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "the guessing address waits");
    let seconds: u64 = retry.expect("Retry-After").parse().unwrap();
    assert!((1..=900).contains(&seconds), "{seconds}");
    assert_eq!(login_from(&app, "anna", PASSWORD, "10.1.2.3").await.0, StatusCode::SEE_OTHER, "Anna from her own address");
    let failed = app.store.audit_log(&tenant(), &AuditFilter { action: Some("login_failed".into()), ..Default::default() }, 10).await.unwrap();
    assert!(failed.iter().all(|e| e.remote_addr == "203.0.113.5"), "the proxy's last address is the client");
}

on_both_apps!(person_data_is_never_cached);
async fn person_data_is_never_cached(app: TestApp) {
    let w = world(&app).await;
    let r = app.api(Method::GET, &format!("/api/v1/persons/{}", w.amal), &w.caseworker, None).await;
    assert_eq!(r.headers.get(header::CACHE_CONTROL).unwrap(), "no-store");
    let who = app.login("anna").await;
    for path in [format!("/personer/{}", w.amal), format!("/personer/{}/minplan", w.amal)] {
        assert_eq!(app.get(&path, Some(&who)).await.headers.get(header::CACHE_CONTROL).unwrap(), "no-store", "{path}");
    }
    let pdf = app.api(Method::GET, &format!("/api/v1/persons/{}/myplan.pdf", w.amal), &w.caseworker, None).await;
    assert_eq!(pdf.headers.get(header::CACHE_CONTROL).unwrap(), "no-store");
    assert!(r.headers.get(header::STRICT_TRANSPORT_SECURITY).is_none(), "HSTS only when configured");
    let css = app.get("/static/app.css", None).await;
    assert_eq!(css.headers.get(header::CACHE_CONTROL).unwrap(), "no-cache", "static files revalidate");
}

#[tokio::test]
async fn hsts_when_reached_over_tls() {
    let app = TestApp::on(common::sqlite().await, samplan::app::Settings { hsts: true, ..Default::default() });
    let r = app.get("/login", None).await;
    assert!(r.headers.get(header::STRICT_TRANSPORT_SECURITY).unwrap().to_str().unwrap().starts_with("max-age="));
}

#[tokio::test]
async fn a_connection_that_never_finishes_its_headers_is_closed() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let app = TestApp::sqlite().await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let timeout = std::time::Duration::from_millis(300);
    tokio::spawn(samplan::server::accept_loop(listener, app.router.clone(), timeout, std::future::pending()));
    let mut slow = tokio::net::TcpStream::connect(addr).await.unwrap();
    slow.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n").await.unwrap();
    let mut buf = Vec::new();
    let closed = tokio::time::timeout(std::time::Duration::from_secs(10), slow.read_to_end(&mut buf)).await;
    assert!(closed.is_ok(), "the server closed the connection");
    // A client that finishes its headers is answered.
    let mut quick = tokio::net::TcpStream::connect(addr).await.unwrap();
    quick.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").await.unwrap();
    let mut answer = String::new();
    quick.read_to_string(&mut answer).await.unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
}

/// A handler that panics answers 500 in Danish, as problem+json under `/api` and as the
/// error page elsewhere, and nothing of the panic's text reaches the client.
#[tokio::test]
async fn a_panicking_handler_answers_a_danish_500_without_its_text() {
    use tower::ServiceExt;
    async fn boom() -> &'static str {
        if std::hint::black_box(true) {
            panic!("hemmelig: CPR 010185-1001");
        }
        "aldrig"
    }
    let router = samplan::web::catch_panics(axum::Router::new().route("/api/v1/boom", axum::routing::get(boom)).route("/side", axum::routing::get(boom)));
    for (path, kind) in [("/api/v1/boom", "application/problem+json"), ("/side", "text/html")] {
        let r = router.clone().oneshot(Request::get(path).body(Body::empty()).unwrap()).await.unwrap();
        assert_eq!(r.status(), StatusCode::INTERNAL_SERVER_ERROR, "{path}");
        let content_type = r.headers()[header::CONTENT_TYPE].to_str().unwrap().to_string();
        let body = http_body_util::BodyExt::collect(r.into_body()).await.unwrap().to_bytes();
        let body = String::from_utf8_lossy(&body);
        assert!(content_type.starts_with(kind), "{path}: {content_type}");
        assert!(body.contains("intern fejl") && !body.contains("hemmelig") && !body.contains("010185"), "{path}: {body}");
    }
    // The real router answers with the layer in place: the server keeps answering.
    let app = TestApp::sqlite().await;
    assert_eq!(app.get("/login", None).await.status, StatusCode::OK);
}

/// The confirmation cookie («Gemt», «Sendt») is `Secure` whenever the session cookie is,
/// and only then (demo mode over plain HTTP).
#[tokio::test]
async fn the_confirmation_cookie_is_secure_when_the_session_cookie_is() {
    for secure in [true, false] {
        let app = TestApp::on(common::sqlite().await, samplan::app::Settings { secure_cookies: secure, demo: !secure, ..Default::default() });
        let id = app.staff("anna", Role::Caseworker, Some(CODE), Some("jobcenter")).await;
        let token = app.token(id).await;
        let family = app.api(Method::POST, "/api/v1/families", &token, Some(json!({"name": "Familien Haddad"}))).await.json()["id"].as_i64().unwrap();
        let body = json!({"cpr": "010185-1001", "given_name": "Amal", "family_name": "Haddad", "sex": "female", "nationality": "Syrien",
            "languages": "ar", "residence_basis": "refugee", "family_id": family, "family_role": "adult", "arrival_date": "2026-02-01", "takeover_date": "2026-04-01"});
        let amal = app.api(Method::POST, "/api/v1/persons", &token, Some(body)).await.json()["id"].as_i64().unwrap();
        let who = app.login("anna").await;
        let r = app.post_form("/henvisninger", &who, &[("person_id", &amal.to_string()), ("to_department", "sundhed"), ("reason", "Samtale om søvn")]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let cookie = r
            .headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with("samplan_besked="))
            .expect("a confirmation")
            .to_string();
        assert_eq!(cookie.contains("; Secure"), secure, "{cookie}");
        let page = app
            .get(&format!("/personer/{amal}"), Some(&common::app::Browser { cookie: format!("{}; samplan_besked=sendt", who.cookie), csrf: who.csrf.clone() }))
            .await;
        let cleared = page
            .headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with("samplan_besked="))
            .expect("cleared")
            .to_string();
        assert_eq!(cleared.contains("; Secure"), secure, "{cleared}");
    }
}

/// An organisation's volunteer coordinator, a translator and a regional coordinator read
/// only the council's published papers, no knowledge-method draft and no local goals; the
/// municipality's staff read all of them.
async fn outsiders_read_only_published_papers(app: TestApp) {
    let manager = app.user("leder", Role::Manager, Some(CODE)).await;
    let caseworker = app.user("sagsbehandler", Role::Caseworker, Some(CODE)).await;
    let (m, c) = (app.token(manager).await, app.token(caseworker).await);
    let mut outsiders = Vec::new();
    for (login, role) in [("frivillig", Role::VolunteerCoordinator), ("oversaetter", Role::Translator), ("regional", Role::RegionalCoordinator)] {
        let id = app.user(login, role, Some(CODE)).await;
        outsiders.push((login, app.token(id).await));
    }
    let meeting = app
        .api(
            Method::POST,
            "/api/v1/council/meetings",
            &m,
            Some(json!({"held_on": "2026-03-12", "starts_at": "16:00", "place": "Holbæk Rådhus",
        "items": [{"title": "Hemmeligt punkt om budgettet"}]})),
        )
        .await;
    assert_eq!(meeting.status, StatusCode::CREATED, "{}", meeting.body);
    let meeting = meeting.json()["id"].as_i64().unwrap();
    let method = app
        .api(
            Method::POST,
            "/api/v1/knowledge/methods",
            &c,
            Some(json!({"title": "Sprogmakker i kantinen",
        "summary": "Deltagerne lærer dansk på arbejdspladsen to formiddage om ugen sammen med en kollega som sprogmakker.",
        "target_group": "nyankomne", "life_area": "sprog", "theme": "danskkundskaber", "evidence_level": "lovende",
        "results": "42 deltog i 2025; 31 bestod modultest 3.", "contact": "Jobcentret"})),
        )
        .await;
    assert_eq!(method.status, StatusCode::CREATED, "{}", method.body);
    let method = method.json()["method_id"].as_i64().unwrap();

    // The municipality's staff read the unpublished meeting, the draft and the goals.
    assert_eq!(app.api(Method::GET, "/api/v1/council/meetings", &c, None).await.json().as_array().unwrap().len(), 1);
    assert_eq!(app.api(Method::GET, &format!("/api/v1/knowledge/methods/{method}"), &m, None).await.status, StatusCode::OK);
    assert_eq!(app.api(Method::GET, "/api/v1/goals", &c, None).await.status, StatusCode::OK);
    for (login, token) in &outsiders {
        let meetings = app.api(Method::GET, "/api/v1/council/meetings", token, None).await;
        assert!(meetings.json().as_array().is_some_and(|a| a.is_empty()), "{login}: {}", meetings.body);
        assert_eq!(app.api(Method::GET, &format!("/api/v1/knowledge/methods/{method}"), token, None).await.status, StatusCode::NOT_FOUND, "{login}");
        assert_eq!(app.api(Method::GET, "/api/v1/goals", token, None).await.status, StatusCode::FORBIDDEN, "{login}");
        let browser = app.login(login).await;
        let page = app.get(&format!("/integrationsraad/moeder/{meeting}"), Some(&browser)).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{login}");
        assert!(!app.get("/integrationsraad", Some(&browser)).await.body.contains("Hemmeligt punkt"), "{login}");
        assert_eq!(app.get(&format!("/integrationsraad/moeder/{meeting}/dagsorden.pdf"), Some(&browser)).await.status, StatusCode::NOT_FOUND, "{login}");
        assert_eq!(app.get(&format!("/viden/{method}"), Some(&browser)).await.status, StatusCode::NOT_FOUND, "{login}");
        assert!(!app.get("/viden/mine", Some(&browser)).await.body.contains("Sprogmakker i kantinen"), "{login}");
        assert_eq!(app.get("/maal", Some(&browser)).await.status, StatusCode::FORBIDDEN, "{login}");
    }
    // Published, the meeting is theirs to read as it is everyone's on the public page.
    let browser = app.login("leder").await;
    let r = app.post_form(&format!("/integrationsraad/moeder/{meeting}/offentliggoer"), &browser, &[("published", "1")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    for (login, token) in &outsiders {
        assert_eq!(app.api(Method::GET, "/api/v1/council/meetings", token, None).await.json().as_array().map(Vec::len), Some(1), "{login}");
        assert_eq!(app.get(&format!("/integrationsraad/moeder/{meeting}"), Some(&app.login(login).await)).await.status, StatusCode::OK, "{login}");
    }
}
on_both_apps!(outsiders_read_only_published_papers);
