//! Home visits (decision 180) over HTTP on both databases: marking today's visits (pages
//! and API, per user, audited), the offline bundle (only the caller's marked families
//! of their own municipality, with plan, members, Min plans and the key secret), changes
//! coming back through the plan's save with its 409, visit notes stored once, and logout
//! forgetting the secret and clearing the browser's storage.
use crate::common;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use common::app::{Browser, TestApp};
use samplan::domain::Role;
use samplan::store::Tenant;
use samplan::store::audit::AuditFilter;
use serde_json::{Value, json};

/// A family of two with a plan of one action; returns (family, adult, goal, action).
async fn family(app: &TestApp, token: &str, name: &str, serial: u32) -> (i64, i64, i64, i64) {
    let f = app.api(Method::POST, "/api/v1/families", token, Some(json!({"name": name}))).await;
    assert_eq!(f.status, StatusCode::CREATED, "{}", f.body);
    let fid = f.json()["id"].as_i64().unwrap();
    let mut ids = Vec::new();
    for (birth, given, role, serial) in [("010185", "Amal", "adult", serial), ("010120", "Sami", "child", serial + 3000)] {
        let body = json!({"cpr": format!("{birth}-{serial}"), "given_name": given, "family_name": name, "sex": "female", "nationality": "Syrien",
            "languages": "ar", "residence_basis": "refugee", "family_id": fid, "family_role": role, "arrival_date": "2026-02-01"});
        let r = app.api(Method::POST, "/api/v1/persons", token, Some(body)).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        ids.push(r.json()["id"].as_i64().unwrap());
    }
    let plan = json!({"based_on_version": 0, "reason": "Første familiemøde", "plan": {"goals": [
        {"life_area": "sprog", "person_id": ids[0], "text": "Amal taler dansk", "actions": [
            {"title": "Danskuddannelse 2", "department": "sprogcenter", "responsible_name": "Camilla", "start_date": "2026-05-01", "status": "planned"}]}]}});
    let r = app.api(Method::PUT, &format!("/api/v1/families/{fid}/plan"), token, Some(plan)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let v = r.json();
    (fid, ids[0], v["plan"]["goals"][0]["id"].as_i64().unwrap(), v["plan"]["goals"][0]["actions"][0]["id"].as_i64().unwrap())
}

async fn audit_count(app: &TestApp, code: &str, entity: &str, action: &str) -> usize {
    app.store
        .audit_log(&Tenant::trusted(code), &AuditFilter::default(), 10_000)
        .await
        .unwrap()
        .iter()
        .filter(|e| e.entity == entity && e.action == action)
        .count()
}

async fn post_page(app: &TestApp, path: &str, who: &Browser, fields: &[(&str, &str)]) -> common::app::Reply {
    let mut all = vec![("csrf", who.csrf.as_str())];
    all.extend_from_slice(fields);
    app.post_form(path, who, &all).await
}

async fn marking_is_per_user_and_day_audited_and_never_across_municipalities(app: TestApp) {
    let cw = app.staff("sagsbehandler", Role::Caseworker, Some("0316"), Some("jobcenter")).await;
    let co = app.staff("koordinator", Role::Coordinator, Some("0316"), None).await;
    let staff = app.staff("sprogcenter", Role::DepartmentStaff, Some("0316"), Some("sprogcenter")).await;
    let other = app.staff("andenkommune", Role::Caseworker, Some("0101"), Some("jobcenter")).await;
    let (cwt, cot, stt, ott) = (app.token(cw).await, app.token(co).await, app.token(staff).await, app.token(other).await);
    let (f1, ..) = family(&app, &cwt, "Haddad", 1000).await;
    let (f2, ..) = family(&app, &cwt, "Ali", 1010).await;
    let (foreign, ..) = family(&app, &ott, "Jensen", 1020).await;

    // The page: mark from the family page, see it on the list, remove it again.
    let browser = app.login("sagsbehandler").await;
    let page = app.get(&format!("/familier/{f1}"), Some(&browser)).await;
    assert!(page.body.contains("Markér til hjemmebesøg i dag"), "{}", page.body);
    let r = post_page(&app, &format!("/familier/{f1}/besoeg"), &browser, &[]).await;
    assert_eq!((r.status, r.location()), (StatusCode::SEE_OTHER, format!("/familier/{f1}#besoeg").as_str()));
    let list = app.get("/besoeg", Some(&browser)).await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.body.contains(&format!("href=\"/familier/{f1}\">Haddad")) && !list.body.contains("Ali"), "{}", list.body);
    assert!(app.get(&format!("/familier/{f1}"), Some(&browser)).await.body.contains("Fjern fra dagens hjemmebesøg"));
    // Without the form's token nothing changes.
    let r = app.post_form(&format!("/familier/{f2}/besoeg"), &browser, &[("csrf", "forkert")]).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);

    // The API: marking twice is one mark; each user has their own list.
    let r = app.api(Method::PUT, &format!("/api/v1/families/{f2}/visit"), &cwt, None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["new"], true);
    assert_eq!(app.api(Method::PUT, &format!("/api/v1/families/{f2}/visit"), &cwt, None).await.json()["new"], false);
    let mine: Vec<i64> =
        app.api(Method::GET, "/api/v1/visits", &cwt, None).await.json().as_array().unwrap().iter().map(|v| v["family_id"].as_i64().unwrap()).collect();
    let mut expected = vec![f1, f2];
    expected.sort_by_key(|&f| if f == f1 { "Haddad" } else { "Ali" });
    assert_eq!(mine, expected);
    assert_eq!(app.api(Method::GET, "/api/v1/visits", &cot, None).await.json(), json!([]));
    assert_eq!(audit_count(&app, "0316", "home_visit", "create").await, 2);

    // Department staff may not mark; another municipality's family does not exist.
    assert_eq!(app.api(Method::PUT, &format!("/api/v1/families/{f1}/visit"), &stt, None).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.api(Method::GET, "/api/v1/visits", &stt, None).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.api(Method::PUT, &format!("/api/v1/families/{foreign}/visit"), &cwt, None).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.api(Method::PUT, &format!("/api/v1/families/{f1}/visit"), &ott, None).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.api(Method::GET, "/api/v1/visits", &ott, None).await.json(), json!([]));

    // Removing: the page's button on the list goes back to the list.
    let r = post_page(&app, &format!("/familier/{f1}/besoeg/fjern"), &browser, &[("tilbage", "besoeg")]).await;
    assert_eq!((r.status, r.location()), (StatusCode::SEE_OTHER, "/besoeg"));
    assert_eq!(app.api(Method::DELETE, &format!("/api/v1/families/{f2}/visit"), &cwt, None).await.status, StatusCode::NO_CONTENT);
    assert_eq!(app.api(Method::GET, "/api/v1/visits", &cwt, None).await.json(), json!([]));
    assert_eq!(audit_count(&app, "0316", "home_visit", "delete").await, 2);
}
on_both_apps!(marking_is_per_user_and_day_audited_and_never_across_municipalities);

async fn the_bundle_holds_only_the_callers_marked_families(app: TestApp) {
    let cw = app.staff("sagsbehandler", Role::Caseworker, Some("0316"), Some("jobcenter")).await;
    let co = app.staff("koordinator", Role::Coordinator, Some("0316"), None).await;
    let other = app.staff("andenkommune", Role::Caseworker, Some("0101"), Some("jobcenter")).await;
    let (cwt, cot, ott) = (app.token(cw).await, app.token(co).await, app.token(other).await);
    let (f1, adult, _, action) = family(&app, &cwt, "Haddad", 1000).await;
    let (f2, ..) = family(&app, &cwt, "Ali", 1010).await;
    let (foreign, ..) = family(&app, &ott, "Jensen", 1020).await;
    app.api(Method::PUT, &format!("/api/v1/families/{f1}/visit"), &cwt, None).await;
    app.api(Method::PUT, &format!("/api/v1/families/{f2}/visit"), &cot, None).await;
    // A mark smuggled in for another municipality's family is not served either.
    let today = chrono::Local::now().date_naive().to_string();
    app.store.mark_visit(&Tenant::trusted("0101"), cw, foreign, today.parse().unwrap()).await.unwrap();

    let r = app.api(Method::GET, "/api/v1/visits/offline", &cwt, None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let b = r.json();
    let families = b["families"].as_array().unwrap();
    assert_eq!(families.iter().map(|f| f["id"].as_i64().unwrap()).collect::<Vec<_>>(), vec![f1], "only the caller's own marked family: {b}");
    let f = &families[0];
    assert_eq!(f["version"], 1);
    assert_eq!(f["plan"]["goals"][0]["actions"][0]["id"], action);
    assert_eq!(f["members"].as_array().unwrap().len(), 2);
    assert_eq!(f["my_plans"].as_array().unwrap().len(), 2);
    assert!(f["my_plans"].to_string().contains("Danskuddannelse 2") || f["my_plans"].to_string().contains("Amal"), "{}", f["my_plans"]);
    assert_eq!(b["day"], today.as_str());
    let made = chrono::DateTime::parse_from_rfc3339(b["made_at"].as_str().unwrap()).unwrap();
    let expires = chrono::DateTime::parse_from_rfc3339(b["expires_at"].as_str().unwrap()).unwrap();
    assert_eq!(expires - made, chrono::Duration::hours(24));
    let key = b["key"].as_str().unwrap().to_string();
    assert!(key.len() >= 43, "a 256-bit secret: {key}");
    assert!(!b["statuses"].as_array().unwrap().is_empty() && !b["departments"].as_array().unwrap().is_empty());
    // The same secret while the user stays logged in; another user has another.
    assert_eq!(app.api(Method::GET, "/api/v1/visits/offline", &cwt, None).await.json()["key"], key.as_str());
    let theirs = app.api(Method::GET, "/api/v1/visits/offline", &cot, None).await.json();
    assert_ne!(theirs["key"], key.as_str());
    assert_eq!(theirs["families"].as_array().unwrap().iter().map(|f| f["id"].as_i64().unwrap()).collect::<Vec<_>>(), vec![f2]);
    // Each bundle is audited as reads of the plan and of each person in it.
    let entries = app.store.audit_log(&Tenant::trusted("0316"), &AuditFilter::default(), 10_000).await.unwrap();
    assert!(entries.iter().any(|e| e.entity == "family_plan" && e.entity_id == Some(f1.to_string()) && e.detail.contains("hjemmebesøg offline")));
    assert!(entries.iter().any(|e| e.entity == "person" && e.entity_id == Some(adult.to_string()) && e.detail.contains("hjemmebesøg offline")));
    assert!(!entries.iter().any(|e| e.entity == "family_plan" && e.entity_id == Some(foreign.to_string())));
    // Department staff get no bundle at all.
    let staff = app.staff("sprogcenter", Role::DepartmentStaff, Some("0316"), Some("sprogcenter")).await;
    assert_eq!(app.api(Method::GET, "/api/v1/visits/offline", &app.token(staff).await, None).await.status, StatusCode::FORBIDDEN);

    // Logout forgets the secret and tells the browser to clear its storage.
    let browser = app.login("sagsbehandler").await;
    let r = app.send(Request::get("/api/v1/visits/offline").header(header::COOKIE, &browser.cookie).body(Body::empty()).unwrap()).await;
    assert_eq!(r.json()["key"], key.as_str(), "the session gets the user's secret");
    let r = app.post_form("/logout", &browser, &[("csrf", browser.csrf.as_str())]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.headers.get("clear-site-data").and_then(|v| v.to_str().ok()), Some("\"storage\""));
    let after = app.api(Method::GET, "/api/v1/visits/offline", &cwt, None).await.json();
    assert_ne!(after["key"], key.as_str(), "a new secret after logout");
}
on_both_apps!(the_bundle_holds_only_the_callers_marked_families);

async fn offline_changes_come_back_as_versions_from_the_version_they_were_made_from(app: TestApp) {
    let cw = app.staff("sagsbehandler", Role::Caseworker, Some("0316"), Some("jobcenter")).await;
    let co = app.staff("koordinator", Role::Coordinator, Some("0316"), None).await;
    let (cwt, cot) = (app.token(cw).await, app.token(co).await);
    let (fid, _, goal, action) = family(&app, &cwt, "Haddad", 1000).await;
    app.api(Method::PUT, &format!("/api/v1/families/{fid}/visit"), &cwt, None).await;
    let b = app.api(Method::GET, "/api/v1/visits/offline", &cwt, None).await.json();
    let base = b["families"][0]["version"].as_i64().unwrap();
    let cached = b["families"][0]["plan"]["goals"][0]["actions"][0].clone();

    // Meanwhile the coordinator changes the same action on the server.
    let mut theirs = cached.clone();
    theirs["responsible_name"] = json!("Mona");
    let body = json!({"based_on_version": base, "reason": "Ny ansvarlig", "goal_id": goal, "action": theirs});
    assert_eq!(app.api(Method::PUT, &format!("/api/v1/families/{fid}/plan/actions/{action}"), &cot, Some(body)).await.status, StatusCode::OK);

    // The offline change, made from the cached version, is refused as stale: nothing lost.
    let mut mine = cached.clone();
    mine["status"] = json!("active");
    let body = json!({"based_on_version": base, "reason": "Hjemmebesøg: status ændret", "goal_id": goal, "action": mine});
    let r = app.api(Method::PUT, &format!("/api/v1/families/{fid}/plan/actions/{action}"), &cwt, Some(body.clone())).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    let now = app.api(Method::GET, &format!("/api/v1/families/{fid}/plan"), &cwt, None).await.json();
    assert_eq!((now["version"].as_i64(), now["plan"]["goals"][0]["actions"][0]["status"].as_str()), (Some(base + 1), Some("planned")));
    // Resolved by the user on the current version: a new version, theirs kept where not chosen.
    let mut resolved = now["plan"]["goals"][0]["actions"][0].clone();
    resolved["status"] = json!("active");
    let body = json!({"based_on_version": base + 1, "reason": "Hjemmebesøg: status ændret (konflikt løst)", "goal_id": goal, "action": resolved});
    let r = app.api(Method::PUT, &format!("/api/v1/families/{fid}/plan/actions/{action}"), &cwt, Some(body)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let v = r.json();
    assert_eq!(v["version"], base + 2);
    assert_eq!(v["plan"]["goals"][0]["actions"][0]["status"], "active");
    assert_eq!(v["plan"]["goals"][0]["actions"][0]["responsible_name"], "Mona");
}
on_both_apps!(offline_changes_come_back_as_versions_from_the_version_they_were_made_from);

async fn visit_notes_are_stored_once_checked_and_shown_on_the_family_page(app: TestApp) {
    let cw = app.staff("sagsbehandler", Role::Caseworker, Some("0316"), Some("jobcenter")).await;
    let staff = app.staff("sprogcenter", Role::DepartmentStaff, Some("0316"), Some("sprogcenter")).await;
    let other = app.staff("andenkommune", Role::Caseworker, Some("0101"), Some("jobcenter")).await;
    let (cwt, stt, ott) = (app.token(cw).await, app.token(staff).await, app.token(other).await);
    let (fid, ..) = family(&app, &cwt, "Haddad", 1000).await;
    let path = format!("/api/v1/families/{fid}/visit/notes");
    let note = json!({"client_id": "note-1", "text": "Familien har fået vaskemaskine.", "written_at": "2026-01-05T10:30:00Z"});
    let r = app.api(Method::POST, &path, &cwt, Some(note.clone())).await;
    assert_eq!((r.status, r.json()["new"].as_bool()), (StatusCode::CREATED, Some(true)), "{}", r.body);
    let r = app.api(Method::POST, &path, &cwt, Some(note)).await;
    assert_eq!((r.status, r.json()["new"].as_bool()), (StatusCode::OK, Some(false)), "sent twice, stored once");
    assert_eq!(app.store.visit_notes(&Tenant::trusted("0316"), fid, 10).await.unwrap().len(), 1);
    assert_eq!(audit_count(&app, "0316", "home_visit_note", "create").await, 1);

    // Wrong input is refused naming the field; nothing is stored.
    for (body, field) in [
        (json!({"client_id": "n2", "text": "  ", "written_at": "2026-01-05T10:30:00Z"}), "text"),
        (json!({"client_id": "n2", "text": "Note", "written_at": "i går"}), "written_at"),
        (json!({"client_id": "n2", "text": "Note", "written_at": "2099-01-05T10:30:00Z"}), "written_at"),
        (json!({"client_id": "a b", "text": "Note", "written_at": "2026-01-05T10:30:00Z"}), "client_id"),
    ] {
        let r = app.api(Method::POST, &path, &cwt, Some(body)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        assert!(r.body.contains(field), "{field}: {}", r.body);
    }
    assert_eq!(app.store.visit_notes(&Tenant::trusted("0316"), fid, 10).await.unwrap().len(), 1);
    // Who may not write is refused before the body is read; another municipality: not found.
    assert_eq!(app.api(Method::POST, &path, &stt, Some(json!("x"))).await.status, StatusCode::FORBIDDEN);
    let r = app.api(Method::POST, &path, &ott, Some(json!({"client_id": "n3", "text": "x", "written_at": "2026-01-05T10:30:00Z"}))).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(app.store.visit_notes(&Tenant::trusted("0316"), fid, 10).await.unwrap().len(), 1);

    let browser = app.login("sagsbehandler").await;
    let page = app.get(&format!("/familier/{fid}"), Some(&browser)).await;
    assert!(page.body.contains("Noter fra hjemmebesøg") && page.body.contains("Familien har fået vaskemaskine."), "{}", page.body);
    let value: Value = app.api(Method::GET, "/api/openapi.json", &cwt, None).await.json();
    assert!(value["paths"]["/api/v1/families/{id}/visit/notes"]["post"].is_object());
}
on_both_apps!(visit_notes_are_stored_once_checked_and_shown_on_the_family_page);
