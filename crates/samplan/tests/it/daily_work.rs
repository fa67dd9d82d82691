//! The daily work of staff, over HTTP on SQLite and PostgreSQL: persons are found as
//! staff search (surname first, part of a name, the first six CPR digits, a Danish
//! birth date); a person is picked by name or CPR wherever a form asks for one (a
//! referral, a household on the waiting list), never by an internal number; referrals
//! start from the person page and show there with their state; every save, approval and
//! referral answers with a Danish confirmation on the page it returns to, once.
use crate::common;

use axum::http::{Method, StatusCode, header};
use common::app::{Browser, TestApp};
use samplan::domain::Role;
use samplan::store::Tenant;
use serde_json::json;

const CODE: &str = "0316";

fn tenant() -> Tenant {
    Tenant::trusted(CODE)
}

struct World {
    token: String,
    family: i64,
    amal: i64,
    ahmad: i64,
    hassan: i64,
    /// The Hassans' family.
    other: i64,
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
    World { token, family, amal, ahmad, hassan, other }
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
    r.headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| v.strip_prefix("samplan_besked="))
        .map(|v| v.split(';').next().unwrap_or("").to_string())
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
        .post_form(
            "/henvisninger",
            &who,
            &[("person_id", &w.amal.to_string()), ("tilbage", &format!("/personer/{}", w.amal)), ("to_department", "sundhed"), ("reason", "Samtale om søvn")],
        )
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
    let r = app
        .post_form(
            "/henvisninger",
            &who,
            &[("person", "haddad"), ("person_id", &w.ahmad.to_string()), ("to_department", "sundhed"), ("reason", "Sundhedssamtale")],
        )
        .await;
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
        .post_form(
            "/henvisninger",
            &who,
            &[
                ("person_id", &w.ahmad.to_string()),
                ("tilbage", &format!("/familier/{}/plan", w.family)),
                ("to_department", "dagtilbud_og_skole"),
                ("reason", "Skolestart"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(r.location().starts_with(&format!("/familier/{}/plan#henvisning-", w.family)), "{}", r.location());

    // A goal saved: «Gemt»; an action saved unchanged: nothing new, and it says so.
    let r = app
        .post_form(
            &format!("/familier/{}/plan/maal", w.family),
            &who,
            &[("based_on_version", "0"), ("life_area", "sprog"), ("person_id", &w.amal.to_string()), ("text", "Dansk"), ("reason", "Første møde")],
        )
        .await;
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

on_both_apps!(a_citizen_link_names_the_citizen_by_name_or_cpr);
async fn a_citizen_link_names_the_citizen_by_name_or_cpr(app: TestApp) {
    let w = world(&app).await;
    let caseworker = app.login("anna").await;
    let links = |person: i64| {
        let app = &app;
        async move {
            let filter = samplan::store::audit::AuditFilter {
                action: Some("create".into()),
                entity: Some("login_link".into()),
                entity_id: Some(person.to_string()),
                ..Default::default()
            };
            app.store.audit_log(&tenant(), &filter, 100).await.unwrap().len()
        }
    };
    let search = app.get("/personer", Some(&caseworker)).await.body;
    assert!(search.contains("href=\"/minplan/engangslink\""), "the search page leads to it");
    let form = app.get("/minplan/engangslink", Some(&caseworker)).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("name=\"person\"") && !form.body.contains("name=\"person_id\""), "a name or CPR field, no number: {}", form.body);
    // «Amal» fits two persons: both are offered, the e-mail typed is kept, no link is made.
    let r = app.post_form("/minplan/engangslink", &caseworker, &[("person", "amal"), ("email", "amal@eksempel.dk")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("2 personer passer; vælg hvem du mener")
            && r.body.contains("Amal Hassan, født 02.02.1990")
            && r.body.contains(&format!("value=\"{}\"", w.amal))
            && r.body.contains("value=\"amal@eksempel.dk\""),
        "{}",
        r.body
    );
    let r = app.post_form("/minplan/engangslink", &caseworker, &[("person", "Nielsen"), ("email", "")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("ingen person, du har adgang til, passer på «Nielsen»") && r.body.contains("<a href=\"#person\">Borger</a>"), "{}", r.body);
    assert_eq!((links(w.amal).await, links(w.hassan).await), (0, 0), "no link was made");
    // A person found, a bad address: the person stays chosen, the address is refused at its field.
    let r = app.post_form("/minplan/engangslink", &caseworker, &[("person", "020290"), ("email", "amal.dk")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains(&format!("name=\"person_id\" value=\"{}\"", w.hassan)) && r.body.contains("«amal.dk» er ikke en e-mailadresse"), "{}", r.body);
    // The first six CPR digits pick Amal Hassan; the link is shown once and audited on her.
    let r = app.post_form("/minplan/engangslink", &caseworker, &[("person", "020290"), ("email", "")]).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("Send linket til Amal Hassan") && r.body.contains("/borger/link/"), "{}", r.body);
    assert_eq!(links(w.hassan).await, 1);
    // The choice among several is taken by the radio value, within reach.
    let r = app.post_form("/minplan/engangslink", &caseworker, &[("person", "amal"), ("person_id", &w.amal.to_string()), ("email", "")]).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("Send linket til Amal Haddad"), "{}", r.body);
}

on_both_apps!(the_person_page_answers_the_first_questions_at_the_top);
async fn the_person_page_answers_the_first_questions_at_the_top(app: TestApp) {
    let w = world(&app).await;
    let anna = app.store.user_by_login("anna").await.unwrap().unwrap().id;
    let coordinator = app.staff("kim", Role::Coordinator, Some(CODE), None).await;
    app.store.set_caseworker(&tenant(), w.amal, Some(anna)).await.unwrap();
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
    let filter = samplan::store::audit::AuditFilter {
        action: Some("update".into()),
        entity: Some("person".into()),
        entity_id: Some(w.amal.to_string()),
        ..Default::default()
    };
    let log = app.store.audit_log(&tenant(), &filter, 50).await.unwrap();
    let details: Vec<&str> = log.iter().map(|e| e.detail.as_str()).collect();
    assert_eq!(details.iter().filter(|d| d.contains("phone, interpreter_language")).count(), 1, "one audited change: {details:?}");
}

on_both_apps!(frister_filters_page_and_say_who_is_mine);
async fn frister_filters_page_and_say_who_is_mine(app: TestApp) {
    let w = world(&app).await;
    let anna = app.store.user_by_login("anna").await.unwrap().unwrap().id;
    app.store.set_caseworker(&tenant(), w.amal, Some(anna)).await.unwrap();
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
    let action = |title: &str, from: &str, to: &str| {
        json!({"title": title, "department": "jobcenter", "responsible_name": "Jens",
        "start_date": "2020-01-01", "slots": [{"weekday": 1, "from": from, "to": to}], "status": "active"})
    };
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

/// The contract deadline's `met_on` for `person`, through the API.
async fn contract_met_on(app: &TestApp, token: &str, person: i64) -> serde_json::Value {
    let list = app.api(Method::GET, &format!("/api/v1/persons/{person}/deadlines"), token, None).await.json();
    list.as_array().unwrap().iter().find(|d| d["rule_id"] == "contract.deadline").expect("a contract deadline")["met_on"].clone()
}

/// The audit details of `action` on `person`.
async fn audited(app: &TestApp, action: &str, person: i64) -> Vec<String> {
    let filter = samplan::store::audit::AuditFilter {
        action: Some(action.into()),
        entity: Some("person".into()),
        entity_id: Some(person.to_string()),
        ..Default::default()
    };
    app.store.audit_log(&tenant(), &filter, 100).await.unwrap().into_iter().map(|e| e.detail).collect()
}

on_both_apps!(events_are_corrected_or_deleted_with_a_reason);
async fn events_are_corrected_or_deleted_with_a_reason(app: TestApp) {
    let w = world(&app).await;
    let who = app.login("anna").await;
    let person = format!("/personer/{}", w.amal);
    let r = app.post_form(&format!("{person}/haendelser"), &who, &[("kind", "contract_signed"), ("date", "10.04.2026"), ("note", "På kontoret")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(contract_met_on(&app, &w.token, w.amal).await, json!("2026-04-10"));
    let events = app.api(Method::GET, &format!("/api/v1/persons/{}/events", w.amal), &w.token, None).await;
    assert_eq!(events.status, StatusCode::OK, "{}", events.body);
    let id = events.json()[0]["id"].as_i64().unwrap();
    let page = app.get(&person, Some(&who)).await.body;
    assert!(page.contains(&format!("<li id=\"haendelse-{id}\">10.04.2026: Integrationskontrakt underskrevet – På kontoret")), "{page}");
    let edit = format!("{person}/haendelser/{id}");
    assert!(page.contains(&format!("href=\"{edit}\"")), "each event links to its correction");

    // The form shows the event; a change without a reason is refused at the field with what was typed.
    let form = app.get(&edit, Some(&who)).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("value=\"10.04.2026\"") && form.body.contains("value=\"På kontoret\""));
    let r = app.post_form(&edit, &who, &[("kind", "contract_signed"), ("date", "12.4.2026"), ("note", "På kontoret"), ("reason", " ")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id=\"reason-error\">skriv hvorfor det registrerede rettes eller slettes") && r.body.contains("value=\"12.4.2026\""), "{}", r.body);
    let r = app.post_form(&edit, &who, &[("kind", "contract_signed"), ("date", "31.02.2026"), ("note", "På kontoret"), ("reason", "Tastefejl")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id=\"date-error\">«31.02.2026» er ikke en dato") && r.body.contains("Tastefejl"), "{}", r.body);
    // Unchanged: nothing stored, nothing logged, and it says so.
    let before = audited(&app, "update", w.amal).await.len();
    let r = app.post_form(&edit, &who, &[("kind", "contract_signed"), ("date", "10.04.2026"), ("note", "På kontoret"), ("reason", "")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(notice_of(&r).as_deref(), Some("uaendret"));
    assert_eq!(audited(&app, "update", w.amal).await.len(), before);
    // Corrected with a reason: the deadline moves, the log keeps the old value.
    let r = app.post_form(&edit, &who, &[("kind", "contract_signed"), ("date", "12.4.2026"), ("note", "Hos tolken"), ("reason", "Forkert dato")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(notice_of(&r).as_deref(), Some("gemt"));
    assert_eq!(r.location(), format!("{person}#haendelse-{id}"), "back at the changed row");
    assert_eq!(contract_met_on(&app, &w.token, w.amal).await, json!("2026-04-12"));
    let log = audited(&app, "update", w.amal).await;
    assert!(
        log.iter().any(|d| d
            == &format!(
                "hændelse {id} rettet fra contract_signed 2026-04-10 «På kontoret» til contract_signed 2026-04-12 «Hos tolken»; begrundelse: Forkert dato"
            )),
        "{log:?}"
    );

    // Deleting needs a reason too; a deleted event is gone from the page and the deadlines, and kept in the log.
    let r = app.post_form(&format!("{edit}/slet"), &who, &[("reason", "")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Hændelsen blev ikke slettet") && r.body.contains("id=\"delete-reason-error\""), "{}", r.body);
    let r = app.post_form(&format!("{edit}/slet"), &who, &[("reason", "Registreret på den forkerte person")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(notice_of(&r).as_deref(), Some("slettet"));
    let page = app.get(&person, Some(&who)).await.body;
    assert!(!page.contains(&format!("haendelse-{id}")), "a deleted event is not shown");
    assert_eq!(contract_met_on(&app, &w.token, w.amal).await, json!(null), "the deadline is open again");
    let log = audited(&app, "delete", w.amal).await;
    assert!(
        log.iter().any(|d| d == &format!("hændelse {id} slettet (contract_signed 2026-04-12 «Hos tolken»); begrundelse: Registreret på den forkerte person")),
        "{log:?}"
    );
    assert_eq!(app.get(&edit, Some(&who)).await.status, StatusCode::NOT_FOUND);

    // The API: problem+json names the field; corrected, then deleted.
    let r = app.api(Method::POST, &format!("/api/v1/persons/{}/events", w.amal), &w.token, Some(json!({"kind": "du_referral", "date": "2026-04-20"}))).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let id = app.api(Method::GET, &format!("/api/v1/persons/{}/events", w.amal), &w.token, None).await.json()[0]["id"].as_i64().unwrap();
    let path = format!("/api/v1/persons/{}/events/{id}", w.amal);
    let r = app.api(Method::PUT, &path, &w.token, Some(json!({"kind": "du_referral", "date": "2026-04-21"}))).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("application/problem+json"));
    assert!(r.body.contains("\"reason\""), "{}", r.body);
    let r = app.api(Method::PUT, &path, &w.token, Some(json!({"kind": "ukendt", "date": "2026-04-21", "reason": "x"}))).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("\"kind\""), "{}", r.body);
    let r = app.api(Method::PUT, &path, &w.token, Some(json!({"kind": "du_referral", "date": "21.04.2026", "reason": "Datoen var forkert"}))).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(app.api(Method::GET, &format!("/api/v1/persons/{}/events", w.amal), &w.token, None).await.json()[0]["day"], "2026-04-21");
    let r = app.api(Method::DELETE, &path, &w.token, None).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("\"reason\""), "{}", r.body);
    let r = app.api(Method::DELETE, &format!("{path}?reason=Fejl"), &w.token, None).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    assert_eq!(app.api(Method::DELETE, &format!("{path}?reason=Fejl"), &w.token, None).await.status, StatusCode::NOT_FOUND);
    // Another person's number in the path finds nothing.
    let r = app
        .api(
            Method::PUT,
            &format!("/api/v1/persons/{}/events/{id}", w.hassan),
            &w.token,
            Some(json!({"kind": "du_referral", "date": "2026-04-21", "reason": "x"})),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

on_both_apps!(plan_versions_compare_in_danish_and_restore_as_a_new_version);
async fn plan_versions_compare_in_danish_and_restore_as_a_new_version(app: TestApp) {
    let w = world(&app).await;
    let plan = |version: i64, reason: &str, slots: serde_json::Value, more_goals: bool| {
        let mut goals =
            vec![json!({"id": 1, "life_area": "sprog", "person_id": w.amal, "text": "Amal taler dansk", "actions": [{"id": 2, "title": "Sprogskole",
            "department": "sprogcenter", "responsible_name": "Jens", "start_date": "2026-01-05", "slots": slots, "status": "planned"}]})];
        if more_goals {
            goals.push(json!({"life_area": "beskaeftigelse", "person_id": w.amal, "text": "Amal får job"}));
        }
        json!({"based_on_version": version, "reason": reason, "plan": {"goals": goals}})
    };
    let url = format!("/api/v1/families/{}/plan", w.family);
    assert_eq!(app.api(Method::PUT, &url, &w.token, Some(plan(0, "Første møde", json!([]), false))).await.status, StatusCode::OK);
    let monday = json!([{"weekday": 1, "from": "09:00", "to": "12:00"}]);
    let r = app.api(Method::PUT, &url, &w.token, Some(plan(1, "Skema aftalt", monday, true))).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);

    // The comparison is told in sentences, not JSON.
    let who = app.login("anna").await;
    let versions = format!("/familier/{}/plan/versioner", w.family);
    let page = app.get(&format!("{versions}?fra=1&til=2"), Some(&who)).await.body;
    assert!(
        page.contains("<li>Indsatsen &quot;Sprogskole&quot; fik tidspunkt mandag 9.00–12.00.</li>")
            || page.contains("<li>Indsatsen &#34;Sprogskole&#34; fik tidspunkt mandag 9.00–12.00.</li>"),
        "{page}"
    );
    assert!(page.contains("Amal får job") && page.contains("blev tilføjet under Beskæftigelse for Amal Haddad."), "{page}");
    assert!(!page.contains("weekday") && !page.contains("slots:"), "no field names or JSON");
    let api = app.api(Method::GET, &format!("{url}/compare?from=1&to=2"), &w.token, None).await.json();
    let told: Vec<&str> = api.as_array().unwrap().iter().flat_map(|c| c["sentences"].as_array().unwrap().iter().map(|s| s.as_str().unwrap())).collect();
    assert!(told.contains(&"Indsatsen \"Sprogskole\" fik tidspunkt mandag 9.00–12.00."), "{told:?}");

    // Restoring version 1 needs a reason; what was chosen is kept.
    assert!(page.contains("Gendan som ny version"));
    let r = app.post_form(&format!("{versions}/gendan"), &who, &[("based_on_version", "2"), ("version", "1"), ("reason", "")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id=\"restore-reason-error\">skriv hvorfor planen ændres") && r.body.contains("<option value=\"1\" selected>"), "{}", r.body);
    let r = app.post_form(&format!("{versions}/gendan"), &who, &[("based_on_version", "2"), ("version", "1"), ("reason", "Skemaet blev aflyst")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(notice_of(&r).as_deref(), Some("gemt"));
    assert_eq!(r.location(), format!("{versions}?fra=2&til=3#aendringer"), "the history shows what the restore changed");
    let now = app.api(Method::GET, &url, &w.token, None).await.json();
    assert_eq!(now["version"], 3, "a new version, nothing overwritten");
    assert_eq!(now["reason"], "Version 1 gendannet: Skemaet blev aflyst");
    assert_eq!(now["plan"]["goals"].as_array().unwrap().len(), 1);
    assert_eq!(now["plan"]["goals"][0]["actions"][0]["slots"], json!([]));
    let page = app.get(&format!("{versions}?fra=2&til=3"), Some(&who)).await.body;
    assert!(
        page.contains("har ikke længere faste tidspunkter (før: mandag 9.00–12.00).") && page.contains("Amal får job") && page.contains("blev fjernet."),
        "{page}"
    );
    // Made from an older version than the newest: refused, as any plan save.
    let r = app.post_form(&format!("{versions}/gendan"), &who, &[("based_on_version", "2"), ("version", "2"), ("reason", "Alligevel")]).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(
        r.body.contains("planen er gemt igen, siden du åbnede siden (nu version 3)") && r.body.contains("name=\"based_on_version\" value=\"3\""),
        "{}",
        r.body
    );

    // The API: the same rules, problem+json naming the field.
    let restore = format!("{url}/restore");
    let r = app.api(Method::POST, &restore, &w.token, Some(json!({"based_on_version": 3, "version": 2, "reason": " "}))).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("\"reason\""), "{}", r.body);
    let r = app.api(Method::POST, &restore, &w.token, Some(json!({"based_on_version": 2, "version": 2, "reason": "Igen"}))).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert_eq!(
        app.api(Method::POST, &restore, &w.token, Some(json!({"based_on_version": 3, "version": 9, "reason": "Igen"}))).await.status,
        StatusCode::NOT_FOUND
    );
    let r = app.api(Method::POST, &restore, &w.token, Some(json!({"based_on_version": 3, "version": 1, "reason": "Samme som nu"}))).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["version"], 3, "restoring what the plan already is stores nothing");
    let r = app.api(Method::POST, &restore, &w.token, Some(json!({"based_on_version": 3, "version": 2, "reason": "Skemaet gælder igen"}))).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["plan"]["goals"][0]["actions"][0]["slots"][0]["from"], "09:00");
    // Department staff do not save whole plans.
    let staff = app.staff("sprog", Role::DepartmentStaff, Some(CODE), Some("sprogcenter")).await;
    let staff = app.token(staff).await;
    let r = app.api(Method::POST, &restore, &staff, Some(json!({"based_on_version": 4, "version": 1, "reason": "x"}))).await;
    assert!(r.status == StatusCode::FORBIDDEN || r.status == StatusCode::NOT_FOUND, "{}", r.status);
}

on_both_apps!(the_coordinator_overview_filters_and_puts_notifications_first);
async fn the_coordinator_overview_filters_and_puts_notifications_first(app: TestApp) {
    let w = world(&app).await;
    let kim = app.staff("kim", Role::Coordinator, Some(CODE), Some("jobcenter")).await;
    let lis = app.staff("lis", Role::Coordinator, Some(CODE), Some("jobcenter")).await;
    let bo = app.staff("bo", Role::Coordinator, Some(CODE), Some("sundhed")).await;
    // The Bergs were taken over three days ago: nothing is overdue yet.
    let berg = app.api(Method::POST, "/api/v1/families", &w.token, Some(json!({"name": "Familien Berg"}))).await.json()["id"].as_i64().unwrap();
    let recent = (chrono::Local::now().date_naive() - chrono::Days::new(3)).to_string();
    let body = json!({"cpr": "030392-1003", "given_name": "Sara", "family_name": "Berg", "sex": "female", "nationality": "Syrien", "languages": "ar",
        "residence_basis": "refugee", "family_id": berg, "family_role": "adult", "arrival_date": recent, "takeover_date": recent});
    let sara = app.api(Method::POST, "/api/v1/persons", &w.token, Some(body)).await.json()["id"].as_i64().unwrap();
    let action = |title: &str, from: &str, to: &str| {
        json!({"title": title, "department": "jobcenter", "responsible_name": "Jens",
        "start_date": "2020-01-01", "slots": [{"weekday": 2, "from": from, "to": to}], "status": "active"})
    };
    let plan = |coordinator: i64, person: i64, actions: serde_json::Value| {
        json!({"based_on_version": 0, "reason": "Første møde",
        "plan": {"coordinator_user_id": coordinator, "goals": [{"life_area": "sprog", "person_id": person, "text": "Dansk", "actions": actions}]}})
    };
    let put = |family: i64, body: serde_json::Value| {
        let (app, token) = (&app, w.token.clone());
        async move { app.api(Method::PUT, &format!("/api/v1/families/{family}/plan"), &token, Some(body)).await }
    };
    // Amal's week is full (37 hours, no overlap): no conflict this week.
    let full: Vec<serde_json::Value> = (1..=5).map(|d| json!({"weekday": d, "from": "08:00", "to": "15:24"})).collect();
    let work = json!([{"title": "Virksomhedspraktik", "department": "jobcenter", "responsible_name": "Jens", "start_date": "2020-01-01", "slots": full, "status": "active"}]);
    let r = put(w.family, plan(kim, w.amal, work)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    // The Bergs' week has an overlap this week.
    let r = put(berg, plan(lis, sara, json!([action("Sprogskole", "09:00", "12:00"), action("Praktik", "11:00", "15:00")]))).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(put(w.other, plan(bo, w.hassan, json!([]))).await.status, StatusCode::OK);

    let who = app.login("kim").await;
    // A family's row in the table (notifications above it may name families too).
    let row = |id: i64| format!("<tr><td><a href=\"/familier/{id}/plan\">");
    let page = app.get("/koordinator", Some(&who)).await.body;
    let week = chrono::Datelike::iso_week(&chrono::Local::now().date_naive()).week();
    assert!(page.contains(&format!("Konflikter gælder uge {week}.")), "the week as staff say it");
    assert!(
        page.contains("«Mine familier» er de familier, hvor du står som koordinator")
            && page.contains("«Min afdeling» er de familier, hvor koordinatoren hører til Jobcenter"),
        "who counts as mine is said"
    );
    assert!(page.find("id=\"notifikationer\"").unwrap() < page.find("id=\"familier\"").unwrap(), "notifications first");
    assert!(page.contains(&row(w.family)) && !page.contains(&row(berg)), "mine: Kim's family only");
    assert!(page.contains("Amal: Integrationskontrakt, 01.05.2026"), "Danish dates: {page}");
    assert!(page.contains("frister overskredet</strong>") || page.contains("frist overskredet</strong>"), "overdue stands out");

    let department = app.get("/koordinator?omfang=afdeling", Some(&who)).await.body;
    assert!(department.contains(&row(w.family)) && department.contains(&row(berg)), "the department's coordinators' families");
    assert!(!department.contains(&row(w.other)), "not another department's");
    let overdue = app.get("/koordinator?omfang=afdeling&vis=overskredet", Some(&who)).await.body;
    assert!(overdue.contains(&row(w.family)) && !overdue.contains(&row(berg)), "only families with an overdue deadline");
    let this_week = app.get("/koordinator?omfang=afdeling&vis=denne-uge", Some(&who)).await.body;
    assert!(this_week.contains(&row(berg)) && !this_week.contains(&row(w.family)), "only families with something this week: {this_week}");
    assert!(this_week.contains("<option value=\"denne-uge\" selected>"), "the filter is shown as chosen");

    // The API answers the same filters, a page at a time.
    let kim_token = app.token(kim).await;
    let ids = |path: String| {
        let (app, token) = (&app, kim_token.clone());
        async move {
            let r = app.api(Method::GET, &path, &token, None).await;
            assert_eq!(r.status, StatusCode::OK, "{path}: {}", r.body);
            r.json().as_array().unwrap().iter().map(|l| l["family_id"].as_i64().unwrap()).collect::<Vec<_>>()
        }
    };
    assert_eq!(ids("/api/v1/coordinator/families".into()).await, vec![w.family], "mine by default");
    assert_eq!(ids("/api/v1/coordinator/families?scope=department".into()).await, vec![berg, w.family], "conflicts first");
    assert_eq!(ids("/api/v1/coordinator/families?scope=department&show=overdue".into()).await, vec![w.family]);
    assert_eq!(ids("/api/v1/coordinator/families?scope=department&show=this_week".into()).await, vec![berg]);
    let first = app.api(Method::GET, "/api/v1/coordinator/families?scope=department&limit=1", &kim_token, None).await;
    let next = first.headers.get(header::LINK).and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
    assert!(next.contains("scope=department") && next.contains("rel=\"next\""), "the next page keeps the filter: {next}");
    assert_eq!(first.json().as_array().unwrap().len(), 1);
    for (query, field) in [("show=soon", "show"), ("scope=everyone", "scope")] {
        let r = app.api(Method::GET, &format!("/api/v1/coordinator/families?{query}"), &kim_token, None).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        assert!(r.body.contains(field), "{}", r.body);
    }
    let lone = app.user("solo", Role::Coordinator, Some(CODE)).await;
    let r = app.api(Method::GET, "/api/v1/coordinator/families?scope=department", &app.token(lone).await, None).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "a coordinator without a department: {}", r.body);

    // The plan page says «uge 50», not the ISO week.
    let plan_page = app.get(&format!("/familier/{berg}/plan"), Some(&who)).await.body;
    assert!(
        plan_page.contains(&format!("Konflikter i uge {week}<")) && !plan_page.contains("i uge 2026-W") && !plan_page.contains("i uge 2027-W"),
        "{plan_page}"
    );
}

on_both_apps!(the_person_form_names_the_family_by_its_name);
async fn the_person_form_names_the_family_by_its_name(app: TestApp) {
    let w = world(&app).await;
    let who = app.login("anna").await;
    let form = app.get(&format!("/personer/{}/rediger", w.amal), Some(&who)).await.body;
    assert!(form.contains("name=\"family\" value=\"Familien Haddad\""), "the family by its name: {form}");
    assert!(!form.contains("Familienummer"), "no family number is asked for");
    let person = |family: &'static str, chosen: Option<String>| {
        let mut fields = vec![
            ("cpr", "040495-1004".to_string()),
            ("given_name", "Nour".to_string()),
            ("family_name", "Hassan".to_string()),
            ("sex", "female".to_string()),
            ("nationality", "Syrien".to_string()),
            ("languages", "arabisk".to_string()),
            ("residence_basis", "refugee".to_string()),
            ("family", family.to_string()),
        ];
        if let Some(id) = chosen {
            fields.push(("family_id", id));
        }
        fields
    };
    let send = |fields: Vec<(&'static str, String)>| {
        let (app, who) = (&app, who.clone());
        async move {
            let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            app.post_form("/personer/ny", &who, &pairs).await
        }
    };
    // «Familien» fits both families: both are offered, what was typed is kept.
    let r = send(person("Familien", None)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("2 familier passer; vælg hvilken du mener") && r.body.contains(&format!("value=\"{}\"", w.other)) && r.body.contains("value=\"Nour\""),
        "{}",
        r.body
    );
    let r = send(person("Nielsen", None)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("ingen familie, du har adgang til, hedder «Nielsen»") && r.body.contains("<a href=\"#family\">Familie</a>"), "{}", r.body);
    // Chosen from the list: created in that family.
    let r = send(person("Familien", Some(w.other.to_string()))).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let id: i64 = r.location().trim_start_matches("/personer/").parse().unwrap();
    assert_eq!(app.api(Method::GET, &format!("/api/v1/persons/{id}"), &w.token, None).await.json()["family_id"], json!(w.other));
    // A family's whole name picks it at once.
    let r = app
        .post_form(
            &format!("/personer/{id}/rediger"),
            &who,
            &[
                ("given_name", "Nour"),
                ("family_name", "Hassan"),
                ("sex", "female"),
                ("nationality", "Syrien"),
                ("languages", "arabisk"),
                ("residence_basis", "refugee"),
                ("family", "familien haddad"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(app.api(Method::GET, &format!("/api/v1/persons/{id}"), &w.token, None).await.json()["family_id"], json!(w.family));
}
