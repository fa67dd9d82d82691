//! Access to person records by role, department and relation (decision 005), over
//! HTTP on SQLite and PostgreSQL: for department staff, housing officers, caseworkers
//! and coordinators, a person they may read (200) and one they may not (404) through
//! the person page, the API, the family page, search, lists and counts; a department
//! action, a housing need and a consent make a person readable, withdrawing the
//! consent hides them again; a refused read is not audited as a read.
use crate::common;

use axum::http::{Method, StatusCode};
use common::app::{Browser, TestApp};
use samplan::domain::Role;
use samplan::store::Tenant;
use samplan::store::audit::AuditFilter;
use serde_json::{Value, json};

const CODE: &str = "0316";

fn tenant() -> Tenant {
    Tenant::trusted(CODE)
}

/// The persons and families of one municipality, and a token and browser per role.
struct World {
    caseworker: String,
    amal: i64,
    sami: i64,
    bilal: i64,
    rania: i64,
    haddad: i64,
    tesfay: i64,
    rahimi: i64,
}

async fn family(app: &TestApp, token: &str, name: &str) -> i64 {
    let r = app.api(Method::POST, "/api/v1/families", token, Some(json!({"name": format!("Familien {name}")}))).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    r.json()["id"].as_i64().unwrap()
}

async fn person(app: &TestApp, token: &str, cpr: &str, given: &str, family: &str, family_id: i64, role: &str) -> i64 {
    let body = json!({"cpr": cpr, "given_name": given, "family_name": family, "sex": "female", "nationality": "Syrien",
        "languages": "ar", "residence_basis": "refugee", "family_id": family_id, "family_role": role,
        "arrival_date": "2026-02-01", "takeover_date": "2026-04-01"});
    let r = app.api(Method::POST, "/api/v1/persons", token, Some(body)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    r.json()["id"].as_i64().unwrap()
}

async fn world(app: &TestApp) -> World {
    let id = app.user("anna", Role::Caseworker, Some(CODE)).await;
    let caseworker = app.token(id).await;
    app.user("kim", Role::Coordinator, Some(CODE)).await;
    app.staff("dagtilbud", Role::DepartmentStaff, Some(CODE), Some("dagtilbud_og_skole")).await;
    app.staff("bolig", Role::HousingOfficer, Some(CODE), Some("bolig")).await;
    let haddad = family(app, &caseworker, "Haddad").await;
    let tesfay = family(app, &caseworker, "Tesfay").await;
    let rahimi = family(app, &caseworker, "Rahimi").await;
    World {
        amal: person(app, &caseworker, "010185-1001", "Amal", "Haddad", haddad, "adult").await,
        sami: person(app, &caseworker, "010120-1002", "Sami", "Haddad", haddad, "child").await,
        bilal: person(app, &caseworker, "010185-1003", "Bilal", "Tesfay", tesfay, "adult").await,
        rania: person(app, &caseworker, "010185-1004", "Rania", "Rahimi", rahimi, "adult").await,
        caseworker,
        haddad,
        tesfay,
        rahimi,
    }
}

async fn token_of(app: &TestApp, login: &str) -> String {
    let user = app.store.user_by_login(login).await.unwrap().unwrap();
    app.token(user.id).await
}

/// Whether a user reaches person `id` through the person page and the API, which
/// must agree (200 both, or 404 both).
async fn reads(app: &TestApp, who: &Browser, token: &str, id: i64) -> bool {
    let page = app.get(&format!("/personer/{id}"), Some(who)).await.status;
    let api = app.api(Method::GET, &format!("/api/v1/persons/{id}"), token, None).await.status;
    assert_eq!(page, api, "person page and API disagree on {id}");
    assert!(page == StatusCode::OK || page == StatusCode::NOT_FOUND, "{page}");
    page == StatusCode::OK
}

/// Whether a user reaches family `id` through the family page and the API.
async fn reads_family(app: &TestApp, who: &Browser, token: &str, id: i64) -> bool {
    let page = app.get(&format!("/familier/{id}"), Some(who)).await.status;
    let api = app.api(Method::GET, &format!("/api/v1/families/{id}"), token, None).await.status;
    let plan = app.get(&format!("/familier/{id}/plan"), Some(who)).await.status;
    assert_eq!(page, api, "family page and API disagree on {id}");
    assert_eq!(page, plan, "family page and plan page disagree on {id}");
    page == StatusCode::OK
}

/// The ids the API search finds for `q`.
async fn search(app: &TestApp, token: &str, q: &str) -> Vec<i64> {
    let r = app.api(Method::GET, &format!("/api/v1/persons?q={q}"), token, None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r.json().as_array().unwrap().iter().map(|p| p["id"].as_i64().unwrap()).collect()
}

/// The family ids the API family list shows.
async fn families(app: &TestApp, token: &str) -> Vec<i64> {
    let r = app.api(Method::GET, "/api/v1/families", token, None).await;
    r.json().as_array().unwrap().iter().map(|f| f["id"].as_i64().unwrap()).collect()
}

/// The person ids in the deadline list.
async fn deadline_persons(app: &TestApp, token: &str) -> Vec<i64> {
    let r = app.api(Method::GET, "/api/v1/deadlines", token, None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let mut ids: Vec<i64> = r.json().as_array().unwrap().iter().map(|d| d["person_id"].as_i64().unwrap()).collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// The numbers on the front page (persons, families).
async fn counts(app: &TestApp, who: &Browser) -> (i64, i64) {
    let body = app.get("/", Some(who)).await.body;
    let numbers: Vec<i64> = body.split("<span class=\"app-number\">").skip(1).map(|s| s.split('<').next().unwrap().trim().parse().unwrap()).collect();
    (numbers[0], numbers[1])
}

fn plan_with_daycare_action(child: i64) -> Value {
    json!({"based_on_version": 0, "reason": "Første familiemøde", "plan": {"goals": [{"life_area": "boern_og_skole", "person_id": child,
        "text": "Sami trives i dagtilbuddet", "actions": [{"title": "Plads i børnehave", "department": "dagtilbud_og_skole",
        "responsible_name": "Camilla", "start_date": "2026-05-01", "status": "active"}]}]}})
}

on_both_apps!(department_staff_read_only_linked_persons);
async fn department_staff_read_only_linked_persons(app: TestApp) {
    let w = world(&app).await;
    let who = app.login("dagtilbud").await;
    let token = token_of(&app, "dagtilbud").await;
    // Nobody is linked to the department yet: nothing to read, list or count.
    for id in [w.amal, w.sami, w.bilal, w.rania] {
        assert!(!reads(&app, &who, &token, id).await, "{id} before any link");
    }
    assert!(!reads_family(&app, &who, &token, w.haddad).await);
    assert_eq!(search(&app, &token, "haddad").await, Vec::<i64>::new());
    assert_eq!(families(&app, &token).await, Vec::<i64>::new());
    assert_eq!(deadline_persons(&app, &token).await, Vec::<i64>::new());
    assert_eq!(counts(&app, &who).await, (0, 0));

    // A daycare action for Sami in the family plan links Sami, and only Sami.
    let r = app.api(Method::PUT, &format!("/api/v1/families/{}/plan", w.haddad), &w.caseworker, Some(plan_with_daycare_action(w.sami))).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(reads(&app, &who, &token, w.sami).await);
    assert!(!reads(&app, &who, &token, w.amal).await, "the parent is not linked by the child's action");
    assert!(!reads(&app, &who, &token, w.bilal).await);
    assert!(reads_family(&app, &who, &token, w.haddad).await);
    assert!(!reads_family(&app, &who, &token, w.tesfay).await);
    let family_page = app.get(&format!("/familier/{}", w.haddad), Some(&who)).await.body;
    assert!(family_page.contains("Sami") && !family_page.contains("Amal"), "only readable members are shown");
    let api_members: Vec<i64> = app.api(Method::GET, &format!("/api/v1/families/{}", w.haddad), &token, None).await.json()["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_i64().unwrap())
        .collect();
    assert_eq!(api_members, vec![w.sami]);
    assert_eq!(search(&app, &token, "haddad").await, vec![w.sami]);
    let search_page = app.get("/personer?q=haddad", Some(&who)).await.body;
    assert!(search_page.contains("Sami") && !search_page.contains("Amal"));
    assert_eq!(families(&app, &token).await, vec![w.haddad]);
    let listed = app.api(Method::GET, "/api/v1/families", &token, None).await.json();
    assert_eq!(listed[0]["member_count"], 1, "the count reveals no member one may not read");
    let shown = app.api(Method::GET, &format!("/api/v1/families/{}", w.haddad), &token, None).await.json();
    assert_eq!(shown["member_count"], 1);
    let list_page = app.get("/familier", Some(&who)).await.body;
    assert!(list_page.contains("Familien Haddad") && !list_page.contains("Familien Tesfay"));
    assert!(deadline_persons(&app, &token).await.iter().all(|p| *p == w.sami));
    assert_eq!(counts(&app, &who).await, (1, 1));
    let dashboard = app.get("/frister?omfang=kommune", Some(&who)).await.body;
    assert!(dashboard.contains("Alle, du har adgang til") && !dashboard.contains("Hele kommunen"));

    // A consent sharing Amal's data with the department links her; withdrawing it unlinks her.
    let consent = json!({"scopes": ["plan"], "departments": ["sundhed", "dagtilbud_og_skole"], "purpose": "Samarbejde om børnene",
        "given_on": "2026-05-01", "how_given": "written"});
    let r = app.api(Method::POST, &format!("/api/v1/persons/{}/consents", w.amal), &w.caseworker, Some(consent)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let cid = r.json()["id"].as_i64().unwrap();
    assert!(reads(&app, &who, &token, w.amal).await);
    assert_eq!(search(&app, &token, "haddad").await.len(), 2);
    assert!(deadline_persons(&app, &token).await.contains(&w.amal));
    assert_eq!(counts(&app, &who).await, (2, 1));
    let r = app.api(Method::POST, &format!("/api/v1/persons/{}/consents/{cid}/withdraw", w.amal), &w.caseworker, None).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert!(!reads(&app, &who, &token, w.amal).await, "withdrawn consent hides her at once");
    assert_eq!(search(&app, &token, "haddad").await, vec![w.sami]);
    assert!(!deadline_persons(&app, &token).await.contains(&w.amal));

    // A consent with another department links nobody here; a referral to the department does.
    let other = json!({"scopes": ["plan"], "departments": ["sundhed"], "purpose": "Helbred", "given_on": "2026-05-01", "how_given": "written"});
    app.api(Method::POST, &format!("/api/v1/persons/{}/consents", w.rania), &w.caseworker, Some(other)).await;
    assert!(!reads(&app, &who, &token, w.rania).await);
    app.staff("sundhed", Role::DepartmentStaff, Some(CODE), Some("sundhed")).await;
    let health = token_of(&app, "sundhed").await;
    assert_eq!(search(&app, &health, "rahimi").await, vec![w.rania], "the consent links the health department");
    let referral = json!({"person_id": w.rania, "to_department": "dagtilbud_og_skole", "reason": "Barn på vej"});
    let r = app.api(Method::POST, "/api/v1/referrals", &health, Some(referral)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert!(reads(&app, &who, &token, w.rania).await, "a referral to the department links the person");
    let r = app.api(Method::POST, "/api/v1/referrals", &token, Some(json!({"person_id": w.bilal, "to_department": "sundhed", "reason": "x"}))).await;
    assert_eq!(r.json()["errors"][0]["field"], "person_id", "no referral of a person one may not read");

    // Refused reads are not reads: the audit log has the reads of Sami, none of Bilal.
    let reads_by = |id: i64| AuditFilter {
        user_login: Some("dagtilbud".into()),
        action: Some("read".into()),
        entity: Some("person".into()),
        entity_id: Some(id.to_string()),
        ..Default::default()
    };
    assert!(!app.store.audit_log(&tenant(), &reads_by(w.sami), 10).await.unwrap().is_empty());
    assert!(app.store.audit_log(&tenant(), &reads_by(w.bilal), 10).await.unwrap().is_empty());
}

on_both_apps!(housing_officers_read_households_in_housing_placement);
async fn housing_officers_read_households_in_housing_placement(app: TestApp) {
    let w = world(&app).await;
    let who = app.login("bolig").await;
    let token = token_of(&app, "bolig").await;
    assert!(!reads(&app, &who, &token, w.bilal).await);
    assert!(!reads_family(&app, &who, &token, w.tesfay).await);
    assert_eq!(counts(&app, &who).await, (0, 0));
    // The housing officer cannot let themselves in by putting a family on the list.
    let need = json!({"max_rent": 7000, "needs_accessible": false, "anchors": "55.715:11.713"});
    let r = app.api(Method::PUT, &format!("/api/v1/housing/households/{}", w.tesfay), &token, Some(need.clone())).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let fields = [("family_id", w.tesfay.to_string()), ("max_rent", "7000".into()), ("anchors", "55.715:11.713".into())];
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = app.post_form("/bolig/husstande", &who, &fields).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("ikke blandt de familier, du har adgang til"), "{}", r.body);
    assert!(!reads(&app, &who, &token, w.bilal).await);

    // The caseworker putting the Tesfay household on the waiting list makes its members readable.
    let r = app.api(Method::PUT, &format!("/api/v1/housing/households/{}", w.tesfay), &w.caseworker, Some(need)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(reads(&app, &who, &token, w.bilal).await);
    assert!(reads_family(&app, &who, &token, w.tesfay).await);
    assert!(!reads(&app, &who, &token, w.amal).await);
    assert!(!reads_family(&app, &who, &token, w.haddad).await);
    assert_eq!(search(&app, &token, "1985-01-01").await, vec![w.bilal], "search finds only the waiting household");
    assert_eq!(search(&app, &token, "010185-1001").await, Vec::<i64>::new(), "not Amal by her CPR number");
    assert_eq!(families(&app, &token).await, vec![w.tesfay]);
    assert!(!deadline_persons(&app, &token).await.is_empty());
    assert!(deadline_persons(&app, &token).await.iter().all(|p| *p == w.bilal));
    assert_eq!(counts(&app, &who).await, (1, 1));

    // A daycare action does not link the housing officer; consent with the housing department does.
    app.api(Method::PUT, &format!("/api/v1/families/{}/plan", w.haddad), &w.caseworker, Some(plan_with_daycare_action(w.sami))).await;
    assert!(!reads(&app, &who, &token, w.sami).await);
    let consent = json!({"scopes": ["plan"], "departments": ["bolig"], "purpose": "Boligsøgning", "given_on": "2026-05-01", "how_given": "written"});
    let r = app.api(Method::POST, &format!("/api/v1/persons/{}/consents", w.rania), &w.caseworker, Some(consent)).await;
    let cid = r.json()["id"].as_i64().unwrap();
    assert!(reads(&app, &who, &token, w.rania).await);
    assert!(reads_family(&app, &who, &token, w.rahimi).await);
    app.api(Method::POST, &format!("/api/v1/persons/{}/consents/{cid}/withdraw", w.rania), &w.caseworker, None).await;
    assert!(!reads(&app, &who, &token, w.rania).await);
    assert!(!reads_family(&app, &who, &token, w.rahimi).await);
}

on_both_apps!(caseworkers_and_coordinators_read_the_whole_municipality);
async fn caseworkers_and_coordinators_read_the_whole_municipality(app: TestApp) {
    let w = world(&app).await;
    app.user("bo", Role::Caseworker, Some("0101")).await;
    let elsewhere = token_of(&app, "bo").await;
    let elsewhere_browser = app.login("bo").await;
    for login in ["anna", "kim"] {
        let who = app.login(login).await;
        let token = token_of(&app, login).await;
        for id in [w.amal, w.sami, w.bilal, w.rania] {
            assert!(reads(&app, &who, &token, id).await, "{login} reads {id}");
            assert!(!reads(&app, &elsewhere_browser, &elsewhere, id).await, "another municipality never reads {id}");
        }
        for id in [w.haddad, w.tesfay, w.rahimi] {
            assert!(reads_family(&app, &who, &token, id).await, "{login} reads family {id}");
        }
        assert_eq!(search(&app, &token, "haddad").await.len(), 2);
        assert_eq!(families(&app, &token).await.len(), 3);
        let listed = app.api(Method::GET, "/api/v1/families?q=haddad", &token, None).await.json();
        assert_eq!(listed[0]["member_count"], 2, "{login} counts every member");
        let listed = deadline_persons(&app, &token).await;
        assert!([w.amal, w.bilal, w.rania].iter().all(|p| listed.contains(p)), "{login}: {listed:?}");
        assert_eq!(search(&app, &token, "1985-01-01").await.len(), 3);
        assert_eq!(counts(&app, &who).await, (4, 3));
        assert!(app.get("/frister", Some(&who)).await.body.contains("Hele kommunen"));
    }
    // An empty family is still the caseworker's to see and fill.
    let empty = family(&app, &w.caseworker, "Tom").await;
    assert!(families(&app, &w.caseworker).await.contains(&empty));
}
