//! The takeover date and the rule corrections through HTTP on both databases: a case
//! decided in 2024 gets a takeover date and its deadlines; a municipality's closed day
//! does not move the takeover but does move later due dates; the takeover is a fact on
//! the person (API field and person page), never an overdue deadline; a visited refugee
//! without the visitation date is told so; follow-up counts from the § 17 visitation;
//! citations carry the law's number and link; listed housing areas carry their dates.
use crate::common;

use axum::http::{Method, StatusCode};
use common::app::TestApp;
use samplan::domain::Role;
use samplan::store::Tenant;
use serde_json::{Value, json};

async fn person(app: &TestApp, token: &str, cpr: &str, extra: Value) -> i64 {
    let mut body = json!({"cpr": cpr, "given_name": "Rahwa", "family_name": "Tesfay", "sex": "female",
        "nationality": "Eritrea", "languages": "ti", "residence_basis": "refugee"});
    for (k, v) in extra.as_object().unwrap() {
        body[k] = v.clone();
    }
    let r = app.api(Method::POST, "/api/v1/persons", token, Some(body)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    r.json()["id"].as_i64().unwrap()
}

async fn event(app: &TestApp, token: &str, id: i64, kind: &str, date: &str) -> Value {
    let r = app.api(Method::POST, &format!("/api/v1/persons/{id}/events"), token, Some(json!({"kind": kind, "date": date}))).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    r.json()
}

fn find<'a>(list: &'a Value, rule: &str) -> &'a Value {
    list.as_array().unwrap().iter().find(|d| d["rule_id"] == rule).unwrap_or_else(|| panic!("{rule} not in {list}"))
}

fn no_takeover_deadline(list: &Value) {
    assert!(list.as_array().unwrap().iter().all(|d| !d["rule_id"].as_str().unwrap().starts_with("takeover.")), "{list}");
}

on_both_apps!(a_case_decided_in_2024_gets_a_takeover_and_its_deadlines);
async fn a_case_decided_in_2024_gets_a_takeover_and_its_deadlines(app: TestApp) {
    let uid = app.user("anna", Role::Caseworker, Some("0316")).await;
    let token = app.token(uid).await;
    let id = person(&app, &token, "010190-1234", json!({})).await;
    let list = event(&app, &token, id, "visitation_decision", "2024-06-10").await;
    no_takeover_deadline(&list);
    // June 2024 → July is the first whole month → Thursday 1 August 2024.
    let view = app.api(Method::GET, &format!("/api/v1/persons/{id}"), &token, None).await.json();
    assert_eq!((view["takeover_date"].as_str(), view["takeover_derived"].as_bool()), (Some("2024-08-01"), Some(true)), "{view}");
    let list = app.api(Method::GET, &format!("/api/v1/persons/{id}/deadlines"), &token, None).await.json();
    no_takeover_deadline(&list);
    let contract = find(&list, "contract.deadline");
    assert_eq!((contract["counts_from"].as_str(), contract["due"].as_str()), (Some("2024-08-01"), Some("2024-09-02")), "{contract}");
    assert_eq!(contract["rule_version"], 1);
    assert_eq!(contract["law_number"], "LBK nr. 1146 af 22/06/2020");
    assert_eq!(contract["paragraph"], "§ 19, stk. 1");
    assert_eq!(contract["url"], "https://www.retsinformation.dk/eli/lta/2020/1146");
    assert_eq!(find(&list, "programme.start")["due"], "2024-09-02");
    find(&list, "du.referral");
    // Overdue lists and counts never hold the takeover itself.
    let overdue = app.api(Method::GET, "/api/v1/deadlines?status=overdue", &token, None).await.json();
    no_takeover_deadline(&overdue);
    assert!(overdue.as_array().unwrap().iter().any(|d| d["rule_id"] == "contract.deadline"));
    let page = app.get(&format!("/personer/{id}"), Some(&app.login("anna").await)).await;
    assert!(page.body.contains("01.08.2024") && page.body.contains("Beregnet efter reglerne"), "{}", page.body);
    assert!(page.body.contains("LBK nr. 1146 af 22/06/2020") && page.body.contains("https://www.retsinformation.dk/eli/lta/2020/1146"));
    let frister = app.get("/frister?omfang=kommune", Some(&app.login("anna").await)).await;
    assert!(!frister.body.contains("Overtagelsesdato ved visitering"), "Frister never counts the takeover");
}

on_both_apps!(a_closed_first_of_may_does_not_move_the_takeover);
async fn a_closed_first_of_may_does_not_move_the_takeover(app: TestApp) {
    let uid = app.user("anna", Role::Caseworker, Some("0316")).await;
    let token = app.token(uid).await;
    // The municipality closes 1 May (no helligdag) and Monday 1 June.
    app.store.add_closed_day(&Tenant::trusted("0316"), "2026-05-01".parse().unwrap(), "Kommunen holder lukket").await.unwrap();
    app.store.add_closed_day(&Tenant::trusted("0316"), "2026-06-01".parse().unwrap(), "Kommunen holder lukket").await.unwrap();
    let id = person(&app, &token, "020285-1234", json!({})).await;
    let list = event(&app, &token, id, "visitation_decision", "2026-03-15").await;
    no_takeover_deadline(&list);
    let view = app.api(Method::GET, &format!("/api/v1/persons/{id}"), &token, None).await.json();
    assert_eq!(view["takeover_date"], "2026-05-01", "{view}");
    // The contract counts from 1 May; its own due date keeps the municipality's calendar.
    let contract = find(&list, "contract.deadline");
    assert_eq!((contract["counts_from"].as_str(), contract["due"].as_str()), (Some("2026-05-01"), Some("2026-06-02")), "{contract}");
    assert_eq!(contract["rule_version"], 2);
    // Follow-up counts from the completed visitation under § 17, not from the takeover.
    let list = event(&app, &token, id, "programme_visitation", "2026-05-20").await;
    let followup = find(&list, "followup.first_six_months");
    assert_eq!((followup["counts_from"].as_str(), followup["due"].as_str()), (Some("2026-05-20"), Some("2026-11-20")), "{followup}");
    assert_eq!(followup["paragraph"], "§ 20, stk. 1");
    let list = event(&app, &token, id, "follow_up_interview", "2026-06-10").await;
    assert_eq!(find(&list, "followup.first_six_months")["progress"], json!([1, 4]));
}

on_both_apps!(a_visited_refugee_without_the_visitation_date_is_told_so);
async fn a_visited_refugee_without_the_visitation_date_is_told_so(app: TestApp) {
    let uid = app.user("anna", Role::Caseworker, Some("0316")).await;
    let token = app.token(uid).await;
    let visited = person(&app, &token, "030392-1234", json!({})).await;
    let list = event(&app, &token, visited, "cpr_registration", "2026-04-20").await;
    assert!(list.as_array().unwrap().is_empty(), "no deadlines from the CPR date: {list}");
    let view = app.api(Method::GET, &format!("/api/v1/persons/{visited}"), &token, None).await.json();
    assert_eq!((view["takeover_date"].clone(), view["takeover_missing"].as_str()), (Value::Null, Some("visitation_decision")), "{view}");
    let page = app.get(&format!("/personer/{visited}"), Some(&app.login("anna").await)).await;
    assert!(page.body.contains("Visiteringsdatoen mangler"), "{}", page.body);
    // Recording the visitation gives the takeover and clears the message.
    event(&app, &token, visited, "visitation_decision", "2026-03-15").await;
    let view = app.api(Method::GET, &format!("/api/v1/persons/{visited}"), &token, None).await.json();
    assert_eq!((view["takeover_date"].as_str(), view["takeover_missing"].clone()), (Some("2026-05-01"), Value::Null));

    // A quota refugee is not visited: the CPR registration is the takeover.
    let quota = person(&app, &token, "040493-1234", json!({"quota_refugee": true})).await;
    let list = event(&app, &token, quota, "cpr_registration", "2026-04-20").await;
    assert_eq!(find(&list, "contract.deadline")["counts_from"], "2026-04-20");
    let view = app.api(Method::GET, &format!("/api/v1/persons/{quota}"), &token, None).await.json();
    assert_eq!((view["takeover_date"].as_str(), view["quota_refugee"].as_bool()), (Some("2026-04-20"), Some(true)));
    // Only a refugee can be a quota refugee; the error names the field.
    let body = json!({"cpr": "050594-1234", "given_name": "A", "family_name": "B", "sex": "male", "nationality": "Syrien",
        "languages": "ar", "residence_basis": "family_reunified_to_refugee", "quota_refugee": true});
    let r = app.api(Method::POST, "/api/v1/persons", &token, Some(body)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json()["errors"][0]["field"], "quota_refugee");
}

on_both_apps!(a_listed_area_carries_the_dates_of_its_list);
async fn a_listed_area_carries_the_dates_of_its_list(app: TestApp) {
    let uid = app.user("bolig", Role::HousingOfficer, Some("0316")).await;
    let token = app.token(uid).await;
    let areas = json!([
        {"code": "N", "name": "Nordby", "listed": 0, "existing_households": 0},
        {"code": "S", "name": "Sydby", "listed": 1, "existing_households": 0, "listed_from": "2024-12-01", "listed_to": "2025-11-30"},
        {"code": "V", "name": "Vestby", "listed": 1, "existing_households": 0, "listed_from": "2025-12-01"},
    ]);
    let r = app.api(Method::POST, "/api/v1/housing/areas", &token, Some(areas)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let stored = app.store.housing_areas(&Tenant::trusted("0316")).await.unwrap();
    assert_eq!(
        (stored[1].listed_from.map(|d| d.to_string()), stored[1].listed_to.map(|d| d.to_string())),
        (Some("2024-12-01".into()), Some("2025-11-30".into()))
    );
    // Judged by the list in force on the placement's date.
    let on = |date: &str| samplan::housing::import::to_areas_on(&stored, calendar::Date::parse(date).unwrap()).iter().map(|a| a.listed).collect::<Vec<_>>();
    assert_eq!(on("2025-06-01"), [false, true, false]);
    assert_eq!(on("2026-06-01"), [false, false, true]);
    // Before the rule is in force (2025-01-01) the prohibition is not applied.
    assert_eq!(on("2024-12-15"), [false, false, false]);
    let bad = json!([{"code": "S", "name": "Sydby", "listed": 1, "existing_households": 0, "listed_from": "2025-12-01", "listed_to": "2025-11-30"}]);
    let r = app.api(Method::POST, "/api/v1/housing/areas", &token, Some(bad)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json()["errors"][0]["field"], "[0].listed_to");
    let bad = json!([{"code": "N", "name": "Nordby", "listed": 0, "existing_households": 0, "listed_from": "2025-12-01"}]);
    let r = app.api(Method::POST, "/api/v1/housing/areas", &token, Some(bad)).await;
    assert_eq!(r.json()["errors"][0]["field"], "[0].listed_from");
    // The form reads the list's days the Danish way and stores them as days.
    let browser = app.login("bolig").await;
    let form = [("code", "Ø"), ("name", "Østby"), ("listed", "1"), ("listed_from", "1.12.2025"), ("listed_to", "30.11.2026"), ("existing_households", "0")];
    let r = app.post_form("/bolig/boliger", &browser, &form).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let east = app.store.housing_areas(&Tenant::trusted("0316")).await.unwrap().into_iter().find(|a| a.code == "Ø").unwrap();
    assert_eq!((east.listed_from.map(|d| d.to_string()), east.listed_to.map(|d| d.to_string())), (Some("2025-12-01".into()), Some("2026-11-30".into())));
    let mut bad = form.to_vec();
    bad[4] = ("listed_to", "31.02.2026");
    let r = app.post_form("/bolig/boliger", &browser, &bad).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
}
