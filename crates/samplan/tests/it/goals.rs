//! Local goals and partnerships through HTTP on both databases: the suppression rule
//! holds in the API (no shown cell about 1–4 persons, no hidden count recoverable from
//! what is shown, checked exactly and line by line), the exports carry the same marks,
//! tenancy (members only, the national secretariat alone sees all municipalities, no
//! person data anywhere), goals set by managers only with field errors, and auditing.
use crate::common;

use axum::http::{Method, StatusCode};
use common::app::TestApp;
use indicators::{Cell, Table};
use samplan::domain::Role;
use samplan::store::Tenant;
use samplan::store::audit::AuditFilter;
use samplan::store::persons::PersonFields;
use serde_json::{Value, json};
use std::collections::BTreeSet;

const MONTH: &str = "2026-06";

/// Persons per municipality: (code, women, active women, men, active men).
const POPULATION: &[(&str, u64, u64, u64, u64)] = &[("0316", 15, 8, 15, 6), ("0101", 3, 1, 9, 5), ("0461", 10, 5, 10, 0)];

async fn person(app: &TestApp, code: &str, serial: u64, female: bool) -> i64 {
    let fields = PersonFields {
        family_id: None,
        family_role: "adult".into(),
        given_name: "Test".into(),
        family_name: format!("Person {serial}"),
        birth_date: "1990-03-01".into(),
        sex: if female { "female" } else { "male" }.into(),
        languages: "ar".into(),
        nationality: "Syrien".into(),
        arrival_date: Some("2025-01-01".into()),
        takeover_date: Some("2025-01-15".into()),
        residence_basis: samplan::domain::ResidenceBasis::Refugee,
    };
    app.store.create_person(&Tenant::trusted(code), &format!("enc-{code}-{serial}"), &format!("hash-{code}-{serial}"), &fields).await.unwrap()
}

struct Fixture {
    manager: String,
    caseworker: String,
    outsider: String,
    secretariat: String,
    partnership: i64,
}

async fn fixture(app: &TestApp) -> Fixture {
    let manager = app.user("leder", Role::Manager, Some("0316")).await;
    let caseworker = app.user("sagsbehandler", Role::Caseworker, Some("0316")).await;
    let outsider = app.user("aarhus", Role::Manager, Some("0751")).await;
    let secretariat = app.user("sekretariat", Role::NationalSecretariat, None).await;
    let mut serial = 0;
    for (code, women, active_women, men, active_men) in POPULATION {
        app.user(&format!("leder{code}"), Role::Manager, Some(code)).await;
        for (n, active, female) in [(*women, *active_women, true), (*men, *active_men, false)] {
            for i in 0..n {
                serial += 1;
                let id = person(app, code, serial, female).await;
                if i < active {
                    assert!(
                        app.store
                            .add_statuses(&Tenant::trusted(*code), &[(id, "association", calendar::Date::parse("2025-06-01").unwrap(), None)])
                            .await
                            .unwrap()
                    );
                }
            }
        }
    }
    let partnership = app.store.create_partnership("Testpartnerskab", "").await.unwrap();
    for (code, ..) in POPULATION {
        app.store.join_partnership(partnership, &Tenant::trusted(*code), calendar::Date::parse("2025-01-01").unwrap()).await.unwrap();
    }
    Fixture {
        manager: app.token(manager).await,
        caseworker: app.token(caseworker).await,
        outsider: app.token(outsider).await,
        secretariat: app.token(secretariat).await,
        partnership,
    }
}

fn count(v: &Value) -> Option<u64> {
    v.as_u64()
}

/// The true sex table of the fixture, in the API's row order (municipality code).
fn true_sex_table() -> Table {
    let mut rows: Vec<_> = POPULATION.to_vec();
    rows.sort_by_key(|r| r.0);
    let cell = |d: u64, n: u64| Cell { denominator: d, numerator: n, days_total: 0 };
    Table::new(
        rows.iter().map(|r| r.0.to_string()).collect(),
        vec!["female".into(), "male".into()],
        rows.iter().map(|r| vec![cell(r.1, r.2), cell(r.3, r.4)]).collect(),
    )
}

/// Checks one published breakdown: shown cells are never about 1–4 persons, and no
/// row or column (totals included) has exactly one hidden cell.
fn check_breakdown(b: &Value) -> BTreeSet<(usize, usize)> {
    let rows = b["rows"].as_array().unwrap();
    let n = b["columns"].as_array().unwrap().len();
    let mut grid: Vec<Vec<&Value>> = rows.iter().map(|r| r["cells"].as_array().unwrap().iter().chain([&r["total"]]).collect()).collect();
    grid.push(b["column_totals"].as_array().unwrap().iter().chain([&b["total"]]).collect());
    let mut hidden = BTreeSet::new();
    for (i, row) in grid.iter().enumerate() {
        assert_eq!(row.len(), n + 1);
        for (j, c) in row.iter().enumerate() {
            if c["mark"] == "shown" {
                for key in ["denominator", "numerator"] {
                    let v = count(&c[key]).unwrap_or_else(|| panic!("a shown cell has its {key}: {c}"));
                    assert!(v == 0 || v >= 5, "a shown cell about {v} persons: {c}");
                }
            } else {
                assert!(c["denominator"].is_null() && c["numerator"].is_null() && c["value"].is_null(), "a hidden cell shows nothing: {c}");
                assert_eq!(c["text"], "skjult");
                hidden.insert((i, j));
            }
        }
    }
    for i in 0..grid.len() {
        assert_ne!((0..=n).filter(|j| hidden.contains(&(i, *j))).count(), 1, "row {i} has a single hidden cell");
    }
    for j in 0..=n {
        assert_ne!((0..grid.len()).filter(|i| hidden.contains(&(*i, j))).count(), 1, "column {j} has a single hidden cell");
    }
    hidden
}

async fn suppression_holds_through_the_api(app: TestApp) {
    let f = fixture(&app).await;
    let path = format!("/api/v1/indicators/association_active/comparison?month={MONTH}");
    let reply = app.api(Method::GET, &path, &f.manager, None).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let body = reply.json();
    assert_eq!(body["month"], MONTH);
    let breakdowns = body["breakdowns"].as_array().unwrap();
    assert_eq!(breakdowns.iter().map(|b| b["key"].as_str().unwrap()).collect::<Vec<_>>(), ["sex", "age", "residence_basis"]);
    let codes: Vec<&str> = breakdowns[0]["rows"].as_array().unwrap().iter().map(|r| r["municipality"].as_str().unwrap()).collect();
    assert_eq!(codes, ["0101", "0316", "0461"], "rows in code order, never by result");
    let mut hidden_per_breakdown = Vec::new();
    for b in breakdowns {
        hidden_per_breakdown.push(check_breakdown(b));
    }
    // The exact check: given the true table, nothing hidden can be worked out.
    let table = true_sex_table();
    let hidden = &hidden_per_breakdown[0];
    assert!(hidden.contains(&(0, 0)), "København's 3 women are hidden");
    assert!(indicators::exposed(&table, hidden).is_empty(), "a hidden count is recoverable: {hidden:?}");
    // Shown cells are the true counts.
    for (i, j) in table.positions() {
        let cell = if i < 3 {
            let r = &breakdowns[0]["rows"][i];
            if j < 2 { r["cells"][j].clone() } else { r["total"].clone() }
        } else if j < 2 {
            breakdowns[0]["column_totals"][j].clone()
        } else {
            breakdowns[0]["total"].clone()
        };
        if cell["mark"] == "shown" {
            assert_eq!((count(&cell["denominator"]), count(&cell["numerator"])), (Some(table.at((i, j)).denominator), Some(table.at((i, j)).numerator)));
        }
    }
    // Row totals are hidden alike in every breakdown (suppressed together).
    for (i, _) in codes.iter().enumerate() {
        let marks: BTreeSet<bool> = breakdowns.iter().map(|b| b["rows"][i]["total"]["mark"] == "shown").collect();
        assert_eq!(marks.len(), 1, "row {i}'s total is shown in one breakdown and hidden in another");
    }
    // Expected versus actual gives no numbers for a municipality whose total is hidden.
    for (i, e) in body["expected"].as_array().unwrap().iter().enumerate() {
        if breakdowns[0]["rows"][i]["total"]["mark"] != "shown" {
            assert_eq!(e["shown"], false);
            assert!(e["actual"].is_null() && e["expected"].is_null());
        }
    }

    // The CSV export carries the same marks: København's women are `skjult` there too.
    let browser = app.login("leder").await;
    let csv = app.get(&format!("/maal/partnerskab/eksport?indikator=association_active&maaned={MONTH}&format=csv"), Some(&browser)).await;
    assert_eq!(csv.status, StatusCode::OK);
    for r in breakdowns[0]["rows"].as_array().unwrap() {
        for (label, c) in ["Kvinde", "Mand"].iter().zip(r["cells"].as_array().unwrap()) {
            let prefix = format!("{MONTH};{};{};{label};", r["municipality"].as_str().unwrap(), r["name"].as_str().unwrap());
            let line = csv.body.lines().find(|l| l.starts_with(&prefix)).unwrap_or_else(|| panic!("a line {prefix}"));
            let expected = if c["mark"] == "shown" { format!(";{};{}", c["numerator"], c["denominator"]) } else { "skjult;skjult;skjult".into() };
            assert!(line.ends_with(&expected), "{line} should end with {expected}");
        }
    }
    assert!(csv.body.contains(&format!("{MONTH};0101;København;Kvinde;skjult;skjult;skjult")));
    let xlsx = app.get(&format!("/maal/partnerskab/eksport?indikator=association_active&maaned={MONTH}&format=xlsx"), Some(&browser)).await;
    assert_eq!(xlsx.status, StatusCode::OK);
    assert!(xlsx.headers["content-type"].to_str().unwrap().contains("spreadsheetml"));
    let page = app.get(&format!("/maal/partnerskab?indikator=association_active&maaned={MONTH}"), Some(&browser)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("skjult") && page.body.contains("Forventet og faktisk"));
    // The reader's own municipality stands out; each value says how many persons it rests on.
    assert!(
        page.body.contains("<tr class=\"app-own\"><th scope=\"row\"><strong>Holbæk</strong> (jeres kommune)")
            || page.body.contains("<strong>Holbæk</strong> <span class=\"app-own-tag\">(jeres kommune)</span>"),
        "{}",
        page.body
    );
    assert_eq!(page.body.matches("(jeres kommune)").count(), 3, "one own row per breakdown");
    assert!(page.body.contains("<small class=\"app-n\">30 personer</small>"), "Holbæk's 30 persons: {}", page.body);
    // A period of three months pools the counts (person-months) under one suppression.
    let pooled = app.get(&format!("/maal/partnerskab?indikator=association_active&maaned={MONTH}&maaneder=3"), Some(&browser)).await;
    assert_eq!(pooled.status, StatusCode::OK, "{}", pooled.body);
    assert!(pooled.body.contains("apr. 2026–jun. 2026") && pooled.body.contains("<small class=\"app-n\">90 personer</small>"), "{}", pooled.body);
    assert!(pooled.body.contains("<option value=\"3\" selected>"), "the period is shown as chosen");
    let api = app.api(Method::GET, &format!("/api/v1/indicators/association_active/comparison?month={MONTH}"), &f.manager, None).await.json();
    assert_eq!((api["months"].as_i64(), api["period"].as_str()), (Some(1), Some("jun. 2026")));
    let bad = app.get(&format!("/maal/partnerskab?indikator=association_active&maaned={MONTH}&maaneder=2"), Some(&browser)).await;
    assert_ne!(bad.status, StatusCode::OK);
    assert!(bad.body.contains("vælg 1, 3, 6 eller 12 måneder"), "{}", bad.body);
    // The goals page: each latest value with its persons.
    let goals = app.get("/maal", Some(&browser)).await;
    assert!(goals.body.contains(" personer)</dd>") || goals.body.contains(" personer) <strong class=\"app-flag\">forældet</strong>"), "{}", goals.body);

    // Each view is audited as an aggregate read.
    let audit = app.store.audit_log(&Tenant::trusted("0316"), &AuditFilter { entity: Some("indicators".into()), ..Default::default() }, 50).await.unwrap();
    assert!(audit.iter().any(|a| a.detail.contains("association_active") && a.detail.contains(MONTH)), "{audit:?}");
    let _ = f.partnership;
}

#[tokio::test]
async fn suppression_holds_through_the_api_sqlite() {
    suppression_holds_through_the_api(TestApp::sqlite().await).await;
}

#[tokio::test]
async fn suppression_holds_through_the_api_postgres() {
    if let Some(app) = TestApp::postgres().await {
        suppression_holds_through_the_api(app).await;
    }
}

async fn tenancy_and_roles(app: TestApp) {
    let f = fixture(&app).await;
    let path = format!("/api/v1/indicators/association_active/comparison?month={MONTH}");
    // Not a member: no partnership to see, and no partnerships listed.
    let r = app.api(Method::GET, &path, &f.outsider, None).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
    assert_eq!(app.api(Method::GET, "/api/v1/partnerships", &f.outsider, None).await.json(), json!([]));
    let r = app.api(Method::GET, &format!("{path}&partnership={}", f.partnership), &f.outsider, None).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    // A member may not ask for all municipalities; the national secretariat may.
    assert_eq!(app.api(Method::GET, &format!("{path}&all=true"), &f.manager, None).await.status, StatusCode::FORBIDDEN);
    let all = app.api(Method::GET, &format!("{path}&all=true"), &f.secretariat, None).await;
    assert_eq!(all.status, StatusCode::OK, "{}", all.body);
    assert_eq!(all.json()["breakdowns"][0]["rows"].as_array().unwrap().len(), 3);
    for reply in [&all, &app.api(Method::GET, &path, &f.manager, None).await] {
        for word in ["given_name", "family_name", "cpr", "Person 1", "person_id"] {
            assert!(!reply.body.contains(word), "no person data in a comparison: {word}");
        }
    }
    let own = app.store.municipality_facts(&Tenant::trusted("0316")).await.unwrap().persons[0].id;
    let spell = [(own, "work", calendar::Date::parse("2026-01-01").unwrap(), None)];
    assert!(!app.store.add_statuses(&Tenant::trusted("0101"), &spell).await.unwrap(), "a spell for another municipality's person is refused");
    assert!(app.store.municipality_facts(&Tenant::trusted("0101")).await.unwrap().statuses.iter().all(|s| s.kind != "work"));
    let listed = app.api(Method::GET, "/api/v1/partnerships", &f.manager, None).await.json();
    assert_eq!(listed[0]["members"].as_array().unwrap().len(), 3);
    // A member that left no longer sees the partnership.
    assert!(app.store.leave_partnership(f.partnership, &Tenant::trusted("0461"), calendar::Date::parse("2026-01-01").unwrap()).await.unwrap());
    let token_0461 = app.token(app.store.user_by_login("leder0461").await.unwrap().unwrap().id).await;
    assert_eq!(app.api(Method::GET, &path, &token_0461, None).await.status, StatusCode::NOT_FOUND);
    let rows = app.api(Method::GET, &path, &f.manager, None).await.json()["breakdowns"][0]["rows"].as_array().unwrap().len();
    assert_eq!(rows, 2, "rows are the members in the month");

    // Goals: managers only; field errors; another municipality does not see them.
    let goal = json!({"baseline_month": "2026-01", "baseline": 40.0, "target": 55.0, "target_date": "2027-12-31", "reasoning": "Flere i foreninger"});
    let r = app.api(Method::PUT, "/api/v1/goals/association_active", &f.caseworker, Some(goal.clone())).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = app.api(Method::PUT, "/api/v1/goals/association_active", &f.manager, Some(goal.clone())).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let bad = json!({"baseline_month": "2026-01", "baseline": 40.0, "target": 30.0, "target_date": "2027-12-31", "reasoning": "x"});
    let r = app.api(Method::PUT, "/api/v1/goals/association_active", &f.manager, Some(bad)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json()["errors"][0]["field"], "target");
    // A path naming an indicator that does not exist is not found, as any `{…}` path (decision 150).
    let r = app.api(Method::PUT, "/api/v1/goals/no_such", &f.manager, Some(goal)).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
    let r = app.api(Method::GET, "/api/v1/indicators/no_such/comparison", &f.manager, None).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
    let mine = app.api(Method::GET, "/api/v1/goals", &f.manager, None).await.json();
    assert_eq!(mine[0]["goal"]["target"], 55.0);
    assert_eq!(mine[0]["indicator"]["id"], "association_active");
    let theirs = app.api(Method::GET, "/api/v1/goals", &f.outsider, None).await.json();
    assert!(theirs.as_array().unwrap().iter().all(|v| v["goal"].is_null()));
    let audit = app.store.audit_log(&Tenant::trusted("0316"), &AuditFilter { entity: Some("local_goal".into()), ..Default::default() }, 10).await.unwrap();
    assert_eq!(audit.len(), 1, "one saved goal, one audit event");
}

#[tokio::test]
async fn tenancy_and_roles_sqlite() {
    tenancy_and_roles(TestApp::sqlite().await).await;
}

#[tokio::test]
async fn tenancy_and_roles_postgres() {
    if let Some(app) = TestApp::postgres().await {
        tenancy_and_roles(app).await;
    }
}

#[tokio::test]
async fn pages_for_managers_and_the_secretariat() {
    let app = TestApp::sqlite().await;
    let f = fixture(&app).await;
    let leader = app.login("leder").await;
    let page = app.get("/maal", Some(&leader)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<svg") && page.body.contains("Sæt eller ret et lokalt mål"));
    let bad = app
        .post_form(
            "/maal",
            &leader,
            &[
                ("indicator_id", "association_active"),
                ("baseline_month", "2026-13"),
                ("baseline", "40"),
                ("target", "50"),
                ("target_date", "2027-12-31"),
                ("reasoning", "x"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("baseline_month"));
    assert!(app.store.goals(&Tenant::trusted("0316")).await.unwrap().is_empty(), "nothing stored on error");
    let ok = app
        .post_form(
            "/maal",
            &leader,
            &[
                ("indicator_id", "association_active"),
                ("baseline_month", "2026-01"),
                ("baseline", "40,5"),
                ("target", "50"),
                ("target_date", "2027-12-31"),
                ("reasoning", "Fællesskaber"),
            ],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    assert_eq!(app.store.goals(&Tenant::trusted("0316")).await.unwrap()[0].baseline, 40.5);
    let shown = app.get("/maal?indikator=association_active", Some(&leader)).await.body;
    assert!(shown.contains("50 inden 31.12.2027 (udgangspunkt 40,5 i januar 2026)"), "the goal in Danish form: {shown}");
    assert!(!shown.contains("inden 2027-12-31"), "{shown}");
    assert!(shown.contains("id=\"target_date\" name=\"target_date\" value=\"31.12.2027\""), "the form is filled in the Danish way: {shown}");
    let export = app.get("/maal/eksport?format=csv", Some(&leader)).await;
    assert!(export.body.contains("2027-12-31"), "the export keeps ISO: {}", export.body);
    let export = app.get("/maal/eksport?format=csv", Some(&leader)).await;
    assert!(export.body.contains("association_active") && export.body.contains("Fællesskaber"));
    assert_eq!(app.get("/maal/eksport?format=pdf", Some(&leader)).await.status, StatusCode::UNPROCESSABLE_ENTITY);
    // A caseworker sees the goals but cannot set one.
    let caseworker = app.login("sagsbehandler").await;
    assert!(!app.get("/maal", Some(&caseworker)).await.body.contains("Sæt eller ret et lokalt mål"));
    let r = app
        .post_form(
            "/maal",
            &caseworker,
            &[
                ("indicator_id", "association_active"),
                ("baseline_month", "2026-01"),
                ("baseline", "1"),
                ("target", "2"),
                ("target_date", "2027-12-31"),
                ("reasoning", "x"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    // The secretariat page is the secretariat's alone.
    assert_eq!(app.get("/sekretariat", Some(&leader)).await.status, StatusCode::FORBIDDEN);
    let secretariat = app.login("sekretariat").await;
    let page = app.get("/sekretariat", Some(&secretariat)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Testpartnerskab") && page.body.contains("Fællesskaber"));
    let note =
        app.post_form("/sekretariat/noter", &secretariat, &[("municipality", "0316"), ("day", "2026-11-01"), ("note", "Godt arbejde med foreninger")]).await;
    assert_eq!(note.status, StatusCode::SEE_OTHER);
    let id = f.partnership.to_string();
    let bad = app.post_form("/sekretariat/moeder", &secretariat, &[("partnership_id", &id), ("day", "i morgen"), ("topic", ""), ("outcomes", "x")]).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("<strong>Dato</strong>") && bad.body.contains("<strong>Emne</strong>"), "the fields by their Danish names: {}", bad.body);
    let join = app.post_form("/sekretariat/medlemmer", &secretariat, &[("partnership_id", &id), ("municipality", "0316"), ("day", "2026-11-01")]).await;
    assert_eq!(join.status, StatusCode::UNPROCESSABLE_ENTITY, "already a member");
    let page = app.get("/sekretariat", Some(&secretariat)).await;
    assert!(page.body.contains("Godt arbejde med foreninger"));
    assert!(page.body.contains(", 01.11.2026</strong>"), "the note's day the Danish way: {}", page.body);
    let today = calendar::Date::parse(&chrono::Local::now().date_naive().to_string()).unwrap().danish().to_string();
    assert!(page.body.contains(&format!("name=\"day\" value=\"{today}\"")), "the day fields are filled in the Danish way: {}", page.body);
    let all = app.get(&format!("/maal/partnerskab?indikator=association_active&maaned={MONTH}&alle=1"), Some(&secretariat)).await;
    assert_eq!(all.status, StatusCode::OK);
    assert!(all.body.contains("Alle kommuner"));
}

#[tokio::test]
async fn the_api_document_lists_the_goal_endpoints() {
    let app = TestApp::sqlite().await;
    let doc = app.get("/api/openapi.json", None).await.json();
    for path in ["/api/v1/indicators", "/api/v1/indicators/{id}/comparison", "/api/v1/goals", "/api/v1/goals/{indicator}", "/api/v1/partnerships"] {
        assert!(doc["paths"][path].is_object(), "{path} is in the OpenAPI document");
    }
}
