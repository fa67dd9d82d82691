//! Forms never lose data, over HTTP on SQLite and PostgreSQL: an edit form submitted
//! exactly as the server rendered it stores the same record (an action with four
//! weekly slots keeps all four; a person stays as they were), more slot rows can be
//! had without JavaScript, and a refused case event comes back with what was typed and
//! the reason at its field; Danish date forms are dates.
use crate::common;

use axum::http::{Method, StatusCode};
use common::app::{TestApp, form_fields};
use samplan::domain::Role;
use samplan::store::Tenant;
use serde_json::{Value, json};

const CODE: &str = "0316";

fn tenant() -> Tenant {
    Tenant::trusted(CODE)
}

struct World {
    token: String,
    family: i64,
    amal: i64,
}

async fn world(app: &TestApp) -> World {
    let id = app.user("anna", Role::Caseworker, Some(CODE)).await;
    let token = app.token(id).await;
    let family = app.api(Method::POST, "/api/v1/families", &token, Some(json!({"name": "Familien Haddad"}))).await.json()["id"].as_i64().unwrap();
    let body = json!({"cpr": "010185-1001", "given_name": "Amal", "family_name": "Haddad", "sex": "female", "nationality": "Syrien",
        "languages": "ar", "residence_basis": "refugee", "family_id": family, "family_role": "adult",
        "arrival_date": "2026-02-01", "takeover_date": "2026-04-01"});
    let r = app.api(Method::POST, "/api/v1/persons", &token, Some(body)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    World { token, family, amal: r.json()["id"].as_i64().unwrap() }
}

/// Posts `fields` (as scraped) with `changes` applied.
async fn submit(app: &TestApp, path: &str, who: &common::app::Browser, fields: &[(String, String)], changes: &[(&str, &str)]) -> common::app::Reply {
    let mut fields = fields.to_vec();
    for (k, v) in changes {
        match fields.iter_mut().find(|(name, _)| name == k) {
            Some(f) => f.1 = v.to_string(),
            None => fields.push((k.to_string(), v.to_string())),
        }
    }
    let borrowed: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    app.post_form(path, who, &borrowed).await
}

fn the_action(plan: &Value) -> Value {
    let mut a = plan["plan"]["goals"][0]["actions"][0].clone();
    a.as_object_mut().unwrap().remove("id");
    a
}

on_both_apps!(an_action_with_four_weekly_slots_survives_its_form_unchanged);
async fn an_action_with_four_weekly_slots_survives_its_form_unchanged(app: TestApp) {
    let w = world(&app).await;
    let slots: Vec<Value> = (1..=4).map(|d| json!({"weekday": d, "from": "08:00", "to": "16:15"})).collect();
    let plan = json!({"based_on_version": 0, "reason": "Første møde", "plan": {"goals": [{"life_area": "beskaeftigelse", "person_id": w.amal,
        "text": "Amal i job", "actions": [{"title": "Virksomhedspraktik", "department": "jobcenter", "responsible_name": "Jens",
        "start_date": "2026-05-01", "end_date": "2026-08-31", "slots": slots, "status": "active"}]}]}});
    let r = app.api(Method::PUT, &format!("/api/v1/families/{}/plan", w.family), &w.token, Some(plan)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let before = r.json();
    let action_id = before["plan"]["goals"][0]["actions"][0]["id"].as_i64().unwrap();
    let who = app.login("anna").await;
    let path = format!("/familier/{}/plan/indsats", w.family);
    let page = app.get(&format!("{path}?indsats={action_id}"), Some(&who)).await;
    assert_eq!(page.status, StatusCode::OK);
    let fields = form_fields(&page.body, &path);
    assert!(fields.iter().any(|(k, v)| k == "slot4_day" && v == "4"), "Thursday is in the form: {fields:?}");

    let r = submit(&app, &path, &who, &fields, &[("reason", "Gemt uden ændringer")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let after = app.api(Method::GET, &format!("/api/v1/families/{}/plan", w.family), &w.token, None).await.json();
    assert_eq!(the_action(&after), the_action(&before), "the stored action is unchanged");
    assert_eq!(after["plan"]["goals"][0]["actions"][0]["slots"].as_array().unwrap().len(), 4);

    // More rows without JavaScript: the same form with room for three more, nothing saved.
    let page = app.get(&format!("{path}?indsats={action_id}"), Some(&who)).await;
    let fields = form_fields(&page.body, &path);
    let more = submit(
        &app,
        &path,
        &who,
        &fields,
        &[("reason", "Flere tider"), ("more_slots", "1"), ("slot5_day", "5"), ("slot5_from", "08:00"), ("slot5_to", "12:00")],
    )
    .await;
    assert_eq!(more.status, StatusCode::OK, "{}", more.body);
    assert!(more.body.contains("name=\"slot8_day\""), "three more rows");
    assert!(more.body.contains("id=\"slot5_from\" name=\"slot5_from\" type=\"time\" value=\"08:00\""), "what was typed is kept");
    let versions = app.api(Method::GET, &format!("/api/v1/families/{}/plan/versions", w.family), &w.token, None).await.json();
    assert_eq!(versions.as_array().unwrap().len(), 1, "an unchanged save makes no version, asking for rows saves nothing");
    let r = submit(&app, &path, &who, &form_fields(&more.body, &path), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let after = app.api(Method::GET, &format!("/api/v1/families/{}/plan", w.family), &w.token, None).await.json();
    assert_eq!(after["plan"]["goals"][0]["actions"][0]["slots"].as_array().unwrap().len(), 5, "Friday added");
}

on_both_apps!(a_person_survives_their_edit_form_unchanged);
async fn a_person_survives_their_edit_form_unchanged(app: TestApp) {
    let w = world(&app).await;
    let before = app.api(Method::GET, &format!("/api/v1/persons/{}", w.amal), &w.token, None).await.json();
    let who = app.login("anna").await;
    let path = format!("/personer/{}/rediger", w.amal);
    let page = app.get(&path, Some(&who)).await;
    assert_eq!(page.status, StatusCode::OK);
    let r = submit(&app, &path, &who, &form_fields(&page.body, &path), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let after = app.api(Method::GET, &format!("/api/v1/persons/{}", w.amal), &w.token, None).await.json();
    assert_eq!(after, before);
}

on_both_apps!(a_refused_case_event_keeps_what_was_typed);
async fn a_refused_case_event_keeps_what_was_typed(app: TestApp) {
    let w = world(&app).await;
    let who = app.login("anna").await;
    let path = format!("/personer/{}/haendelser", w.amal);
    let r = app.post_form(&path, &who, &[("kind", "contract_signed"), ("date", "31.02.2026"), ("note", "Underskrevet med tolk")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("Hændelsen blev ikke gemt"));
    assert!(r.body.contains("id=\"event-date-error\"") && r.body.contains("«31.02.2026» er ikke en dato"), "the reason at the field");
    assert!(r.body.contains("value=\"31.02.2026\"") && r.body.contains("value=\"Underskrevet med tolk\""), "what was typed is kept");
    assert!(r.body.contains("<option value=\"contract_signed\" selected>"));
    let events = app.store.events(&tenant(), w.amal).await.unwrap();
    assert!(events.iter().all(|e| e.kind != "contract_signed"), "nothing stored");
    // A Danish date is a date.
    let r = app.post_form(&path, &who, &[("kind", "contract_signed"), ("date", "05.05.26"), ("note", "Underskrevet med tolk")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let events = app.store.events(&tenant(), w.amal).await.unwrap();
    assert!(events.iter().any(|e| e.kind == "contract_signed" && e.day.to_string() == "2026-05-05"), "{events:?}");
}
