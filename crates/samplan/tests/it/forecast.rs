//! The capacity forecast through HTTP on both databases: the API's expected values equal
//! a case computed by hand from the records and the quota entered, and the band contains
//! them; the back-test uses only records dated before its first month (records dated
//! later are changed and added, and its forecast does not move while what happened
//! does); the capacity form keeps what was typed on bad input, writes nothing when
//! submitted unchanged and audits every change; shortages are marked where the need
//! exceeds the capacity; only managers and housing officers reach it; bad parameters are
//! problem+json naming the parameter; the CSV and XLSX carry the same numbers.
use crate::common;

use axum::http::{Method, StatusCode};
use common::app::{TestApp, form_fields};
use indicators::Month;
use samplan::domain::Role;
use samplan::store::Tenant;
use samplan::store::audit::AuditFilter;
use samplan::store::persons::PersonFields;
use serde_json::Value;

const CODE: &str = "0316";

fn tenant() -> Tenant {
    Tenant::trusted(CODE)
}

fn start() -> Month {
    Month::of(samplan::deadlines::today())
}

/// The first day of the month `n` months from the current one.
fn first_of(n: i64) -> String {
    start().plus_months(n).unwrap().first_day().to_string()
}

/// A day in the month `n` months from the current one.
fn day_in(n: i64, day: u32) -> String {
    format!("{}-{day:02}", start().plus_months(n).unwrap())
}

async fn person(app: &TestApp, key: &str, basis: &str, birth: &str, arrival: &str, family: Option<i64>) -> i64 {
    let fields = PersonFields {
        family_id: family,
        family_role: "adult".into(),
        given_name: "Test".into(),
        family_name: key.into(),
        birth_date: birth.into(),
        sex: "female".into(),
        languages: "ar".into(),
        nationality: "Syrien".into(),
        arrival_date: Some(arrival.into()),
        takeover_date: None,
        residence_basis: samplan::domain::ResidenceBasis::parse(basis).unwrap(),
    };
    app.store.create_person(&tenant(), &format!("enc-{key}"), &format!("hash-{key}"), &fields).await.unwrap()
}

async fn sql(app: &TestApp, q: &str) {
    app.store.execute_raw(q).await.unwrap_or_else(|e| panic!("{q}: {e}"));
}

async fn manager(app: &TestApp) -> String {
    let id = app.user("leder", Role::Manager, Some(CODE)).await;
    app.token(id).await
}

async fn forecast(app: &TestApp, token: &str, query: &str) -> Value {
    let r = app.api(Method::GET, &format!("/api/v1/forecast{query}"), token, None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r.json()
}

fn series<'a>(v: &'a Value, key: &str) -> &'a Vec<Value> {
    v["series"].as_array().unwrap().iter().find(|s| s["key"] == key).unwrap()["points"].as_array().unwrap()
}

fn f(v: &Value) -> f64 {
    v.as_f64().unwrap()
}

/// 20 single adult refugees who arrived 14–25 months ago (in earlier calendar years than
/// the current month), 10 of them referred to DU2 before the current month.
async fn history(app: &TestApp) {
    for i in 0..20 {
        let id = person(app, &format!("H{i}"), "refugee", "1990-05-05", &day_in(-14 - (i % 12), 10), None).await;
        if i % 2 == 0 {
            sql(app, &format!(
                "INSERT INTO du_course (municipality_code, person_id, learner, referred_on, language_centre, track, module, hours_per_week, created_by, created_at)
                 VALUES ('{CODE}', {id}, 'I', '{}', 'Sprogcenter', 'du2', 1, 15, 'test', '2026-01-01T00:00:00Z')",
                day_in(-13 + (i % 3) - 1, 1)
            ))
            .await;
        }
    }
}

async fn enter_quota(app: &TestApp, year: i32, persons: i64) {
    app.store.save_forecast_inputs(&tenant(), &[], &[(i64::from(year), Some(persons))], "test").await.unwrap();
}

async fn the_forecast_equals_a_hand_computed_case_and_the_band_contains_it(app: TestApp) {
    let token = manager(&app).await;
    history(&app).await;
    let m0 = start().month() as i64;
    // 12 a month for the rest of this year (uniform profile: 20 arrivals are too few for
    // the municipality's own), 2 a month next year.
    enter_quota(&app, start().year(), 12 * (13 - m0)).await;
    enter_quota(&app, start().year() + 1, 24).await;
    let v = forecast(&app, &token, "?months=12").await;
    assert_eq!(v["months"].as_array().unwrap().len(), 12);
    assert_eq!(v["first_month"], start().to_string());
    assert_eq!(v["du_lag_months"], 1, "the rule set's start deadline: 1 month after takeover");
    let course = f(&v["du_course_months"][1]) as usize;
    assert!(course >= 12);
    // The mix by hand: households of one adult (own: 20 households), half referred to DU2
    // (own: 20 adults); the profile is uniform (fallback: 20 < 24 arrivals).
    assert_eq!(f(&v["mix"]["mean_household_size"]), 1.0);
    assert_eq!(f(&v["mix"]["du_uptake"]), 0.5);
    assert_eq!(v["mix"]["du_tracks"], serde_json::json!([0.0, 1.0, 0.0]));
    let persons_by_hand: Vec<f64> = (0..12).map(|i| if m0 + i <= 12 { 12.0 } else { 2.0 }).collect();
    let mut units = 0.0;
    for (i, want) in persons_by_hand.iter().enumerate() {
        units += want;
        // Each arrival one adult: one household, one 1-room unit; half a DU2 seat from
        // the next month on (the course lasts longer than the forecast).
        let du2: f64 = persons_by_hand[..i].iter().map(|p| p * 0.5).sum();
        let got = |key: &str| f(&series(&v, key)[i]["expected"]);
        assert!((got("persons") - want).abs() < 1e-9, "month {i}: {} ≠ {want}", got("persons"));
        assert!((got("households") - want).abs() < 1e-9);
        assert!((got("units_1") - units).abs() < 1e-9, "month {i}: units {} ≠ {units}", got("units_1"));
        assert!((got("du2") - du2).abs() < 1e-9, "month {i}: DU2 {} ≠ {du2}", got("du2"));
        for key in ["units_2", "du1", "du3", "daycare_0_2", "school_6_9", "reception"] {
            assert_eq!(got(key), 0.0, "{key}");
        }
    }
    // The band contains the expected value in every series and month.
    for s in v["series"].as_array().unwrap() {
        for p in s["points"].as_array().unwrap() {
            assert!(f(&p["low"]) <= f(&p["expected"]) + 1e-9 && f(&p["expected"]) <= f(&p["high"]) + 1e-9, "{}: {p}", s["key"]);
        }
    }
    // "What if": twice the quota doubles the arrivals; households of 2 halve the households.
    let w = forecast(&app, &token, &format!("?quota={}&household_size=2", 24 * (13 - m0))).await;
    assert!((f(&series(&w, "persons")[0]["expected"]) - 24.0).abs() < 1e-9);
    assert!((f(&series(&w, "households")[0]["expected"]) - 12.0).abs() < 1e-4);
    assert_eq!(w["quota"][0]["source"], "what_if");
    let children = forecast(&app, &token, "?children_share=50").await;
    assert!(f(&series(&children, "daycare_0_2")[11]["expected"]) > 0.0);
}
on_both_apps!(the_forecast_equals_a_hand_computed_case_and_the_band_contains_it);

fn backtest_forecast(v: &Value) -> Vec<(f64, f64, f64, f64)> {
    v["backtest"]["months"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (f(&m["persons"]["expected"]), f(&m["persons"]["low"]), f(&m["persons"]["high"]), f(&m["households"]["expected"])))
        .collect()
}

async fn the_backtest_uses_only_records_dated_before_its_start(app: TestApp) {
    let token = manager(&app).await;
    // Before the back-test's first month (12 months ago): 30 refugees in families of
    // three (two adults, a child of 4), one family-reunified child, a DU course and a
    // reception-class period; after it: more arrivals.
    for k in 0..10 {
        sql(
            &app,
            &format!(
                "INSERT INTO family (id, municipality_code, name, created_at, updated_at) VALUES ({}, '{CODE}', 'F{k}', '2026-01-01', '2026-01-01')",
                100 + k
            ),
        )
        .await;
        let arrival = day_in(-13 - k % 12, 3);
        for (j, birth) in ["1985-01-01", "1987-02-02", &day_in(-13 - k % 12 - 48, 1)].iter().enumerate() {
            let id = person(&app, &format!("B{k}-{j}"), "refugee", birth, &arrival, Some(100 + k)).await;
            if j == 0 {
                sql(&app, &format!(
                    "INSERT INTO du_course (municipality_code, person_id, learner, referred_on, language_centre, track, module, hours_per_week, created_by, created_at)
                     VALUES ('{CODE}', {id}, 'I', '{}', 'Sprogcenter', 'du3', 1, 15, 'test', '2026-01-01T00:00:00Z')", first_of(-13)
                )).await;
            }
        }
    }
    for k in 0..8 {
        person(&app, &format!("A{k}"), "refugee", "1992-03-03", &day_in(-6 + (k % 5), 12), None).await;
    }
    let before = forecast(&app, &token, "").await;
    assert_eq!(before["backtest"]["first_month"], start().plus_months(-12).unwrap().to_string());
    assert_eq!(before["backtest"]["quota"][0]["source"], "recent_arrivals");
    assert_eq!(f(&before["backtest"]["persons_actual"]), 8.0);

    // Records dated on or after the back-test's first month: new arrivals, a later
    // change of an earlier person's family, DU courses and reception periods begun
    // after it, a family reunification after it, capacity and a quota for this year.
    let late = person(&app, "L1", "refugee", "2019-06-06", &first_of(-12), None).await;
    person(&app, "L2", "family_reunified_to_refugee", "2015-06-06", &day_in(-3, 15), Some(100)).await;
    sql(&app, &format!("UPDATE person SET family_id = 101 WHERE id = {late}")).await;
    let earlier: i64 = app.store.scalar_raw("SELECT MIN(id) FROM person WHERE family_name = 'B1-1'").await.unwrap();
    sql(
        &app,
        &format!(
            "INSERT INTO du_course (municipality_code, person_id, learner, referred_on, language_centre, track, module, hours_per_week, created_by, created_at)
         VALUES ('{CODE}', {earlier}, 'I', '{}', 'Sprogcenter', 'du1', 1, 15, 'test', '2026-01-01T00:00:00Z')",
            first_of(-12)
        ),
    )
    .await;
    let child: i64 = app.store.scalar_raw("SELECT MIN(id) FROM person WHERE family_name = 'B2-2'").await.unwrap();
    sql(&app, &format!("INSERT INTO childcare_period (municipality_code, person_id, kind, from_day, created_at) VALUES ('{CODE}', {child}, 'reception_class', '{}', '2026-01-01T00:00:00Z')", first_of(-11))).await;
    app.store.save_forecast_inputs(&tenant(), &[(start().to_string(), "units_1".into(), Some(4))], &[], "test").await.unwrap();
    let after = forecast(&app, &token, "").await;
    assert_eq!(backtest_forecast(&after), backtest_forecast(&before), "the back-test's forecast moved with records dated after its start");
    assert_eq!(f(&after["backtest"]["persons_actual"]), 10.0, "what happened does count the later arrivals");
    assert_ne!(series(&after, "persons")[0]["expected"], series(&before, "persons")[0]["expected"], "the forecast itself reads them");

    // This year's quota is dated by its statutory deadline, 30 September last year: the
    // back-test uses it only when it starts in October or later.
    enter_quota(&app, start().year(), 500).await;
    let with_quota = forecast(&app, &token, "").await;
    let known = start().month() >= 10;
    assert_eq!(
        backtest_forecast(&with_quota) != backtest_forecast(&before),
        known,
        "quota of {} known on {}: {known}",
        start().year(),
        before["backtest"]["first_month"]
    );

    // Records dated before the back-test's start do move it (ten more households make
    // the household sizes its own): the test can fail.
    for k in 0..10 {
        person(&app, &format!("E{k}"), "refugee", "1980-01-01", &day_in(-14 - k % 6, 20), None).await;
    }
    let earlier_added = forecast(&app, &token, "").await;
    assert_ne!(backtest_forecast(&earlier_added), backtest_forecast(&before));
}
on_both_apps!(the_backtest_uses_only_records_dated_before_its_start);

async fn the_capacity_form_keeps_what_was_typed_writes_nothing_unchanged_and_audits(app: TestApp) {
    let token = manager(&app).await;
    let browser = app.login("leder").await;
    enter_quota(&app, start().year(), 40).await;
    let page = app.get("/prognose/kapacitet", Some(&browser)).await;
    assert_eq!(page.status, StatusCode::OK);
    let m0 = start().to_string();
    let m1 = start().plus_months(1).unwrap().to_string();
    let cell = |key: &str, m: &str| format!("c_{key}_{m}");
    // A bad value is shown again as typed, with the reason at the field; nothing is stored.
    let mut fields = form_fields(&page.body, "/prognose/kapacitet");
    let set = |fields: &mut Vec<(String, String)>, name: &str, v: &str| {
        fields.iter_mut().find(|(k, _)| k == name).unwrap_or_else(|| panic!("no field {name}")).1 = v.into();
    };
    set(&mut fields, &cell("units_1", &m0), "1");
    set(&mut fields, &cell("units_2", &m1), "tre");
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let bad = app.post_form("/prognose/kapacitet", &browser, &pairs).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains(&format!("id=\"{}\" name=\"{}\" value=\"tre\"", cell("units_2", &m1), cell("units_2", &m1))), "typed value kept");
    assert!(bad.body.contains(&format!("id=\"{}-error\">«tre» – skriv et helt antal pladser", cell("units_2", &m1))));
    assert!(bad.body.contains(&format!("name=\"{}\" value=\"1\"", cell("units_1", &m0))));
    assert_eq!(app.store.forecast_capacity(&tenant(), &m0, &m1).await.unwrap().len(), 0);

    // A good value is stored and audited.
    set(&mut fields, &cell("units_2", &m1), "3");
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let audits = |app: &TestApp| {
        let store = app.store.clone();
        async move { store.audit_log(&tenant(), &AuditFilter { entity: Some("forecast_capacity".into()), ..Default::default() }, 100).await.unwrap().len() }
    };
    let ok = app.post_form("/prognose/kapacitet", &browser, &pairs).await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    assert_eq!(ok.location(), "/prognose/kapacitet?gemt=2");
    assert_eq!(app.store.forecast_capacity(&tenant(), &m0, &m1).await.unwrap().len(), 2);
    assert_eq!(audits(&app).await, 1);

    // Submitted unchanged: nothing written, nothing audited.
    let again = app.get("/prognose/kapacitet", Some(&browser)).await;
    let unchanged = form_fields(&again.body, "/prognose/kapacitet");
    sql(&app, "UPDATE forecast_capacity SET updated_at = '1999-01-01T00:00:00Z'").await;
    let pairs: Vec<(&str, &str)> = unchanged.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let same = app.post_form("/prognose/kapacitet", &browser, &pairs).await;
    assert_eq!(same.location(), "/prognose/kapacitet?gemt=0");
    assert_eq!(audits(&app).await, 1);
    assert_eq!(app.store.scalar_raw("SELECT COUNT(*) FROM forecast_capacity WHERE updated_at <> '1999-01-01T00:00:00Z'").await.unwrap(), 0);

    // The forecast sums capacity from the first month and marks shortages: one 1-room
    // unit cannot house the expected single refugees of the first month.
    let v = forecast(&app, &token, "").await;
    let units_1 = series(&v, "units_1");
    assert_eq!(f(&units_1[0]["capacity"]), 1.0);
    assert_eq!(f(&units_1[1]["capacity"]), 1.0);
    let e = f(&units_1[0]["expected"]);
    assert_eq!(
        units_1[0]["status"],
        if e > 1.0 {
            "shortage"
        } else if f(&units_1[0]["high"]) > 1.0 {
            "risk"
        } else {
            "enough"
        }
    );
    assert_eq!(f(&series(&v, "units_2")[1]["capacity"]), 3.0);
    assert!(series(&v, "units_3")[0]["capacity"].is_null());
    assert_eq!(series(&v, "units_3")[0]["status"], "no_capacity");
    let shortages: Vec<String> = v["shortage_months"].as_array().unwrap().iter().map(|m| m.as_str().unwrap().to_string()).collect();
    let months_short = v["months"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
        .filter(|(i, _)| v["series"].as_array().unwrap().iter().any(|s| s["points"][*i]["status"] == "shortage"))
        .count();
    assert_eq!(shortages.len(), months_short);
    // The page shows it, with a chart per series and the table beside it.
    let page = app.get("/prognose", Some(&browser)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("role=\"img\"") && page.body.contains("class=\"kapacitet\""));
    assert!(page.body.contains("Tilbageblik"));
}
on_both_apps!(the_capacity_form_keeps_what_was_typed_writes_nothing_unchanged_and_audits);

async fn only_managers_and_housing_officers_reach_the_forecast(app: TestApp) {
    for (i, role) in Role::ALL.iter().enumerate() {
        if *role == Role::Citizen {
            continue;
        }
        let municipality = if role.is_national() { None } else { Some(CODE) };
        let login = format!("user{i}");
        let id = app.user(&login, *role, municipality).await;
        let token = app.token(id).await;
        let allowed = matches!(role, Role::Manager | Role::HousingOfficer);
        let api = app.api(Method::GET, "/api/v1/forecast", &token, None).await;
        assert_eq!(api.status, if allowed { StatusCode::OK } else { StatusCode::FORBIDDEN }, "{role:?}");
        let browser = app.login(&login).await;
        for path in ["/prognose", "/prognose/kapacitet", "/prognose/eksport?format=csv"] {
            let r = app.get(path, Some(&browser)).await;
            assert_eq!(r.status, if allowed { StatusCode::OK } else { StatusCode::FORBIDDEN }, "{role:?} {path}");
        }
        let home = app.get("/", Some(&browser)).await;
        assert_eq!(home.body.contains("href=\"/prognose\""), allowed, "{role:?}: navigation");
        let post = app.post_form("/prognose/kapacitet", &browser, &[("quota_2030", "1")]).await;
        if !allowed {
            assert_eq!(post.status, StatusCode::FORBIDDEN);
        }
    }
    assert_eq!(app.store.forecast_quotas(&tenant()).await.unwrap().len(), 0, "nobody else wrote a quota");
}
on_both_apps!(only_managers_and_housing_officers_reach_the_forecast);

async fn bad_parameters_are_problems_naming_the_parameter_and_the_exports_match(app: TestApp) {
    let token = manager(&app).await;
    history(&app).await;
    for (query, field) in [
        ("months=0", "months"),
        ("months=abc", "months"),
        ("months=25", "months"),
        ("quota=-3", "quota"),
        ("household_size=9", "household_size"),
        ("children_share=101", "children_share"),
    ] {
        let r = app.api(Method::GET, &format!("/api/v1/forecast?{query}"), &token, None).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{query}");
        assert_eq!(r.headers["content-type"], "application/problem+json", "{query}");
        assert_eq!(r.json()["errors"][0]["field"], field, "{query}: {}", r.body);
    }
    let v = forecast(&app, &token, "?months=3").await;
    assert_eq!(v["months"].as_array().unwrap().len(), 3);
    let browser = app.login("leder").await;
    let page = app.get("/prognose?months=99", Some(&browser)).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("id=\"months-error\">«99» – skriv et helt antal måneder fra 1 til 24"));
    assert!(page.body.contains("name=\"months\" value=\"99\""));
    let csv = app.get("/prognose/eksport?format=csv&months=3", Some(&browser)).await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.headers["content-type"].to_str().unwrap().starts_with("text/csv"));
    let text = csv.body.trim_start_matches('\u{feff}');
    assert!(text.contains("Serie;Navn;Måned;Forventet;10 %;90 %;Kapacitet i alt;Status"));
    let expected = f(&series(&v, "persons")[0]["expected"]);
    let shown = format!("{}", (expected * 10.0).round() / 10.0).replace('.', ",");
    assert!(text.contains(&format!("persons;Personer, der ankommer;{};{shown};", v["months"][0].as_str().unwrap())), "{text}");
    let xlsx = app.get("/prognose/eksport?format=xlsx", Some(&browser)).await;
    assert_eq!(xlsx.status, StatusCode::OK);
    assert_eq!(&xlsx.bytes[..2], b"PK");
    assert_eq!(app.get("/prognose/eksport?format=pdf", Some(&browser)).await.status, StatusCode::UNPROCESSABLE_ENTITY);
    // The OpenAPI document describes the route, its parameters and its problems.
    let doc: Value = app.get("/api/openapi.json", None).await.json();
    let op = &doc["paths"]["/api/v1/forecast"]["get"];
    let params: Vec<&str> = op["parameters"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
    for p in ["months", "quota", "household_size", "children_share"] {
        assert!(params.contains(&p), "{params:?}");
    }
    for status in ["200", "401", "403", "422"] {
        assert!(op["responses"][status].is_object(), "{status}");
    }
    assert!(op["responses"]["422"]["content"]["application/problem+json"].is_object());
}
on_both_apps!(bad_parameters_are_problems_naming_the_parameter_and_the_exports_match);
