//! The navigation offers each role only what it may open: every role logs in, and
//! every entry of its main navigation answers a page (not 403, not 404); the entries of
//! pages a role may not open are not shown to it.
mod common;

use axum::http::StatusCode;
use common::app::TestApp;
use samplan::domain::Role;

/// The hrefs of the main navigation on a page.
fn nav_links(body: &str) -> Vec<String> {
    let start = body.find("aria-label=\"Hovedmenu\"").expect("the page has the main navigation");
    let nav = &body[start..start + body[start..].find("</nav>").unwrap()];
    nav.split("<a href=\"").skip(1).map(|s| s.split('"').next().unwrap().to_string()).collect()
}

#[tokio::test]
async fn every_role_can_open_every_entry_of_its_navigation() {
    let app = TestApp::sqlite().await;
    let users: &[(&str, Role, Option<&str>, Option<&str>)] = &[
        ("sagsbehandler", Role::Caseworker, Some("0316"), Some("jobcenter")),
        ("koordinator", Role::Coordinator, Some("0316"), None),
        ("dagtilbud", Role::DepartmentStaff, Some("0316"), Some("dagtilbud_og_skole")),
        ("sprogcenter", Role::DepartmentStaff, Some("0316"), Some("sprogcenter")),
        ("bornfamilie", Role::DepartmentStaff, Some("0316"), Some("born_og_familie")),
        ("virksomhed", Role::DepartmentStaff, Some("0316"), Some("virksomhedsservice")),
        ("bolig", Role::HousingOfficer, Some("0316"), Some("bolig")),
        ("leder", Role::Manager, Some("0316"), None),
        ("admin", Role::Admin, Some("0316"), None),
        ("sekretariat", Role::NationalSecretariat, None, None),
    ];
    let mut refused = Vec::new();
    for (login, role, code, department) in users {
        app.staff(login, *role, *code, *department).await;
        let who = app.login(login).await;
        let home = app.get("/", Some(&who)).await;
        assert_eq!(home.status, StatusCode::OK, "{login}");
        let links = nav_links(&home.body);
        assert!(links.contains(&"/".to_string()), "{login}: {links:?}");
        for href in links {
            let r = app.get(&href, Some(&who)).await;
            if !(r.status == StatusCode::OK || (r.status == StatusCode::SEE_OTHER && r.location() != "/login")) {
                refused.push(format!("{login} ({}) → {href}: {}", role.code(), r.status));
            }
        }
    }
    assert!(refused.is_empty(), "navigation offers pages that refuse:\n{}", refused.join("\n"));
}

#[tokio::test]
async fn a_coordinator_is_not_offered_housing_placement() {
    let app = TestApp::sqlite().await;
    app.user("koordinator", Role::Coordinator, Some("0316")).await;
    let who = app.login("koordinator").await;
    let links = nav_links(&app.get("/", Some(&who)).await.body);
    assert!(!links.contains(&"/bolig".to_string()), "{links:?}");
    assert_eq!(app.get("/bolig", Some(&who)).await.status, StatusCode::FORBIDDEN, "and the page refuses them");
}
