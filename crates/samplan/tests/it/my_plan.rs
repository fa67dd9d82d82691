//! Min plan over HTTP on both databases: the staff page and API in every language (right
//! to left for Arabic and Dari, unknown languages refused naming `lang`), tenancy and
//! consent, audit; citizen access by one-time link and by password, what a citizen may
//! and may not read, the language choice, and "I have read my plan" shown to the
//! caseworker with the version it was read in.
use crate::common;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use common::app::{Browser, PASSWORD, Reply, TestApp};
use samplan::auth::{password, token_hash};
use samplan::domain::{MunicipalityCode, Role};
use samplan::store::Store;
use samplan::store::Tenant;
use samplan::store::audit::AuditFilter;
use samplan::store::users::NewUser;
use serde_json::{Value, json};

async fn staff(store: &Store, code: &str, login: &str, role: Role, department: Option<&str>) -> i64 {
    let departments = store.ensure_municipality(&MunicipalityCode::parse(code).unwrap()).await.unwrap();
    let department_id = department.map(|k| departments.iter().find(|d| d.kind == k).unwrap().id);
    store
        .create_user(&NewUser {
            login: login.into(),
            display_name: format!("{login} medarbejder"),
            email: None,
            password_hash: Some(password::hash(PASSWORD)),
            municipality_code: Some(code.into()),
            department_id,
            role,
            demo_account: false,
        })
        .await
        .unwrap()
}

struct Fx {
    family: i64,
    amal: i64,
    omar: i64,
    lina: i64,
    yusuf: i64,
    caseworker: String,
    language_centre: String,
    other_municipality: String,
}

/// Amal (Arabic) and Omar with Lina (2 years) and Yusuf (an adult son), in Holbæk.
async fn fixture(app: &TestApp) -> Fx {
    let cw = staff(&app.store, "0316", "sagsbehandler", Role::Caseworker, Some("jobcenter")).await;
    let lc = staff(&app.store, "0316", "sprogcenter", Role::DepartmentStaff, Some("sprogcenter")).await;
    let kbh = staff(&app.store, "0101", "kbh", Role::Caseworker, Some("jobcenter")).await;
    let (caseworker, language_centre, other_municipality) = (app.token(cw).await, app.token(lc).await, app.token(kbh).await);
    let family = app.api(Method::POST, "/api/v1/families", &caseworker, Some(json!({"name": "Familien Haddad"}))).await.json()["id"].as_i64().unwrap();
    let mut ids = Vec::new();
    for (cpr, given, sex, languages) in [
        ("150390-1234", "Amal", "female", "ar"),
        ("200588-1235", "Omar", "male", "prs"),
        ("010523-4016", "Lina", "female", "ar"),
        ("100105-4017", "Yusuf", "male", "ar"),
    ] {
        let body = json!({"cpr": cpr, "given_name": given, "family_name": "Haddad", "sex": sex, "languages": languages, "nationality": "Syrien",
            "arrival_date": "2024-02-01", "takeover_date": "2024-04-01", "residence_basis": "refugee", "family_id": family});
        let r = app.api(Method::POST, "/api/v1/persons", &caseworker, Some(body)).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        ids.push(r.json()["id"].as_i64().unwrap());
    }
    let (amal, omar, lina, yusuf) = (ids[0], ids[1], ids[2], ids[3]);
    for child in [lina, yusuf] {
        app.store.add_relation(&Tenant::trusted("0316"), amal, child, "parent_of").await.unwrap();
    }
    let slot = |d: u8, f: &str, t: &str| json!({"weekday": d, "from": f, "to": t});
    // Started long ago with no end: there are always appointments in the next two weeks.
    let plan = json!({"goals": [
        {"life_area": "sprog", "person_id": amal, "text": "Amal taler dansk på arbejdet", "actions": [
            {"catalogue_code": "du2", "department": "sprogcenter", "responsible_name": "Lone Lærer", "start_date": "2020-01-06", "slots": [slot(1, "09:00", "12:00"), slot(3, "09:00", "12:00")], "status": "active"},
            {"title": "Samtale om praktik hos Netto", "department": "jobcenter", "responsible_name": "Mette Sagsbehandler", "start_date": "2020-01-06", "weekly_hours": 2.5, "status": "planned"}]},
        {"life_area": "bolig", "text": "Familien får en større bolig", "actions": [
            {"catalogue_code": "boligvejledning", "department": "bolig", "responsible_name": "Jens Bolig", "start_date": "2020-01-06", "status": "active"}]},
        {"life_area": "helbred", "person_id": omar, "text": "Omars helbred afklaret", "actions": [
            {"catalogue_code": "helbredsvurdering", "department": "sundhed", "start_date": "2020-01-06", "status": "active"}]},
        {"life_area": "boern_og_skole", "person_id": lina, "text": "Lina trives i vuggestuen", "actions": [
            {"catalogue_code": "dagtilbud", "department": "dagtilbud_og_skole", "start_date": "2020-01-06", "slots": [slot(2, "08:00", "15:00")], "status": "active"}]},
        {"life_area": "beskaeftigelse", "person_id": yusuf, "text": "Yusuf får et job", "actions": [
            {"catalogue_code": "jobsoegning", "department": "jobcenter", "start_date": "2020-01-06", "status": "active"}]},
    ]});
    let r = app
        .api(Method::PUT, &format!("/api/v1/families/{family}/plan"), &caseworker, Some(json!({"based_on_version": 0, "reason": "Første plan", "plan": plan})))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    Fx { family, amal, omar, lina, yusuf, caseworker, language_centre, other_municipality }
}

fn all_text(v: &Value) -> String {
    v.to_string()
}

fn action_titles(plan: &Value) -> Vec<String> {
    plan["goals"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["actions"].as_array().unwrap().iter().map(|a| a["title"]["text"].as_str().unwrap().to_string()))
        .collect()
}

fn cookie_from(reply: &Reply, name: &str) -> String {
    reply
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with(&format!("{name}=")))
        .map(|c| c.split(';').next().unwrap().to_string())
        .unwrap_or_else(|| panic!("no {name} cookie"))
}

fn hidden(body: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = body.find(&marker).unwrap_or_else(|| panic!("no {name} field")) + marker.len();
    body[start..].split('"').next().unwrap().to_string()
}

/// Opens a one-time link and presses its button; the reply of the POST.
async fn use_link(app: &TestApp, path: &str) -> Reply {
    let page = app.get(path, None).await;
    if page.status != StatusCode::OK {
        return page;
    }
    let csrf_cookie = cookie_from(&page, "samplan_login_csrf");
    let body = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("csrf", &hidden(&page.body, "csrf"))
        .append_pair("token", &hidden(&page.body, "token"))
        .finish();
    app.send(
        Request::post("/borger/link")
            .header(header::COOKIE, csrf_cookie)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .unwrap(),
    )
    .await
}

async fn staff_sees_the_plan_in_every_language(app: TestApp) {
    let f = fixture(&app).await;
    let path = |lang: &str| format!("/api/v1/persons/{}/myplan?lang={lang}", f.amal);
    let ar = app.api(Method::GET, &path("ar"), &f.caseworker, None).await;
    assert_eq!(ar.status, StatusCode::OK, "{}", ar.body);
    let ar = ar.json();
    assert_eq!((ar["language"].as_str(), ar["direction"].as_str(), ar["plan_version"].as_i64()), (Some("ar"), Some("rtl"), Some(1)));
    assert_eq!(ar["title"]["text"], "خطة Amal Haddad");
    // The catalogue action is translated; the staff's own words stay Danish, marked.
    let titles = action_titles(&ar);
    assert!(titles.contains(&"تعليم اللغة الدنماركية، المسار 2 (Danskuddannelse 2)".to_string()), "{titles:?}");
    let goal = ar["goals"].as_array().unwrap().iter().find(|g| g["text"]["text"] == "Amal taler dansk på arbejdet").expect("Amal's goal");
    assert_eq!(goal["text"]["lang"], "da");
    assert_eq!(goal["actions"][1]["title"], json!({"text": "Samtale om praktik hos Netto", "lang": "da"}));
    assert_eq!(goal["actions"][1]["times"][0]["text"], "2.5 ساعة في الأسبوع");
    // The family's goal is hers too; Omar's, Lina's and Yusuf's are not.
    let text = all_text(&ar);
    assert!(text.contains("Familien får en større bolig") && !text.contains("Omars helbred") && !text.contains("Lina trives") && !text.contains("Yusuf"));
    assert!(!ar["appointments"].as_array().unwrap().is_empty(), "Monday and Wednesday classes come within two weeks");
    assert!(ar["appointments"][0]["when"]["text"].as_str().unwrap().contains("من 09:00 إلى 12:00"));
    let contacts: Vec<&str> = ar["contacts"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert_eq!(contacts, ["Lone Lærer", "Mette Sagsbehandler", "Jens Bolig"]);
    // Every language; the default is the person's own.
    for (lang, direction, word) in [
        ("da", "ltr", "Mine mål"),
        ("en", "ltr", "My goals"),
        ("uk", "ltr", "Мої цілі"),
        ("ti", "ltr", "ዕላማታተይ"),
        ("prs", "rtl", "اهداف من"),
        ("fa-AF", "rtl", "اهداف من"),
        ("so", "ltr", "Hadafyadayda"),
    ] {
        let v = app.api(Method::GET, &path(lang), &f.caseworker, None).await.json();
        assert_eq!((v["direction"].as_str(), v["labels"]["goals"]["text"].as_str()), (Some(direction), Some(word)), "{lang}");
    }
    let default = app.api(Method::GET, &format!("/api/v1/persons/{}/myplan", f.omar), &f.caseworker, None).await.json();
    assert_eq!(default["language"], "prs", "Omar speaks Dari");
    // Unknown language: the field is named.
    let bad = app.api(Method::GET, &path("xx"), &f.caseworker, None).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.json()["errors"][0]["field"], "lang");
    // Tenancy and consent.
    assert_eq!(app.api(Method::GET, &path("da"), &f.other_municipality, None).await.status, StatusCode::NOT_FOUND);
    let lc = app.api(Method::GET, &path("da"), &f.language_centre, None).await.json();
    assert_eq!(action_titles(&lc), ["Danskuddannelse 2"], "without consent the language centre sees only its own action");
    // The staff page: the document's language and direction.
    let browser = app.login("sagsbehandler").await;
    let page = app.get(&format!("/personer/{}/minplan?lang=ar", f.amal), Some(&browser)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<html lang=\"ar\" dir=\"rtl\">"), "{}", &page.body[..200]);
    assert!(
        page.body.contains(
            "class=\"app-staff-text\" lang=\"da\" dir=\"ltr\">Amal taler dansk på arbejdet</span> <small class=\"app-lang-mark\">(بالدنماركية)</small>"
        )
    );
    assert!(page.body.contains(&format!("/api/v1/persons/{}/myplan.pdf?lang=ar", f.amal)));
    assert!(page.body.contains("من 09:00 إلى 12:00") && !page.body.contains("09:00–12:00"), "time ranges as words in right-to-left text");
    let dari = app.get(&format!("/personer/{}/minplan?lang=prs", f.amal), Some(&browser)).await;
    assert!(dari.body.contains("<html lang=\"fa-AF\" dir=\"rtl\">"));
    assert!(dari.body.contains("از 09:00 تا 12:00"));
    let bad_page = app.get(&format!("/personer/{}/minplan?lang=klingon", f.amal), Some(&browser)).await;
    assert_eq!(bad_page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad_page.body.contains("lang: «klingon» er ikke et sprog"), "{}", bad_page.body);
    let person = app.get(&format!("/personer/{}", f.amal), Some(&browser)).await;
    assert!(person.body.contains(&format!("/personer/{}/minplan?lang=ar", f.amal)), "the person page links to Min plan in her language");
    // Every read is audited.
    let reads = app
        .store
        .audit_log(&Tenant::trusted("0316"), &AuditFilter { entity_id: Some(f.amal.to_string()), action: Some("read".into()), ..Default::default() }, 100)
        .await
        .unwrap();
    assert!(reads.iter().any(|e| e.detail.starts_with("Min plan (API, sprog ar")));
    assert!(reads.iter().any(|e| e.detail.starts_with("Min plan (side, sprog ar")));
}

#[tokio::test]
async fn staff_sees_the_plan_in_every_language_sqlite() {
    staff_sees_the_plan_in_every_language(TestApp::sqlite().await).await;
}

#[tokio::test]
async fn staff_sees_the_plan_in_every_language_postgres() {
    if let Some(app) = TestApp::postgres().await {
        staff_sees_the_plan_in_every_language(app).await;
    }
}

async fn citizen_reads_own_and_young_childrens_plans_only(app: TestApp) {
    let f = fixture(&app).await;
    let caseworker = app.login("sagsbehandler").await;
    // The caseworker makes a one-time link; it is shown once and queued as mail.
    let made = app.post_form(&format!("/personer/{}/minplan/link", f.amal), &caseworker, &[("email", "amal@eksempel.dk")]).await;
    assert_eq!(made.status, StatusCode::OK, "{}", made.body);
    let start = made.body.find("/borger/link/").expect("the link is shown");
    let link_path: String = made.body[start..].split('"').next().unwrap().to_string();
    let token = link_path.trim_start_matches("/borger/link/");
    let mail = app.store.unsent_mail(&Tenant::trusted("0316")).await.unwrap();
    assert_eq!(mail.len(), 1);
    assert_eq!(mail[0].to_address, "amal@eksempel.dk");
    assert!(mail[0].body.contains(&link_path));
    assert!(app.store.login_link_language(&token_hash(token), "2000-01-01T00:00:00Z").await.unwrap().is_some(), "stored as its hash");
    assert!(app.store.login_link_language(token, "2000-01-01T00:00:00Z").await.unwrap().is_none(), "never as the token itself");
    let bad_mail = app.post_form(&format!("/personer/{}/minplan/link", f.amal), &caseworker, &[("email", "ikke en adresse")]).await;
    assert_eq!(bad_mail.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad_mail.body.contains("email: «ikke en adresse» er ikke en e-mailadresse"), "{}", bad_mail.body);
    // The citizen logs in with it, once.
    let login = use_link(&app, &link_path).await;
    assert_eq!((login.status, login.location()), (StatusCode::SEE_OTHER, "/borger"), "{}", login.body);
    let cookie = cookie_from(&login, "samplan_session");
    let again = use_link(&app, &link_path).await;
    assert_eq!(again.status, StatusCode::GONE, "a link works only once");
    let home = app.get("/borger", Some(&Browser { cookie: cookie.clone(), csrf: String::new() })).await;
    assert_eq!(home.status, StatusCode::OK);
    let amal = Browser { cookie, csrf: hidden(&home.body, "csrf") };
    // Her own plan and her young daughter's, in Arabic; not her adult son's, not her husband's.
    assert!(home.body.contains("<html lang=\"ar\" dir=\"rtl\">"));
    assert!(home.body.contains(&format!("/borger/plan/{}", f.lina)) && !home.body.contains(&format!("/borger/plan/{}", f.yusuf)));
    let own = app.get(&format!("/borger/plan/{}", f.amal), Some(&amal)).await;
    assert_eq!(own.status, StatusCode::OK);
    assert!(own.body.contains("تعليم اللغة الدنماركية، المسار 2 (Danskuddannelse 2)") && !own.body.contains("Hovedmenu"), "no staff navigation");
    assert_eq!(app.get(&format!("/borger/plan/{}", f.lina), Some(&amal)).await.status, StatusCode::OK);
    assert_eq!(app.get(&format!("/borger/plan/{}", f.yusuf), Some(&amal)).await.status, StatusCode::NOT_FOUND, "an adult child's plan is refused");
    assert_eq!(app.get(&format!("/borger/plan/{}", f.omar), Some(&amal)).await.status, StatusCode::NOT_FOUND, "another person's plan is refused");
    // No staff page, no API, and the front page leads home.
    assert_eq!(app.get(&format!("/personer/{}", f.amal), Some(&amal)).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.get(&format!("/personer/{}/minplan", f.amal), Some(&amal)).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.get(&format!("/familier/{}/plan", f.family), Some(&amal)).await.status, StatusCode::FORBIDDEN);
    // The API's Min plan answers the citizen for herself and her young daughter, not for others.
    assert_eq!(app.get(&format!("/api/v1/persons/{}/myplan", f.amal), Some(&amal)).await.status, StatusCode::OK);
    assert_eq!(app.get(&format!("/api/v1/persons/{}/myplan.pdf", f.lina), Some(&amal)).await.status, StatusCode::OK);
    assert_eq!(app.get(&format!("/api/v1/persons/{}/myplan", f.yusuf), Some(&amal)).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.get(&format!("/api/v1/persons/{}/myplan", f.omar), Some(&amal)).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.get(&format!("/api/v1/persons/{}", f.amal), Some(&amal)).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.get("/", Some(&amal)).await.location(), "/borger");
    // "I have read my plan": stored with the version, shown to the caseworker.
    let read = app.post_form(&format!("/borger/plan/{}/laest", f.amal), &amal, &[]).await;
    assert_eq!(read.status, StatusCode::SEE_OTHER);
    let forged = app.post_form(&format!("/borger/plan/{}/laest", f.amal), &amal, &[("csrf", "forfalsket")]).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    let after = app.get(&format!("/borger/plan/{}?laest=1", f.amal), Some(&amal)).await;
    assert!(after.body.contains("سجّلنا أنك قرأت الخطة") && !after.body.contains("/laest\""), "confirmed, so no button");
    let person = app.get(&format!("/personer/{}", f.amal), Some(&caseworker)).await;
    assert!(person.body.contains("den nuværende version 1 er læst af Amal Haddad"), "{}", person.body);
    let mut v2 = app.api(Method::GET, &format!("/api/v1/families/{}/plan", f.family), &f.caseworker, None).await.json();
    v2["plan"]["goals"][0]["text"] = json!("Et nyt mål efter samtalen");
    let r = app
        .api(
            Method::PUT,
            &format!("/api/v1/families/{}/plan", f.family),
            &f.caseworker,
            Some(json!({"based_on_version": 1, "reason": "Ny aftale", "plan": v2["plan"]})),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let person = app.get(&format!("/personer/{}", f.amal), Some(&caseworker)).await;
    assert!(person.body.contains("den nuværende version 2 er ikke bekræftet læst (version 1 blev læst"), "a new version is unread");
    // The chosen language is kept; an unknown one is refused naming the field.
    let set = app.post_form("/borger/sprog", &amal, &[("lang", "uk"), ("next", &format!("/borger/plan/{}", f.amal))]).await;
    assert_eq!((set.status, set.location()), (StatusCode::SEE_OTHER, format!("/borger/plan/{}", f.amal).as_str()));
    assert!(app.get(&format!("/borger/plan/{}", f.amal), Some(&amal)).await.body.contains("<html lang=\"uk\" dir=\"ltr\">"));
    let bad = app.post_form("/borger/sprog", &amal, &[("lang", "xx"), ("next", "/borger")]).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("lang: «xx» er ikke et sprog"), "{}", bad.body);
    let log = app.store.audit_log(&Tenant::trusted("0316"), &AuditFilter { entity_id: Some(f.amal.to_string()), ..Default::default() }, 100).await.unwrap();
    assert!(log.iter().any(|e| e.action == "confirm_read" && e.detail.contains("version 1")));
    assert!(log.iter().any(|e| e.action == "read" && e.detail.starts_with("Min plan (borgerens side")));
    // A local account with a password reaches the same pages.
    samplan::my_plan::links::create_local_account(&app.store, &Tenant::trusted("0316"), f.omar, "omar", PASSWORD, "prs", false).await.unwrap();
    let omar = app.login("omar").await;
    let page = app.get(&format!("/borger/plan/{}", f.omar), Some(&omar)).await;
    assert!(page.body.contains("<html lang=\"fa-AF\" dir=\"rtl\">") && page.body.contains("معاینهٔ صحت شما"));
    assert_eq!(app.get(&format!("/borger/plan/{}", f.lina), Some(&omar)).await.status, StatusCode::NOT_FOUND, "no parent relation recorded for Omar");
}

#[tokio::test]
async fn citizen_reads_own_and_young_childrens_plans_only_sqlite() {
    citizen_reads_own_and_young_childrens_plans_only(TestApp::sqlite().await).await;
}

#[tokio::test]
async fn citizen_reads_own_and_young_childrens_plans_only_postgres() {
    if let Some(app) = TestApp::postgres().await {
        citizen_reads_own_and_young_childrens_plans_only(app).await;
    }
}

/// The text pdftotext extracts from a PDF.
fn pdf_text(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.pdf");
    std::fs::write(&path, bytes).unwrap();
    let out = std::process::Command::new("pdftotext").arg("-enc").arg("UTF-8").arg(&path).arg("-").output().expect("pdftotext (poppler-utils) is installed");
    assert!(out.status.success(), "pdftotext: {}", String::from_utf8_lossy(&out.stderr));
    if let Ok(keep) = std::env::var("SAMPLAN_KEEP_PDF") {
        std::fs::write(format!("{keep}/{}.pdf", bytes.len()), bytes).unwrap();
        std::fs::write(format!("{keep}/{}.txt", bytes.len()), &out.stdout).unwrap();
    }
    String::from_utf8(out.stdout).unwrap()
}

async fn pdf_in_every_language(app: TestApp) {
    let f = fixture(&app).await;
    for language in i18n::LANGUAGES {
        let path = format!("/api/v1/persons/{}/myplan.pdf?lang={}", f.amal, language.code);
        let r = app.send(Request::get(&path).header(header::AUTHORIZATION, format!("Bearer {}", f.caseworker)).body(Body::empty()).unwrap()).await;
        assert_eq!(r.status, StatusCode::OK, "{}: {}", language.code, r.body);
        assert_eq!(r.headers[header::CONTENT_TYPE], "application/pdf");
        let text = pdf_text(&r.bytes);
        let plan = app.api(Method::GET, &format!("/api/v1/persons/{}/myplan?lang={}", f.amal, language.code), &f.caseworker, None).await.json();
        // Words of the catalogue in the language, the staff's Danish goal, the person's name.
        for expected in [
            plan["labels"]["goals"]["text"].as_str().unwrap(),
            plan["labels"]["contacts"]["text"].as_str().unwrap(),
            "Amal taler dansk på arbejdet",
            "Haddad",
            "Holbæk Kommune",
        ] {
            for word in expected.split_whitespace() {
                assert!(text.contains(word), "{}: «{word}» not in the PDF text:\n{text}", language.code);
            }
        }
    }
    // Time ranges in right-to-left languages are words ("from 09:00 to 12:00"), which read in
    // the right order where a dash between two times would be reversed.
    for lang in ["ar", "prs"] {
        let r = app
            .send(
                Request::get(format!("/api/v1/persons/{}/myplan.pdf?lang={lang}", f.amal))
                    .header(header::AUTHORIZATION, format!("Bearer {}", f.caseworker))
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        let text = pdf_text(&r.bytes);
        let line = text.lines().find(|l| l.contains("09:00") && l.contains("12:00")).unwrap_or_else(|| panic!("{lang}: no time range in\n{text}"));
        assert!(line.find("09:00") < line.find("12:00") && !line.contains('–'), "{lang}: {line}");
    }
    let bad = app.api(Method::GET, &format!("/api/v1/persons/{}/myplan.pdf?lang=xx", f.amal), &f.caseworker, None).await;
    assert_eq!((bad.status, bad.json()["errors"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("lang")));
    let reads = app
        .store
        .audit_log(&Tenant::trusted("0316"), &AuditFilter { entity_id: Some(f.amal.to_string()), action: Some("read".into()), ..Default::default() }, 200)
        .await
        .unwrap();
    assert!(reads.iter().any(|e| e.detail.starts_with("Min plan (PDF, sprog so")));
}

#[tokio::test]
async fn pdf_in_every_language_sqlite() {
    pdf_in_every_language(TestApp::sqlite().await).await;
}

#[tokio::test]
async fn pdf_in_every_language_postgres() {
    if let Some(app) = TestApp::postgres().await {
        pdf_in_every_language(app).await;
    }
}

/// A login link, its mail and its audit row commit as one: when the outbox refuses the
/// mail, no link is stored either, so none can be used that nobody received.
async fn a_link_whose_mail_cannot_be_queued_is_not_stored(app: TestApp) {
    let f = fixture(&app).await;
    let caseworker = app.login("sagsbehandler").await;
    let links = "SELECT COUNT(*) FROM login_link";
    let audited = "SELECT COUNT(*) FROM audit_log WHERE entity = 'login_link'";
    common::break_the_outbox(&app.store).await;
    let failed = app.post_form(&format!("/personer/{}/minplan/link", f.amal), &caseworker, &[("email", "amal@eksempel.dk")]).await;
    assert_eq!(failed.status, StatusCode::INTERNAL_SERVER_ERROR, "{}", failed.body);
    assert!(!failed.body.contains("/borger/link/"), "no link is shown");
    assert_eq!(app.store.scalar_raw(links).await.unwrap(), 0, "no link is stored");
    assert_eq!(app.store.scalar_raw(audited).await.unwrap(), 0, "nor its audit row");
    common::mend_the_outbox(&app.store).await;
    let made = app.post_form(&format!("/personer/{}/minplan/link", f.amal), &caseworker, &[("email", "amal@eksempel.dk")]).await;
    assert_eq!(made.status, StatusCode::OK, "{}", made.body);
    assert_eq!(app.store.scalar_raw(links).await.unwrap(), 1);
    assert_eq!(app.store.unsent_mail(&Tenant::trusted("0316")).await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_link_whose_mail_cannot_be_queued_is_not_stored_sqlite() {
    a_link_whose_mail_cannot_be_queued_is_not_stored(TestApp::sqlite().await).await;
}

#[tokio::test]
async fn a_link_whose_mail_cannot_be_queued_is_not_stored_postgres() {
    if let Some(app) = TestApp::postgres().await {
        a_link_whose_mail_cannot_be_queued_is_not_stored(app).await;
    }
}
