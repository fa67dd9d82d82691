//! The daily work of staff, over HTTP on SQLite and PostgreSQL: persons are found as
//! staff search (surname first, part of a name, the first six CPR digits, a Danish
//! birth date); a person is picked by name or CPR wherever a form asks for one (a
//! referral, a household on the waiting list), never by an internal number; referrals
//! start from the person page and show there with their state; every save, approval and
//! referral answers with a Danish confirmation on the page it returns to, once.
mod common;

use axum::http::{Method, StatusCode, header};
use common::app::{Browser, TestApp};
use samplan::domain::Role;
use serde_json::json;

const CODE: &str = "0316";

struct World {
    token: String,
    family: i64,
    amal: i64,
    ahmad: i64,
    hassan: i64,
}

async fn person(app: &TestApp, token: &str, cpr: &str, given: &str, family_name: &str, family: i64, role: &str) -> i64 {
    let body = json!({"cpr": cpr, "given_name": given, "family_name": family_name, "sex": "female", "nationality": "Syrien",
        "languages": "ar", "residence_basis": "refugee", "family_id": family, "family_role": role,
        "arrival_date": "2026-02-01", "takeover_date": "2026-04-01"});
    let r = app.api(Method::POST, "/api/v1/persons", token, Some(body)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    r.json()["id"].as_i64().unwrap()
}

async fn world(app: &TestApp) -> World {
    let id = app.staff("anna", Role::Caseworker, Some(CODE), Some("jobcenter")).await;
    let token = app.token(id).await;
    let family = app.api(Method::POST, "/api/v1/families", &token, Some(json!({"name": "Familien Haddad"}))).await.json()["id"].as_i64().unwrap();
    let other = app.api(Method::POST, "/api/v1/families", &token, Some(json!({"name": "Familien Hassan"}))).await.json()["id"].as_i64().unwrap();
    let amal = person(app, &token, "010185-1001", "Amal", "Haddad", family, "adult").await;
    let ahmad = person(app, &token, "150618-4003", "Ahmad", "Haddad", family, "child").await;
    let hassan = person(app, &token, "020290-1002", "Amal", "Hassan", other, "adult").await;
    World { token, family, amal, ahmad, hassan }
}

async fn search(app: &TestApp, token: &str, q: &str) -> Vec<i64> {
    let r = app.api(Method::GET, &format!("/api/v1/persons?q={}", urlencoding(q)), token, None).await;
    assert_eq!(r.status, StatusCode::OK, "{q}: {}", r.body);
    r.json().as_array().unwrap().iter().map(|p| p["id"].as_i64().unwrap()).collect()
}

fn urlencoding(q: &str) -> String {
    url::form_urlencoded::byte_serialize(q.as_bytes()).collect()
}

/// The confirmation cookie an answer sets.
fn notice_of(r: &common::app::Reply) -> Option<String> {
    r.headers.get_all(header::SET_COOKIE).iter().filter_map(|v| v.to_str().ok()).find_map(|v| v.strip_prefix("samplan_besked=")).map(|v| v.split(';').next().unwrap_or("").to_string())
}

/// `who` carrying the confirmation cookie `key`, as the browser would after the redirect.
fn with_notice(who: &Browser, key: &str) -> Browser {
    Browser { cookie: format!("{}; samplan_besked={key}", who.cookie), csrf: who.csrf.clone() }
}

on_both_apps!(persons_are_found_as_staff_search);
async fn persons_are_found_as_staff_search(app: TestApp) {
    let w = world(&app).await;
    let mut haddads = vec![w.amal, w.ahmad];
    haddads.sort_unstable();
    assert_eq!(search(&app, &w.token, "Haddad Amal").await, vec![w.amal], "surname first");
    assert_eq!(search(&app, &w.token, "amal haddad").await, vec![w.amal], "given name first");
    assert_eq!(search(&app, &w.token, "Haddad, Am").await, vec![w.amal], "surname, comma and part of the given name");
    let mut found = search(&app, &w.token, "hadd").await;
    found.sort_unstable();
    assert_eq!(found, haddads, "part of a name");
    assert_eq!(search(&app, &w.token, "010185").await, vec![w.amal], "the first six digits of a CPR number");
    assert_eq!(search(&app, &w.token, "150618").await, vec![w.ahmad], "six digits of a child born in 2018");
    assert_eq!(search(&app, &w.token, "1.1.1985").await, vec![w.amal], "a Danish birth date");
    assert_eq!(search(&app, &w.token, "02.02.90").await, vec![w.hassan], "a Danish birth date with two-digit year");
    assert_eq!(search(&app, &w.token, "010185-1001").await, vec![w.amal], "the whole CPR number");
    let r = app.api(Method::GET, "/api/v1/persons?q=310285", &w.token, None).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "no 31 February: {}", r.body);
    assert!(r.body.contains("\"q\""), "the field is named: {}", r.body);

    let who = app.login("anna").await;
    let page = app.get("/personer?q=haddad+amal", Some(&who)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("autofocus"), "the search box has focus");
    assert!(page.body.contains("01.01.1985"), "birth dates in Danish form");
    assert!(!page.body.contains(&format!(">Familie {}<", w.family)), "no family numbers");
}

on_both_apps!(referrals_start_from_the_person_and_show_there_with_their_state);
async fn referrals_start_from_the_person_and_show_there_with_their_state(app: TestApp) {
    let w = world(&app).await;
    let who = app.login("anna").await;
    let page = app.get(&format!("/personer/{}", w.amal), Some(&who)).await;
    assert!(page.body.contains("Henvis Amal til en anden afdeling"), "the person page offers the referral");
    assert!(page.body.contains("Ingen henvisninger for personen"));

    let r = app
        .post_form("/henvisninger", &who, &[("person_id", &w.amal.to_string()), ("tilbage", &format!("/personer/{}", w.amal)), ("to_department", "sundhed"), ("reason", "Samtale om søvn")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert!(r.location().starts_with(&format!("/personer/{}#henvisning-", w.amal)), "back to the person, at the referral: {}", r.location());
    assert_eq!(notice_of(&r).as_deref(), Some("sendt"));
    let page = app.get(&format!("/personer/{}", w.amal), Some(&with_notice(&who, "sendt"))).await;
    assert!(page.body.contains("role=\"status\" id=\"besked\""), "the confirmation is shown");
    assert!(page.body.contains("Sendt."));
    assert_eq!(notice_of(&page).as_deref(), Some(""), "and cleared with the page");
    assert!(page.body.contains("Samtale om søvn") && page.body.contains("Afventer svar"), "the referral shows with its state");
    let again = app.get(&format!("/personer/{}", w.amal), Some(&who)).await;
    assert!(!again.body.contains("id=\"besked\""), "shown once");

    // The referral page picks the person by name: two match, so both are offered.
    let r = app.post_form("/henvisninger", &who, &[("person", "haddad"), ("to_department", "sundhed"), ("reason", "Sundhedssamtale")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("2 personer passer; vælg hvem du mener"), "{}", r.body);
    assert!(r.body.contains("Ahmad Haddad, født 15.06.2018") && r.body.contains("Amal Haddad, født 01.01.1985"));
    assert!(r.body.contains("value=\"Sundhedssamtale\""), "what was typed is kept");
    assert!(!r.body.contains("Borgerens id"), "no internal number is asked for");
    let r = app.post_form("/henvisninger", &who, &[("person", "haddad"), ("person_id", &w.ahmad.to_string()), ("to_department", "sundhed"), ("reason", "Sundhedssamtale")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // One match is taken at once, by CPR number.
    let r = app.post_form("/henvisninger", &who, &[("person", "020290-1002"), ("to_department", "sprogcenter"), ("reason", "Danskuddannelse")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = app.post_form("/henvisninger", &who, &[("person", "Nielsen"), ("to_department", "sprogcenter"), ("reason", "x")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("ingen person, du har adgang til, passer på «Nielsen»"), "{}", r.body);
    let list = app.api(Method::GET, "/api/v1/referrals", &w.token, None).await.json();
    let persons: Vec<i64> = list.as_array().unwrap().iter().map(|r| r["person_id"].as_i64().unwrap()).collect();
    assert_eq!(persons, vec![w.hassan, w.ahmad, w.amal]);

    // The receiving department accepts; the person page shows the new state.
    app.staff("sundhed", Role::DepartmentStaff, Some(CODE), Some("sundhed")).await;
    let health = app.login("sundhed").await;
    let id = list[2]["id"].as_i64().unwrap();
    let r = app.post_form(&format!("/henvisninger/{id}/afgoerelse"), &health, &[("accept", "1"), ("reason", "Tid den 10.12.")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(notice_of(&r).as_deref(), Some("modtaget"));
    let page = app.get(&format!("/personer/{}", w.amal), Some(&who)).await;
    assert!(page.body.contains("Modtaget") && page.body.contains("Tid den 10.12."), "the state and the answer on the person page");
}

on_both_apps!(the_family_plan_refers_a_member_and_saves_confirm);
async fn the_family_plan_refers_a_member_and_saves_confirm(app: TestApp) {
    let w = world(&app).await;
    let who = app.login("anna").await;
    let plan = app.get(&format!("/familier/{}/plan", w.family), Some(&who)).await;
    assert!(plan.body.contains("Henvis et familiemedlem"), "the plan offers referrals");
    assert!(plan.body.contains(&format!("<option value=\"{}\">Ahmad Haddad</option>", w.ahmad)), "members by name");
    let r = app
        .post_form("/henvisninger", &who, &[("person_id", &w.ahmad.to_string()), ("tilbage", &format!("/familier/{}/plan", w.family)), ("to_department", "dagtilbud_og_skole"), ("reason", "Skolestart")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(r.location().starts_with(&format!("/familier/{}/plan#henvisning-", w.family)), "{}", r.location());

    // A goal saved: «Gemt»; an action saved unchanged: nothing new, and it says so.
    let r = app.post_form(&format!("/familier/{}/plan/maal", w.family), &who, &[("based_on_version", "0"), ("life_area", "sprog"), ("person_id", &w.amal.to_string()), ("text", "Dansk"), ("reason", "Første møde")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(notice_of(&r).as_deref(), Some("gemt"));
    assert!(r.location().ends_with("#maal"));

    // A person saved unchanged changes nothing and says so; saved with a change: «Gemt».
    let path = format!("/personer/{}/rediger", w.amal);
    let form = app.get(&path, Some(&who)).await;
    assert!(form.body.contains("value=\"arabisk\""), "languages by name on the form");
    let fields = common::app::form_fields(&form.body, &path);
    let borrowed: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let r = app.post_form(&path, &who, &borrowed).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(notice_of(&r).as_deref(), Some("uaendret"));
    let mut changed: Vec<(&str, &str)> = borrowed.iter().filter(|(k, _)| *k != "languages").copied().collect();
    changed.push(("languages", "arabisk, Engelsk, tigrinya"));
    let r = app.post_form(&path, &who, &changed).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(notice_of(&r).as_deref(), Some("gemt"));
    let stored = app.api(Method::GET, &format!("/api/v1/persons/{}", w.amal), &w.token, None).await.json();
    assert_eq!(stored["languages"], json!(["ar", "en", "ti"]), "names become codes");
    changed.retain(|(k, _)| *k != "languages");
    changed.push(("languages", "klingonsk"));
    let r = app.post_form(&path, &who, &changed).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("«klingonsk» er ikke et sprog, samplan kender"), "{}", r.body);
}

on_both_apps!(a_household_is_put_on_the_waiting_list_by_a_members_name);
async fn a_household_is_put_on_the_waiting_list_by_a_members_name(app: TestApp) {
    let w = world(&app).await;
    let caseworker = app.login("anna").await;
    // The caseworker (who reads every family) puts the Haddads on the list by a name.
    let r = app.post_form("/bolig/husstande", &caseworker, &[("person", "Haddad Ahmad"), ("max_rent", "7000"), ("anchors", "")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.location(), format!("/bolig/husstande#husstand-{}", w.family));
    assert_eq!(notice_of(&r).as_deref(), Some("gemt"));
    let page = app.get("/bolig/husstande", Some(&caseworker)).await;
    assert!(page.body.contains(&format!("<tr id=\"husstand-{}\">", w.family)), "the row it returns to");
    assert!(!page.body.contains("Familiens nummer"), "no internal number is asked for");
    // A name that fits two persons offers both; one without a family is refused at the field.
    let r = app.post_form("/bolig/husstande", &caseworker, &[("person", "amal"), ("max_rent", "7000"), ("anchors", "")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Amal Hassan, født 02.02.1990") && r.body.contains("value=\"7000\""), "{}", r.body);
}

on_both_apps!(the_person_page_answers_the_first_questions_at_the_top);
async fn the_person_page_answers_the_first_questions_at_the_top(app: TestApp) {
    let w = world(&app).await;
    let anna = app.store.user_by_login("anna").await.unwrap().unwrap().id;
    let coordinator = app.staff("kim", Role::Coordinator, Some(CODE), None).await;
    app.store.set_caseworker(CODE, w.amal, Some(anna)).await.unwrap();
    let slots: Vec<serde_json::Value> = (1..=7).map(|d| json!({"weekday": d, "from": "08:00", "to": "09:00"})).collect();
    let plan = json!({"based_on_version": 0, "reason": "Første møde", "plan": {"coordinator_user_id": coordinator, "goals": [{"life_area": "sprog", "person_id": w.amal,
        "text": "Amal taler dansk", "actions": [{"title": "Sprogskole", "department": "jobcenter", "responsible_name": "Jens",
        "start_date": "2020-01-01", "slots": slots, "status": "active"}]}]}});
    let r = app.api(Method::PUT, &format!("/api/v1/families/{}/plan", w.family), &w.token, Some(plan)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let who = app.login("anna").await;
    let path = format!("/personer/{}", w.amal);
    let page = app.get(&path, Some(&who)).await;
    assert!(page.body.contains("<dt>Sagsbehandler</dt><dd>anna</dd>"), "the caseworker");
    assert!(page.body.contains("<dt>Familiekoordinator</dt><dd>kim</dd>"), "the family's coordinator");
    assert!(page.body.contains("kl. 08:00–09:00: Sprogskole"), "the next appointment from the plan");
    assert!(page.body.contains("<dt>Telefon</dt><dd>Ikke registreret</dd>"));
    assert!(!page.body.contains("regel contract.deadline"), "no internal rule ids for staff");
    // The takeover date of 2026-04-01 makes the integration contract overdue.
    assert!(page.body.contains("class=\"app-row-overdue\"") && page.body.contains("<strong class=\"app-overdue\">"), "overdue deadlines stand out");
    assert!(page.body.contains("overskredet</a>"), "and are counted at the top");

    // Phone and interpreter: a wrong phone keeps what was typed with the reason; a good one is saved.
    let r = app.post_form(&format!("{path}/kontakt"), &who, &[("phone", "12 ab"), ("interpreter_language", "ar")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("«12 ab» er ikke et telefonnummer") && r.body.contains("value=\"12 ab\""), "{}", r.body);
    let r = app.post_form(&format!("{path}/kontakt"), &who, &[("phone", "+45 12 34 56 78"), ("interpreter_language", "ar")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(notice_of(&r).as_deref(), Some("gemt"));
    let page = app.get(&path, Some(&who)).await;
    assert!(page.body.contains("<a href=\"tel:+4512345678\">+45 12 34 56 78</a>"));
    assert!(page.body.contains("Har brug for tolk på arabisk"));
    let r = app.post_form(&format!("{path}/kontakt"), &who, &[("phone", "+45 12 34 56 78"), ("interpreter_language", "ar")]).await;
    assert_eq!(notice_of(&r).as_deref(), Some("uaendret"), "unchanged saves nothing");
    let filter = samplan::store::audit::AuditFilter { action: Some("update".into()), entity: Some("person".into()), entity_id: Some(w.amal.to_string()), ..Default::default() };
    let log = app.store.audit_log(CODE, &filter, 50).await.unwrap();
    let details: Vec<&str> = log.iter().map(|e| e.detail.as_str()).collect();
    assert_eq!(details.iter().filter(|d| d.contains("phone, interpreter_language")).count(), 1, "one audited change: {details:?}");
}

on_both_apps!(frister_filters_page_and_say_who_is_mine);
async fn frister_filters_page_and_say_who_is_mine(app: TestApp) {
    let w = world(&app).await;
    let anna = app.store.user_by_login("anna").await.unwrap().unwrap().id;
    app.store.set_caseworker(CODE, w.amal, Some(anna)).await.unwrap();
    let who = app.login("anna").await;
    let page = app.get("/frister?omfang=kommune", Some(&who)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("«Mine personer» er de personer, hvor du står som sagsbehandler"), "who counts as mine is said");
    let week = chrono::Datelike::iso_week(&chrono::Local::now().date_naive()).week();
    assert!(page.body.contains(&format!("Det er uge {week}.")));
    assert!(page.body.contains("(uge "), "due dates carry their week");
    // Overdue first, the most recently overdue first; each links to its person.
    let overdue = app.get("/frister?omfang=kommune&vis=overskredet", Some(&who)).await.body;
    assert!(!overdue.contains("id=\"denne-uge\""), "only the overdue section");
    let dues: Vec<&str> = overdue.split("<td>").filter_map(|c| c.split(" (uge ").next().filter(|d| d.len() == 10 && d.chars().nth(2) == Some('.'))).collect();
    assert!(dues.len() >= 2, "{overdue}");
    let iso: Vec<String> = dues.iter().map(|d| format!("{}-{}-{}", &d[6..10], &d[3..5], &d[0..2])).collect();
    let mut sorted = iso.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(iso, sorted, "newest overdue first");
    assert!(overdue.contains(&format!("/personer/{}#frister", w.amal)), "a deadline links to its person");
    // Mine: only Amal's.
    let mine = app.get("/frister?omfang=mine&vis=overskredet", Some(&who)).await.body;
    assert!(mine.contains(&format!("/personer/{}#frister", w.amal)));
    assert!(!mine.contains(&format!("/personer/{}#frister", w.hassan)), "Amal Hassan is not Anna's");
}

on_both_apps!(conflicts_link_to_their_actions_and_show_in_the_week_grid);
async fn conflicts_link_to_their_actions_and_show_in_the_week_grid(app: TestApp) {
    let w = world(&app).await;
    let action = |title: &str, from: &str, to: &str| json!({"title": title, "department": "jobcenter", "responsible_name": "Jens",
        "start_date": "2020-01-01", "slots": [{"weekday": 1, "from": from, "to": to}], "status": "active"});
    let plan = json!({"based_on_version": 0, "reason": "Første møde", "plan": {"goals": [{"life_area": "sprog", "person_id": w.amal, "text": "Dansk",
        "actions": [action("Sprogskole", "09:00", "12:00"), action("Praktik", "11:00", "15:00")]}]}});
    let r = app.api(Method::PUT, &format!("/api/v1/families/{}/plan", w.family), &w.token, Some(plan)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let ids: Vec<i64> = r.json()["plan"]["goals"][0]["actions"].as_array().unwrap().iter().map(|a| a["id"].as_i64().unwrap()).collect();
    let who = app.login("anna").await;
    let page = app.get(&format!("/familier/{}/plan", w.family), Some(&who)).await.body;
    let conflict = &page[page.find("data-conflict=\"overlap\"").expect("an overlap")..];
    let conflict = &conflict[..conflict.find("</li>").unwrap()];
    for id in &ids {
        assert!(conflict.contains(&format!("href=\"#indsats-{id}\"")), "the conflict links to action {id}: {conflict}");
    }
    assert_eq!(page.matches("<strong><span aria-hidden=\"true\">⚠ </span>Overlapper:</strong>").count(), 2, "both times are marked in the grid in words");
    assert_eq!(page.matches("Overlapper med en anden aftale").count(), 2, "and in the action list");
}
