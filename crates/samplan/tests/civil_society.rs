//! Civil society through HTTP on both databases: the consent-limited sharing matrix
//! (per role, through pages and the API, reads and writes, and withdrawal of consent),
//! consent given per organisation (a referral only to an organisation the consent names,
//! with no more than its scopes, and no write widening anyone's reach),
//! the registry's checks (CVR modulus 11, real postal codes) and an organisation user's
//! reach, the lists paged by `limit` and cursor, matching ranked with Danish reasons,
//! and fritidspas decided by the municipality's settings and audited.
mod common;

use axum::http::{Method, StatusCode};
use common::app::TestApp;
use samplan::domain::Role;
use samplan::store::audit::AuditFilter;
use samplan::store::families::FamilyFields;
use samplan::store::persons::PersonFields;
use serde_json::{Value, json};
use std::collections::BTreeSet;

const CODE: &str = "0316";

fn today() -> String {
    chrono::Local::now().date_naive().to_string()
}

async fn family(app: &TestApp) -> i64 {
    let f = FamilyFields { name: "Familien Haddad".into(), street: Some("Ahlgade 1".into()), postal_code: Some("4300".into()), city: Some("Holbæk".into()) };
    app.store.create_family(CODE, &f).await.unwrap()
}

async fn person(app: &TestApp, family_id: i64, given: &str, birth: &str, role: &str, serial: u32) -> i64 {
    let fields = PersonFields {
        family_id: Some(family_id),
        family_role: role.into(),
        given_name: given.into(),
        family_name: "Haddad".into(),
        birth_date: birth.into(),
        sex: "female".into(),
        languages: "ar,da".into(),
        nationality: "Syrien".into(),
        arrival_date: Some("2025-01-01".into()),
        takeover_date: Some("2025-01-15".into()),
        residence_basis: "refugee".into(),
    };
    app.store.create_person(CODE, &format!("enc-{serial}"), &format!("hash-{serial}"), &fields).await.unwrap()
}

fn problem_fields(v: &Value) -> Vec<String> {
    v["errors"].as_array().map(|a| a.iter().map(|e| e["field"].as_str().unwrap_or("").to_string()).collect()).unwrap_or_default()
}

fn keys(v: &Value) -> BTreeSet<String> {
    v.as_object().unwrap().keys().cloned().collect()
}

struct World {
    caseworker: String,
    org_a: i64,
    org_b: i64,
    child: i64,
    family: i64,
    consent: i64,
}

async fn world(app: &TestApp) -> World {
    let cw = app.user("sagsbehandler", Role::Caseworker, Some(CODE)).await;
    let caseworker = app.token(cw).await;
    let fam = family(app).await;
    let _mother = person(app, fam, "Rana", "1988-02-01", "adult", 1).await;
    let child = person(app, fam, "Amal", "2015-05-01", "child", 2).await;
    let org = |name: &str, cvr: &str| json!({"kind": "association", "name": name, "cvr": cvr, "postal_code": "4300", "street": "Stadionvej 2", "email": "kontakt@example.invalid"});
    let r = app.api(Method::POST, "/api/v1/organisations", &caseworker, Some(org("Holbæk Boldklub", "10150817"))).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let org_a = r.json()["id"].as_i64().unwrap();
    let r = app.api(Method::POST, "/api/v1/organisations", &caseworker, Some(org("Tuse Næs Lektiecafé", ""))).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let org_b = r.json()["id"].as_i64().unwrap();
    let consent = json!({"organisations": [{"organisation_id": org_a, "scopes": ["profile"]}], "purpose": "Fritidsaktiviteter", "given_on": today(), "how_given": "written"});
    let r = app.api(Method::POST, &format!("/api/v1/persons/{child}/consents"), &caseworker, Some(consent)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let consent = r.json()["id"].as_i64().unwrap();
    World { caseworker, org_a, org_b, child, family: fam, consent }
}

async fn volunteer(app: &TestApp, login: &str, org: Option<i64>) -> (String, common::app::Browser) {
    let id = app.user(login, Role::VolunteerCoordinator, Some(CODE)).await;
    if let Some(org) = org {
        app.store.set_organisation_user(CODE, id, org).await.unwrap();
    }
    (app.token(id).await, app.login(login).await)
}

async fn sharing_matrix(app: TestApp) {
    let w = world(&app).await;
    let (cw, child) = (&w.caseworker, w.child);
    let plan_only = json!({"scopes": ["plan"], "departments": ["jobcenter"], "partners": "", "purpose": "Plan", "given_on": today(), "how_given": "written"});
    let no_partner = app.api(Method::POST, &format!("/api/v1/persons/{child}/consents"), cw, Some(plan_only)).await.json()["id"].as_i64().unwrap();

    // Refusals name their field and store nothing.
    let referral = |consent: i64, shared: Value, contact: &str| {
        json!({"person_id": child, "consent_id": consent, "organisation_id": w.org_a, "shared": shared, "contact": contact, "note": "Vil gerne spille fodbold"})
    };
    for (body, field) in [
        (referral(no_partner, json!([]), "tlf. 12 34 56 78"), "consent_id"),
        (referral(w.consent, json!(["address"]), "tlf. 12 34 56 78"), "shared"),
        (referral(w.consent, json!(["cpr"]), "tlf. 12 34 56 78"), "shared"),
        (referral(w.consent, json!([]), " "), "contact"),
    ] {
        let r = app.api(Method::POST, "/api/v1/offer-referrals", cw, Some(body.clone())).await;
        assert_eq!((r.status, problem_fields(&r.json())), (StatusCode::UNPROCESSABLE_ENTITY, vec![field.to_string()]), "{body}: {}", r.body);
    }
    assert_eq!(app.api(Method::GET, "/api/v1/offer-referrals", cw, None).await.json(), json!([]), "nothing stored on error");

    // The caseworker shares age and interests (covered by the consent's `profile` scope).
    let r = app.api(Method::POST, "/api/v1/offer-referrals", cw, Some(referral(w.consent, json!(["age", "interests"]), "tlf. 12 34 56 78"))).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let id = r.json()["id"].as_i64().unwrap();
    assert_eq!(r.json()["shared"], json!(["name", "contact", "age", "interests"]));

    let shared_keys: BTreeSet<String> = [
        "id", "organisation_id", "organisation_name", "offer_id", "offer_title", "status", "status_label", "created_at", "consent_live", "shared",
        "name", "contact", "age", "interests",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();

    // The organisation's user sees exactly those fields, through the API and the page.
    let (a_token, a_browser) = volunteer(&app, "frivillig-a", Some(w.org_a)).await;
    let list = app.api(Method::GET, "/api/v1/offer-referrals", &a_token, None).await.json();
    assert_eq!(list.as_array().map(Vec::len), Some(1));
    assert_eq!(keys(&list[0]), shared_keys, "{}", list[0]);
    let one = app.api(Method::GET, &format!("/api/v1/offer-referrals/{id}"), &a_token, None).await;
    assert_eq!(one.status, StatusCode::OK);
    assert_eq!(keys(&one.json()), shared_keys);
    assert_eq!((one.json()["name"].as_str(), one.json()["contact"].as_str()), (Some("Amal Haddad"), Some("tlf. 12 34 56 78")));
    let page = app.get(&format!("/civilsamfund/henvisninger/{id}"), Some(&a_browser)).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    for shown in ["Amal Haddad", "tlf. 12 34 56 78", "Vil gerne spille fodbold", "år"] {
        assert!(page.body.contains(shown), "{shown} missing");
    }
    for hidden in ["Ahlgade", "2015-05-01", "arabisk", "Rana", "/personer/"] {
        assert!(!page.body.contains(hidden), "{hidden} shown to the organisation");
    }
    let own = app.get("/civilsamfund", Some(&a_browser)).await;
    assert_eq!(own.status, StatusCode::SEE_OTHER, "an organisation's user is sent to its own page");
    let own = app.get(own.location(), Some(&a_browser)).await;
    assert!(own.body.contains("Amal Haddad") && !own.body.contains("Tuse Næs Lektiecafé"), "only their own organisation and referrals");

    // Person records, plans, deadlines, search and matching do not exist for them (404),
    // through pages and the API, reads and writes.
    let fam = w.family;
    for path in [
        format!("/api/v1/persons/{child}"),
        "/api/v1/persons?q=Haddad".into(),
        format!("/api/v1/persons/{child}/deadlines"),
        "/api/v1/deadlines".into(),
        format!("/api/v1/families/{fam}"),
        format!("/api/v1/families/{fam}/plan"),
        format!("/api/v1/persons/{child}/consents"),
        format!("/api/v1/persons/{child}/offer-matches"),
        format!("/api/v1/persons/{child}/participations"),
        "/api/v1/fritidspas".into(),
    ] {
        let r = app.api(Method::GET, &path, &a_token, None).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "GET {path}: {}", r.body);
    }
    for path in [format!("/personer/{child}"), "/personer?q=Haddad".into(), format!("/familier/{fam}/plan"), "/frister".into(), format!("/civilsamfund/personer/{child}")] {
        let r = app.get(&path, Some(&a_browser)).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "page {path}");
        assert!(!r.body.contains("Haddad"), "{path}");
    }
    for (path, body) in [
        ("/api/v1/offer-referrals".to_string(), referral(w.consent, json!([]), "x")),
        (format!("/api/v1/persons/{child}/participations"), json!({"organisation_id": w.org_a, "kind": "participant", "status": "member", "from": today()})),
        ("/api/v1/fritidspas".to_string(), json!({"person_id": child, "household_income": "100000", "fee": "500"})),
        (format!("/api/v1/persons/{child}/consents"), json!({"scopes": ["address"], "departments": [], "partners": "Holbæk Boldklub", "purpose": "x", "given_on": today(), "how_given": "written"})),
    ] {
        let r = app.api(Method::POST, &path, &a_token, Some(body)).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "POST {path}: {}", r.body);
    }
    let r = app.post_form(&format!("/civilsamfund/personer/{child}/henvisning"), &a_browser, &[("consent_id", &w.consent.to_string()), ("organisation_id", &w.org_a.to_string()), ("contact", "x")]).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);

    // The organisation's writes answer with no more than it could read.
    let r = app.api(Method::POST, &format!("/api/v1/offer-referrals/{id}/answer"), &a_token, Some(json!({"status": "accepted"}))).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(keys(&r.json()), shared_keys);
    let r = app.api(Method::POST, &format!("/api/v1/offer-referrals/{id}/participation"), &a_token, Some(json!({"status": "tomorrow"}))).await;
    assert_eq!((r.status, problem_fields(&r.json())), (StatusCode::UNPROCESSABLE_ENTITY, vec!["status".to_string()]));
    let r = app.post_form(&format!("/civilsamfund/henvisninger/{id}/deltagelse"), &a_browser, &[("status", "attending"), ("date", &today())]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let body: String = serde_json::to_string(&app.api(Method::GET, &format!("/api/v1/offer-referrals/{id}"), &a_token, None).await.json()).unwrap();
    assert!(!body.contains("person_id"), "{body}");

    // Another organisation's user, an unlinked one, and staff who do not refer see nothing.
    let (b_token, b_browser) = volunteer(&app, "frivillig-b", Some(w.org_b)).await;
    assert_eq!(app.api(Method::GET, "/api/v1/offer-referrals", &b_token, None).await.json(), json!([]));
    for (m, path, body) in [
        (Method::GET, format!("/api/v1/offer-referrals/{id}"), None),
        (Method::POST, format!("/api/v1/offer-referrals/{id}/answer"), Some(json!({"status": "declined"}))),
        (Method::POST, format!("/api/v1/offer-referrals/{id}/participation"), Some(json!({"status": "ended"}))),
        (Method::GET, format!("/api/v1/organisations/{}", w.org_a), None),
    ] {
        assert_eq!(app.api(m.clone(), &path, &b_token, body).await.status, StatusCode::NOT_FOUND, "{m} {path}");
    }
    assert_eq!(app.get(&format!("/civilsamfund/henvisninger/{id}"), Some(&b_browser)).await.status, StatusCode::NOT_FOUND);
    let orgs = app.api(Method::GET, "/api/v1/organisations", &b_token, None).await.json();
    assert_eq!((orgs.as_array().map(Vec::len), orgs[0]["id"].as_i64()), (Some(1), Some(w.org_b)));
    let (unlinked, _) = volunteer(&app, "frivillig-c", None).await;
    assert_eq!(app.api(Method::GET, "/api/v1/offer-referrals", &unlinked, None).await.status, StatusCode::FORBIDDEN);
    let dept = app.staff("dagtilbud", Role::DepartmentStaff, Some(CODE), Some("dagtilbud_og_skole")).await;
    let dept = app.token(dept).await;
    let manager = app.user("leder", Role::Manager, Some(CODE)).await;
    let manager = app.token(manager).await;
    for t in [&dept, &manager] {
        assert_eq!(app.api(Method::GET, "/api/v1/offer-referrals", t, None).await.status, StatusCode::FORBIDDEN);
        assert_eq!(app.api(Method::GET, &format!("/api/v1/offer-referrals/{id}"), t, None).await.status, StatusCode::NOT_FOUND);
    }
    let other = app.user("sagsbehandler-0101", Role::Caseworker, Some("0101")).await;
    let other = app.token(other).await;
    assert_eq!(app.api(Method::GET, &format!("/api/v1/offer-referrals/{id}"), &other, None).await.status, StatusCode::NOT_FOUND, "another municipality");

    // Withdrawing the consent removes the shared fields at once, and their stored texts.
    let r = app.api(Method::POST, &format!("/api/v1/persons/{child}/consents/{}/withdraw", w.consent), cw, None).await;
    assert!(r.status.is_success(), "{}", r.body);
    let after = app.api(Method::GET, &format!("/api/v1/offer-referrals/{id}"), &a_token, None).await.json();
    assert_eq!((after["consent_live"].clone(), after["shared"].clone()), (json!(false), json!([])));
    for gone in ["name", "contact", "age", "interests"] {
        assert!(after.get(gone).is_none(), "{gone} still shared: {after}");
    }
    let page = app.get(&format!("/civilsamfund/henvisninger/{id}"), Some(&a_browser)).await;
    assert!(page.body.contains("Samtykket er trukket tilbage") && !page.body.contains("Amal") && !page.body.contains("12 34 56 78"));
    let r = app.api(Method::POST, &format!("/api/v1/offer-referrals/{id}/participation"), &a_token, Some(json!({"status": "member"}))).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    let stored = app.store.offer_referral(CODE, id, &today()).await.unwrap().unwrap();
    assert_eq!((stored.contact.as_str(), stored.note.as_str()), ("", ""), "the texts are erased");

    // Every sharing and every organisation read of the person is audited.
    let filter = AuditFilter { entity: Some("person".into()), entity_id: Some(child.to_string()), ..Default::default() };
    let audit: Vec<String> = app.store.audit_log(CODE, &filter, 200).await.unwrap().into_iter().map(|a| format!("{} {} {}", a.user_login, a.action, a.detail)).collect();
    assert!(audit.iter().any(|a| a.starts_with("sagsbehandler share henvist til Holbæk Boldklub") && a.contains("Navn, Kontaktoplysninger, Alder, Interesser og ønsker")), "{audit:?}");
    assert!(audit.iter().any(|a| a.starts_with("frivillig-a read henvisning")), "{audit:?}");
}
on_both_apps!(sharing_matrix);

async fn registry_and_matching(app: TestApp) {
    let w = world(&app).await;
    let cw = &w.caseworker;
    // CVR (modulus 11) and postal codes are checked, each error naming its field.
    let r = app.api(Method::POST, "/api/v1/organisations", cw, Some(json!({"kind": "club", "name": "", "cvr": "12345678", "postal_code": "9999"}))).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem_fields(&r.json()), ["kind", "name", "cvr", "postal_code"]);
    let r = app.api(Method::POST, "/api/v1/organisations", cw, Some(json!({"kind": "association", "name": "Holbæk Boldklub"}))).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);

    let offer = |title: &str, topics: &str, postal: &str, slots: &str, languages: &str| {
        json!({"organisation_id": w.org_a, "kind": "sports_leisure", "title": title, "topics": topics, "min_age": 6, "max_age": 14, "postal_code": postal,
               "languages": languages, "slots": slots, "price_kr": 600, "seats": 12, "fritidspas": true})
    };
    let r = app.api(Method::POST, "/api/v1/offers", cw, Some(json!({"organisation_id": w.org_a, "kind": "sport", "title": "x", "min_age": 10, "max_age": 5, "postal_code": "4300", "languages": "arabic", "slots": "9 10:00-11:00", "price_kr": 0, "seats": 1}))).await;
    assert_eq!(problem_fields(&r.json()), ["kind", "max_age", "languages", "slots"], "{}", r.body);
    let mut ids = Vec::new();
    for body in [
        offer("Svømning for piger", "svømning", "4450", "3 16:00-17:00", "da"),
        offer("Fodbold U12", "fodbold", "4300", "2 16:00-17:00", "da,ar"),
        offer("Håndbold", "håndbold", "4300", "4 16:00-17:00", "da"),
    ] {
        let r = app.api(Method::POST, "/api/v1/offers", cw, Some(body)).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        ids.push(r.json()["id"].as_i64().unwrap());
    }
    let page = app.api(Method::GET, "/api/v1/offers?postal_code=4300", cw, None).await.json();
    assert_eq!(page.as_array().map(Vec::len), Some(2));

    // Lists are paged as every API list (decision 006): `limit`, an opaque `cursor` and
    // `Link: rel="next"` while another page follows, keeping the filters; every offer once.
    let (mut seen, mut next, mut pages) = (Vec::new(), Some("/api/v1/offers?fritidspas=true&limit=2".to_string()), 0);
    while let Some(url) = next {
        let r = app.api(Method::GET, &url, cw, None).await;
        assert_eq!(r.status, StatusCode::OK, "{url}: {}", r.body);
        seen.extend(r.json().as_array().unwrap().iter().map(|o| o["id"].as_i64().unwrap()));
        next = r.headers.get(axum::http::header::LINK).map(|v| {
            let v = v.to_str().unwrap();
            assert!(v.ends_with("; rel=\"next\"") && v.contains("fritidspas=true") && v.contains("cursor="), "{v}");
            v.trim_start_matches('<').split('>').next().unwrap().to_string()
        });
        pages += 1;
    }
    seen.sort();
    assert_eq!((seen, pages), (ids.clone(), 2));
    for (query, field) in [("limit=0", "limit"), ("limit=501", "limit"), ("cursor=abc", "cursor")] {
        for list in ["/api/v1/offers", "/api/v1/organisations", "/api/v1/offer-referrals", "/api/v1/fritidspas"] {
            let r = app.api(Method::GET, &format!("{list}?{query}"), cw, None).await;
            assert_eq!((r.status, problem_fields(&r.json())), (StatusCode::UNPROCESSABLE_ENTITY, vec![field.to_string()]), "{list}?{query}");
        }
    }
    let spec = app.get("/api/openapi.json", None).await.json();
    for list in ["/api/v1/offers", "/api/v1/organisations", "/api/v1/offer-referrals", "/api/v1/fritidspas"] {
        let params: Vec<&str> = spec["paths"][list]["get"]["parameters"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
        assert!(params.contains(&"limit") && params.contains(&"cursor") && !params.contains(&"page"), "{list}: {params:?}");
        assert!(spec["paths"][list]["get"]["responses"]["200"]["headers"]["link"].is_object(), "{list}: the link header is declared");
    }

    let m = app.api(Method::GET, &format!("/api/v1/persons/{}/offer-matches?interests=fodbold", w.child), cw, None).await;
    assert_eq!(m.status, StatusCode::OK, "{}", m.body);
    let m = m.json();
    let order: Vec<i64> = m.as_array().unwrap().iter().map(|x| x["offer_id"].as_i64().unwrap()).collect();
    assert_eq!(order, [ids[1], ids[2], ids[0]], "interest, Arabic and home first; farther away last: {m}");
    let reasons: Vec<&str> = m[0]["reasons"].as_array().unwrap().iter().map(|r| r.as_str().unwrap()).collect();
    assert!(reasons.contains(&"Passer til interessen «fodbold»") && reasons.contains(&"Der tales arabisk"), "{reasons:?}");
    let caseworker = app.login("sagsbehandler").await;
    // The pages are paged with `?side=`, as every HTML list.
    let first = app.get("/civilsamfund/tilbud", Some(&caseworker)).await;
    assert!(first.body.contains("Fodbold U12") && !first.body.contains("Næste side"), "three offers fit one page");
    let second = app.get("/civilsamfund/tilbud?side=2", Some(&caseworker)).await;
    assert_eq!(second.status, StatusCode::OK);
    assert!(second.body.contains("Ingen tilbud.") && second.body.contains("side=1\">Forrige side"), "{}", second.body);
    let page = app.get(&format!("/civilsamfund/personer/{}?interests=fodbold", w.child), Some(&caseworker)).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("Fodbold U12") && page.body.contains("Passer til interessen «fodbold»"));
}
on_both_apps!(registry_and_matching);

async fn fritidspas_is_a_decision(app: TestApp) {
    let w = world(&app).await;
    let cw = &w.caseworker;
    let apply = json!({"person_id": w.child, "household_income": "180000", "fee": "1200", "equipment": "800", "note": "Fodbold"});
    let r = app.api(Method::POST, "/api/v1/fritidspas", cw, Some(apply.clone())).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "the example settings grant nothing: {}", r.body);
    let manager = app.user("leder", Role::Manager, Some(CODE)).await;
    let manager = app.token(manager).await;
    let settings = json!({"income_limit": "201228", "extra_per_child": "7000", "max_fee": "1500", "max_equipment": "500", "yearly_budget": "50000"});
    assert_eq!(app.api(Method::PUT, "/api/v1/fritidspas/settings", cw, Some(settings.clone())).await.status, StatusCode::FORBIDDEN);
    let r = app.api(Method::PUT, "/api/v1/fritidspas/settings", &manager, Some(json!({"income_limit": "mange", "max_fee": "", "yearly_budget": "1"}))).await;
    assert_eq!(problem_fields(&r.json()), ["income_limit", "max_fee"]);
    assert_eq!(app.api(Method::PUT, "/api/v1/fritidspas/settings", &manager, Some(settings)).await.status, StatusCode::OK);
    let r = app.api(Method::POST, "/api/v1/fritidspas", cw, Some(apply)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let g = r.json();
    assert_eq!((g["decision"].as_str(), g["fee_kr"].as_i64(), g["equipment_kr"].as_i64()), (Some("granted"), Some(1200), Some(500)));
    assert!(g["reason"].as_str().unwrap().contains("under grænsen på 201.228 kr.") && g["reason"].as_str().unwrap().ends_with("Bemærkning: Fodbold"), "{g}");
    let adult = person(&app, w.family, "Omar", "1985-01-01", "adult", 3).await;
    let r = app.api(Method::POST, "/api/v1/fritidspas", cw, Some(json!({"person_id": adult, "household_income": "1", "fee": "1"}))).await;
    assert_eq!(problem_fields(&r.json()), ["person_id"]);
    let budget = app.api(Method::GET, "/api/v1/fritidspas/budget", &manager, None).await.json();
    assert_eq!((budget["granted"].as_i64(), budget["left"].as_i64()), (Some(1700), Some(48_300)));
    let r = app.api(Method::POST, &format!("/api/v1/fritidspas/{}/used", g["id"]), cw, Some(json!({"used_kr": 2000}))).await;
    assert_eq!(problem_fields(&r.json()), ["used_kr"]);
    let filter = AuditFilter { entity: Some("person".into()), entity_id: Some(w.child.to_string()), ..Default::default() };
    let audit = app.store.audit_log(CODE, &filter, 50).await.unwrap();
    assert!(audit.iter().any(|a| a.action == "decision" && a.detail.contains("bevilget")));
    let page = app.get("/civilsamfund/fritidspas", Some(&app.login("sagsbehandler").await)).await;
    assert!(page.body.contains("Bevilget") && page.body.contains("1.700 kr."), "{}", page.body);
}
on_both_apps!(fritidspas_is_a_decision);

/// An offer's page: its form keeps what was typed on an error, with the error at the
/// field and the field's Danish name in the summary; a submit that changes nothing
/// stores and audits nothing; a change is stored and audited; another organisation's
/// user gets 404 and cannot change it.
async fn offers_are_edited_on_their_page(app: TestApp) {
    let w = world(&app).await;
    let body = json!({"organisation_id": w.org_a, "kind": "sports_leisure", "title": "Fodbold U12", "topics": "fodbold, bold", "min_age": 6, "max_age": 14,
        "postal_code": "4300", "street": "Stadionvej 2", "languages": "da,ar", "slots": "2 16:00-17:00;4 16:00-17:00", "price_kr": 600, "seats": 12, "fritidspas": true});
    let r = app.api(Method::POST, "/api/v1/offers", &w.caseworker, Some(body)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let id = r.json()["id"].as_i64().unwrap();
    let path = format!("/civilsamfund/tilbud/{id}");
    let caseworker = app.login("sagsbehandler").await;
    let page = app.get(&path, Some(&caseworker)).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("Ret tilbuddet") && page.body.contains("value=\"Fodbold U12\"") && page.body.contains("value=\"2 16:00-17:00; 4 16:00-17:00\""), "{}", page.body);
    let list = app.get("/civilsamfund/tilbud", Some(&caseworker)).await;
    assert!(list.body.contains(&format!("href=\"/civilsamfund/tilbud/{id}\"")), "the list links to the offer");

    let form = |title: &'static str, max_age: &'static str, seats: &'static str| {
        vec![("kind", "sports_leisure"), ("title", title), ("description", ""), ("topics", "fodbold, bold"), ("min_age", "6"), ("max_age", max_age), ("sex", ""),
             ("street", "Stadionvej 2"), ("postal_code", "4300"), ("languages", "da,ar"), ("slots", "2 16:00-17:00; 4 16:00-17:00"), ("price_kr", "600"),
             ("seats", seats), ("fritidspas", "1"), ("active", "1")]
    };
    let updates = |app: &TestApp| {
        let filter = AuditFilter { entity: Some("offer".into()), action: Some("update".into()), ..Default::default() };
        let store = app.store.clone();
        async move { store.audit_log(CODE, &filter, 50).await.unwrap().len() }
    };
    let stored = || async { app.api(Method::GET, &format!("/api/v1/offers/{id}"), &w.caseworker, None).await.json() };
    let before = stored().await;

    // An error: what was typed stays, the error is at the field, nothing is stored.
    let r = app.post_form(&path, &caseworker, &form("Fodbold U13", "3", "12")).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("value=\"Fodbold U13\"") && r.body.contains("id=\"max_age-error\"") && r.body.contains("href=\"#max_age\">Til alder</a>"), "{}", r.body);
    assert_eq!(stored().await, before, "nothing stored on error");

    // The same values again: nothing changes, nothing is audited.
    let r = app.post_form(&path, &caseworker, &form("Fodbold U12", "14", "12")).await;
    assert_eq!((r.status, r.location()), (StatusCode::SEE_OTHER, format!("{path}?gemt=0").as_str()));
    assert_eq!(stored().await, before);
    assert_eq!(updates(&app).await, 0, "an unchanged submit is not audited");
    assert!(app.get(&format!("{path}?gemt=0"), Some(&caseworker)).await.body.contains("ingen ændringer"));
    let r = app.api(Method::PUT, &format!("/api/v1/offers/{id}"), &w.caseworker, Some(json!({"kind": "sports_leisure", "title": "Fodbold U12", "topics": "fodbold,bold",
        "min_age": 6, "max_age": 14, "postal_code": "4300", "street": "Stadionvej 2", "languages": "da,ar", "slots": "2 16:00-17:00;4 16:00-17:00", "price_kr": 600, "seats": 12, "fritidspas": true, "active": true}))).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(updates(&app).await, 0, "nor through the API");

    // A change is stored and audited.
    let r = app.post_form(&path, &caseworker, &form("Fodbold U12", "14", "16")).await;
    assert_eq!((r.status, r.location()), (StatusCode::SEE_OTHER, format!("{path}?gemt=1").as_str()));
    assert_eq!(stored().await["seats"], 16);
    assert_eq!(updates(&app).await, 1);

    // The offering organisation's user edits it; another organisation's user sees nothing.
    let (_, a_browser) = volunteer(&app, "frivillig-a", Some(w.org_a)).await;
    assert!(app.get(&path, Some(&a_browser)).await.body.contains("Ret tilbuddet"));
    let (_, b_browser) = volunteer(&app, "frivillig-b", Some(w.org_b)).await;
    assert_eq!(app.get(&path, Some(&b_browser)).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.post_form(&path, &b_browser, &form("Overtaget", "14", "1")).await.status, StatusCode::NOT_FOUND);
    assert_eq!(stored().await["title"], "Fodbold U12");
}
on_both_apps!(offers_are_edited_on_their_page);

/// Consent is given per organisation: a referral goes only to an organisation the
/// consent names and shares no more than the scopes given to that organisation; the
/// consent's checks name their field and store nothing; the consent form keeps what was
/// typed; and no write (the consent, the referral) widens what an organisation's user
/// can read.
async fn consent_per_organisation(app: TestApp) {
    let w = world(&app).await;
    let (cw, child) = (&w.caseworker, w.child);
    let (a_token, _) = volunteer(&app, "frivillig-a", Some(w.org_a)).await;
    let (b_token, _) = volunteer(&app, "frivillig-b", Some(w.org_b)).await;
    let referrals = |token: &str| {
        let token = token.to_string();
        let app = &app;
        async move { app.api(Method::GET, "/api/v1/offer-referrals", &token, None).await.json().as_array().unwrap().clone() }
    };
    let refer = |consent: i64, org: i64, shared: Value| json!({"person_id": child, "consent_id": consent, "organisation_id": org, "shared": shared, "contact": "tlf. 12 34 56 78", "note": "Fodbold"});

    // The world's consent names only organisation A: a referral to B under it is refused.
    let r = app.api(Method::POST, "/api/v1/offer-referrals", cw, Some(refer(w.consent, w.org_b, json!([])))).await;
    assert_eq!((r.status, problem_fields(&r.json())), (StatusCode::UNPROCESSABLE_ENTITY, vec!["consent_id".to_string()]), "{}", r.body);
    assert!(r.body.contains("samtykket nævner ikke «Tuse Næs Lektiecafé»"), "{}", r.body);
    assert!(referrals(&b_token).await.is_empty() && referrals(cw).await.is_empty(), "nothing stored");

    // The consent's own checks name their field and store nothing.
    let other = app.user("sagsbehandler-0101", Role::Caseworker, Some("0101")).await;
    let other = app.token(other).await;
    let foreign = app.api(Method::POST, "/api/v1/organisations", &other, Some(json!({"kind": "association", "name": "Københavnsk Forening"}))).await.json()["id"].as_i64().unwrap();
    let consent = |organisations: Value, scopes: Value| json!({"scopes": scopes, "organisations": organisations, "purpose": "Fritid", "given_on": today(), "how_given": "written"});
    let before = app.api(Method::GET, &format!("/api/v1/persons/{child}/consents"), cw, None).await.json().as_array().unwrap().len();
    for (body, field) in [
        (consent(json!([{"organisation_id": foreign, "scopes": []}]), json!([])), "organisations"),
        (consent(json!([{"organisation_id": 999_999, "scopes": []}]), json!([])), "organisations"),
        (consent(json!([{"organisation_id": w.org_a, "scopes": ["cpr"]}]), json!([])), "organisations"),
        (consent(json!([{"organisation_id": w.org_a, "scopes": []}, {"organisation_id": w.org_a, "scopes": []}]), json!([])), "organisations"),
        (consent(json!([{"organisation_id": w.org_a, "scopes": []}]), json!(["profile"])), "scopes"),
        (consent(json!([]), json!([])), "departments"),
    ] {
        let r = app.api(Method::POST, &format!("/api/v1/persons/{child}/consents"), cw, Some(body.clone())).await;
        assert_eq!((r.status, problem_fields(&r.json())), (StatusCode::UNPROCESSABLE_ENTITY, vec![field.to_string()]), "{body}: {}", r.body);
    }
    assert_eq!(app.api(Method::GET, &format!("/api/v1/persons/{child}/consents"), cw, None).await.json().as_array().unwrap().len(), before, "nothing stored");

    // A consent naming A with name and contact only, and B with the profile.
    let r = app.api(Method::POST, &format!("/api/v1/persons/{child}/consents"), cw, Some(consent(json!([{"organisation_id": w.org_a, "scopes": []}, {"organisation_id": w.org_b, "scopes": ["profile"]}]), json!([])))).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let both = r.json();
    let named: Vec<(i64, Value)> = both["organisations"].as_array().unwrap().iter().map(|o| (o["organisation_id"].as_i64().unwrap(), o["scopes"].clone())).collect();
    assert!(named.len() == 2 && named.contains(&(w.org_a, json!([]))) && named.contains(&(w.org_b, json!(["profile"]))), "{named:?}");
    // Recording the consent gives no organisation anything to read.
    for t in [&a_token, &b_token] {
        assert!(referrals(t).await.is_empty());
        assert_eq!(app.api(Method::GET, &format!("/api/v1/persons/{child}"), t, None).await.status, StatusCode::NOT_FOUND);
        assert_eq!(app.api(Method::GET, &format!("/api/v1/persons/{child}/consents"), t, None).await.status, StatusCode::NOT_FOUND);
    }
    let both = both["id"].as_i64().unwrap();
    // Age is refused for A (the consent gives A only name and contact), even though it gives B the profile.
    let r = app.api(Method::POST, "/api/v1/offer-referrals", cw, Some(refer(both, w.org_a, json!(["age"])))).await;
    assert_eq!((r.status, problem_fields(&r.json())), (StatusCode::UNPROCESSABLE_ENTITY, vec!["shared".to_string()]), "{}", r.body);
    let to_a = app.api(Method::POST, "/api/v1/offer-referrals", cw, Some(refer(both, w.org_a, json!([])))).await;
    assert_eq!((to_a.status, to_a.json()["shared"].clone()), (StatusCode::CREATED, json!(["name", "contact"])), "{}", to_a.body);
    let to_b = app.api(Method::POST, "/api/v1/offer-referrals", cw, Some(refer(both, w.org_b, json!(["age", "interests"])))).await;
    assert_eq!((to_b.status, to_b.json()["shared"].clone()), (StatusCode::CREATED, json!(["name", "contact", "age", "interests"])), "{}", to_b.body);
    let (to_a, to_b) = (to_a.json()["id"].as_i64().unwrap(), to_b.json()["id"].as_i64().unwrap());

    // Each organisation sees its own referral with its own fields, never the other's, and still no person.
    let a_list = referrals(&a_token).await;
    assert_eq!((a_list.len(), a_list[0]["id"].as_i64(), a_list[0]["age"].clone()), (1, Some(to_a), Value::Null), "{a_list:?}");
    let b_list = referrals(&b_token).await;
    assert_eq!((b_list.len(), b_list[0]["id"].as_i64(), b_list[0]["interests"].as_str()), (1, Some(to_b), Some("Fodbold")), "{b_list:?}");
    assert_eq!(app.api(Method::GET, &format!("/api/v1/offer-referrals/{to_b}"), &a_token, None).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.api(Method::GET, &format!("/api/v1/offer-referrals/{to_a}"), &b_token, None).await.status, StatusCode::NOT_FOUND);
    for t in [&a_token, &b_token] {
        assert_eq!(app.api(Method::GET, &format!("/api/v1/persons/{child}"), t, None).await.status, StatusCode::NOT_FOUND);
        assert_eq!(app.api(Method::GET, &format!("/api/v1/persons/{child}/participations"), t, None).await.status, StatusCode::NOT_FOUND);
    }

    // The consent form names organisations with their scopes and keeps what was typed.
    let caseworker = app.login("sagsbehandler").await;
    let path = format!("/personer/{child}/samtykke");
    let (a, b) = (w.org_a.to_string(), w.org_b.to_string());
    let refused = app.post_form(&path, &caseworker, &[("organisation_1", &a), ("organisation_1_scopes", "address"), ("organisation_2", &b), ("purpose", "Svømning"), ("given_on", "i går"), ("how_given", "written")]).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.body);
    assert!(refused.body.contains("value=\"Svømning\"") && refused.body.contains("href=\"#given_on\">Givet den</a>") && refused.body.contains("id=\"given_on-error\""), "{}", refused.body);
    assert!(refused.body.contains(&format!("<option value=\"{a}\" selected>Holbæk Boldklub")) && refused.body.contains("id=\"organisation_1_address\" name=\"organisation_1_scopes\" value=\"address\" checked"), "{}", refused.body);
    let saved = app.post_form(&path, &caseworker, &[("organisation_1", &a), ("organisation_1_scopes", "address"), ("organisation_2", &b), ("purpose", "Svømning"), ("given_on", &today()), ("how_given", "written")]).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let shown = app.get(&path, Some(&caseworker)).await;
    assert!(shown.body.contains("Holbæk Boldklub (navn, kontakt, adresse); Tuse Næs Lektiecafé (navn og kontakt)"), "{}", shown.body);
}
on_both_apps!(consent_per_organisation);
