//! The navigation offers each role exactly what it may open. For every role: every
//! entry of its main navigation answers a page (200, or a redirect to the role's own
//! page; never 403 or 404), and every entry it is not shown is refused to it or sends
//! it elsewhere — none answers 200. The entries are derived from the handlers' own
//! checks (`web::pages::NAVIGATION`), so these tests fail when the two part.
use crate::common;

use axum::http::{Method, StatusCode};
use common::app::TestApp;
use samplan::domain::Role;
use samplan::store::Tenant;
use samplan::web::pages::NAVIGATION;
use serde_json::json;

const CODE: &str = "0316";

fn tenant() -> Tenant {
    Tenant::trusted(CODE)
}

/// The hrefs of the main navigation on a page.
fn nav_links(body: &str) -> Vec<String> {
    let start = body.find("aria-label=\"Hovedmenu\"").expect("the page has the main navigation");
    let nav = &body[start..start + body[start..].find("</nav>").unwrap()];
    nav.split("<a href=\"").skip(1).map(|s| s.split('"').next().unwrap().to_string()).collect()
}

/// Logs in as a user with `role` (of `department`), opens every entry of the navigation
/// and checks that exactly the ones that open are shown. Returns the entries shown.
async fn offers_exactly_what_opens(role: Role, department: Option<&str>) -> Vec<String> {
    let app = TestApp::sqlite().await;
    let code = (role != Role::NationalSecretariat).then_some(CODE);
    let id = app.staff("bruger", role, code, department).await;
    if role == Role::VolunteerCoordinator {
        // An organisation's user works once linked to its organisation.
        let caseworker = app.user("sagsbehandler", Role::Caseworker, Some(CODE)).await;
        let token = app.token(caseworker).await;
        let org = json!({"kind": "association", "name": "Holbæk Boldklub", "cvr": "10150817", "postal_code": "4300", "street": "Stadionvej 2", "email": "kontakt@example.invalid"});
        let r = app.api(Method::POST, "/api/v1/organisations", &token, Some(org)).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        app.store.set_organisation_user(&tenant(), id, r.json()["id"].as_i64().unwrap()).await.unwrap();
    }
    let who = app.login("bruger").await;
    let home = app.get("/", Some(&who)).await;
    assert_eq!(home.status, StatusCode::OK, "{role:?}");
    let shown = nav_links(&home.body);
    let mut wrong = Vec::new();
    // Links beside the entries (the administrator's own) must open too.
    for link in shown.iter().filter(|link| !NAVIGATION.iter().any(|item| item.href == link.as_str())) {
        let r = app.get(link, Some(&who)).await;
        if r.status != StatusCode::OK {
            wrong.push(format!("{link} is shown but answers {}", r.status));
        }
    }
    for item in NAVIGATION {
        let r = app.get(item.href, Some(&who)).await;
        let opens = r.status == StatusCode::OK || (r.status == StatusCode::SEE_OTHER && r.location() != "/login");
        match (shown.iter().any(|link| link == item.href), opens) {
            (true, false) => wrong.push(format!("{} is shown but answers {}", item.href, r.status)),
            (false, true) if r.status == StatusCode::OK => wrong.push(format!("{} answers 200 but is not shown", item.href)),
            _ => {}
        }
    }
    assert!(wrong.is_empty(), "{role:?} {department:?}:\n{}", wrong.join("\n"));
    shown
}

/// Asserts that `shown` holds every one of `expected` and none of `hidden`.
fn assert_offers(shown: &[String], expected: &[&str], hidden: &[&str]) {
    for href in expected {
        assert!(shown.iter().any(|s| s == href), "{href} is missing from {shown:?}");
    }
    for href in hidden {
        assert!(!shown.iter().any(|s| s == href), "{href} is shown in {shown:?}");
    }
}

#[tokio::test]
async fn a_caseworker_is_offered_what_opens() {
    let shown = offers_exactly_what_opens(Role::Caseworker, Some("jobcenter")).await;
    assert_offers(&shown, &["/", "/personer", "/besoeg", "/bolig"], &["/rapporter", "/oversaettelser", "/danskuddannelse/region"]);
}

#[tokio::test]
async fn a_coordinator_is_offered_what_opens() {
    let shown = offers_exactly_what_opens(Role::Coordinator, None).await;
    assert_offers(&shown, &["/personer", "/besoeg"], &["/bolig", "/prognose", "/rapporter"]);
}

#[tokio::test]
async fn department_staff_are_offered_what_opens() {
    for department in ["dagtilbud_og_skole", "sprogcenter", "born_og_familie", "virksomhedsservice"] {
        let shown = offers_exactly_what_opens(Role::DepartmentStaff, Some(department)).await;
        assert_offers(&shown, &["/personer", "/boern"], &["/besoeg", "/bolig", "/rapporter"]);
    }
}

#[tokio::test]
async fn a_housing_officer_is_offered_what_opens() {
    let shown = offers_exactly_what_opens(Role::HousingOfficer, Some("bolig")).await;
    assert_offers(&shown, &["/bolig", "/prognose"], &["/besoeg", "/rapporter"]);
}

#[tokio::test]
async fn a_manager_is_offered_what_opens() {
    let shown = offers_exactly_what_opens(Role::Manager, None).await;
    assert_offers(&shown, &["/rapporter", "/prognose", "/maal"], &["/personer", "/bolig"]);
}

#[tokio::test]
async fn an_administrator_is_offered_what_opens() {
    let shown = offers_exactly_what_opens(Role::Admin, None).await;
    assert_offers(&shown, &["/rapporter", "/oversaettelser"], &["/personer", "/bolig", "/prognose"]);
}

#[tokio::test]
async fn the_national_secretariat_is_offered_what_opens() {
    let shown = offers_exactly_what_opens(Role::NationalSecretariat, None).await;
    assert_offers(&shown, &["/rapporter", "/danskuddannelse/region", "/maal"], &["/personer", "/integrationsraad", "/civilsamfund"]);
}

#[tokio::test]
async fn a_regional_coordinator_is_offered_what_opens() {
    let shown = offers_exactly_what_opens(Role::RegionalCoordinator, None).await;
    assert_offers(&shown, &["/danskuddannelse/region"], &["/personer", "/danskuddannelse", "/rapporter", "/maal"]);
}

#[tokio::test]
async fn a_translator_is_offered_what_opens() {
    let shown = offers_exactly_what_opens(Role::Translator, None).await;
    assert_offers(&shown, &["/oversaettelser"], &["/personer", "/maal", "/rapporter"]);
}

#[tokio::test]
async fn a_volunteer_coordinator_is_offered_what_opens() {
    let shown = offers_exactly_what_opens(Role::VolunteerCoordinator, None).await;
    assert_offers(&shown, &["/civilsamfund"], &["/personer", "/maal", "/oversaettelser"]);
}

#[tokio::test]
async fn a_coordinator_is_not_offered_housing_placement() {
    let app = TestApp::sqlite().await;
    app.user("koordinator", Role::Coordinator, Some(CODE)).await;
    let who = app.login("koordinator").await;
    let links = nav_links(&app.get("/", Some(&who)).await.body);
    assert!(!links.contains(&"/bolig".to_string()), "{links:?}");
    assert_eq!(app.get("/bolig", Some(&who)).await.status, StatusCode::FORBIDDEN, "and the page refuses them");
}
