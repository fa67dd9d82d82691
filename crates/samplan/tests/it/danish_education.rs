//! Danish education through HTTP on both databases: referrals and module tests through
//! the API (problem+json naming the field, nothing stored on error), the deadlines
//! `du.referral`, `du.start` and `du.start_self_supporting` derived from the records,
//! tenancy, access per role (the language centre reaches exactly the persons referred to
//! it, and only it records attendance), the attendance flag notifying the caseworker,
//! and the language centre's weekly attendance form.
use crate::common;

use axum::http::{Method, StatusCode};
use common::app::TestApp;
use samplan::domain::Role;
use samplan::store::Tenant;
use samplan::store::persons::PersonFields;
use serde_json::{Value, json};

fn day(offset: i64) -> String {
    (chrono::Local::now().date_naive() + chrono::Duration::days(offset)).to_string()
}

fn this_week() -> String {
    samplan::plans::schedule::week_of(chrono::Local::now().date_naive())
}

async fn person(app: &TestApp, code: &str, serial: u64, takeover: &str) -> i64 {
    person_in(app, code, serial, takeover, None).await
}

async fn person_in(app: &TestApp, code: &str, serial: u64, takeover: &str, family_id: Option<i64>) -> i64 {
    let fields = PersonFields {
        family_id,
        family_role: "adult".into(),
        given_name: "Test".into(),
        family_name: format!("Kursist {serial}"),
        birth_date: "1990-03-01".into(),
        sex: "female".into(),
        languages: "ar".into(),
        nationality: "Syrien".into(),
        arrival_date: Some(takeover.into()),
        takeover_date: Some(takeover.into()),
        residence_basis: samplan::domain::ResidenceBasis::Refugee,
    };
    let id = app.store.create_person(&Tenant::trusted(code), &format!("enc-{code}-{serial}"), &format!("hash-{code}-{serial}"), &fields).await.unwrap();
    let with = samplan::deadlines::municipality_rules(&app.store, &Tenant::trusted(code)).await.unwrap();
    samplan::deadlines::recompute(&app.store, &Tenant::trusted(code), id, &with).await.unwrap();
    id
}

fn problem_fields(v: &Value) -> Vec<String> {
    v["errors"].as_array().map(|a| a.iter().map(|e| e["field"].as_str().unwrap_or("").to_string()).collect()).unwrap_or_default()
}

async fn deadline(app: &TestApp, token: &str, person: i64, rule: &str) -> Option<Value> {
    let list = app.api(Method::GET, &format!("/api/v1/persons/{person}/deadlines"), token, None).await.json();
    list.as_array().unwrap().iter().find(|d| d["rule_id"] == rule).cloned()
}

fn referral(referred_on: &str) -> Value {
    json!({"learner": "integration", "referred_on": referred_on, "language_centre": "Sprogcenter Holbæk", "track": "du2", "hours_per_week": 15})
}

on_both_apps!(deadlines_come_from_the_records);
async fn deadlines_come_from_the_records(app: TestApp) {
    let caseworker = app.user("sagsbehandler", Role::Caseworker, Some("0316")).await;
    let token = app.token(caseworker).await;
    let id = person(&app, "0316", 1, &day(-20)).await;
    let base = format!("/api/v1/persons/{id}/danish-education");

    let before = deadline(&app, &token, id, "du.referral").await.expect("the referral deadline applies");
    assert_eq!(before["met_on"], Value::Null);
    assert!(deadline(&app, &token, id, "du.start").await.unwrap()["met_on"].is_null());

    // A referral meets du.referral; a start planned ahead does not meet du.start yet.
    let r = app.api(Method::POST, &base, &token, Some(json!({"learner": "integration", "referred_on": day(-5), "language_centre": "Sprogcenter Holbæk", "track": "du2", "hours_per_week": 15, "start_on": day(7)}))).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let course = r.json();
    assert_eq!((course["track_label"].as_str(), course["module"].as_i64()), (Some("Danskuddannelse 2 (DU2)"), Some(1)));
    assert_eq!(deadline(&app, &token, id, "du.referral").await.unwrap()["met_on"], json!(day(-5)));
    assert!(deadline(&app, &token, id, "du.start").await.unwrap()["met_on"].is_null(), "a planned start is not a start");

    // The start moved to today meets du.start.
    let cid = course["id"].as_i64().unwrap();
    let mut changed = referral(&day(-5));
    changed["start_on"] = json!(day(0));
    let r = app.api(Method::PUT, &format!("{base}/{cid}"), &token, Some(changed)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(deadline(&app, &token, id, "du.start").await.unwrap()["met_on"], json!(day(0)));
    let shown = app.get(&format!("/personer/{id}"), Some(&app.login("sagsbehandler").await)).await;
    assert!(shown.body.contains("Sprogcenter Holbæk") && shown.body.contains("Danskuddannelse 2 (DU2), modul 1"), "{}", shown.body);

    // A self-supporting learner: the start counts from the application.
    let s = person(&app, "0316", 2, &day(-400)).await;
    let r = app
        .api(Method::POST, &format!("/api/v1/persons/{s}/danish-education"), &token, Some(json!({"learner": "self_supporting", "applied_on": day(-10), "referred_on": day(-3), "language_centre": "Sprogcenter Holbæk", "track": "du3", "hours_per_week": 9})))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let own = deadline(&app, &token, s, "du.start_self_supporting").await.expect("the self-supporting start deadline applies");
    assert_eq!(own["counts_from"], json!(day(-10)));
    assert!(deadline(&app, &token, s, "du.referral").await.is_none(), "the integration act's referral deadline does not apply");
    let page = app.get(&format!("/personer/{s}"), Some(&app.login("sagsbehandler").await)).await.body;
    let period = &page[page.find("<p id=\"du-periode\">").expect("an S-kursist's period is shown")..];
    let period = &period[..period.find("</p>").unwrap()];
    assert!(
        period.contains("uddannelsesperioden er 42 måneder") && period.contains("den begynder, når personen starter") && period.contains("skal bekræftes"),
        "{period}"
    );

    // On the person page and in Frister, met or not: a late referral is overdue until
    // it is recorded, then met late.
    let late = person(&app, "0316", 3, &day(-100)).await;
    let browser = app.login("sagsbehandler").await;
    let section = |body: &str, id: &str| -> String {
        let from = body.find(&format!("<h2 id=\"{id}\"")).unwrap_or_else(|| panic!("Frister has a section {id}"));
        let rest = &body[from + 4..];
        rest[..rest.find("<h2").unwrap_or(rest.len())].to_string()
    };
    let listed =
        |section: &str| section.split("<tr>").any(|row| row.contains(&format!("/personer/{late}#frister")) && row.contains("Henvisning til danskuddannelse"));
    let frister = app.get("/frister?omfang=kommune", Some(&browser)).await.body;
    assert!(listed(&section(&frister, "overskredet")), "overdue before the referral: {frister}");
    let r = app.api(Method::POST, &format!("/api/v1/persons/{late}/danish-education"), &token, Some(referral(&day(-2)))).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let frister = app.get("/frister?omfang=kommune", Some(&browser)).await.body;
    assert!(listed(&section(&frister, "for-sent")), "met late after it: {frister}");
    assert!(!listed(&section(&frister, "overskredet")));
    let page = app.get(&format!("/personer/{late}"), Some(&browser)).await.body;
    let rule_row = &page[page.find("data-rule=\"du.referral\"").expect("du.referral on the person page")..];
    assert!(rule_row[..rule_row.find("</tr>").unwrap()].contains(&format!("Opfyldt for sent {}", samplan::persons::danish_date(&day(-2)))), "{page}");
    let start_row = &page[page.find("data-rule=\"du.start\"").expect("du.start on the person page")..];
    assert!(!start_row[..start_row.find("</tr>").unwrap()].contains("Opfyldt"), "no start recorded: {page}");
}

on_both_apps!(bad_input_names_the_field_and_stores_nothing);
async fn bad_input_names_the_field_and_stores_nothing(app: TestApp) {
    let caseworker = app.user("sagsbehandler", Role::Caseworker, Some("0316")).await;
    let token = app.token(caseworker).await;
    let id = person(&app, "0316", 1, "2026-01-05").await;
    let base = format!("/api/v1/persons/{id}/danish-education");
    let with = |key: &str, value: Value| {
        let mut v = referral("2026-02-01");
        v[key] = value;
        v
    };
    let bad = [
        (with("track", json!("du4")), "track"),
        (with("module", json!(7)), "module"),
        (with("hours_per_week", json!(0)), "hours_per_week"),
        (with("referred_on", json!(day(1))), "referred_on"),
        (with("start_on", json!("2026-01-01")), "start_on"),
        (with("learner", json!("self_supporting")), "applied_on"),
        (with("ended_on", json!("2026-03-01")), "end_reason"),
        (with("language_centre", json!("")), "language_centre"),
    ];
    for (body, field) in bad {
        let r = app.api(Method::POST, &base, &token, Some(body.clone())).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{body}: {}", r.body);
        assert!(r.headers["content-type"].to_str().unwrap().starts_with("application/problem+json"));
        assert_eq!(problem_fields(&r.json()), [field], "{body}: {}", r.body);
    }
    assert_eq!(app.api(Method::GET, &base, &token, None).await.json()["courses"], json!([]), "nothing stored");

    let c = app.api(Method::POST, &base, &token, Some(referral("2026-02-01"))).await.json();
    let second = app.api(Method::POST, &base, &token, Some(referral("2026-03-01"))).await;
    assert_eq!(problem_fields(&second.json()), ["referred_on"], "one open referral at a time");

    // Module tests: a passed test of the current module moves the course on.
    let tests = format!("{base}/tests");
    let r = app.api(Method::POST, &tests, &token, Some(json!({"course_id": c["id"], "taken_on": "2026-01-01", "result": "7", "passed": true}))).await;
    assert_eq!(problem_fields(&r.json()), ["taken_on"], "before the referral");
    let r = app.api(Method::POST, &tests, &token, Some(json!({"course_id": c["id"], "taken_on": day(0), "result": "7", "passed": true}))).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let now = app.api(Method::GET, &base, &token, None).await.json();
    assert_eq!(now["courses"][0]["module"], 2);
    assert_eq!(now["level"], json!({"track": "du2", "module": 1}));
}

on_both_apps!(tenancy_and_access_per_role);
async fn tenancy_and_access_per_role(app: TestApp) {
    let caseworker = app.token(app.user("sagsbehandler", Role::Caseworker, Some("0316")).await).await;
    let centre = app.token(app.staff("sprogcenter", Role::DepartmentStaff, Some("0316"), Some("sprogcenter")).await).await;
    let health = app.token(app.staff("sundhed", Role::DepartmentStaff, Some("0316"), Some("sundhed")).await).await;
    let housing = app.token(app.user("bolig", Role::HousingOfficer, Some("0316")).await).await;
    let manager = app.token(app.user("leder", Role::Manager, Some("0316")).await).await;
    let regional = app.token(app.user("region", Role::RegionalCoordinator, Some("0316")).await).await;
    let other = app.token(app.user("roskilde", Role::Caseworker, Some("0265")).await).await;
    let coordinator = app.token(app.user("koordinator", Role::Coordinator, Some("0316")).await).await;
    let business = app.token(app.staff("virksomhed", Role::DepartmentStaff, Some("0316"), Some("virksomhedsservice")).await).await;
    let secretariat = app.token(app.user("sekretariat", Role::NationalSecretariat, None).await).await;
    let admin = app.token(app.user("admin", Role::Admin, Some("0316")).await).await;
    let volunteer = app.token(app.user("frivillig", Role::VolunteerCoordinator, Some("0316")).await).await;
    let referred = person(&app, "0316", 1, "2026-01-05").await;
    let not_referred = person(&app, "0316", 2, "2026-01-05").await;
    let base = |id: i64| format!("/api/v1/persons/{id}/danish-education");
    let r = app.api(Method::POST, &base(referred), &caseworker, Some(referral("2026-02-01"))).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);

    let status = |token: String, id: i64| {
        let app = &app;
        async move { app.api(Method::GET, &format!("/api/v1/persons/{id}/danish-education"), &token, None).await.status }
    };
    assert_eq!(status(caseworker.clone(), not_referred).await, StatusCode::OK);
    assert_eq!(status(centre.clone(), referred).await, StatusCode::OK, "the language centre reaches a person referred to it");
    assert_eq!(app.api(Method::GET, &format!("/api/v1/persons/{referred}"), &centre, None).await.status, StatusCode::OK);
    assert_eq!(status(centre.clone(), not_referred).await, StatusCode::NOT_FOUND, "and nobody else");
    assert_eq!(status(health.clone(), referred).await, StatusCode::NOT_FOUND, "another department does not");
    assert_eq!(status(housing.clone(), referred).await, StatusCode::NOT_FOUND);
    assert_eq!(status(manager.clone(), referred).await, StatusCode::FORBIDDEN);
    assert_eq!(status(regional.clone(), referred).await, StatusCode::FORBIDDEN);
    assert_eq!(status(other.clone(), referred).await, StatusCode::NOT_FOUND, "another municipality's person");
    assert_eq!(status(coordinator.clone(), referred).await, StatusCode::OK);
    assert_eq!(status(business.clone(), referred).await, StatusCode::NOT_FOUND, "the business service is not linked");
    for aggregate in [&secretariat, &admin] {
        assert_eq!(status(aggregate.clone(), referred).await, StatusCode::FORBIDDEN, "roles on aggregates read no person");
    }
    assert_eq!(status(volunteer.clone(), referred).await, StatusCode::NOT_FOUND, "to an organisation's volunteer coordinator persons do not exist");
    let attendance_of = |id: i64| format!("/api/v1/persons/{id}/danish-education/attendance");
    assert_eq!(app.api(Method::GET, &attendance_of(referred), &health, None).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.api(Method::GET, &attendance_of(referred), &manager, None).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.api(Method::POST, &base(referred), &other, Some(referral("2026-02-01"))).await.status, StatusCode::NOT_FOUND);

    // Writes: only caseworkers refer; only the language centre records attendance, for
    // persons referred to it; a write never widens what the writer reaches.
    assert_eq!(app.api(Method::POST, &base(not_referred), &centre, Some(referral("2026-02-01"))).await.status, StatusCode::FORBIDDEN);
    let week = json!({"week": this_week(), "hours_present": 12, "absent_with_notice": 3});
    let attendance = |id: i64| format!("/api/v1/persons/{id}/danish-education/attendance");
    assert_eq!(app.api(Method::POST, &attendance(referred), &caseworker, Some(week.clone())).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.api(Method::POST, &attendance(referred), &health, Some(week.clone())).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.api(Method::POST, &attendance(referred), &coordinator, Some(week.clone())).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.api(Method::POST, &attendance(referred), &business, Some(week.clone())).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.api(Method::POST, &attendance(referred), &admin, Some(week.clone())).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.api(Method::POST, &attendance(not_referred), &centre, Some(week.clone())).await.status, StatusCode::NOT_FOUND);
    assert_eq!(status(centre.clone(), not_referred).await, StatusCode::NOT_FOUND);
    let r = app.api(Method::POST, &attendance(referred), &centre, Some(week.clone())).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!((r.json()["share_percent"].as_i64(), r.json()["flagged"].as_bool()), (Some(80), Some(false)));
    let bad = app.api(Method::POST, &attendance(referred), &centre, Some(json!({"week": "2026-W99", "hours_present": 70}))).await;
    assert_eq!(problem_fields(&bad.json()), ["week", "hours_present"]);
    let tests = format!("{}/tests", base(referred));
    let cid = app.api(Method::GET, &base(referred), &caseworker, None).await.json()["courses"][0]["id"].clone();
    let r = app.api(Method::POST, &tests, &centre, Some(json!({"course_id": cid, "taken_on": day(0), "result": "bestået", "passed": true}))).await;
    assert_eq!(r.status, StatusCode::CREATED, "the language centre records module tests: {}", r.body);

    // Ending the course ends the language centre's reach after the last day.
    let mut ended = referral("2026-02-01");
    ended["module"] = json!(2);
    ended["ended_on"] = json!(day(-1));
    ended["end_reason"] = json!("work");
    let r = app.api(Method::PUT, &format!("{}/{cid}", base(referred)), &caseworker, Some(ended)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(status(centre.clone(), referred).await, StatusCode::NOT_FOUND);
}

on_both_apps!(low_attendance_notifies_the_caseworker);
async fn low_attendance_notifies_the_caseworker(app: TestApp) {
    let caseworker_id = app.user("sagsbehandler", Role::Caseworker, Some("0316")).await;
    let caseworker = app.token(caseworker_id).await;
    let centre = app.token(app.staff("sprogcenter", Role::DepartmentStaff, Some("0316"), Some("sprogcenter")).await).await;
    let id = person(&app, "0316", 1, "2026-01-05").await;
    app.store.set_caseworker(&Tenant::trusted("0316"), id, Some(caseworker_id)).await.unwrap();
    app.api(Method::POST, &format!("/api/v1/persons/{id}/danish-education"), &caseworker, Some(referral("2026-02-01"))).await;
    let path = format!("/api/v1/persons/{id}/danish-education/attendance");
    let r = app.api(Method::POST, &path, &centre, Some(json!({"week": this_week(), "hours_present": 6, "absent_without_notice": 9}))).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!((r.json()["share_percent"].as_i64(), r.json()["flagged"].as_bool()), (Some(40), Some(true)));
    let notes = app.store.notifications(&Tenant::trusted("0316"), &samplan::store::access::Reach::All, caseworker_id, 10).await.unwrap();
    assert_eq!(notes.len(), 1);
    assert!(notes[0].message.contains("40 %") && notes[0].message.contains("Kursist 1"), "{}", notes[0].message);
    // Recording the same low week again does not notify twice.
    app.api(Method::POST, &path, &centre, Some(json!({"week": this_week(), "hours_present": 5, "absent_without_notice": 10}))).await;
    assert_eq!(app.store.notifications(&Tenant::trusted("0316"), &samplan::store::access::Reach::All, caseworker_id, 10).await.unwrap().len(), 1);
    let read = app.api(Method::GET, &path, &caseworker, None).await.json();
    assert_eq!(read["weeks"][0]["week"], json!(this_week()));
}

on_both_apps!(the_language_centre_records_a_week_on_its_page);
async fn the_language_centre_records_a_week_on_its_page(app: TestApp) {
    let caseworker = app.token(app.user("sagsbehandler", Role::Caseworker, Some("0316")).await).await;
    app.staff("sprogcenter", Role::DepartmentStaff, Some("0316"), Some("sprogcenter")).await;
    let a = person(&app, "0316", 1, "2026-01-05").await;
    let b = person(&app, "0316", 2, "2026-01-05").await;
    let _unreferred = person(&app, "0316", 3, "2026-01-05").await;
    let mut ids = Vec::new();
    for p in [a, b] {
        ids.push(
            app.api(Method::POST, &format!("/api/v1/persons/{p}/danish-education"), &caseworker, Some(referral("2026-02-01"))).await.json()["id"]
                .as_i64()
                .unwrap(),
        );
    }
    let browser = app.login("sprogcenter").await;
    let page = app.get("/danskuddannelse/fremmoede", Some(&browser)).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("Kursist 1") && page.body.contains("Kursist 2") && !page.body.contains("Kursist 3"), "only referred persons");
    let week = this_week();
    let f = |c: i64, s: &str| format!("c{c}_{s}");
    let (a1, a2) = (f(ids[0], "hours_present"), f(ids[1], "hours_present"));
    // One bad row: nothing is stored, both rows come back as typed.
    let r = app.post_form("/danskuddannelse/fremmoede", &browser, &[("uge", &week), (&a1, "12"), (&a2, "tolv")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("«tolv» er ikke et helt antal timer") && r.body.contains("value=\"12\""), "{}", r.body);
    let stored = app.api(Method::GET, &format!("/api/v1/persons/{a}/danish-education/attendance"), &caseworker, None).await.json();
    assert_eq!(stored["weeks"], json!([]));
    let r = app.post_form("/danskuddannelse/fremmoede", &browser, &[("uge", &week), (&a1, "12"), (&a2, "15")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let stored = app.api(Method::GET, &format!("/api/v1/persons/{b}/danish-education/attendance"), &caseworker, None).await.json();
    assert_eq!(stored["weeks"][0]["hours_present"], 15);
    let list = app.get("/danskuddannelse", Some(&browser)).await;
    assert!(list.body.contains("Registrér fremmøde") && list.body.contains("100 %"), "{}", list.body);
    // Weeks read as staff say them («uge 50»); the ISO form stays only in links and fields.
    let label = format!("uge {}", samplan::plans::schedule::week_label(&week));
    for page in
        [list, app.get("/danskuddannelse/fremmoede", Some(&browser)).await, app.get(&format!("/personer/{b}"), Some(&app.login("sagsbehandler").await)).await]
    {
        assert!(
            page.body.to_lowercase().contains(&label) || page.body.contains(&format!("<td>{}</td>", samplan::plans::schedule::week_label(&week))),
            "{}",
            page.body
        );
        let shown = page.body.replace(&format!("uge={week}"), "").replace(&format!("value=\"{week}\""), "");
        assert!(!shown.contains(&week), "an ISO week is shown: {}", shown);
    }
}

#[tokio::test]
async fn the_api_document_lists_the_danish_education_endpoints() {
    let app = TestApp::sqlite().await;
    let doc = app.get("/api/openapi.json", None).await.json();
    for path in ["/api/v1/persons/{id}/danish-education", "/api/v1/persons/{id}/danish-education/attendance"] {
        assert!(doc["paths"][path].is_object(), "{path} is documented");
    }
    assert!(doc["paths"]["/api/v1/persons/{id}/danish-education"]["post"]["responses"]["422"].is_object());
    for path in ["/api/v1/regions/{code}/danish-education/demand", "/api/v1/danish-education/referrals"] {
        let get = &doc["paths"][path]["get"];
        let params: Vec<&str> = get["parameters"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
        assert!(params.contains(&"limit") && params.contains(&"cursor"), "{path} is paged: {params:?}");
        assert!(get["responses"]["200"]["headers"]["link"].is_object(), "{path} declares its Link header");
        assert!(get["responses"]["422"].is_object() && get["responses"]["403"].is_object());
    }
}

on_both_apps!(du_hours_and_the_flag_reach_the_family_plan);
async fn du_hours_and_the_flag_reach_the_family_plan(app: TestApp) {
    let coordinator_id = app.user("koordinator", Role::Coordinator, Some("0316")).await;
    let coordinator = app.token(coordinator_id).await;
    let centre = app.token(app.staff("sprogcenter", Role::DepartmentStaff, Some("0316"), Some("sprogcenter")).await).await;
    let family = app
        .store
        .create_family(
            &Tenant::trusted("0316"),
            &samplan::store::families::FamilyFields { name: "Familien Test".into(), street: None, postal_code: None, city: None },
        )
        .await
        .unwrap();
    let id = person_in(&app, "0316", 1, "2026-01-05", Some(family)).await;
    let r = app
        .api(
            Method::PUT,
            &format!("/api/v1/families/{family}/plan"),
            &coordinator,
            Some(json!({"based_on_version": 0, "reason": "Første plan", "plan": {"goals": []}})),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let mut started = referral("2026-02-01");
    started["start_on"] = json!("2026-02-15");
    started["hours_per_week"] = json!(12);
    app.api(Method::POST, &format!("/api/v1/persons/{id}/danish-education"), &coordinator, Some(started)).await;

    let week = app.api(Method::GET, &format!("/api/v1/persons/{id}/schedule?week={}", this_week()), &coordinator, None).await.json();
    assert_eq!(week["total_hours"], 12.0, "{week}");
    assert!(week["flexible"][0]["title"].as_str().unwrap().starts_with("Danskuddannelse DU2 modul 1"), "{week}");

    let overview = app.api(Method::GET, "/api/v1/coordinator/families", &coordinator, None).await.json();
    assert_eq!(overview[0]["danish_attendance"], json!([]));
    app.api(
        Method::POST,
        &format!("/api/v1/persons/{id}/danish-education/attendance"),
        &centre,
        Some(json!({"week": this_week(), "hours_present": 3, "absent_with_notice": 9})),
    )
    .await;
    let overview = app.api(Method::GET, "/api/v1/coordinator/families", &coordinator, None).await.json();
    assert_eq!(overview[0]["danish_attendance"], json!(["Test: 25 % fremmøde på danskuddannelsen de sidste 4 uger (grænse 80 %)"]));

    // Progress: the chart on the person page counts the passed module against the
    // track's pace, which is the municipality's setting.
    let cid = app.api(Method::GET, &format!("/api/v1/persons/{id}/danish-education"), &coordinator, None).await.json()["courses"][0]["id"].clone();
    let r = app
        .api(
            Method::POST,
            &format!("/api/v1/persons/{id}/danish-education/tests"),
            &coordinator,
            Some(json!({"course_id": cid, "taken_on": "2026-04-01", "result": "bestået", "passed": true})),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    app.user("koordinator-web", Role::Coordinator, Some("0316")).await;
    let browser = app.login("koordinator-web").await;
    let page = app.get(&format!("/personer/{id}"), Some(&browser)).await.body;
    assert!(page.contains("<title id=\"du-chart-title\">Progression på danskuddannelsen</title>"), "{page}");
    assert!(page.contains("1 modul bestået på") && page.contains("siden start 2026-02") && page.contains("(DU2: 4 måneder pr. modul)"), "{page}");
    let admin = app.token(app.user("admin", Role::Admin, Some("0316")).await).await;
    let mut faster = app.api(Method::GET, "/api/v1/danish-education/settings", &admin, None).await.json();
    faster["du2_months_per_module"] = json!(2);
    assert_eq!(app.api(Method::PUT, "/api/v1/danish-education/settings", &admin, Some(faster)).await.status, StatusCode::OK);
    assert!(app.get(&format!("/personer/{id}"), Some(&browser)).await.body.contains("(DU2: 2 måneder pr. modul)"));
}

/// Referrals straight into the store: `n` persons of `code` on `track`/`module`,
/// started 30 days ago (or not started).
async fn referrals(app: &TestApp, code: &str, first_serial: u64, n: u64, track: &str, module: i64, started: bool) {
    app.store.ensure_municipality(&samplan::domain::MunicipalityCode::parse(code).unwrap()).await.unwrap();
    for serial in first_serial..first_serial + n {
        let id = person(app, code, serial, "2026-01-05").await;
        let fields = samplan::store::danish_education::CourseFields {
            learner: "integration".into(),
            applied_on: None,
            referred_on: day(-40).parse().unwrap(),
            language_centre: "Sprogcenter".into(),
            track: track.into(),
            module,
            start_on: started.then(|| day(-30).parse().unwrap()),
            hours_per_week: 15,
            ended_on: None,
            end_reason: None,
            end_note: String::new(),
        };
        app.store.add_du_course(&Tenant::trusted(code), id, &fields, "test").await.unwrap();
    }
}

fn categories() -> Vec<String> {
    ["du1", "du2", "du3"].iter().flat_map(|t| std::iter::once(format!("{t}_waiting")).chain((1..=6).map(move |m| format!("{t}_m{m}")))).collect()
}

on_both_apps!(regional_demand_is_suppressed_exactly);
async fn regional_demand_is_suppressed_exactly(app: TestApp) {
    // Region Sjælland (1085): Holbæk 12 on DU2 module 1; Køge 3 on DU2 module 1 and 9
    // waiting on DU1; Roskilde 6 on DU3 module 2. København (Region Hovedstaden) 7 on DU1.
    referrals(&app, "0316", 1, 12, "du2", 1, true).await;
    referrals(&app, "0259", 100, 3, "du2", 1, true).await;
    referrals(&app, "0259", 200, 9, "du1", 1, false).await;
    referrals(&app, "0265", 300, 6, "du3", 2, true).await;
    referrals(&app, "0101", 400, 7, "du1", 1, true).await;
    let regional = app.token(app.user("region", Role::RegionalCoordinator, Some("0316")).await).await;
    let path = "/api/v1/regions/1085/danish-education/demand";
    // Paged by decision 006: a page of at most 500, the pages together the whole list.
    let mut all = Vec::new();
    let mut next = Some(format!("{path}?limit=500"));
    let mut pages = 0;
    while let Some(url) = next.take() {
        let r = app.api(Method::GET, &url, &regional, None).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        for word in ["Kursist", "given_name", "person_id", "cpr"] {
            assert!(!r.body.contains(word), "no person data in the demand: {word}");
        }
        all.extend(r.json().as_array().unwrap().iter().cloned());
        pages += 1;
        next = r.headers.get("link").map(|l| {
            let l = l.to_str().unwrap();
            assert!(l.ends_with("; rel=\"next\""), "{l}");
            l[1..l.find('>').unwrap()].to_string()
        });
    }
    assert_eq!(pages, 2);
    assert_eq!(all.len(), 6 * 4 * 22, "six months; Køge, Roskilde, Holbæk and the region; 21 categories and the total");
    assert!(all.iter().all(|c| c["municipality"] != "0101"), "another region's municipality is not in it");

    // This month, exactly: the shown numbers are the truth, Køge's 3 are hidden, and
    // nothing hidden can be worked out from what is shown (the exact check).
    let month = all[0]["month"].as_str().unwrap().to_string();
    let cats = categories();
    let rows = ["0259", "0265", "0316"];
    let truth = |code: &str, cat: &str| -> u64 {
        match (code, cat) {
            ("0316", "du2_m1") => 12,
            ("0259", "du2_m1") => 3,
            ("0259", "du1_waiting") => 9,
            ("0265", "du3_m2") => 6,
            _ => 0,
        }
    };
    let cell = |n: u64| indicators::Cell { denominator: n, numerator: n, days_total: 0 };
    let table = indicators::Table::new(
        rows.iter().map(|r| r.to_string()).collect(),
        cats.clone(),
        rows.iter().map(|r| cats.iter().map(|c| cell(truth(r, c))).collect()).collect(),
    );
    let mut hidden = std::collections::BTreeSet::new();
    let this_month: Vec<&Value> = all.iter().filter(|c| c["month"] == month.as_str()).collect();
    assert_eq!(this_month.len(), 4 * 22);
    for c in &this_month {
        let i = c["municipality"].as_str().map_or(rows.len(), |m| rows.iter().position(|r| *r == m).unwrap());
        let j = cats.iter().position(|k| c["category"] == k.as_str()).unwrap_or(cats.len());
        match c["persons"].as_u64() {
            Some(n) => assert_eq!(n, table.at((i, j)).denominator, "a shown number is the true number: {c}"),
            None => {
                hidden.insert((i, j));
            }
        }
    }
    assert!(hidden.contains(&(0, cats.iter().position(|k| k == "du2_m1").unwrap())), "Køge's 3 on DU2 module 1 are hidden");
    assert!(hidden.len() >= 4, "one hidden cell alone could be worked out: {hidden:?}");
    assert!(indicators::exposed(&table, &hidden).is_empty(), "a hidden count is recoverable: {hidden:?}");
    let region_du2 = this_month.iter().find(|c| c["municipality"].is_null() && c["category"] == "du2_m1").unwrap();
    assert_eq!(region_du2["name"], "Region Sjælland");

    // Smaller pages give the same list.
    let mut paged = Vec::new();
    let mut next = Some(format!("{path}?limit=200"));
    while let Some(url) = next.take() {
        let r = app.api(Method::GET, &url, &regional, None).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        paged.extend(r.json().as_array().unwrap().iter().cloned());
        next = r.headers.get("link").map(|l| {
            let l = l.to_str().unwrap();
            assert!(l.ends_with("; rel=\"next\""), "{l}");
            l[1..l.find('>').unwrap()].to_string()
        });
    }
    assert_eq!(paged, all);
    let bad = app.api(Method::GET, &format!("{path}?limit=501"), &regional, None).await;
    assert_eq!((bad.status, problem_fields(&bad.json())), (StatusCode::UNPROCESSABLE_ENTITY, vec!["limit".to_string()]));
    let bad = app.api(Method::GET, &format!("{path}?cursor=nope"), &regional, None).await;
    assert_eq!(problem_fields(&bad.json()), ["cursor"]);
    let bad = app.api(Method::GET, &format!("{path}?format=pdf"), &regional, None).await;
    assert_eq!((bad.status, problem_fields(&bad.json())), (StatusCode::UNPROCESSABLE_ENTITY, vec!["format".to_string()]));

    // The files carry the same numbers: Køge's 3 are `skjult` there too.
    let csv = app.api(Method::GET, &format!("{path}?format=csv"), &regional, None).await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.body.contains(&format!("{month};0259;Køge;DU2;DU2 modul 1;skjult")), "{}", csv.body);
    assert!(csv.body.contains(&format!("{month};0316;Holbæk;DU2;DU2 modul 1;")));
    assert!(!csv.body.contains("København"));
    let xlsx = app.api(Method::GET, &format!("{path}?format=xlsx"), &regional, None).await;
    assert_eq!(xlsx.status, StatusCode::OK);
    assert_eq!(xlsx.headers.get("content-type").unwrap(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
}

on_both_apps!(the_regional_view_is_for_the_region_only);
async fn the_regional_view_is_for_the_region_only(app: TestApp) {
    referrals(&app, "0316", 1, 6, "du2", 1, true).await;
    let regional = app.token(app.user("region", Role::RegionalCoordinator, Some("0316")).await).await;
    let secretariat = app.token(app.user("sekretariat", Role::NationalSecretariat, None).await).await;
    let caseworker = app.token(app.user("sagsbehandler", Role::Caseworker, Some("0316")).await).await;
    let manager = app.token(app.user("leder", Role::Manager, Some("0316")).await).await;
    let demand = |region: &str| format!("/api/v1/regions/{region}/danish-education/demand");
    assert_eq!(app.api(Method::GET, &demand("1085"), &regional, None).await.status, StatusCode::OK);
    assert_eq!(app.api(Method::GET, &demand("1084"), &regional, None).await.status, StatusCode::FORBIDDEN, "another region");
    let other = app.api(Method::GET, &format!("{}?limit=500", demand("1084")), &secretariat, None).await.json();
    let other = other.as_array().unwrap();
    assert_eq!(other.len(), 6 * 22, "the secretariat sees any region: here only the region's zeros");
    assert!(other.iter().all(|c| c["municipality"].is_null() && c["persons"] == 0 && c["name"] == "Region Hovedstaden"));
    assert_eq!(app.api(Method::GET, &format!("{}?limit=500", demand("1085")), &secretariat, None).await.json().as_array().unwrap().len(), 6 * 2 * 22);
    assert_eq!(app.api(Method::GET, &demand("9999"), &secretariat, None).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.api(Method::GET, &demand("1085"), &caseworker, None).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.api(Method::GET, &demand("1085"), &manager, None).await.status, StatusCode::FORBIDDEN);
    // The regional coordinator reads no person and no person list.
    assert_eq!(app.api(Method::GET, "/api/v1/danish-education/referrals", &regional, None).await.status, StatusCode::FORBIDDEN);

    // Pages: the coordinator's own region; the export; nothing for a caseworker.
    let browser = app.login("region").await;
    let page = app.get("/danskuddannelse/region", Some(&browser)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Region Sjælland") && page.body.contains("DU2 modul 1"), "{}", page.body);
    assert!(!page.body.contains("Kursist"));
    assert_eq!(app.get("/danskuddannelse/region?region=1084", Some(&browser)).await.status, StatusCode::FORBIDDEN);
    let csv = app.get("/danskuddannelse/region/eksport?format=csv", Some(&browser)).await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.body.starts_with('\u{feff}') && csv.body.contains(";0316;Holbæk;DU2;DU2 modul 1;6"), "{}", csv.body);
    let national = app.login("sekretariat").await;
    let page = app.get("/danskuddannelse/region?region=1085", Some(&national)).await;
    assert!(page.body.contains("Holbæk"), "{}", page.body);
    let bad = app.get("/danskuddannelse/region?region=12", Some(&national)).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("er ikke en regionskode"));
    assert_eq!(app.get("/danskuddannelse/region", Some(&app.login("sagsbehandler").await)).await.status, StatusCode::FORBIDDEN);
}

on_both_apps!(the_referral_list_is_paged_and_within_reach);
async fn the_referral_list_is_paged_and_within_reach(app: TestApp) {
    referrals(&app, "0316", 1, 5, "du2", 1, true).await;
    referrals(&app, "0265", 100, 2, "du2", 1, true).await;
    let caseworker = app.token(app.user("sagsbehandler", Role::Caseworker, Some("0316")).await).await;
    let health = app.token(app.staff("sundhed", Role::DepartmentStaff, Some("0316"), Some("sundhed")).await).await;
    let r = app.api(Method::GET, "/api/v1/danish-education/referrals?limit=2", &caseworker, None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json().as_array().unwrap().len(), 2);
    let mut names = Vec::new();
    let mut next = Some("/api/v1/danish-education/referrals?limit=2".to_string());
    while let Some(url) = next.take() {
        let r = app.api(Method::GET, &url, &caseworker, None).await;
        names.extend(r.json().as_array().unwrap().iter().map(|l| l["family_name"].as_str().unwrap().to_string()));
        next = r.headers.get("link").map(|l| l.to_str().unwrap().split('>').next().unwrap()[1..].to_string());
    }
    assert_eq!(names, (1..=5).map(|i| format!("Kursist {i}")).collect::<Vec<_>>(), "every running referral of the municipality once, by name");
    assert_eq!(app.api(Method::GET, "/api/v1/danish-education/referrals", &health, None).await.json(), json!([]), "a department without a link reaches nobody");
}

on_both_apps!(the_attendance_share_is_the_municipality_setting);
async fn the_attendance_share_is_the_municipality_setting(app: TestApp) {
    let caseworker_id = app.user("sagsbehandler", Role::Caseworker, Some("0316")).await;
    let caseworker = app.token(caseworker_id).await;
    let admin = app.token(app.user("admin", Role::Admin, Some("0316")).await).await;
    let centre = app.token(app.staff("sprogcenter", Role::DepartmentStaff, Some("0316"), Some("sprogcenter")).await).await;
    let id = person(&app, "0316", 1, "2026-01-05").await;
    app.store.set_caseworker(&Tenant::trusted("0316"), id, Some(caseworker_id)).await.unwrap();
    app.api(Method::POST, &format!("/api/v1/persons/{id}/danish-education"), &caseworker, Some(referral("2026-02-01"))).await;
    let settings = "/api/v1/danish-education/settings";
    let defaults = app.api(Method::GET, settings, &caseworker, None).await.json();
    assert_eq!(defaults["attendance_min_percent"], 80);

    // 70 % is under the default 80 %: flagged, and the caseworker is told.
    let path = format!("/api/v1/persons/{id}/danish-education/attendance");
    let r = app.api(Method::POST, &path, &centre, Some(json!({"week": this_week(), "hours_present": 7, "absent_with_notice": 3}))).await;
    assert_eq!((r.json()["share_percent"].as_i64(), r.json()["flagged"].as_bool(), r.json()["threshold_percent"].as_i64()), (Some(70), Some(true), Some(80)));
    let notes = || async { app.store.notifications(&Tenant::trusted("0316"), &samplan::store::access::Reach::All, caseworker_id, 10).await.unwrap().len() };
    assert_eq!(notes().await, 1);

    // Only the administrator changes it, within 1–100, naming the field.
    let mut lower = defaults.clone();
    lower["attendance_min_percent"] = json!(60);
    assert_eq!(app.api(Method::PUT, settings, &caseworker, Some(lower.clone())).await.status, StatusCode::FORBIDDEN);
    let mut bad = defaults.clone();
    bad["attendance_min_percent"] = json!(0);
    bad["du2_months_per_module"] = json!(25);
    let r = app.api(Method::PUT, settings, &admin, Some(bad)).await;
    assert_eq!(
        (r.status, problem_fields(&r.json())),
        (StatusCode::UNPROCESSABLE_ENTITY, vec!["attendance_min_percent".to_string(), "du2_months_per_module".to_string()])
    );
    assert_eq!(app.api(Method::GET, settings, &caseworker, None).await.json(), defaults, "nothing stored");
    let r = app.api(Method::PUT, settings, &admin, Some(lower.clone())).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);

    // At 60 % the same 70 % is not flagged: on the person, the list and the overview.
    let read = app.api(Method::GET, &path, &caseworker, None).await.json();
    assert_eq!((read["share_percent"].as_i64(), read["flagged"].as_bool(), read["threshold_percent"].as_i64()), (Some(70), Some(false), Some(60)));
    let list = app.api(Method::GET, "/api/v1/danish-education/referrals", &caseworker, None).await.json();
    assert_eq!((list[0]["attendance_percent"].as_i64(), list[0]["flagged"].as_bool()), (Some(70), Some(false)));
    let page = app.get("/danskuddannelse", Some(&app.login("sagsbehandler").await)).await;
    assert!(page.body.contains("under 60 % får sagsbehandleren besked") && page.body.contains("70 %") && !page.body.contains("app-flag"), "{}", page.body);

    // The same values again change nothing: no second entry in the audit log.
    let changes = || async {
        let filter = samplan::store::audit::AuditFilter { entity: Some("du_setting".into()), ..Default::default() };
        app.store.audit_log(&Tenant::trusted("0316"), &filter, 10).await.unwrap().len()
    };
    assert_eq!(changes().await, 1);
    assert_eq!(app.api(Method::PUT, settings, &admin, Some(lower)).await.status, StatusCode::OK);
    assert_eq!(changes().await, 1, "an unchanged save is not a change");
}

on_both_apps!(the_caseworker_narrows_the_list_to_their_own_persons);
async fn the_caseworker_narrows_the_list_to_their_own_persons(app: TestApp) {
    let mine_id = app.user("sagsbehandler", Role::Caseworker, Some("0316")).await;
    let other_id = app.user("kollega", Role::Caseworker, Some("0316")).await;
    app.staff("sprogcenter", Role::DepartmentStaff, Some("0316"), Some("sprogcenter")).await;
    referrals(&app, "0316", 1, 4, "du2", 1, true).await;
    let ids: Vec<i64> = app
        .api(Method::GET, "/api/v1/danish-education/referrals", &app.token(mine_id).await, None)
        .await
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["person_id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids.len(), 4);
    app.store.set_caseworker(&Tenant::trusted("0316"), ids[0], Some(mine_id)).await.unwrap();
    app.store.set_caseworker(&Tenant::trusted("0316"), ids[2], Some(mine_id)).await.unwrap();
    app.store.set_caseworker(&Tenant::trusted("0316"), ids[1], Some(other_id)).await.unwrap();
    let browser = app.login("sagsbehandler").await;
    let all = app.get("/danskuddannelse", Some(&browser)).await;
    assert!((1..=4).all(|i| all.body.contains(&format!("Kursist {i}<"))), "{}", all.body);
    assert!(all.body.contains("(4 i alt)") && all.body.contains("id=\"omfang-mine\""));
    let mine = app.get("/danskuddannelse?omfang=mine", Some(&browser)).await;
    assert_eq!(mine.status, StatusCode::OK);
    let shown: Vec<bool> = (1..=4).map(|i| mine.body.contains(&format!("Kursist {i}<"))).collect();
    assert_eq!(shown, [true, false, true, false], "only the caseworker's own persons: {}", mine.body);
    assert!(mine.body.contains("(2 i alt)"));
    assert!(app.get("/danskuddannelse?omfang=mine", Some(&app.login("kollega").await)).await.body.contains("(1 i alt)"));
    // The language centre has no such choice; `mine` means nothing to it.
    let centre = app.get("/danskuddannelse?omfang=mine", Some(&app.login("sprogcenter").await)).await;
    assert!(centre.body.contains("(4 i alt)") && !centre.body.contains("omfang-mine"), "{}", centre.body);
}

on_both_apps!(a_refused_attendance_row_is_named_in_danish);
async fn a_refused_attendance_row_is_named_in_danish(app: TestApp) {
    app.staff("sprogcenter", Role::DepartmentStaff, Some("0316"), Some("sprogcenter")).await;
    referrals(&app, "0316", 1, 1, "du2", 1, true).await;
    let browser = app.login("sprogcenter").await;
    let form = app.get("/danskuddannelse/fremmoede", Some(&browser)).await;
    let field =
        common::app::form_fields(&form.body, "/danskuddannelse/fremmoede").into_iter().map(|(k, _)| k).find(|k| k.ends_with("_absent_without_notice")).unwrap();
    let person = form.body.split("href=\"/personer/").nth(1).unwrap().split('#').next().unwrap().to_string();
    assert!(form.body.contains(&format!("href=\"/personer/{person}#danskuddannelse\">Test Kursist 1</a>")), "the row links to the person");
    let r = app.post_form("/danskuddannelse/fremmoede", &browser, &[("uge", &this_week()), (&field, "61")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains(&format!("<a href=\"#{field}\">Test Kursist 1, fravær uden afbud</a>: fravær uden afbud skal være 0–60 timer, ikke 61")),
        "{}",
        r.body
    );
    assert!(!r.body.contains(&format!(">{field}<")), "no field code is shown");
}

on_both_apps!(the_administrator_sets_attendance_and_pace_on_a_page);
async fn the_administrator_sets_attendance_and_pace_on_a_page(app: TestApp) {
    app.user("admin", Role::Admin, Some("0316")).await;
    app.user("sagsbehandler", Role::Caseworker, Some("0316")).await;
    let admin = app.login("admin").await;
    let page = app.get("/admin/danskuddannelse", Some(&admin)).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let fields = common::app::form_fields(&page.body, "/admin/danskuddannelse");
    let value = |fields: &[(String, String)], name: &str| fields.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
    assert_eq!(value(&fields, "attendance_min_percent").as_deref(), Some("80"), "the documented default");
    assert_eq!(value(&fields, "du1_months_per_module").as_deref(), Some("6"));
    assert_eq!(app.get("/admin/danskuddannelse", Some(&app.login("sagsbehandler").await)).await.status, StatusCode::FORBIDDEN);

    let changes = || async {
        let filter = samplan::store::audit::AuditFilter { entity: Some("du_setting".into()), ..Default::default() };
        app.store.audit_log(&Tenant::trusted("0316"), &filter, 10).await.unwrap().len()
    };
    // Sent unchanged: nothing is stored or logged.
    let unchanged: Vec<(String, String)> = fields.iter().filter(|(k, _)| k != "csrf").cloned().collect();
    let form = |over: &[(&str, &str)]| -> Vec<(String, String)> {
        unchanged.iter().map(|(k, v)| (k.clone(), over.iter().find(|(n, _)| n == k).map_or(v.clone(), |(_, x)| x.to_string()))).collect()
    };
    let send = |fields: Vec<(String, String)>| {
        let admin = &admin;
        let app = &app;
        async move {
            let borrowed: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            app.post_form("/admin/danskuddannelse", admin, &borrowed).await
        }
    };
    assert_eq!(send(form(&[])).await.status, StatusCode::SEE_OTHER);
    assert_eq!(changes().await, 0, "an unchanged form changes nothing");

    // Refused: the form comes back as typed, the reason at each field, nothing stored.
    let r = send(form(&[("attendance_min_percent", "tolv"), ("du2_months_per_module", "30")])).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("«tolv» er ikke et helt tal") && r.body.contains("skal være 1–24 måneder, ikke 30"), "{}", r.body);
    assert!(r.body.contains("value=\"tolv\"") && r.body.contains("value=\"30\""));
    assert!(r.body.contains(">Mindste fremmøde (procent)</a>"), "the summary names the field in Danish: {}", r.body);
    assert_eq!(changes().await, 0);

    let r = send(form(&[("attendance_min_percent", "70"), ("du2_months_per_module", "5")])).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(changes().await, 1);
    let stored = samplan::danish_education::settings::load(&app.store, &Tenant::trusted("0316")).await.unwrap();
    assert_eq!((stored.attendance_min_percent, stored.du2_months_per_module, stored.du3_months_per_module), (70, 5, 3));
    let shown = app.get("/admin/danskuddannelse?gemt=1", Some(&admin)).await;
    assert!(shown.body.contains("Indstillingerne er gemt") && shown.body.contains("value=\"70\""));
}

on_both_apps!(bulk_loads_keep_each_referral_its_own_tests);
async fn bulk_loads_keep_each_referral_its_own_tests(app: TestApp) {
    use samplan::store::children::{ChildcareFields, ProfileRow};
    use samplan::store::danish_education::{AttendanceRow, CourseFields};
    let tenant = Tenant::trusted("0316");
    app.user("sagsbehandler", Role::Caseworker, Some("0316")).await;
    let (a, b) = (person(&app, "0316", 1, &day(-400)).await, person(&app, "0316", 2, &day(-300)).await);
    let course = |referred: &str, track: &str| CourseFields {
        learner: "integration".into(),
        applied_on: None,
        referred_on: referred.parse().unwrap(),
        language_centre: "Sprogcenter Holbæk".into(),
        track: track.into(),
        module: 1,
        start_on: None,
        hours_per_week: 15,
        ended_on: None,
        end_reason: None,
        end_note: String::new(),
    };
    let test = |module: i64, on: &str, passed: bool| (module, on.parse().unwrap(), if passed { "7" } else { "-3" }.to_string(), passed);
    // The first person's second referral comes after the other person's: a later insert
    // than its first, found again by person.
    let courses = vec![
        (a, course(&day(-390), "du2"), vec![test(1, &day(-200), false), test(1, &day(-150), true)]),
        (b, course(&day(-290), "du3"), vec![test(1, &day(-100), true)]),
        (a, course(&day(-100), "du1"), vec![test(1, &day(-10), true)]),
    ];
    let ids = app.store.add_du_courses_bulk(&tenant, &courses, "demo").await.unwrap();
    assert_eq!(ids.len(), 3);
    for (id, (person, fields, tests)) in ids.iter().zip(&courses) {
        let stored = app.store.du_courses(&tenant, *person).await.unwrap();
        let row = stored.iter().find(|c| c.id == *id).expect("the returned id is the person's referral");
        assert_eq!((row.referred_on, row.track.as_str()), (fields.referred_on, fields.track.as_str()));
        let mut taken: Vec<(calendar::Date, i64)> =
            app.store.du_module_tests(&tenant, *person).await.unwrap().into_iter().filter(|t| t.course_id == *id).map(|t| (t.taken_on, t.passed)).collect();
        taken.sort();
        let mut expected: Vec<(calendar::Date, i64)> = tests.iter().map(|t| (t.1, i64::from(t.3))).collect();
        expected.sort();
        assert_eq!(taken, expected, "the tests of referral {id}");
    }
    let monday = samplan::domain::calendar_day(samplan::plans::schedule::parse_week(&this_week()).unwrap()).unwrap();
    let attendance = |course_id: i64, person_id: i64| AttendanceRow {
        course_id,
        person_id,
        week: monday,
        hours_present: 12,
        absent_with_notice: 2,
        absent_without_notice: 1,
        recorded_by: "demo".into(),
        recorded_at: String::new(),
    };
    app.store.add_du_attendance_batch(&tenant, &[attendance(ids[2], a), attendance(ids[1], b)]).await.unwrap();
    let kept = app.store.du_attendance(&tenant, a).await.unwrap();
    assert_eq!(kept.iter().map(|r| (r.course_id, r.hours_present, r.absent_without_notice)).collect::<Vec<_>>(), vec![(ids[2], 12, 1)]);

    // A child's places, and a profile given twice in one load: the later one is kept.
    let profile = |vaccination: &str| ProfileRow { person_id: b, vaccination: vaccination.into(), updated_by: "demo".into(), ..Default::default() };
    let place = |kind: &str, grade: Option<i64>, institution: &str| ChildcareFields {
        kind: kind.into(),
        grade,
        institution: institution.into(),
        institution_address: String::new(),
        from_day: day(-90).parse().unwrap(),
        to_day: None,
        daily_from: None,
        daily_to: None,
    };
    let places = vec![(b, place("school", Some(3), "Byskolen")), (b, place("sfo", None, "Byskolen SFO"))];
    app.store.add_childcare_bulk(&tenant, &places, &[profile("partly"), profile("following")], "demo").await.unwrap();
    let stored: Vec<(String, Option<i64>)> = app.store.childcare_periods(&tenant, b).await.unwrap().into_iter().map(|p| (p.kind, p.grade)).collect();
    assert_eq!(stored.len(), 2);
    assert!(stored.contains(&("school".into(), Some(3))) && stored.contains(&("sfo".into(), None)), "{stored:?}");
    assert_eq!(app.store.child_profile(&tenant, b).await.unwrap().map(|p| p.vaccination).as_deref(), Some("following"));
}

on_both_apps!(the_referral_form_shows_and_reads_danish_days);
/// The referral's page shows its days as DD.MM.ÅÅÅÅ, asks for them so and takes them back
/// unchanged; a refusal names the days the same way, while the API keeps ISO.
async fn the_referral_form_shows_and_reads_danish_days(app: TestApp) {
    let token = app.token(app.user("sagsbehandler", Role::Caseworker, Some("0316")).await).await;
    let id = person(&app, "0316", 1, "2026-01-05").await;
    let base = format!("/api/v1/persons/{id}/danish-education");
    let mut fields = referral("2026-02-01");
    fields["start_on"] = json!("2026-02-20");
    let course = app.api(Method::POST, &base, &token, Some(fields)).await.json();
    let cid = course["id"].as_i64().unwrap();
    let b = app.login("sagsbehandler").await;
    let action = format!("/personer/{id}/danskuddannelse/{cid}");
    let page = app.get(&action, Some(&b)).await.body;
    assert!(page.contains("Henvist (DD.MM.ÅÅÅÅ)") && page.contains("Start (DD.MM.ÅÅÅÅ)") && !page.contains("ÅÅÅÅ-MM-DD"), "{page}");
    let form = common::app::form_fields(&page, &action);
    let value = |name: &str| form.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
    assert_eq!((value("referred_on"), value("start_on")), (Some("01.02.2026".into()), Some("20.02.2026".into())));
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert_eq!(app.post_form(&action, &b, &pairs).await.status, StatusCode::SEE_OTHER);
    let stored = app.api(Method::GET, &base, &token, None).await.json();
    assert_eq!((stored["courses"][0]["referred_on"].as_str(), stored["courses"][0]["start_on"].as_str()), (Some("2026-02-01"), Some("2026-02-20")));
    let person_page = app.get(&format!("/personer/{id}"), Some(&b)).await.body;
    assert!(person_page.contains("20.02.2026") && !person_page.contains("2026-02-20"), "{person_page}");

    let early: Vec<(&str, &str)> = pairs.iter().map(|&(k, v)| if k == "start_on" { (k, "15.01.2026") } else { (k, v) }).collect();
    let refused = app.post_form(&action, &b, &early).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("startdatoen 15.01.2026 ligger før henvisningen 01.02.2026"), "{}", refused.body);
}
