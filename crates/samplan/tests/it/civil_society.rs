//! Civil society through HTTP on both databases: the consent-limited sharing matrix
//! (per role, through pages and the API, reads and writes, and withdrawal of consent),
//! consent given per organisation (a referral only to an organisation the consent names,
//! with no more than its scopes, and no write widening anyone's reach),
//! the registry's checks (CVR modulus 11, real postal codes) and an organisation user's
//! reach, the lists paged by `limit` and cursor, matching ranked with Danish reasons,
//! and fritidspas decided by the municipality's settings and audited.
use crate::common;

use axum::http::{Method, StatusCode};
use common::app::TestApp;
use samplan::domain::Role;
use samplan::store::Tenant;
use samplan::store::audit::AuditFilter;
use samplan::store::families::FamilyFields;
use samplan::store::persons::PersonFields;
use serde_json::{Value, json};
use std::collections::BTreeSet;

const CODE: &str = "0316";

fn tenant() -> Tenant {
    Tenant::trusted(CODE)
}

fn today() -> String {
    chrono::Local::now().date_naive().to_string()
}

async fn family(app: &TestApp) -> i64 {
    let f = FamilyFields { name: "Familien Haddad".into(), street: Some("Ahlgade 1".into()), postal_code: Some("4300".into()), city: Some("Holbæk".into()) };
    app.store.create_family(&tenant(), &f).await.unwrap()
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
        residence_basis: samplan::domain::ResidenceBasis::Refugee,
    };
    app.store.create_person(&tenant(), &format!("enc-{serial}"), &format!("hash-{serial}"), &fields).await.unwrap()
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
        app.store.set_organisation_user(&tenant(), id, org).await.unwrap();
    }
    (app.token(id).await, app.login(login).await)
}

async fn sharing_matrix(app: TestApp) {
    let w = world(&app).await;
    let (cw, child) = (&w.caseworker, w.child);
    let plan_only = json!({"scopes": ["plan"], "departments": ["jobcenter"], "partners": "", "purpose": "Plan", "given_on": today(), "how_given": "written"});
    let no_partner = app.api(Method::POST, &format!("/api/v1/persons/{child}/consents"), cw, Some(plan_only)).await.json()["id"].as_i64().unwrap();

    // Refusals name their field and store nothing.
    let referral = |consent: i64, shared: Value, contact: &str| json!({"person_id": child, "consent_id": consent, "organisation_id": w.org_a, "shared": shared, "contact": contact, "note": "Vil gerne spille fodbold"});
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
        "id",
        "organisation_id",
        "organisation_name",
        "offer_id",
        "offer_title",
        "status",
        "status_label",
        "created_at",
        "consent_live",
        "shared",
        "name",
        "contact",
        "age",
        "interests",
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
    let overview = app.get("/", Some(&a_browser)).await;
    assert!(overview.body.contains("<a href=\"/civilsamfund\">Civilsamfund</a>: din forenings tilbud"), "the overview leads to their page: {}", overview.body);

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
    for path in [
        format!("/personer/{child}"),
        "/personer?q=Haddad".into(),
        format!("/familier/{fam}/plan"),
        "/frister".into(),
        format!("/civilsamfund/personer/{child}"),
    ] {
        let r = app.get(&path, Some(&a_browser)).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "page {path}");
        assert!(!r.body.contains("Haddad"), "{path}");
    }
    for (path, body) in [
        ("/api/v1/offer-referrals".to_string(), referral(w.consent, json!([]), "x")),
        (format!("/api/v1/persons/{child}/participations"), json!({"organisation_id": w.org_a, "kind": "participant", "status": "member", "from": today()})),
        ("/api/v1/fritidspas".to_string(), json!({"person_id": child, "household_income": "100000", "fee": "500"})),
        (
            format!("/api/v1/persons/{child}/consents"),
            json!({"scopes": ["address"], "departments": [], "partners": "Holbæk Boldklub", "purpose": "x", "given_on": today(), "how_given": "written"}),
        ),
    ] {
        let r = app.api(Method::POST, &path, &a_token, Some(body)).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "POST {path}: {}", r.body);
    }
    let r = app
        .post_form(
            &format!("/civilsamfund/personer/{child}/henvisning"),
            &a_browser,
            &[("consent_id", &w.consent.to_string()), ("organisation_id", &w.org_a.to_string()), ("contact", "x")],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);

    // The organisation's writes answer with no more than it could read.
    let r = app.api(Method::POST, &format!("/api/v1/offer-referrals/{id}/answer"), &a_token, Some(json!({"status": "accepted"}))).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(keys(&r.json()), shared_keys);
    let r = app.api(Method::POST, &format!("/api/v1/offer-referrals/{id}/participation"), &a_token, Some(json!({"status": "tomorrow"}))).await;
    assert_eq!((r.status, problem_fields(&r.json())), (StatusCode::UNPROCESSABLE_ENTITY, vec!["status".to_string()]));
    let danish_today = calendar::Date::parse(&today()).unwrap().danish().to_string();
    let page = app.get(&format!("/civilsamfund/henvisninger/{id}"), Some(&a_browser)).await;
    assert!(
        page.body.contains(&format!("value=\"{danish_today}\"")) && page.body.contains("Dato (DD.MM.ÅÅÅÅ)"),
        "the day field in the Danish way: {}",
        page.body
    );
    let r = app.post_form(&format!("/civilsamfund/henvisninger/{id}/deltagelse"), &a_browser, &[("status", "attending"), ("date", &danish_today)]).await;
    app.confirmed(&r, &a_browser, "Gemt.").await;
    let page = app.get(&format!("/civilsamfund/henvisninger/{id}"), Some(&a_browser)).await;
    assert!(page.body.contains(&format!("fra {danish_today}")), "the participation's first day the Danish way: {}", page.body);
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
    let stored = app.store.offer_referral(&tenant(), id, calendar::Date::parse(&today()).unwrap()).await.unwrap().unwrap();
    assert_eq!((stored.contact.as_str(), stored.note.as_str()), ("", ""), "the texts are erased");

    // Every sharing and every organisation read of the person is audited.
    let filter = AuditFilter { entity: Some("person".into()), entity_id: Some(child.to_string()), ..Default::default() };
    let audit: Vec<String> =
        app.store.audit_log(&tenant(), &filter, 200).await.unwrap().into_iter().map(|a| format!("{} {} {}", a.user_login, a.action, a.detail)).collect();
    assert!(
        audit
            .iter()
            .any(|a| a.starts_with("sagsbehandler share henvist til Holbæk Boldklub") && a.contains("Navn, Kontaktoplysninger, Alder, Interesser og ønsker")),
        "{audit:?}"
    );
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
    let audit = app.store.audit_log(&tenant(), &filter, 50).await.unwrap();
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
    assert!(
        page.body.contains("Ret tilbuddet") && page.body.contains("value=\"Fodbold U12\"") && page.body.contains("value=\"2 16:00-17:00; 4 16:00-17:00\""),
        "{}",
        page.body
    );
    let list = app.get("/civilsamfund/tilbud", Some(&caseworker)).await;
    assert!(list.body.contains(&format!("href=\"/civilsamfund/tilbud/{id}\"")), "the list links to the offer");

    let form = |title: &'static str, max_age: &'static str, seats: &'static str| {
        vec![
            ("kind", "sports_leisure"),
            ("title", title),
            ("description", ""),
            ("topics", "fodbold, bold"),
            ("min_age", "6"),
            ("max_age", max_age),
            ("sex", ""),
            ("street", "Stadionvej 2"),
            ("postal_code", "4300"),
            ("languages", "da,ar"),
            ("slots", "2 16:00-17:00; 4 16:00-17:00"),
            ("price_kr", "600"),
            ("seats", seats),
            ("fritidspas", "1"),
            ("active", "1"),
        ]
    };
    let updates = |app: &TestApp| {
        let filter = AuditFilter { entity: Some("offer".into()), action: Some("update".into()), ..Default::default() };
        let store = app.store.clone();
        async move { store.audit_log(&tenant(), &filter, 50).await.unwrap().len() }
    };
    let stored = || async { app.api(Method::GET, &format!("/api/v1/offers/{id}"), &w.caseworker, None).await.json() };
    let before = stored().await;

    // An error: what was typed stays, the error is at the field, nothing is stored.
    let r = app.post_form(&path, &caseworker, &form("Fodbold U13", "3", "12")).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(
        r.body.contains("value=\"Fodbold U13\"") && r.body.contains("id=\"max_age-error\"") && r.body.contains("href=\"#max_age\">Til alder</a>"),
        "{}",
        r.body
    );
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
    let foreign =
        app.api(Method::POST, "/api/v1/organisations", &other, Some(json!({"kind": "association", "name": "Københavnsk Forening"}))).await.json()["id"]
            .as_i64()
            .unwrap();
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
    let r = app
        .api(
            Method::POST,
            &format!("/api/v1/persons/{child}/consents"),
            cw,
            Some(consent(json!([{"organisation_id": w.org_a, "scopes": []}, {"organisation_id": w.org_b, "scopes": ["profile"]}]), json!([]))),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let both = r.json();
    let named: Vec<(i64, Value)> =
        both["organisations"].as_array().unwrap().iter().map(|o| (o["organisation_id"].as_i64().unwrap(), o["scopes"].clone())).collect();
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
    let refused = app
        .post_form(
            &path,
            &caseworker,
            &[
                ("organisation_1", &a),
                ("organisation_1_scopes", "address"),
                ("organisation_2", &b),
                ("purpose", "Svømning"),
                ("given_on", "i går"),
                ("how_given", "written"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.body);
    assert!(
        refused.body.contains("value=\"Svømning\"")
            && refused.body.contains("href=\"#given_on\">Givet den</a>")
            && refused.body.contains("id=\"given_on-error\""),
        "{}",
        refused.body
    );
    assert!(
        refused.body.contains(&format!("<option value=\"{a}\" selected>Holbæk Boldklub"))
            && refused.body.contains("id=\"organisation_1_address\" name=\"organisation_1_scopes\" value=\"address\" checked"),
        "{}",
        refused.body
    );
    let saved = app
        .post_form(
            &path,
            &caseworker,
            &[
                ("organisation_1", &a),
                ("organisation_1_scopes", "address"),
                ("organisation_2", &b),
                ("purpose", "Svømning"),
                ("given_on", &today()),
                ("how_given", "written"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let shown = app.get(&path, Some(&caseworker)).await;
    assert!(shown.body.contains("Holbæk Boldklub (navn, kontakt, adresse); Tuse Næs Lektiecafé (navn og kontakt)"), "{}", shown.body);
}
on_both_apps!(consent_per_organisation);

/// Forms submitted as they stand change nothing and are not audited: an organisation's
/// form (page and API), the fritidspas amounts and a grant's amount used. A change is
/// stored and audited once.
async fn unchanged_forms_change_nothing(app: TestApp) {
    let w = world(&app).await;
    let caseworker = app.login("sagsbehandler").await;
    let audit = |entity: &'static str| {
        let store = app.store.clone();
        async move {
            let filter = AuditFilter { entity: Some(entity.into()), action: Some("update".into()), ..Default::default() };
            store.audit_log(&tenant(), &filter, 100).await.unwrap().len()
        }
    };
    // The organisation's page, submitted as it stands.
    let path = format!("/civilsamfund/organisationer/{}", w.org_a);
    let page = app.get(&path, Some(&caseworker)).await;
    let fields = common::app::form_fields(&page.body, &path);
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let before = app.store.organisation(&tenant(), w.org_a).await.unwrap().unwrap();
    let r = app.post_form(&path, &caseworker, &fields).await;
    assert_eq!((r.status, r.location()), (StatusCode::SEE_OTHER, format!("{path}?gemt=0#ret").as_str()), "{}", r.body);
    assert_eq!(app.store.organisation(&tenant(), w.org_a).await.unwrap().unwrap(), before, "not even the time of change moves");
    assert_eq!(audit("organisation").await, 0);
    assert!(app.get(&format!("{path}?gemt=0"), Some(&caseworker)).await.body.contains("Der var ingen ændringer"));
    let same = json!({"kind": "association", "name": "Holbæk Boldklub", "cvr": "10150817", "postal_code": "4300", "street": "Stadionvej 2", "email": "kontakt@example.invalid"});
    let r = app.api(Method::PUT, &format!("/api/v1/organisations/{}", w.org_a), &w.caseworker, Some(same.clone())).await;
    assert_eq!((r.status, r.json()["name"].as_str()), (StatusCode::OK, Some("Holbæk Boldklub")), "{}", r.body);
    assert_eq!(audit("organisation").await, 0, "nor through the API");
    let mut changed = same.clone();
    changed["phone"] = json!("59 00 00 00");
    let r = app.api(Method::PUT, &format!("/api/v1/organisations/{}", w.org_a), &w.caseworker, Some(changed)).await;
    assert_eq!((r.status, r.json()["phone"].as_str()), (StatusCode::OK, Some("59 00 00 00")));
    assert_eq!(audit("organisation").await, 1);

    // The fritidspas amounts, set once and then submitted again as they stand.
    let manager = app.user("leder", Role::Manager, Some(CODE)).await;
    let (manager_token, manager) = (app.token(manager).await, app.login("leder").await);
    let settings = [("income_limit", "201228"), ("extra_per_child", "7000"), ("max_fee", "1500"), ("max_equipment", "500"), ("yearly_budget", "50000")];
    let r = app.post_form("/civilsamfund/fritidspas/indstillinger", &manager, &settings).await;
    assert_eq!((r.status, r.location()), (StatusCode::SEE_OTHER, "/civilsamfund/fritidspas?gemt=1#indstillinger"), "{}", r.body);
    let page = app.get("/civilsamfund/fritidspas", Some(&manager)).await;
    assert!(!page.body.contains("Skal bekræftes"), "the municipality's own amounts are no example");
    let fields = common::app::form_fields(&page.body, "/civilsamfund/fritidspas/indstillinger");
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let r = app.post_form("/civilsamfund/fritidspas/indstillinger", &manager, &fields).await;
    assert_eq!((r.status, r.location()), (StatusCode::SEE_OTHER, "/civilsamfund/fritidspas?gemt=0#indstillinger"), "{}", r.body);
    assert_eq!(audit("fritidspas_settings").await, 1, "only the first save is audited");
    assert!(app.get("/civilsamfund/fritidspas?gemt=0", Some(&manager)).await.body.contains("Der var ingen ændringer"));
    let r = app
        .api(
            Method::PUT,
            "/api/v1/fritidspas/settings",
            &manager_token,
            Some(json!({"income_limit": "201228", "extra_per_child": "7000", "max_fee": "1500", "max_equipment": "500", "yearly_budget": "50000"})),
        )
        .await;
    assert_eq!((r.status, r.json()["income_limit"].as_i64()), (StatusCode::OK, Some(201_228)));
    assert_eq!(audit("fritidspas_settings").await, 1, "nor through the API");

    // A grant's amount used: recorded on the fritidspas page; an error keeps what was
    // typed at that grant's field; the same amount again changes nothing.
    let r = app.api(Method::POST, "/api/v1/fritidspas", &w.caseworker, Some(json!({"person_id": w.child, "household_income": "150000", "fee": "1000"}))).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let grant = r.json()["id"].as_i64().unwrap();
    let used_path = format!("/civilsamfund/fritidspas/{grant}/brugt");
    let person_audit = || {
        let store = app.store.clone();
        let child = w.child;
        async move {
            let filter = AuditFilter { entity: Some("person".into()), entity_id: Some(child.to_string()), action: Some("update".into()), ..Default::default() };
            store.audit_log(&tenant(), &filter, 100).await.unwrap().into_iter().filter(|a| a.detail.contains("brugt")).count()
        }
    };
    let r = app.post_form(&used_path, &caseworker, &[("used_kr", "1200")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let id = format!("used_kr-{grant}");
    assert!(
        r.body.contains(&format!("id=\"{id}-error\"")) && r.body.contains(&format!("href=\"#{id}\">Brugt</a>")) && r.body.contains("value=\"1200\""),
        "{}",
        r.body
    );
    let r = app.post_form(&used_path, &caseworker, &[("used_kr", "400")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(app.store.fritidspas_grant(&tenant(), grant).await.unwrap().unwrap().used_kr, 400);
    let r = app.post_form(&used_path, &caseworker, &[("used_kr", "400")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(person_audit().await, 1, "the same amount again is not audited");
    let page = app.get("/civilsamfund/fritidspas", Some(&caseworker)).await;
    assert!(page.body.contains(&format!("id=\"{id}\" name=\"used_kr\" inputmode=\"numeric\" value=\"400\"")), "{}", page.body);
    let budget = app.api(Method::GET, "/api/v1/fritidspas/budget", &manager_token, None).await.json();
    assert_eq!((budget["granted"].as_i64(), budget["used"].as_i64()), (Some(1000), Some(400)));
    let (_, a_browser) = volunteer(&app, "frivillig-a", Some(w.org_a)).await;
    assert_eq!(app.post_form(&used_path, &a_browser, &[("used_kr", "0")]).await.status, StatusCode::NOT_FOUND);
}
on_both_apps!(unchanged_forms_change_nothing);

/// A refused form on a person's page or an organisation's page comes back with what was
/// typed, the error at its field and the field's Danish name in the summary (never the
/// code name of the field); the fritidspas form offers only offers fritidspas pays for.
async fn refused_forms_keep_what_was_typed(app: TestApp) {
    let w = world(&app).await;
    let caseworker = app.login("sagsbehandler").await;
    let person = format!("/civilsamfund/personer/{}", w.child);
    let org = w.org_a.to_string();
    let r = app
        .post_form(
            &format!("{person}/deltagelse"),
            &caseworker,
            &[
                ("participation_organisation_id", org.as_str()),
                ("participation_kind", "volunteer"),
                ("participation_status", "ended"),
                ("participation_from", "2025-03-01"),
                ("participation_to", "2025-02-01"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    for kept in [
        format!("<option value=\"{org}\" selected>Holbæk Boldklub"),
        "<option value=\"volunteer\" selected>".into(),
        "<option value=\"ended\" selected>".into(),
        "value=\"2025-03-01\"".into(),
        "value=\"2025-02-01\"".into(),
        "id=\"participation_to-error\"".into(),
        "href=\"#participation_to\">Til</a>".into(),
    ] {
        assert!(r.body.contains(&kept), "{kept} missing");
    }
    assert!(app.store.participations(&tenant(), w.child).await.unwrap().is_empty(), "nothing stored");

    // The contact form and the user form on an organisation's page.
    let path = format!("/civilsamfund/organisationer/{}", w.org_a);
    let r = app
        .post_form(
            &format!("{path}/kontakter"),
            &caseworker,
            &[("contact_name", "Lise Holm"), ("contact_title", "Formand"), ("contact_email", ""), ("contact_phone", "")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("value=\"Lise Holm\"")
            && r.body.contains("value=\"Formand\"")
            && r.body.contains("id=\"contact_phone-error\"")
            && r.body.contains("href=\"#contact_phone\">Telefon</a>"),
        "{}",
        r.body
    );
    // Corrected, it is saved: «Gemt», back at the new contact's line.
    let r = app
        .post_form(
            &format!("{path}/kontakter"),
            &caseworker,
            &[("contact_name", "Lise Holm"), ("contact_title", "Formand"), ("contact_email", "lise@eksempel.dk"), ("contact_phone", "")],
        )
        .await;
    assert!(r.location().starts_with(&format!("{path}#kontakt-")), "{}", r.location());
    assert!(app.confirmed(&r, &caseworker, "Gemt.").await.body.contains("Lise Holm"));
    app.user("admin", Role::Admin, Some(CODE)).await;
    let admin = app.login("admin").await;
    let r = app.post_form(&format!("{path}/brugere"), &admin, &[("login", "ingen-saadan")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("value=\"ingen-saadan\"") && r.body.contains("href=\"#login\">Brugernavn</a>"), "{}", r.body);
    // A new organisation with errors: Danish names in the summary.
    let r = app.post_form("/civilsamfund/organisationer", &caseworker, &[("kind", ""), ("name", ""), ("cvr", "12345678"), ("postal_code", "9999")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    for label in ["href=\"#kind\">Slags</a>", "href=\"#name\">Navn</a>", "href=\"#cvr\">CVR-nummer</a>", "href=\"#postal_code\">Postnummer</a>"] {
        assert!(r.body.contains(label), "{label}: {}", r.body);
    }

    // The fritidspas form lists the offers fritidspas pays for that fit the child's age.
    let offer = |title: &str, fritidspas: bool, ages: (i64, i64)| json!({"organisation_id": w.org_a, "kind": "sports_leisure", "title": title, "min_age": ages.0, "max_age": ages.1, "postal_code": "4300", "languages": "da", "price_kr": 600, "seats": 10, "fritidspas": fritidspas});
    for body in [offer("Fodbold U12", true, (6, 14)), offer("Seniorfodbold", true, (18, 99)), offer("Skak", false, (6, 14))] {
        assert_eq!(app.api(Method::POST, "/api/v1/offers", &w.caseworker, Some(body)).await.status, StatusCode::CREATED);
    }
    let page = app.get(&person, Some(&caseworker)).await.body;
    let start = page.find("id=\"grant_offer_id\"").expect("the offer choice");
    let choice = &page[start..start + page[start..].find("</select>").unwrap()];
    assert!(choice.contains("Fodbold U12 – Holbæk Boldklub") && !choice.contains("Seniorfodbold") && !choice.contains("Skak"), "{choice}");
}
on_both_apps!(refused_forms_keep_what_was_typed);

/// Matching reads the person's week from the plans schedule: an offer at the time of an
/// action in the family's plan is marked as overlapping, named, and ranked below one that
/// fits; the reasons are Danish.
async fn matching_reads_the_week_from_the_plan(app: TestApp) {
    let w = world(&app).await;
    let coordinator = app.user("koordinator", Role::Coordinator, Some(CODE)).await;
    let coordinator = app.token(coordinator).await;
    let plan = json!({"based_on_version": 0, "reason": "Første helhedsplan", "plan": {"goals": [
        {"life_area": "boern_og_skole", "person_id": w.child, "text": "Amal får hjælp til lektierne", "actions": [
            {"title": "Lektiehjælp på skolen", "department": "dagtilbud_og_skole", "responsible_name": "Lærer", "person_id": w.child,
             "start_date": "2025-01-01", "slots": [{"weekday": 2, "from": "15:30", "to": "16:30"}], "status": "active"}]}]}});
    let r = app.api(Method::PUT, &format!("/api/v1/families/{}/plan", w.family), &coordinator, Some(plan)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let offer = |title: &str, slots: &str| {
        json!({"organisation_id": w.org_a, "kind": "sports_leisure", "title": title, "topics": "fodbold", "min_age": 6, "max_age": 14, "postal_code": "4300",
               "languages": "da", "slots": slots, "price_kr": 0, "seats": 10})
    };
    let clash = app.api(Method::POST, "/api/v1/offers", &w.caseworker, Some(offer("Fodbold tirsdag", "2 16:00-17:00"))).await.json()["id"].as_i64().unwrap();
    let fits = app.api(Method::POST, "/api/v1/offers", &w.caseworker, Some(offer("Fodbold torsdag", "4 16:00-17:00"))).await.json()["id"].as_i64().unwrap();
    let m = app.api(Method::GET, &format!("/api/v1/persons/{}/offer-matches?interests=fodbold", w.child), &w.caseworker, None).await;
    assert_eq!(m.status, StatusCode::OK, "{}", m.body);
    let m = m.json();
    let got: Vec<(i64, bool)> = m.as_array().unwrap().iter().map(|x| (x["offer_id"].as_i64().unwrap(), x["fits_week"].as_bool().unwrap())).collect();
    assert_eq!(got, [(fits, true), (clash, false)], "{m}");
    let reasons = |i: usize| m[i]["reasons"].as_array().unwrap().iter().map(|r| r.as_str().unwrap().to_string()).collect::<Vec<_>>();
    assert!(reasons(1).contains(&"Overlapper «Lektiehjælp på skolen» tirsdag 15:30–16:30 (tilbuddet tirsdag 16:00–17:00)".to_string()), "{:?}", reasons(1));
    assert!(reasons(0).contains(&"Tiderne passer med ugen: torsdag 16:00–17:00".to_string()), "{:?}", reasons(0));
    assert_eq!(m[0]["score"].as_i64().unwrap() - m[1]["score"].as_i64().unwrap(), 110, "+10 for a week that fits, −100 for an overlap");
    let caseworker = app.login("sagsbehandler").await;
    let person = format!("/civilsamfund/personer/{}", w.child);
    let page = app.get(&format!("{person}?interests=fodbold"), Some(&caseworker)).await;
    assert!(page.body.contains("(overlapper en indsats)") && page.body.contains("Overlapper «Lektiehjælp på skolen»"), "{}", page.body);

    // «Henvis til tilbuddet» sets the referral form to the offer and its organisation.
    let link = format!("{person}?interests=fodbold&#38;tilbud={fits}#henvis");
    assert!(page.body.contains(&format!("href=\"{link}\"")), "{}", page.body);
    let form = app.get(&format!("{person}?interests=fodbold&tilbud={fits}"), Some(&caseworker)).await;
    assert_eq!(form.status, StatusCode::OK);
    let fields = common::app::form_fields(&form.body, &format!("{person}/henvisning"));
    let chosen = |name: &str| fields.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).unwrap_or_default();
    assert_eq!((chosen("organisation_id"), chosen("offer_id")), (w.org_a.to_string(), fits.to_string()));
    // An offer chosen without its organisation refers to the offer's organisation.
    let (consent, offer) = (w.consent.to_string(), fits.to_string());
    let r = app
        .post_form(
            &format!("{person}/henvisning"),
            &caseworker,
            &[("consent_id", &consent), ("organisation_id", ""), ("offer_id", &offer), ("contact", "tlf. 12 34 56 78")],
        )
        .await;
    app.confirmed(&r, &caseworker, "Sendt.").await;
    let referral = app.api(Method::GET, &format!("/api/v1/offer-referrals?person_id={}", w.child), &w.caseworker, None).await.json();
    assert_eq!((referral[0]["organisation_id"].as_i64(), referral[0]["offer_title"].as_str()), (Some(w.org_a), Some("Fodbold torsdag")), "{referral}");
}
on_both_apps!(matching_reads_the_week_from_the_plan);

/// Participation and volunteering recorded in civil society, and the citizenship course
/// recorded under status, become the records the indicators `association_active`,
/// `volunteering` and `citizenship_course_24m` are computed from (goals/records.rs).
async fn participation_feeds_the_indicators(app: TestApp) {
    let w = world(&app).await;
    let cw = &w.caseworker;
    let fam = w.family;
    let adult = {
        let fields = PersonFields {
            family_id: Some(fam),
            family_role: "adult".into(),
            given_name: "Samir".into(),
            family_name: "Haddad".into(),
            birth_date: "1985-03-01".into(),
            sex: "male".into(),
            languages: "ar".into(),
            nationality: "Syrien".into(),
            arrival_date: Some("2023-02-01".into()),
            takeover_date: Some("2023-02-15".into()),
            residence_basis: samplan::domain::ResidenceBasis::Refugee,
        };
        app.store.create_person(&tenant(), "enc-9", "hash-9", &fields).await.unwrap()
    };
    let add =
        |kind: &str, status: &str, from: &str, to: Option<&str>| json!({"organisation_id": w.org_a, "kind": kind, "status": status, "from": from, "to": to});
    for body in [add("participant", "ended", "2023-05-01", Some("2023-06-30")), add("volunteer", "attending", "2023-09-01", None)] {
        let r = app.api(Method::POST, &format!("/api/v1/persons/{adult}/participations"), cw, Some(body)).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    }
    let r = app
        .api(
            Method::POST,
            &format!("/api/v1/persons/{adult}/outcomes"),
            cw,
            Some(json!({"kind": "citizenship_course_completed", "date": "2024-03-01", "note": "Medborgerskabskursus"})),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    // The child takes part through a referral the organisation answers.
    let referral = json!({"person_id": w.child, "consent_id": w.consent, "organisation_id": w.org_a, "shared": [], "contact": "tlf. 12 34 56 78"});
    let id = app.api(Method::POST, "/api/v1/offer-referrals", cw, Some(referral)).await.json()["id"].as_i64().unwrap();
    let (a_token, _) = volunteer(&app, "frivillig-a", Some(w.org_a)).await;
    let r = app.api(Method::POST, &format!("/api/v1/offer-referrals/{id}/participation"), &a_token, Some(json!({"status": "member", "date": today()}))).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);

    let records = samplan::goals::service::load_records(&app.store, &[CODE.to_string()]).await.unwrap();
    let record = |person: i64| records.iter().find(|r| r.id == person as u64).expect("a record per person");
    let holds = |id: &str, person: i64, month: &str| {
        let ind = indicators::find(id).unwrap();
        indicators::evaluate(ind, record(person), month.parse().unwrap()).map(|e| e.outcome)
    };
    assert_eq!(holds("association_active", adult, "2023-04"), Some(false));
    assert_eq!(holds("association_active", adult, "2023-06"), Some(true), "a participant in June");
    assert_eq!(holds("association_active", adult, "2023-08"), Some(false), "ended in June");
    assert_eq!(holds("volunteering", adult, "2023-08"), Some(false));
    assert_eq!(holds("volunteering", adult, "2023-10"), Some(true), "volunteering since September");
    assert_eq!(holds("citizenship_course_24m", adult, "2025-02"), Some(true), "the course within 24 months of arrival");
    assert_eq!(holds("citizenship_course_24m", w.child, "2027-01"), None, "children are not in the cohort");
    let month = chrono::Local::now().date_naive().format("%Y-%m").to_string();
    assert_eq!(holds("association_active", w.child, &month), Some(true), "the child is a member since today");
}
on_both_apps!(participation_feeds_the_indicators);

/// Every civil-society route of the API is in the OpenAPI document with its method; an
/// operation on `{id}` declares 404, one with a body 422, and every 4xx answer is a
/// problem document.
#[tokio::test]
async fn the_openapi_document_lists_every_civil_society_route() {
    let app = TestApp::sqlite().await;
    let spec = app.get("/api/openapi.json", None).await.json();
    let router = include_str!("../../src/web/mod.rs");
    let mut checked = 0;
    for line in router.lines().filter(|l| l.contains(".route(\"/api/v1/") && l.contains("civil_society::api::")) {
        let path = line.split('"').nth(1).unwrap();
        for method in ["get", "post", "put", "patch", "delete"] {
            if !line.contains(&format!("{method}(civil_society::api::")) {
                continue;
            }
            let op = &spec["paths"][path][method];
            assert!(op.is_object(), "{method} {path} is not in the OpenAPI document");
            let responses = op["responses"].as_object().unwrap();
            if path.contains("{id}") {
                assert!(responses.contains_key("404"), "{method} {path}: 404 not declared");
            }
            if method != "get" {
                assert!(responses.contains_key("422"), "{method} {path}: 422 not declared");
            }
            for (status, r) in responses.iter().filter(|(s, _)| s.starts_with('4')) {
                let schema = r["content"].as_object().and_then(|c| c.values().next()).map(|c| c["schema"]["$ref"].clone());
                assert_eq!(schema, Some(json!("#/components/schemas/Problem")), "{method} {path} {status}");
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 21, "organisations (4), offers (4), matches, participations (2), referrals (5), fritidspas (5)");
    for path in ["/api/v1/organisations", "/api/v1/offers", "/api/v1/persons/{id}/offer-matches", "/api/v1/offer-referrals", "/api/v1/fritidspas"] {
        assert!(spec["paths"][path].is_object(), "{path}");
    }
}

/// The municipality's volunteer centre keeps the registry (every organisation and offer,
/// and may change them) but, like every organisation's user, sees no person: referrals
/// sent to others, person records, plans, deadlines, search and matching answer 404,
/// through pages and the API.
async fn the_volunteer_centre_sees_no_person(app: TestApp) {
    let w = world(&app).await;
    let (cw, child) = (&w.caseworker, w.child);
    let centre = app.api(Method::POST, "/api/v1/organisations", cw, Some(json!({"kind": "volunteer_centre", "name": "Frivilligcenter Holbæk"}))).await;
    assert_eq!(centre.status, StatusCode::CREATED, "{}", centre.body);
    let centre = centre.json()["id"].as_i64().unwrap();
    let referral = json!({"person_id": child, "consent_id": w.consent, "organisation_id": w.org_a, "shared": ["age"], "contact": "tlf. 12 34 56 78"});
    let id = app.api(Method::POST, "/api/v1/offer-referrals", cw, Some(referral)).await.json()["id"].as_i64().unwrap();
    let (token, browser) = volunteer(&app, "frivilligcenter", Some(centre)).await;

    let orgs = app.api(Method::GET, "/api/v1/organisations", &token, None).await.json();
    assert_eq!(orgs.as_array().map(Vec::len), Some(3), "the whole registry: {orgs}");
    let r = app.api(Method::POST, "/api/v1/organisations", &token, Some(json!({"kind": "association", "name": "Tuse Gymnastik"}))).await;
    assert_eq!(r.status, StatusCode::CREATED, "the centre registers organisations: {}", r.body);
    let home = app.get("/civilsamfund", Some(&browser)).await;
    assert_eq!(home.status, StatusCode::OK, "the registry, not a redirect to its own page");
    assert!(home.body.contains("Holbæk Boldklub") && home.body.contains("Ny organisation"));

    assert_eq!(app.api(Method::GET, "/api/v1/offer-referrals", &token, None).await.json(), json!([]), "no referral of another organisation");
    assert_eq!(app.api(Method::GET, &format!("/api/v1/offer-referrals/{id}"), &token, None).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.get(&format!("/civilsamfund/henvisninger/{id}"), Some(&browser)).await.status, StatusCode::NOT_FOUND);
    for path in [
        format!("/api/v1/persons/{child}"),
        "/api/v1/persons?q=Haddad".into(),
        format!("/api/v1/persons/{child}/deadlines"),
        format!("/api/v1/families/{}/plan", w.family),
        format!("/api/v1/persons/{child}/offer-matches"),
        "/api/v1/fritidspas".into(),
    ] {
        assert_eq!(app.api(Method::GET, &path, &token, None).await.status, StatusCode::NOT_FOUND, "GET {path}");
    }
    for path in [
        format!("/personer/{child}"),
        "/personer?q=Haddad".into(),
        format!("/familier/{}/plan", w.family),
        "/frister".into(),
        format!("/civilsamfund/personer/{child}"),
    ] {
        let r = app.get(&path, Some(&browser)).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "page {path}");
        assert!(!r.body.contains("Amal"), "{path}");
    }
}
on_both_apps!(the_volunteer_centre_sees_no_person);
