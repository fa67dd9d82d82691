//! Employment through HTTP on both databases: companies (CVR modulus-11 check, paging,
//! contacts), openings, roles (business consultants own them, caseworkers read them,
//! other municipalities see nothing), the person's profile, matching both ways within
//! the reader's reach, "Lav matchforslag" and the decision per pair: accepting puts a
//! jobcentre action with the opening's slots into the family plan and the person's week.
use crate::common;

use axum::http::{Method, StatusCode};
use common::app::TestApp;
use samplan::domain::Role;
use samplan::store::Tenant;
use serde_json::{Value, json};

const CODE: &str = "0316";

fn tenant() -> Tenant {
    Tenant::trusted(CODE)
}

fn problem_fields(v: &Value) -> Vec<String> {
    v["errors"].as_array().map(|a| a.iter().map(|e| e["field"].as_str().unwrap_or("").to_string()).collect()).unwrap_or_default()
}

/// The `Link: <…>; rel="next"` target of a paged answer.
fn next_link(r: &common::app::Reply) -> Option<String> {
    let link = r.headers.get("link")?.to_str().ok()?;
    Some(link.split_once('<')?.1.split_once('>')?.0.to_string())
}

async fn token_of(app: &TestApp, login: &str) -> String {
    let user = app.store.user_by_login(login).await.unwrap().unwrap();
    app.token(user.id).await
}

/// A consultant's and a caseworker's tokens.
async fn staff(app: &TestApp) -> (String, String) {
    app.staff("konsulent", Role::DepartmentStaff, Some(CODE), Some("virksomhedsservice")).await;
    app.user("sagsbehandler", Role::Caseworker, Some(CODE)).await;
    (token_of(app, "konsulent").await, token_of(app, "sagsbehandler").await)
}

fn company(cvr: &str, name: &str) -> Value {
    json!({"cvr": cvr, "name": name, "industry": "I", "street": "Ahlgade 1", "postal_code": "4300", "staff_count": "20"})
}

async fn companies_and_openings(app: TestApp) {
    let (consultant, caseworker) = staff(&app).await;
    app.staff("sundhed", Role::DepartmentStaff, Some(CODE), Some("sundhed")).await;
    let health = token_of(&app, "sundhed").await;
    app.staff("fremmed", Role::DepartmentStaff, Some("0101"), Some("virksomhedsservice")).await;
    let other = token_of(&app, "fremmed").await;

    // The CVR number is checked with its modulus-11 check; every bad field is named.
    let r = app
        .api(
            Method::POST,
            "/api/v1/companies",
            &consultant,
            Some(json!({"cvr": "25313764", "name": "", "industry": "Z", "postal_code": "9999", "staff_count": "mange"})),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.headers["content-type"].to_str().unwrap().starts_with("application/problem+json"));
    assert_eq!(problem_fields(&r.json()), ["cvr", "name", "industry", "street", "postal_code", "staff_count"]);
    assert!(r.body.contains("kontrolcifferet"), "{}", r.body);

    let r = app.api(Method::POST, "/api/v1/companies", &consultant, Some(company("25313763", "Holbæk Kantine ApS"))).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let kantine = r.json()["id"].as_i64().unwrap();
    assert_eq!(r.json()["city"], "Holbæk");
    let r = app.api(Method::POST, "/api/v1/companies", &consultant, Some(company("25313763", "Igen"))).await;
    assert_eq!((r.status, problem_fields(&r.json())), (StatusCode::UNPROCESSABLE_ENTITY, vec!["cvr".to_string()]), "the same CVR twice");
    let r = app.api(Method::POST, "/api/v1/companies", &consultant, Some(company("10000009", "Tølløse Byg"))).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);

    // Only business consultants own companies; caseworkers and other departments read them.
    for token in [&caseworker, &health] {
        let r = app.api(Method::POST, "/api/v1/companies", token, Some(company("12345674", "Nej"))).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
        assert_eq!(app.api(Method::GET, &format!("/api/v1/companies/{kantine}"), token, None).await.status, StatusCode::OK);
    }
    // Another municipality sees nothing and changes nothing.
    assert_eq!(app.api(Method::GET, &format!("/api/v1/companies/{kantine}"), &other, None).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        app.api(Method::PUT, &format!("/api/v1/companies/{kantine}"), &other, Some(company("25313763", "Overtaget"))).await.status,
        StatusCode::NOT_FOUND
    );
    assert!(app.api(Method::GET, "/api/v1/companies", &other, None).await.json().as_array().unwrap().is_empty());

    // Paging as every API list (decision 006): limit, an opaque cursor in Link rel=next.
    let first = app.api(Method::GET, "/api/v1/companies?limit=1", &caseworker, None).await;
    assert_eq!(first.json().as_array().unwrap().len(), 1);
    let next = next_link(&first).expect("a next page");
    let second = app.api(Method::GET, &next, &caseworker, None).await;
    assert_eq!(second.json()[0]["name"], "Tølløse Byg");
    assert_eq!(next_link(&second), None, "the last page has no next link");
    for bad in ["limit=0", "limit=501", "cursor=nonsense"] {
        let r = app.api(Method::GET, &format!("/api/v1/companies?{bad}"), &caseworker, None).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
        assert_eq!(problem_fields(&r.json()), [bad.split('=').next().unwrap()]);
    }
    let r = app.api(Method::GET, "/api/v1/openings?company=x&open=maybe", &caseworker, None).await;
    assert_eq!((r.status, problem_fields(&r.json())), (StatusCode::UNPROCESSABLE_ENTITY, vec!["open".to_string(), "company".to_string()]), "{}", r.body);

    // Contacts.
    let r = app
        .api(
            Method::POST,
            &format!("/api/v1/companies/{kantine}/contacts"),
            &consultant,
            Some(json!({"name": "Lone", "role": "Køkkenchef", "email": "ikke-en-adresse"})),
        )
        .await;
    assert_eq!(problem_fields(&r.json()), ["email"]);
    let r = app
        .api(
            Method::POST,
            &format!("/api/v1/companies/{kantine}/contacts"),
            &consultant,
            Some(json!({"name": "Lone", "role": "Køkkenchef", "phone": "59 48 00 00"})),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let shown = app.api(Method::GET, &format!("/api/v1/companies/{kantine}"), &caseworker, None).await.json();
    assert_eq!(shown["contacts"][0]["role"], "Køkkenchef");

    // Openings: every bad field named; the company's postal code by default.
    let bad = json!({"company_id": kantine.to_string(), "kind": "job", "title": "", "start": "snart", "weekly_hours": "25", "slots": "mandag", "seats": "0", "danish": "DU7"});
    let r = app.api(Method::POST, "/api/v1/openings", &consultant, Some(bad)).await;
    assert_eq!(problem_fields(&r.json()), ["kind", "title", "start", "slots", "seats", "danish"], "{}", r.body);
    let opening = json!({"company_id": kantine.to_string(), "kind": "igu", "title": "Køkkenmedhjælper", "start": "2026-01-05", "weekly_hours": "25",
        "slots": "1 08:00-13:00; 2 08:00-13:00; 3 08:00-13:00; 4 08:00-13:00; 5 08:00-13:00", "seats": "2", "skills": "opvask, rengøring", "danish": "DU1 2", "languages": "da, ar"});
    let r = app.api(Method::POST, "/api/v1/openings", &consultant, Some(opening.clone())).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let o = r.json();
    assert_eq!((o["postal_code"].as_str(), o["kind_label"].as_str(), o["slots"].as_array().unwrap().len()), (Some("4300"), Some("IGU"), 5));
    assert_eq!(app.api(Method::POST, "/api/v1/openings", &caseworker, Some(opening)).await.status, StatusCode::FORBIDDEN);
    let id = o["id"].as_i64().unwrap();
    let listed = app.api(Method::GET, "/api/v1/openings", &health, None).await.json();
    assert_eq!(listed[0]["id"].as_i64(), Some(id));
    let listed = app.api(Method::GET, &format!("/api/v1/openings?company={kantine}&open=false"), &health, None).await.json();
    assert_eq!(listed[0]["id"].as_i64(), Some(id));
    assert_eq!(app.api(Method::GET, &format!("/api/v1/openings/{id}"), &other, None).await.status, StatusCode::NOT_FOUND);
}
on_both_apps!(companies_and_openings);

async fn pages_keep_what_was_typed(app: TestApp) {
    staff(&app).await;
    let who = app.login("konsulent").await;
    let r = app.get("/beskaeftigelse/virksomheder", Some(&who)).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("Registrér en virksomhed"));
    let r = app
        .post_form(
            "/beskaeftigelse/virksomheder",
            &who,
            &[("cvr", "25313764"), ("name", "Gemt Navn A/S"), ("industry", "C"), ("street", "Vej 2"), ("postal_code", "4300"), ("staff_count", "8")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("value=\"Gemt Navn A/S\"") && r.body.contains("kontrolcifferet") && r.body.contains("aria-invalid=\"true\""), "{}", r.body);
    // The summary names the field by its Danish label and links to it; the message is at the field too.
    assert!(r.body.contains("<a href=\"#ny-cvr\">CVR-nummer</a>:") && !r.body.contains(">cvr</a>"), "{}", r.body);
    assert!(r.body.contains("id=\"ny-cvr-error\""), "{}", r.body);
    let r = app
        .post_form(
            "/beskaeftigelse/virksomheder",
            &who,
            &[("cvr", "25313763"), ("name", ""), ("industry", "C"), ("street", "Vej 2"), ("postal_code", "99"), ("staff_count", "otte")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    for (href, label) in [("#ny-name", "Navn"), ("#ny-postal_code", "Postnummer"), ("#ny-staff_count", "Antal ordinært ansatte")] {
        assert!(r.body.contains(&format!("<a href=\"{href}\">{label}</a>:")), "{label}: {}", r.body);
    }
    assert!(r.body.contains("value=\"otte\"") && r.body.contains("value=\"99\""), "what was typed is kept");
    let r = app
        .post_form(
            "/beskaeftigelse/virksomheder",
            &who,
            &[("cvr", "25313763"), ("name", "Gemt Navn A/S"), ("industry", "C"), ("street", "Vej 2"), ("postal_code", "4300"), ("staff_count", "8")],
        )
        .await;
    let page = app.confirmed(&r, &who, "Gemt.").await;
    assert!(page.body.contains("Gemt Navn A/S") && page.body.contains("Fremstillingsvirksomhed"));
    // A contact added: «Gemt», back at the contact's line.
    let company = r.location().to_string();
    let r =
        app.post_form(&format!("{company}/kontakter"), &who, &[("name", "Jens Hansen"), ("role", "HR-ansvarlig"), ("phone", "12345678"), ("email", "")]).await;
    assert!(r.location().starts_with(&format!("{company}#kontakt-")), "{}", r.location());
    assert!(app.confirmed(&r, &who, "Gemt.").await.body.contains("Jens Hansen"));
    let r = app.post_form("/beskaeftigelse/virksomheder", &who, &[("csrf", "forkert"), ("cvr", "10000009")]).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = app.get("/beskaeftigelse", Some(&who)).await;
    assert!(r.body.contains("Lav matchforslag"), "{}", r.body);
    // The placeholder is gone from the navigation.
    assert!(!r.body.contains("/moduler/beskaeftigelse"));
}
on_both_apps!(pages_keep_what_was_typed);

/// A family in Holbæk with an adult and a toddler; the adult's consent shares the plan
/// with Virksomhedsservice when `shared`.
async fn family(app: &TestApp, caseworker: &str, name: &str, cpr_serial: u32, shared: bool) -> (i64, i64) {
    let r =
        app.api(Method::POST, "/api/v1/families", caseworker, Some(json!({"name": format!("Familien {name}"), "postal_code": "4300", "city": "Holbæk"}))).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let family = r.json()["id"].as_i64().unwrap();
    let body = json!({"cpr": format!("010185-{cpr_serial}"), "given_name": name, "family_name": name, "sex": "female", "nationality": "Syrien",
        "languages": "ar", "residence_basis": "refugee", "family_id": family, "family_role": "adult",
        "arrival_date": "2024-02-01", "takeover_date": "2024-04-01"});
    let r = app.api(Method::POST, "/api/v1/persons", caseworker, Some(body)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let person = r.json()["id"].as_i64().unwrap();
    if shared {
        let consent = json!({"scopes": ["plan"], "departments": ["virksomhedsservice"], "purpose": "Job", "given_on": "2026-01-01", "how_given": "written"});
        let r = app.api(Method::POST, &format!("/api/v1/persons/{person}/consents"), caseworker, Some(consent)).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    }
    (family, person)
}

fn profile(skills: &str, danish: &str) -> Value {
    json!({"skills": skills, "experience": "Køkken i Aleppo", "isco_major": "9", "education_level": "primary", "danish": danish, "hours_available": "37", "job_ready": "1"})
}

async fn matching_and_the_round(app: TestApp) {
    let (consultant, caseworker) = staff(&app).await;
    let (haddad_family, amal) = family(&app, &caseworker, "Haddad", 1001, true).await;
    let (_, bilal) = family(&app, &caseworker, "Tesfay", 1003, true).await;
    let (_, hidden) = family(&app, &caseworker, "Rahimi", 1005, false).await;

    // The profile: consultants may set it for persons they reach, not for others.
    let r =
        app.api(Method::PUT, &format!("/api/v1/persons/{amal}/employment-profile"), &consultant, Some(json!({"danish": "DU9", "hours_available": "x"}))).await;
    assert_eq!(problem_fields(&r.json()), ["danish", "hours_available"], "{}", r.body);
    let r = app.api(Method::PUT, &format!("/api/v1/persons/{amal}/employment-profile"), &consultant, Some(profile("opvask, rengøring", "DU2 3"))).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = app.api(Method::PUT, &format!("/api/v1/persons/{bilal}/employment-profile"), &caseworker, Some(profile("opvask", "DU1 1"))).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = app.api(Method::PUT, &format!("/api/v1/persons/{hidden}/employment-profile"), &consultant, Some(profile("opvask, rengøring", "DU3 6"))).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "a write never reaches a person one cannot read");
    let r = app.api(Method::PUT, &format!("/api/v1/persons/{hidden}/employment-profile"), &caseworker, Some(profile("opvask, rengøring", "DU3 6"))).await;
    assert_eq!(r.status, StatusCode::OK);

    let r = app.api(Method::POST, "/api/v1/companies", &consultant, Some(company("25313763", "Holbæk Kantine ApS"))).await;
    let kantine = r.json()["id"].as_i64().unwrap();
    let opening = json!({"company_id": kantine.to_string(), "kind": "ordinaert_job", "title": "Køkkenmedhjælper", "start": "2026-01-05", "weekly_hours": "25",
        "slots": "1 08:00-13:00; 2 08:00-13:00; 3 08:00-13:00; 4 08:00-13:00; 5 08:00-13:00", "seats": "1", "skills": "opvask, rengøring", "danish": "DU2 2", "languages": "da, ar"});
    let o = app.api(Method::POST, "/api/v1/openings", &consultant, Some(opening)).await.json()["id"].as_i64().unwrap();

    // For the opening: Amal fits; Bilal is removed by the Danish requirement (a hard rule);
    // the consultant does not see Rania, the caseworker does.
    let list = app.api(Method::GET, &format!("/api/v1/openings/{o}/matches?all=true"), &consultant, None).await.json();
    let ids: Vec<i64> = list.as_array().unwrap().iter().map(|m| m["person_id"].as_i64().unwrap()).collect();
    assert_eq!(ids, [amal, bilal], "{list}");
    let reasons = list[0]["fit"]["reasons"].to_string();
    assert!(
        reasons.contains("kompetencer opfyldt: opvask, rengøring")
            && reasons.contains("dansk: kræver DU2 modul 2, har DU2 modul 3")
            && reasons.contains("der tales arabisk"),
        "{reasons}"
    );
    assert!(list[1]["fit"]["blocked"].as_str().unwrap().contains("kræver DU2 modul 2"), "{list}");
    let list = app.api(Method::GET, &format!("/api/v1/openings/{o}/matches"), &caseworker, None).await.json();
    assert_eq!(list.as_array().unwrap().iter().map(|m| m["person_id"].as_i64().unwrap()).collect::<Vec<_>>(), [amal, hidden], "equal fit: by person id");
    // For a person: the opening.
    let list = app.api(Method::GET, &format!("/api/v1/persons/{amal}/matches"), &consultant, None).await.json();
    assert_eq!(list[0]["opening_id"].as_i64(), Some(o));
    assert_eq!(app.api(Method::GET, &format!("/api/v1/persons/{hidden}/matches"), &consultant, None).await.status, StatusCode::NOT_FOUND);

    // The round: only consultants; one seat, the best person the consultant reaches.
    assert_eq!(app.api(Method::POST, "/api/v1/employment/proposals", &caseworker, None).await.status, StatusCode::FORBIDDEN);
    let r = app.api(Method::POST, "/api/v1/employment/proposals", &consultant, None).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let p = r.json();
    assert_eq!(p["pair_count"], 1);
    let pair = &p["pairs"][0];
    assert_eq!((pair["person_id"].as_i64(), pair["opening_id"].as_i64(), pair["decision"].as_str()), (Some(amal), Some(o), Some("proposed")));
    let pair_id = pair["id"].as_i64().unwrap();

    // Overriding needs a reason; a bad decision names the field.
    let url = format!("/api/v1/employment/pairs/{pair_id}/decision");
    let r = app.api(Method::POST, &url, &consultant, Some(json!({"decision": "override"}))).await;
    assert_eq!(problem_fields(&r.json()), ["reason"]);
    let r = app.api(Method::POST, &url, &consultant, Some(json!({"decision": "maybe"}))).await;
    assert_eq!(problem_fields(&r.json()), ["decision"]);
    assert_eq!(app.api(Method::POST, &url, &caseworker, Some(json!({"decision": "accept"}))).await.status, StatusCode::FORBIDDEN);

    // Accepting puts a jobcentre action with the opening's slots into the family plan.
    let r = app.api(Method::POST, &url, &consultant, Some(json!({"decision": "accept"}))).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let action_id = r.json()["action_id"].as_i64().expect("an action was made");
    assert_eq!(app.api(Method::POST, &url, &consultant, Some(json!({"decision": "accept"}))).await.status, StatusCode::CONFLICT, "decided once");
    let plan = app.api(Method::GET, &format!("/api/v1/families/{haddad_family}/plan"), &caseworker, None).await.json();
    let text = plan.to_string();
    assert!(text.contains("Ordinært job: Køkkenmedhjælper hos Holbæk Kantine ApS") && text.contains("\"department\":\"jobcenter\""), "{text}");
    assert!(text.contains(&format!("\"id\":{action_id}")));
    let next_week = chrono::Local::now().date_naive() + chrono::Days::new(7);
    let week = samplan::plans::schedule::week_of(next_week);
    let r = app.api(Method::GET, &format!("/api/v1/persons/{amal}/schedule?week={week}"), &caseworker, None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let entries = r.json().to_string();
    assert_eq!(entries.matches("Køkkenmedhjælper").count(), 5, "the week shows the five slots: {entries}");
    // The indicators see the placement: an ordinary job is a work spell from the start or the acceptance.
    let facts = app.store.municipality_facts(&tenant()).await.unwrap();
    let placed: Vec<(i64, &str, &str)> = facts.placements.iter().map(|f| (f.person_id, f.kind.as_str(), f.day.as_str())).collect();
    let today = chrono::Local::now().date_naive().to_string();
    assert_eq!(placed, [(amal, "ordinaert_job", today.as_str())]);
    let records = samplan::goals::records::records(&facts);
    let work = records.iter().find(|r| r.id == amal as u64).unwrap().spells.iter().any(|s| s.kind == indicators::StatusKind::Work);
    assert!(work, "the job is a work spell");
    // The seat is taken; the next round proposes nobody for it.
    assert_eq!(app.api(Method::GET, &format!("/api/v1/openings/{o}"), &consultant, None).await.json()["taken"], 1);
    let p = app.api(Method::POST, "/api/v1/employment/proposals", &consultant, None).await.json();
    assert_eq!(p["pair_count"], 0, "{p}");

    // A person's list of matching openings on the page is paged.
    for title in ["Opvasker", "Rengøringsassistent"] {
        let opening = json!({"company_id": kantine.to_string(), "kind": "smaajob", "title": title, "start": "2026-01-05", "weekly_hours": "5", "seats": "1", "skills": "opvask"});
        assert_eq!(app.api(Method::POST, "/api/v1/openings", &consultant, Some(opening)).await.status, StatusCode::CREATED);
    }
    let who = app.login("konsulent").await;
    let page = app.get(&format!("/beskaeftigelse/personer/{bilal}?limit=1"), Some(&who)).await;
    assert_eq!(page.status, StatusCode::OK);
    let shown =
        |body: &str| ["Opvasker", "Rengøringsassistent"].into_iter().filter(|t| body.contains(&format!(">{t} – Holbæk Kantine ApS</a>"))).collect::<Vec<_>>();
    let first = shown(&page.body);
    assert_eq!(first.len(), 1, "{}", page.body);
    let next = page
        .body
        .split("<a href=\"")
        .filter_map(|p| p.split_once('"'))
        .map(|(h, _)| h.replace("&#38;", "&").replace("&amp;", "&"))
        .find(|h| h.contains("cursor="))
        .expect("a next page");
    let second = app.get(next.trim_end_matches("#match"), Some(&who)).await;
    let later = shown(&second.body);
    assert_eq!(later.len(), 1, "{}", second.body);
    assert_ne!(first, later);
    assert!(second.body.contains("Første side") && !second.body.contains("cursor="), "the last page: {}", second.body);
    let whole = app.get(&format!("/beskaeftigelse/personer/{bilal}"), Some(&who)).await;
    assert_eq!(shown(&whole.body).len(), 2, "ten to a page by default");
}
on_both_apps!(matching_and_the_round);

async fn igu_courses_and_the_dialogue(app: TestApp) {
    let (consultant, caseworker) = staff(&app).await;
    let (_, amal) = family(&app, &caseworker, "Haddad", 1001, true).await;
    let (_, hidden) = family(&app, &caseworker, "Rahimi", 1005, false).await;
    let kantine = app.api(Method::POST, "/api/v1/companies", &consultant, Some(company("25313763", "Holbæk Kantine ApS"))).await.json()["id"].as_i64().unwrap();

    // The end and the school weeks come from the rule set in force on the start.
    let url = format!("/api/v1/persons/{amal}/igu");
    let r = app.api(Method::POST, &url, &consultant, Some(json!({"company_id": kantine.to_string(), "start": "2028-01-03"}))).await;
    assert_eq!(problem_fields(&r.json()), ["start"], "after the start-by date: {}", r.body);
    assert!(r.body.contains("31.12.2027"), "{}", r.body);
    let r = app
        .api(
            Method::POST,
            &url,
            &consultant,
            Some(json!({"company_id": kantine.to_string(), "start": "2026-01-05", "school_weeks_planned": "20", "school_weeks_taken": "x"})),
        )
        .await;
    assert_eq!(problem_fields(&r.json()), ["school_weeks_taken", "school_weeks_planned"], "{}", r.body);
    assert_eq!(
        app.api(Method::POST, &url, &caseworker, Some(json!({"company_id": kantine.to_string(), "start": "2026-01-05"}))).await.status,
        StatusCode::FORBIDDEN
    );
    let hidden_url = format!("/api/v1/persons/{hidden}/igu");
    assert_eq!(
        app.api(Method::POST, &hidden_url, &consultant, Some(json!({"company_id": kantine.to_string(), "start": "2026-01-05"}))).await.status,
        StatusCode::NOT_FOUND
    );
    let r = app.api(Method::POST, &url, &consultant, Some(json!({"company_id": kantine.to_string(), "start": "2025-06-02", "work_hours_average": "20"}))).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let c = r.json();
    assert_eq!((c["end"].as_str(), c["school_weeks_planned"].as_i64(), c["rules"]["work_hours"].as_i64()), (Some("2027-06-01"), Some(23), Some(25)));
    let warnings = c["warnings"].to_string();
    assert!(warnings.contains("Skoleugerne er bagud") && warnings.contains("mindst 25 timer"), "{warnings}");
    // Frister: the next school week is an overdue deadline of the person.
    let deadlines = app.api(Method::GET, &format!("/api/v1/persons/{amal}/deadlines"), &caseworker, None).await;
    assert!(deadlines.body.contains("IGU hos Holbæk Kantine ApS: skoleuge 1 af 23"), "{}", deadlines.body);
    let course = c["id"].as_i64().unwrap();
    let r = app
        .api(
            Method::PUT,
            &format!("{url}/{course}"),
            &consultant,
            Some(json!({"company_id": kantine.to_string(), "start": "2025-06-02", "school_weeks_taken": "23", "work_hours_average": "30"})),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["warnings"].as_array().unwrap().len(), 0);
    let page = app.get(&format!("/beskaeftigelse/personer/{amal}"), Some(&app.login("konsulent").await)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("IGU-forløb") && page.body.contains("23 af 23") && page.body.contains("Arbejdspligt"), "{}", page.body);

    // The list of every course: the person linked, the rules' 23 weeks and 25 hours, the
    // start-by date, warnings; paged by key.
    let (_, bilal) = family(&app, &caseworker, "Tesfay", 1003, true).await;
    let r = app
        .api(
            Method::POST,
            &format!("/api/v1/persons/{bilal}/igu"),
            &consultant,
            Some(json!({"company_id": kantine.to_string(), "start": "2025-09-01", "work_hours_average": "20"})),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let who = app.login("konsulent").await;
    let list = app.get("/beskaeftigelse/igu", Some(&who)).await;
    assert_eq!(list.status, StatusCode::OK);
    let body = &list.body;
    assert!(body.contains(&format!("href=\"/beskaeftigelse/personer/{amal}#igu\">Haddad Haddad</a>")), "{body}");
    assert!(body.contains("23 af 23 (reglen: 23)") && body.contains("(reglen: mindst 25)") && body.contains("31.12.2027"), "{body}");
    assert!(body.contains("Skoleugerne er bagud") && body.contains("reglen kræver mindst 25 timer"), "the second course's warnings: {body}");
    assert!(body.contains("href=\"/beskaeftigelse/igu\""), "in the module's navigation");
    let first = app.get("/beskaeftigelse/igu?limit=1", Some(&who)).await;
    assert!(first.body.contains("23 af 23") && !first.body.contains("0 af 23"), "{}", first.body);
    let next = first
        .body
        .split("<a href=\"")
        .filter_map(|p| p.split_once('"'))
        .map(|(h, _)| h.replace("&#38;", "&").replace("&amp;", "&"))
        .find(|h| h.contains("cursor="))
        .expect("a next page");
    let second = app.get(&next, Some(&who)).await;
    assert!(second.body.contains("0 af 23") && !second.body.contains("23 af 23") && !second.body.contains("cursor="), "{}", second.body);
    // A second course for the same person (another employer after the first): both are
    // kept, and Frister shows the open one's next school week.
    let bager = app.api(Method::POST, "/api/v1/companies", &consultant, Some(company("10150817", "Bageriet Ahlgade ApS"))).await.json()["id"].as_i64().unwrap();
    let r = app.api(Method::POST, &url, &consultant, Some(json!({"company_id": bager.to_string(), "start": "2026-01-05"}))).await;
    assert_eq!(r.status, StatusCode::CREATED, "a second course: {}", r.body);
    assert_eq!(app.api(Method::GET, &url, &caseworker, None).await.json().as_array().unwrap().len(), 2);
    let deadlines = app.api(Method::GET, &format!("/api/v1/persons/{amal}/deadlines"), &caseworker, None).await;
    assert!(deadlines.body.contains("IGU hos Bageriet Ahlgade ApS: skoleuge 1 af 23"), "{}", deadlines.body);
    // Every listed person is an audited read.
    let reads = app
        .store
        .audit_log(&tenant(), &samplan::store::audit::AuditFilter { entity_id: Some(amal.to_string()), action: Some("read".into()), ..Default::default() }, 200)
        .await
        .unwrap();
    assert!(reads.iter().any(|e| e.detail.contains("IGU-forløb (oversigt)")));

    // The business dialogue: follow-ups show in the consultant's Frister.
    let r = app.api(Method::POST, "/api/v1/employment/dialogue", &consultant, Some(json!({"day": "2099-01-01", "what": ""}))).await;
    assert_eq!(problem_fields(&r.json()), ["counterpart", "day", "what"], "{}", r.body);
    let today = chrono::Local::now().date_naive().to_string();
    let r = app
        .api(
            Method::POST,
            "/api/v1/employment/dialogue",
            &consultant,
            Some(json!({"company_id": kantine.to_string(), "day": today, "who": "Lone, køkkenchef", "what": "To IGU-pladser til foråret", "follow_up": today})),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(r.json()["counterpart"], "Holbæk Kantine ApS");
    let r = app
        .api(
            Method::POST,
            "/api/v1/employment/dialogue",
            &consultant,
            Some(json!({"counterpart": "3F Holbæk", "day": today, "what": "Merbeskæftigelse ved løntilskud"})),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let log = app.api(Method::GET, "/api/v1/employment/dialogue?limit=1", &caseworker, None).await;
    assert_eq!((log.json()[0]["counterpart"].as_str(), next_link(&log).is_some()), (Some("3F Holbæk"), true));
    let older = app.api(Method::GET, &next_link(&log).unwrap(), &caseworker, None).await;
    assert_eq!((older.json()[0]["counterpart"].as_str(), next_link(&older)), (Some("Holbæk Kantine ApS"), None));
    assert_eq!((older.json()[0]["day"].as_str(), older.json()[0]["follow_up_day"].as_str()), (Some(today.as_str()), Some(today.as_str())), "the API keeps ISO");
    let who = app.login("konsulent").await;
    // The log's page shows the days, and its form asks for them, as DD.MM.ÅÅÅÅ.
    let shown_today = samplan::persons::danish_date(today.as_str());
    let page = app.get("/beskaeftigelse/dialog", Some(&who)).await.body;
    let form = common::app::form_fields(&page, "/beskaeftigelse/dialog");
    assert!(page.contains("Dato (DD.MM.ÅÅÅÅ)") && form.iter().any(|(k, v)| k == "day" && *v == shown_today), "{page}");
    assert!(page.contains(&format!("<td>{shown_today}")) && !page.contains(&format!(">{today}")), "{page}");
    let frister = app.get("/frister", Some(&who)).await;
    assert!(frister.body.contains("Opfølgning på virksomhedsdialog") && frister.body.contains("To IGU-pladser til foråret"), "{}", frister.body);
    let id = app.api(Method::GET, "/api/v1/employment/dialogue?limit=2", &caseworker, None).await.json()[1]["id"].as_i64().unwrap();
    assert_eq!(app.api(Method::POST, &format!("/api/v1/employment/dialogue/{id}/done"), &consultant, None).await.status, StatusCode::NO_CONTENT);
    assert!(!app.get("/frister", Some(&who)).await.body.contains("To IGU-pladser til foråret"));
}
on_both_apps!(igu_courses_and_the_dialogue);

/// A write never widens what the writer reads: the consultant cannot write the
/// employment records of a person outside reach, accepting a pair links only the jobcentre
/// to that one person (not the family, not the consultant), and a pair whose person left
/// the consultant's reach after the round cannot be accepted.
async fn writes_never_widen_reach(app: TestApp) {
    let (consultant, caseworker) = staff(&app).await;
    app.staff("jobcenter", Role::DepartmentStaff, Some(CODE), Some("jobcenter")).await;
    let jobcentre = token_of(&app, "jobcenter").await;
    let (haddad, amal) = family(&app, &caseworker, "Haddad", 1001, true).await;
    let (tesfay, bilal) = family(&app, &caseworker, "Tesfay", 1003, true).await;
    // Nour lives with Amal; no consent shares her records with Virksomhedsservice.
    let body = json!({"cpr": "010185-1007", "given_name": "Nour", "family_name": "Haddad", "sex": "female", "nationality": "Syrien",
        "languages": "ar", "residence_basis": "refugee", "family_id": haddad, "family_role": "adult", "arrival_date": "2024-02-01", "takeover_date": "2024-04-01"});
    let r = app.api(Method::POST, "/api/v1/persons", &caseworker, Some(body)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let nour = r.json()["id"].as_i64().unwrap();
    let kantine = app.api(Method::POST, "/api/v1/companies", &consultant, Some(company("25313763", "Holbæk Kantine ApS"))).await.json()["id"].as_i64().unwrap();

    // Outside reach, every employment write answers 404 and changes nothing.
    for (method, url, body) in [
        (Method::PUT, format!("/api/v1/persons/{nour}/employment-profile"), profile("opvask", "DU2 3")),
        (Method::POST, format!("/api/v1/persons/{nour}/igu"), json!({"company_id": kantine.to_string(), "start": "2026-01-05"})),
    ] {
        let r = app.api(method, &url, &consultant, Some(body)).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{url}: {}", r.body);
    }
    assert_eq!(app.api(Method::GET, &format!("/api/v1/persons/{nour}/igu"), &caseworker, None).await.json().as_array().unwrap().len(), 0);
    let r = app.api(Method::PUT, &format!("/api/v1/persons/{nour}/employment-profile"), &caseworker, Some(profile("opvask", "DU2 3"))).await;
    assert_eq!(r.status, StatusCode::OK, "the caseworker may");
    for token in [&consultant, &jobcentre] {
        for url in [
            format!("/api/v1/persons/{nour}"),
            format!("/api/v1/persons/{nour}/employment-profile"),
            format!("/api/v1/persons/{nour}/igu"),
            format!("/api/v1/persons/{nour}/matches"),
        ] {
            assert_eq!(app.api(Method::GET, &url, token, None).await.status, StatusCode::NOT_FOUND, "{url}");
        }
    }

    for p in [amal, bilal] {
        let r = app.api(Method::PUT, &format!("/api/v1/persons/{p}/employment-profile"), &consultant, Some(profile("opvask", "DU2 3"))).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    }
    let opening = json!({"company_id": kantine.to_string(), "kind": "virksomhedspraktik", "title": "Opvasker", "start": "2026-01-05", "weekly_hours": "20",
        "slots": "1 08:00-12:00; 2 08:00-12:00; 3 08:00-12:00; 4 08:00-12:00; 5 08:00-12:00", "seats": "3", "skills": "opvask"});
    let o = app.api(Method::POST, "/api/v1/openings", &consultant, Some(opening)).await.json()["id"].as_i64().unwrap();
    let matched = app.api(Method::GET, &format!("/api/v1/openings/{o}/matches?all=true"), &consultant, None).await.json();
    assert!(matched.as_array().unwrap().iter().all(|m| m["person_id"].as_i64() != Some(nour)), "{matched}");
    let p = app.api(Method::POST, "/api/v1/employment/proposals", &consultant, None).await.json();
    let pair_of = |person: i64| p["pairs"].as_array().unwrap().iter().find(|x| x["person_id"].as_i64() == Some(person)).map(|x| x["id"].as_i64().unwrap());
    assert_eq!(pair_of(nour), None, "{p}");
    let (amal_pair, bilal_pair) = (pair_of(amal).expect("Amal proposed"), pair_of(bilal).expect("Bilal proposed"));

    // Accepting Amal's pair links the jobcentre to Amal only.
    assert_eq!(app.api(Method::GET, &format!("/api/v1/persons/{amal}"), &jobcentre, None).await.status, StatusCode::NOT_FOUND);
    let r = app.api(Method::POST, &format!("/api/v1/employment/pairs/{amal_pair}/decision"), &consultant, Some(json!({"decision": "accept"}))).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(app.api(Method::GET, &format!("/api/v1/persons/{amal}"), &jobcentre, None).await.status, StatusCode::OK);
    for token in [&consultant, &jobcentre] {
        assert_eq!(
            app.api(Method::GET, &format!("/api/v1/persons/{nour}"), token, None).await.status,
            StatusCode::NOT_FOUND,
            "the family's other member stays out of reach"
        );
    }

    // Bilal withdraws his consent after the round: his pair can no longer be accepted.
    let withdraw = |person: i64| {
        let app = &app;
        let caseworker = &caseworker;
        async move {
            let consents = app.api(Method::GET, &format!("/api/v1/persons/{person}/consents"), caseworker, None).await.json();
            let cid = consents[0]["id"].as_i64().unwrap();
            let r = app.api(Method::POST, &format!("/api/v1/persons/{person}/consents/{cid}/withdraw"), caseworker, None).await;
            assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
        }
    };
    withdraw(bilal).await;
    let r = app.api(Method::POST, &format!("/api/v1/employment/pairs/{bilal_pair}/decision"), &consultant, Some(json!({"decision": "accept"}))).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
    let plan = app.api(Method::GET, &format!("/api/v1/families/{tesfay}/plan"), &caseworker, None).await.json().to_string();
    assert!(!plan.contains("Opvasker"), "no action was written: {plan}");

    // The consultant's reach was the consent, never the action the consultant wrote.
    withdraw(amal).await;
    for url in [format!("/api/v1/persons/{amal}"), format!("/api/v1/persons/{amal}/employment-profile"), format!("/api/v1/persons/{amal}/igu")] {
        assert_eq!(app.api(Method::GET, &url, &consultant, None).await.status, StatusCode::NOT_FOUND, "{url}");
    }
    let r = app.api(Method::PUT, &format!("/api/v1/persons/{amal}/employment-profile"), &consultant, Some(profile("opvask, rengøring", "DU3 1"))).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(
        app.api(Method::GET, &format!("/api/v1/persons/{amal}"), &jobcentre, None).await.status,
        StatusCode::OK,
        "the jobcentre keeps its action's link"
    );
}
on_both_apps!(writes_never_widen_reach);

/// The Danish level matching reads is the Danish education module's (the highest module
/// passed) when one is recorded there, and the entered one otherwise.
async fn the_danish_level_comes_from_danish_education(app: TestApp) {
    let (consultant, caseworker) = staff(&app).await;
    let (_, bilal) = family(&app, &caseworker, "Tesfay", 1003, true).await;
    let r = app.api(Method::PUT, &format!("/api/v1/persons/{bilal}/employment-profile"), &consultant, Some(profile("opvask", "DU1 1"))).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.json()["danish_source"].as_str().unwrap().contains("indtastet"), "{}", r.body);
    let kantine = app.api(Method::POST, "/api/v1/companies", &consultant, Some(company("25313763", "Holbæk Kantine ApS"))).await.json()["id"].as_i64().unwrap();
    let opening = json!({"company_id": kantine.to_string(), "kind": "ordinaert_job", "title": "Køkkenmedhjælper", "start": "2026-01-05", "weekly_hours": "25",
        "slots": "1 08:00-13:00", "seats": "1", "skills": "opvask", "danish": "DU2 1"});
    let o = app.api(Method::POST, "/api/v1/openings", &consultant, Some(opening)).await.json()["id"].as_i64().unwrap();
    let url = format!("/api/v1/openings/{o}/matches?all=true");
    let list = app.api(Method::GET, &url, &consultant, None).await.json();
    assert!(list[0]["fit"]["blocked"].as_str().unwrap().contains("har DU1 modul 1 (indtastet i beskæftigelsesprofilen)"), "{list}");

    // The language centre's records: DU2, module 1 passed.
    let base = format!("/api/v1/persons/{bilal}/danish-education");
    let referred_on = (chrono::Local::now().date_naive() - chrono::Days::new(30)).to_string();
    let c = app
        .api(
            Method::POST,
            &base,
            &caseworker,
            Some(json!({"learner": "integration", "referred_on": referred_on, "language_centre": "Sprogcenter Holbæk", "track": "du2", "hours_per_week": 15})),
        )
        .await;
    assert_eq!(c.status, StatusCode::CREATED, "{}", c.body);
    let today = chrono::Local::now().date_naive().to_string();
    let r = app
        .api(Method::POST, &format!("{base}/tests"), &caseworker, Some(json!({"course_id": c.json()["id"], "taken_on": today, "result": "7", "passed": true})))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);

    let list = app.api(Method::GET, &url, &consultant, None).await.json();
    assert_eq!(list[0]["fit"]["blocked"], Value::Null, "{list}");
    assert!(list[0]["fit"]["reasons"].to_string().contains("dansk: kræver DU2 modul 1, har DU2 modul 1 (fra danskuddannelsen"), "{list}");
    let shown = app.api(Method::GET, &format!("/api/v1/persons/{bilal}/employment-profile"), &consultant, None).await.json();
    assert_eq!(
        (shown["profile"]["danish"].as_str(), shown["danish_source"].as_str().map(|s| s.contains("DU2 modul 1"))),
        (Some("DU2 1"), Some(true)),
        "{shown}"
    );
}
on_both_apps!(the_danish_level_comes_from_danish_education);

/// The demo: about 60 companies with valid CVR numbers on the municipality's postal
/// codes, 120 openings of every kind, IGU courses with their school-week deadlines,
/// dialogue entries, and job-ready persons the demo consultant reaches, so that a round
/// proposes pairs at once.
async fn the_demo_has_companies_openings_and_waiting_matches(app: TestApp) {
    let code = samplan::domain::MunicipalityCode::parse(CODE).unwrap();
    samplan::demo::ensure_users(&app.store, &code).await.unwrap();
    let today = chrono::Local::now().date_naive();
    let families = samplan::demo::generate(&code, 5, today, Some(500));
    samplan::demo::store_families(&app.store, &app.vault, &code, &families, |_| {}).await.unwrap();
    samplan::demo::plans::store_plans(&app.store, &tenant(), today).await.unwrap();
    let (companies, openings, profiles) = samplan::demo::employment::store_employment(&app.store, &code, today).await.unwrap();
    assert_eq!((companies, openings), (60, 120));
    assert!(profiles >= 40, "{profiles} profiles");
    let consultant = token_of(&app, samplan::demo::employment::CONSULTANT_LOGIN).await;

    let listed = app.api(Method::GET, "/api/v1/companies?limit=500", &consultant, None).await.json();
    let listed = listed.as_array().unwrap();
    assert_eq!(listed.len(), 60);
    let postal: Vec<String> = samplan::domain::municipality::postal_areas(&code).iter().map(|p| p.code.clone()).collect();
    for c in listed {
        let cvr = c["cvr"].as_str().unwrap();
        assert!(samplan::employment::check_cvr(cvr).is_ok(), "{cvr}");
        assert!(postal.contains(&c["postal_code"].as_str().unwrap().to_string()), "{c}");
    }
    let sections: std::collections::BTreeSet<&str> = listed.iter().map(|c| c["industry"].as_str().unwrap()).collect();
    assert!(sections.len() >= 6, "several industries: {sections:?}");

    let all = app.api(Method::GET, "/api/v1/openings?limit=500", &consultant, None).await.json();
    let all = all.as_array().unwrap();
    assert_eq!(all.len(), 120);
    for kind in ["virksomhedspraktik", "loentilskud", "igu", "ordinaert_job", "smaajob"] {
        assert!(all.iter().filter(|o| o["kind"] == kind).count() >= 20, "{kind}");
    }

    let log = app.api(Method::GET, "/api/v1/employment/dialogue?limit=50", &consultant, None).await.json();
    assert!(log.as_array().unwrap().len() >= 5, "{log}");
    assert!(log.as_array().unwrap().iter().any(|d| d["follow_up_day"].is_string() && d["follow_up_done"] == 0), "follow-ups for Frister: {log}");

    // IGU courses: their school weeks are deadlines of Virksomhedsservice.
    let filter = samplan::store::deadlines::DeadlineFilter { department: Some("virksomhedsservice".into()), ..Default::default() };
    let rows = app
        .store
        .deadlines(
            &tenant(),
            &samplan::store::access::Reach::All,
            &filter,
            samplan::domain::calendar_day(today).unwrap(),
            samplan::domain::calendar_day(today).unwrap(),
            100,
        )
        .await
        .unwrap();
    let igu = rows.iter().filter(|r| r.deadline.rule_id == "igu.school_weeks").count();
    assert!(igu >= 5, "IGU courses with school-week deadlines: {igu}");

    // Matches wait: the consultant's round proposes pairs straight away.
    let p = app.api(Method::POST, "/api/v1/employment/proposals", &consultant, None).await;
    assert_eq!(p.status, StatusCode::CREATED, "{}", p.body);
    assert!(p.json()["pair_count"].as_i64().unwrap() >= 10, "{}", p.body);
}
on_both_apps!(the_demo_has_companies_openings_and_waiting_matches);

/// The limits of company-based offers from `rules/virksomhedsrettede_tilbud.toml`: the
/// ratio rule caps a company's persons in praktik and løntilskud in the round, løntilskud
/// without declared extra jobs is removed, and an accepted praktik ends by the rule's
/// length (4 weeks for a job-ready person in the programme), shown in Frister.
async fn company_offer_limits(app: TestApp) {
    let (consultant, caseworker) = staff(&app).await;
    let (family_a, amal) = family(&app, &caseworker, "Haddad", 1001, true).await;
    let (_, bilal) = family(&app, &caseworker, "Tesfay", 1003, true).await;
    for p in [amal, bilal] {
        let r = app.api(Method::PUT, &format!("/api/v1/persons/{p}/employment-profile"), &consultant, Some(profile("opvask, rengøring", "DU2 3"))).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    }
    // Four ordinary employees: the ratio rule allows one person in praktik or løntilskud.
    let small = json!({"cvr": "25313763", "name": "Lille Kantine ApS", "industry": "I", "street": "Ahlgade 1", "postal_code": "4300", "staff_count": "4"});
    let company = app.api(Method::POST, "/api/v1/companies", &consultant, Some(small)).await.json()["id"].as_i64().unwrap();
    let opening = |kind: &str, title: &str, end: &str, extra: bool| {
        json!({"company_id": company.to_string(), "kind": kind, "title": title, "start": "2026-01-05", "end": end,
        "weekly_hours": "10", "slots": "6 08:00-13:00; 7 08:00-13:00", "seats": "2", "skills": "opvask", "extra_jobs": if extra { "1" } else { "" }})
    };
    let praktik = app.api(Method::POST, "/api/v1/openings", &consultant, Some(opening("virksomhedspraktik", "Køkkenpraktik", "2027-12-31", false))).await;
    assert_eq!(praktik.status, StatusCode::CREATED, "{}", praktik.body);
    let praktik = praktik.json()["id"].as_i64().unwrap();
    let wage = app
        .api(Method::POST, "/api/v1/openings", &consultant, Some(opening("loentilskud", "Køkkenmedhjælper med løntilskud", "2027-12-31", false)))
        .await
        .json()["id"]
        .as_i64()
        .unwrap();

    // Løntilskud without extra jobs is removed for everyone, naming the rule.
    let list = app.api(Method::GET, &format!("/api/v1/openings/{wage}/matches?all=true"), &consultant, None).await.json();
    let blocked = list[0]["fit"]["blocked"].as_str().unwrap_or_default().to_string();
    assert!(blocked.contains("merbeskæftigelse") && blocked.contains("skal bekræftes"), "{list}");
    // The praktik's length by the rule is a reason.
    let list = app.api(Method::GET, &format!("/api/v1/openings/{praktik}/matches"), &consultant, None).await.json();
    let reasons = list[0]["fit"]["reasons"].to_string();
    assert!(reasons.contains("Virksomhedspraktik slutter senest") && reasons.contains("§ 23 b"), "{reasons}");

    // The round: two seats, two fitting persons, but the company may have only one.
    let p = app.api(Method::POST, "/api/v1/employment/proposals", &consultant, None).await.json();
    assert_eq!(p["pair_count"], 1, "the ratio rule caps the company: {p}");
    let pair = &p["pairs"][0];
    assert!(
        pair["reasons"].to_string().contains("rimelighedskravet: højst 1 i praktik eller løntilskud hos virksomheden med 4 ordinært ansatte, 0 i brug"),
        "{pair}"
    );
    let person = pair["person_id"].as_i64().unwrap();
    let r = app.api(Method::POST, &format!("/api/v1/employment/pairs/{}/decision", pair["id"]), &consultant, Some(json!({"decision": "accept"}))).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);

    // The action ends by the rule: 4 weeks for a job-ready person in the programme.
    let today = chrono::Local::now().date_naive();
    let last = (today + chrono::Duration::days(27)).to_string();
    let family_id = if person == amal {
        family_a
    } else {
        app.api(Method::GET, &format!("/api/v1/persons/{person}"), &caseworker, None).await.json()["family_id"].as_i64().unwrap()
    };
    let plan = app.api(Method::GET, &format!("/api/v1/families/{family_id}/plan"), &caseworker, None).await.json().to_string();
    assert!(plan.contains(&format!("\"end_date\":\"{last}\"")), "ends {last}: {plan}");
    // Frister: the offer's last day, with its rule, unconfirmed.
    let deadlines = app.api(Method::GET, &format!("/api/v1/persons/{person}/deadlines"), &caseworker, None).await.body;
    assert!(
        deadlines.contains("Virksomhedspraktik hos Lille Kantine ApS: slutter senest")
            && deadlines.contains(&last)
            && deadlines.contains("company_offer.praktik.programme_job_ready"),
        "{deadlines}"
    );

    // The company is full: the next round proposes nobody there, and an older pair cannot be accepted.
    let p = app.api(Method::POST, "/api/v1/employment/proposals", &consultant, None).await.json();
    assert_eq!(p["pair_count"], 0, "{p}");
    let other = if person == amal { bilal } else { amal };
    assert!(!p.to_string().contains(&format!("\"person_id\":{other}")));
}
on_both_apps!(company_offer_limits);

/// Accepting a proposed pair changes the coordinator's overview: before, the person is
/// under the 37-hour work duty this week (the plans schedule's conflict); after accepting
/// an opening of enough weekly hours, the conflict is gone and the week holds the hours.
async fn accepting_a_pair_changes_the_work_duty_conflict(app: TestApp) {
    let (consultant, caseworker) = staff(&app).await;
    let k = app.staff("koordinator", Role::Coordinator, Some(CODE), Some("jobcenter")).await;
    let coordinator = app.token(k).await;
    // Taken over two months ago: in the introduction period, where the 37-hour duty holds.
    let today = chrono::Local::now().date_naive();
    let family_id =
        app.api(Method::POST, "/api/v1/families", &caseworker, Some(json!({"name": "Familien Haddad", "postal_code": "4300", "city": "Holbæk"}))).await.json()
            ["id"]
            .as_i64()
            .unwrap();
    let body = json!({"cpr": "010185-1001", "given_name": "Amal", "family_name": "Haddad", "sex": "female", "nationality": "Syrien", "languages": "ar",
        "residence_basis": "refugee", "family_id": family_id, "family_role": "adult",
        "arrival_date": (today - chrono::Duration::days(90)).to_string(), "takeover_date": (today - chrono::Duration::days(60)).to_string()});
    let r = app.api(Method::POST, "/api/v1/persons", &caseworker, Some(body)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let amal = r.json()["id"].as_i64().unwrap();
    let consent = json!({"scopes": ["plan"], "departments": ["virksomhedsservice"], "purpose": "Job", "given_on": "2026-01-01", "how_given": "written"});
    assert_eq!(app.api(Method::POST, &format!("/api/v1/persons/{amal}/consents"), &caseworker, Some(consent)).await.status, StatusCode::CREATED);
    // The coordinator's plan: Danish education three mornings, 9 of the 37 hours.
    let slot = |d: u8| json!({"weekday": d, "from": "09:00", "to": "12:00"});
    let plan = json!({"goals": [{"life_area": "sprog", "person_id": amal, "text": "Amal taler dansk på arbejdet", "actions": [
        {"title": "Danskuddannelse DU2", "department": "sprogcenter", "responsible_name": "Sprogcentret", "person_id": amal, "start_date": "2026-01-05", "slots": [slot(1), slot(3), slot(5)], "status": "active"}]}]});
    let r = app
        .api(
            Method::PUT,
            &format!("/api/v1/families/{family_id}/plan"),
            &coordinator,
            Some(json!({"based_on_version": 0, "reason": "Første helhedsplan", "plan": plan})),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let duty = |overview: &Value| work_duty_conflicts(overview, family_id, amal);
    let before = app.api(Method::GET, "/api/v1/coordinator/families", &coordinator, None).await.json();
    let before = duty(&before);
    assert_eq!(before.len(), 1, "under the duty before: {before:?}");
    assert!(before[0].contains("har 9.0 timer i ugen; kravet er mindst 37 timer"), "{before:?}");

    // An opening of 28 weekly hours (no fixed slots), proposed and accepted.
    let r = app.api(Method::PUT, &format!("/api/v1/persons/{amal}/employment-profile"), &consultant, Some(profile("opvask", ""))).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let kantine = app.api(Method::POST, "/api/v1/companies", &consultant, Some(company("25313763", "Holbæk Kantine ApS"))).await.json()["id"].as_i64().unwrap();
    let opening = json!({"company_id": kantine.to_string(), "kind": "ordinaert_job", "title": "Opvasker", "start": "2026-01-05", "weekly_hours": "28", "seats": "1", "skills": "opvask"});
    let o = app.api(Method::POST, "/api/v1/openings", &consultant, Some(opening)).await.json()["id"].as_i64().unwrap();
    let p = app.api(Method::POST, "/api/v1/employment/proposals", &consultant, None).await.json();
    let pair = p["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["person_id"].as_i64() == Some(amal) && x["opening_id"].as_i64() == Some(o))
        .expect("the pair is proposed")
        .clone();
    // Proposing alone changes nothing in the overview.
    assert_eq!(duty(&app.api(Method::GET, "/api/v1/coordinator/families", &coordinator, None).await.json()), before);
    let r = app.api(Method::POST, &format!("/api/v1/employment/pairs/{}/decision", pair["id"]), &consultant, Some(json!({"decision": "accept"}))).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);

    let after = app.api(Method::GET, "/api/v1/coordinator/families", &coordinator, None).await.json();
    assert!(duty(&after).is_empty(), "the duty is met after accepting: {after}");
    let week = samplan::plans::schedule::week_of(chrono::Local::now().date_naive());
    let schedule = app.api(Method::GET, &format!("/api/v1/persons/{amal}/schedule?week={week}"), &coordinator, None).await.json();
    assert_eq!(schedule["total_hours"].as_f64(), Some(37.0), "{schedule}");
    // The person's employment page counts the same week from the same schedule.
    let page = app.get(&format!("/beskaeftigelse/personer/{amal}"), Some(&app.login("konsulent").await)).await;
    assert!(page.body.contains("Arbejde og virksomhedsrettede tilbud: 28") && !page.body.contains("under kravet"), "{}", page.body);
}
on_both_apps!(accepting_a_pair_changes_the_work_duty_conflict);

/// The 37-hour check reads the municipality's rule set, and the jobcentre's health
/// reduction (recorded by a caseworker with a reason) lowers the minimum in its period
/// through the rules engine: in the coordinator's overview, the schedule and the person's
/// employment page. Only person writers record it; others are refused before the input
/// is read, and a person outside reach is not found.
async fn the_work_duty_follows_the_municipality_and_a_health_reduction(app: TestApp) {
    let (consultant, caseworker) = staff(&app).await;
    let k = app.staff("koordinator", Role::Coordinator, Some(CODE), Some("jobcenter")).await;
    let coordinator = app.token(k).await;
    let today = chrono::Local::now().date_naive();
    let family_id =
        app.api(Method::POST, "/api/v1/families", &caseworker, Some(json!({"name": "Familien Haddad", "postal_code": "4300", "city": "Holbæk"}))).await.json()
            ["id"]
            .as_i64()
            .unwrap();
    let body = json!({"cpr": "010185-1001", "given_name": "Amal", "family_name": "Haddad", "sex": "female", "nationality": "Syrien", "languages": "ar",
        "residence_basis": "refugee", "family_id": family_id, "family_role": "adult",
        "arrival_date": (today - chrono::Duration::days(90)).to_string(), "takeover_date": (today - chrono::Duration::days(60)).to_string()});
    let amal = app.api(Method::POST, "/api/v1/persons", &caseworker, Some(body)).await.json()["id"].as_i64().unwrap();
    let consent = json!({"scopes": ["plan"], "departments": ["virksomhedsservice"], "purpose": "Job", "given_on": "2026-01-01", "how_given": "written"});
    assert_eq!(app.api(Method::POST, &format!("/api/v1/persons/{amal}/consents"), &caseworker, Some(consent)).await.status, StatusCode::CREATED);
    // Danish education 25 hours a week.
    let slot = |d: u8| json!({"weekday": d, "from": "08:00", "to": "13:00"});
    let plan = json!({"goals": [{"life_area": "sprog", "person_id": amal, "text": "Amal taler dansk på arbejdet", "actions": [
        {"title": "Danskuddannelse DU2", "department": "sprogcenter", "responsible_name": "Sprogcentret", "person_id": amal, "start_date": "2026-01-05", "slots": [slot(1), slot(2), slot(3), slot(4), slot(5)], "status": "active"}]}]});
    let r = app
        .api(
            Method::PUT,
            &format!("/api/v1/families/{family_id}/plan"),
            &coordinator,
            Some(json!({"based_on_version": 0, "reason": "Første helhedsplan", "plan": plan})),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let duty = |overview: &Value| work_duty_conflicts(overview, family_id, amal);
    let overview = || async { duty(&app.api(Method::GET, "/api/v1/coordinator/families", &coordinator, None).await.json()) };
    let week = samplan::plans::schedule::week_of(today);
    let schedule = || async { app.api(Method::GET, &format!("/api/v1/persons/{amal}/schedule?week={week}"), &coordinator, None).await.json() };
    let before = overview().await;
    assert!(before.len() == 1 && before[0].contains("har 25.0 timer i ugen; kravet er mindst 37 timer"), "{before:?}");

    // The municipality tightens the duty to 40 hours: the check reads its rule set.
    app.store.set_rule_overrides(&tenant(), "[[override]]\nrule = \"work_duty.programme\"\nhours = 40\n", "admin").await.unwrap();
    let tightened = overview().await;
    assert!(tightened.len() == 1 && tightened[0].contains("kravet er mindst 40 timer"), "{tightened:?}");
    assert_eq!(schedule().await["minimum"]["hours"].as_u64(), Some(40));
    let who = app.login("konsulent").await;
    let page = app.get(&format!("/beskaeftigelse/personer/{amal}"), Some(&who)).await;
    assert!(page.body.contains("40 timer (Arbejdspligt"), "the employment page counts the municipality's 40 hours: {}", page.body);

    // Recording a reduction: only person writers; the role is checked before the input.
    let url = format!("/api/v1/persons/{amal}/work-duty-reductions");
    assert_eq!(app.api(Method::POST, &url, &consultant, Some(json!({}))).await.status, StatusCode::FORBIDDEN);
    let r = app.api(Method::POST, &url, &caseworker, Some(json!({"hours": "37", "from": "x"}))).await;
    assert_eq!(problem_fields(&r.json()), ["hours", "from", "reason"], "{}", r.body);
    let from = (today - chrono::Duration::days(7)).to_string();
    let to = (today + chrono::Duration::days(60)).to_string();
    let r = app.api(Method::POST, &url, &caseworker, Some(json!({"hours": "20", "from": from, "to": to, "reason": "Lægeerklæring: kroniske smerter"}))).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!((r.json()["hours"].as_i64(), r.json()["recorded_by"].as_str()), (Some(20), Some("sagsbehandler")));
    let list = app.api(Method::GET, &url, &consultant, None).await;
    assert_eq!(list.json().as_array().unwrap().len(), 1, "person readers read it: {}", list.body);
    let audit = app
        .store
        .audit_log(
            &tenant(),
            &samplan::store::audit::AuditFilter { entity_id: Some(amal.to_string()), action: Some("update".into()), ..Default::default() },
            50,
        )
        .await
        .unwrap();
    assert!(audit.iter().any(|e| e.detail.contains("arbejdspligt nedsat til 20 timer") && e.detail.contains("kroniske smerter")), "audited with its reason");

    // 25 hours meet the reduced 20: no conflict this week; the schedule names the reduction.
    assert!(overview().await.is_empty(), "the reduction lifts the conflict");
    let s = schedule().await;
    assert_eq!(s["minimum"]["hours"].as_u64(), Some(20), "{s}");
    assert!(s["minimum"]["reduced"].as_str().unwrap().contains("nedsat fra 40 timer: Nedsat arbejdspligt af helbredsmæssige grunde"), "{s}");
    let page = app.get(&format!("/beskaeftigelse/personer/{amal}"), Some(&who)).await;
    assert!(
        page.body.contains("20 timer (Arbejdspligt") && page.body.contains("nedsat fra 40 timer") && page.body.contains("Lægeerklæring: kroniske smerter"),
        "{}",
        page.body
    );
    assert!(!page.body.contains("under kravet"), "this week is not under the reduced duty");
    // Weeks after the reduction ends are judged by the full duty again.
    let later = samplan::plans::schedule::week_of(today + chrono::Duration::days(70));
    let s = app.api(Method::GET, &format!("/api/v1/persons/{amal}/schedule?week={later}"), &coordinator, None).await.json();
    assert_eq!(s["minimum"]["hours"].as_u64(), Some(40), "{s}");

    // The page form: a caseworker's bad input is re-shown with the field named.
    let cw = app.login("sagsbehandler").await;
    let r = app
        .post_form(
            &format!("/beskaeftigelse/personer/{amal}/arbejdspligt"),
            &cw,
            &[("hours", "abc"), ("from", "01.03.2026"), ("to", ""), ("reason", "Lægeerklæring")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("«abc» er ikke et helt timetal") && r.body.contains("value=\"01.03.2026\""), "{}", r.body);
    let r = app
        .post_form(
            &format!("/beskaeftigelse/personer/{amal}/arbejdspligt"),
            &cw,
            &[("hours", "30"), ("from", "01.03.2026"), ("to", ""), ("reason", "Genoptræning")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(app.api(Method::GET, &url, &caseworker, None).await.json().as_array().unwrap().len(), 2);

    // Another municipality's caseworker does not find the person.
    app.user("andensagsbehandler", Role::Caseworker, Some("0101")).await;
    let other = token_of(&app, "andensagsbehandler").await;
    assert_eq!(app.api(Method::POST, &url, &other, Some(json!({}))).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.api(Method::GET, &url, &other, None).await.status, StatusCode::NOT_FOUND);
}
on_both_apps!(the_work_duty_follows_the_municipality_and_a_health_reduction);

/// The coordinator overview's work-duty conflicts (`under_minimum`) of one person.
fn work_duty_conflicts(overview: &Value, family_id: i64, person_id: i64) -> Vec<String> {
    let family = overview.as_array().unwrap().iter().find(|f| f["family_id"].as_i64() == Some(family_id)).expect("the family is in the overview");
    family["conflicts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["kind"] == "under_minimum" && c["person_id"].as_i64() == Some(person_id))
        .map(|c| c["message"].as_str().unwrap().to_string())
        .collect()
}
