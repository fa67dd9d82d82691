//! Housing placement through the store (both databases) and HTTP: areas and units
//! imported or entered with errors naming file, line and column and nothing stored on
//! error; proposals with explanations; approve and override (audited); a re-run keeps
//! decided placements fixed; an approved unit becomes the family's address; the
//! spread chart; release from temporary housing; deleting units and areas and
//! uploading the CSV files; quotas and the map; tenancy for every endpoint. The HTTP
//! tests run on SQLite and on PostgreSQL.
use crate::common;

use axum::http::{Method, StatusCode};
use common::app::TestApp;
use samplan::domain::MunicipalityCode;
use samplan::store::Store;
use samplan::store::Tenant;
use samplan::store::families::FamilyFields;
use samplan::store::housing::{AreaRow, Decision, NeedFields, NewProposal, UnitRow};
use serde_json::{Value, json};

const AREAS: &str = "area_id,name,listed,existing_households\nN,Nordby,0,0\nS,Sydby,0,3\nL,Lysningen,1,0\n";
const UNITS: &str = "unit_id,area_id,rooms,rent,accessible,tenure,lat,lon,street,postal_code,city\n\
    U1,N,3,6000,0,permanent,55.72,11.71,Nordvej 1,4300,Holbæk\n\
    U2,N,3,6500,0,permanent,55.72,11.72,Nordvej 3,4300,Holbæk\n\
    U3,S,3,6000,1,temporary,55.70,11.70,Sydvej 2,4300,Holbæk\n\
    U4,L,3,5000,0,permanent,55.71,11.70,Lysvej 9,4300,Holbæk\n";

fn area(code: &str, existing: i64) -> AreaRow {
    AreaRow { code: code.into(), name: format!("Område {code}"), listed: 0, existing_households: existing, listed_from: None, listed_to: None }
}

fn unit(code: &str, area: &str, tenure: &str) -> UnitRow {
    UnitRow {
        code: code.into(),
        area_code: area.into(),
        rooms: 2,
        rent: 5000,
        accessible: 0,
        tenure: tenure.into(),
        lat: 55.7,
        lon: 11.7,
        street: Some(format!("{code}-vej 1")),
        postal_code: Some("4300".into()),
        city: Some("Holbæk".into()),
    }
}

on_both_databases!(store_keeps_units_needs_and_decisions_per_municipality, |store: Store| async move {
    for code in ["0316", "0101"] {
        store.ensure_municipality(&MunicipalityCode::parse(code).unwrap()).await.unwrap();
    }
    store.save_areas(&Tenant::trusted("0316"), &[area("A", 2), area("B", 0)]).await.unwrap();
    store.save_areas(&Tenant::trusted("0316"), &[AreaRow { name: "Nyt navn".into(), ..area("A", 4) }]).await.unwrap();
    let areas = store.housing_areas(&Tenant::trusted("0316")).await.unwrap();
    assert_eq!(areas.len(), 2);
    assert_eq!((areas[0].name.as_str(), areas[0].existing_households), ("Nyt navn", 4));
    assert!(store.housing_areas(&Tenant::trusted("0101")).await.unwrap().is_empty());
    store.save_units(&Tenant::trusted("0316"), &[unit("U1", "A", "temporary"), unit("U2", "B", "permanent")]).await.unwrap();
    assert!(store.save_units(&Tenant::trusted("0316"), &[unit("U9", "A", "permanent"), unit("U8", "ZZ", "permanent")]).await.is_err());
    assert_eq!(store.housing_units(&Tenant::trusted("0316")).await.unwrap().len(), 2, "a failed save stores nothing");
    assert!(store.housing_units(&Tenant::trusted("0101")).await.unwrap().is_empty());

    let family = store
        .create_family(&Tenant::trusted("0316"), &FamilyFields { name: "Familien Haddad".into(), street: None, postal_code: None, city: None })
        .await
        .unwrap();
    let needs = NeedFields { max_rent: 7000, needs_accessible: false, anchors: "55.7:11.7".into() };
    assert!(
        !store.save_need(&Tenant::trusted("0101"), family, &needs, calendar::Date::parse("2026-11-01").unwrap()).await.unwrap(),
        "another municipality's family"
    );
    assert!(store.save_need(&Tenant::trusted("0316"), family, &needs, calendar::Date::parse("2026-11-01").unwrap()).await.unwrap());
    assert!(store.housing_needs(&Tenant::trusted("0101")).await.unwrap().is_empty());
    let row = store.housing_need(&Tenant::trusted("0316"), family).await.unwrap().unwrap();
    assert_eq!((row.max_rent, row.adults, row.children, row.registered_on.to_string()), (7000, 0, 0, "2026-11-01".to_string()));

    let proposal = NewProposal { family_id: family, unit_code: Some("U1".into()), cost: 519, explanation: "Bolig U1".into() };
    store.replace_proposals(&Tenant::trusted("0316"), std::slice::from_ref(&proposal)).await.unwrap();
    store.replace_proposals(&Tenant::trusted("0316"), &[proposal]).await.unwrap();
    assert_eq!(store.housing_placements(&Tenant::trusted("0316")).await.unwrap().len(), 1);
    let decision = Decision { status: "approved", unit_code: Some("U1"), reason: "", decided_by: "bo", today: calendar::Date::parse("2026-11-23").unwrap() };
    assert!(!store.decide_placement(&Tenant::trusted("0101"), family, &decision).await.unwrap());
    assert!(store.decide_placement(&Tenant::trusted("0316"), family, &decision).await.unwrap());
    // A new proposal never replaces a decided placement.
    store.replace_proposals(&Tenant::trusted("0316"), &[]).await.unwrap();
    let placed = store.housing_placements(&Tenant::trusted("0316")).await.unwrap();
    assert_eq!((placed[0].status.as_str(), placed[0].unit_code.as_deref()), ("approved", Some("U1")));
    let f = store.family(&Tenant::trusted("0316"), family).await.unwrap().unwrap();
    assert_eq!((f.street.as_deref(), f.postal_code.as_deref()), (Some("U1-vej 1"), Some("4300")));
    let row = store.housing_need(&Tenant::trusted("0316"), family).await.unwrap().unwrap();
    assert_eq!((row.temporary_since.map(|d| d.to_string()), row.permanent_since), (Some("2026-11-23".to_string()), None));
});

/// A family with `adults` adults and `children` children, created through the API.
async fn family(app: &TestApp, token: &str, name: &str, adults: usize, children: usize, serial: &mut u32) -> i64 {
    let r = app.api(Method::POST, "/api/v1/families", token, Some(json!({"name": format!("Familien {name}")}))).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let id = r.json()["id"].as_i64().unwrap();
    for i in 0..adults + children {
        *serial += 1;
        let (birth, role) = if i < adults { ("010185", "adult") } else { ("010118", "child") };
        let body = json!({"cpr": format!("{birth}-{:04}", 1000 + *serial), "given_name": format!("Navn{serial}"), "family_name": name,
            "sex": "female", "nationality": "Syrien", "languages": "ar", "residence_basis": "refugee", "family_id": id, "family_role": role});
        let r = app.api(Method::POST, "/api/v1/persons", token, Some(body)).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    }
    id
}

async fn need(app: &TestApp, token: &str, id: i64, max_rent: i64, accessible: bool) -> Reply {
    let body = json!({"max_rent": max_rent, "needs_accessible": accessible, "anchors": "55.715:11.713"});
    app.api(Method::PUT, &format!("/api/v1/housing/households/{id}"), token, Some(body)).await
}

use common::app::Reply;

fn placement_of(result: &Value, family: i64) -> &Value {
    let index = result["families"].as_array().unwrap().iter().position(|f| f == family).expect("family in round");
    &result["proposal"]["placements"][index]
}

on_both_apps!(import_propose_approve_override_and_rerun_with_decisions_fixed);
async fn import_propose_approve_override_and_rerun_with_decisions_fixed(app: TestApp) {
    let uid = app.user("bo", samplan::domain::Role::Caseworker, Some("0316")).await;
    let token = app.token(uid).await;
    app.user("bolig", samplan::domain::Role::HousingOfficer, Some("0316")).await;
    let browser = app.login("bolig").await;

    // A bad import names file, line and column, and stores nothing.
    let bad_units = UNITS.replace("U3,S,3,6000,1,temporary", "U3,S,3,6000,1,midlertidig");
    let r = app.post_form("/bolig/boliger", &browser, &[("areas_csv", AREAS), ("units_csv", &bad_units)]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("units.csv:4:6: feltet «tenure»"), "{}", r.body);
    assert!(app.store.housing_areas(&Tenant::trusted("0316")).await.unwrap().is_empty(), "nothing stored on error");
    let r = app.post_form("/bolig/boliger", &browser, &[("areas_csv", AREAS), ("units_csv", UNITS), ("csrf", "forkert")]).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = app.post_form("/bolig/boliger", &browser, &[("areas_csv", AREAS), ("units_csv", UNITS)]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(app.store.housing_units(&Tenant::trusted("0316")).await.unwrap().len(), 4);
    let page = app.get("/bolig/boliger", Some(&browser)).await;
    assert!(page.body.contains("Nordvej 1, 4300 Holbæk") && page.body.contains("Lysningen"));

    // Three households: two fit the Nordby units, one needs an accessible unit.
    let mut serial = 0;
    let haddad = family(&app, &token, "Haddad", 2, 2, &mut serial).await;
    let tesfay = family(&app, &token, "Tesfay", 1, 2, &mut serial).await;
    let rahimi = family(&app, &token, "Rahimi", 2, 1, &mut serial).await;
    let r = need(&app, &token, haddad, 7000, false).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!((r.json()["adults"].as_i64(), r.json()["children"].as_i64()), (Some(2), Some(2)));
    assert_eq!(need(&app, &token, tesfay, 7000, false).await.status, StatusCode::OK);
    assert_eq!(need(&app, &token, rahimi, 7000, true).await.status, StatusCode::OK);
    let r = app.api(Method::PUT, &format!("/api/v1/housing/households/{haddad}"), &token, Some(json!({"max_rent": 7000, "anchors": "nord"}))).await;
    assert_eq!(r.json()["errors"][0]["field"], "anchors");
    // Places to reach are written as addresses, postal codes or towns, and read back so.
    let places = json!({"max_rent": 7000, "anchors": "Nordvej 10, 4300 Holbæk; Tølløse"});
    let r = app.api(Method::PUT, &format!("/api/v1/housing/households/{haddad}"), &token, Some(places)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let waiting = app.get("/bolig/husstande", Some(&browser)).await.body;
    assert!(waiting.contains("Nordvej 10, 4300 Holbæk; Tølløse") && waiting.contains("punkt nær "), "{waiting}");
    assert!(!waiting.contains("breddegrad:længdegrad adskilt"), "the form asks for places, not coordinates");
    let units_page = app.get("/bolig/boliger", Some(&browser)).await.body;
    assert!(units_page.contains("Ja: listen over udsatte boligområder (hvilken liste er ikke angivet"), "an undated list says so: {units_page}");

    let r = app.api(Method::POST, "/api/v1/housing/proposals", &token, None).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let first = r.json();
    assert_eq!(first["explanations"].as_array().unwrap().len(), 3);
    assert_eq!(placement_of(&first, rahimi)["unit"], "U3", "the accessible household gets the accessible unit");
    let haddad_unit = placement_of(&first, haddad)["unit"].as_str().unwrap().to_string();
    assert!(["U1", "U2"].contains(&haddad_unit.as_str()), "never the listed area: {first}");
    let index = first["families"].as_array().unwrap().iter().position(|f| f == haddad).unwrap();
    assert!(first["explanations"][index]["outcome"]["Placed"]["area_name"] == "Nordby");

    // The page shows per area, the chart and the explanation in Danish.
    let page = app.get("/bolig", Some(&browser)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<title id=\"spread-title\">Flygtningehusstande pr. område før og efter forslaget</title>"));
    assert!(page.body.contains("Nordby: 0 før, 2 efter") && page.body.contains("Sydby: 3 før, 4 efter"), "{}", page.body);
    assert!(page.body.contains("Valgt: afstand") && page.body.contains("Familien Haddad"));
    // What each cost is, in plain Danish, and that lower is better.
    assert!(page.body.contains("point (lavere er bedre)."), "{}", page.body);
    for said in
        ["Sådan læses forklaringen", "<strong>Lavere er bedre.</strong>", "10 point pr. km", "Den første husstand i et område koster 100 point, den anden 200"]
    {
        assert!(page.body.contains(said), "{said}: {}", page.body);
    }

    // Approve Haddad in the browser; override Tesfay without a reason fails, with one works.
    let r = app.post_form(&format!("/bolig/placeringer/{haddad}/godkend"), &browser, &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let f = app.store.family(&Tenant::trusted("0316"), haddad).await.unwrap().unwrap();
    assert_eq!(f.city.as_deref(), Some("Holbæk"));
    assert!(f.street.unwrap().starts_with("Nordvej"));
    let r = app.api(Method::POST, &format!("/api/v1/housing/placements/{tesfay}/override"), &token, Some(json!({"unit": "U4"}))).await;
    assert_eq!(r.json()["errors"][0]["field"], "reason");
    let r = app.api(Method::POST, &format!("/api/v1/housing/placements/{tesfay}/override"), &token, Some(json!({"unit": haddad_unit, "reason": "x"}))).await;
    assert_eq!(r.json()["errors"][0]["field"], "unit", "a unit given to another household");
    let r = app
        .api(
            Method::POST,
            &format!("/api/v1/housing/placements/{tesfay}/override"),
            &token,
            Some(json!({"unit": null, "reason": "Familien venter på en bolig nær skolen"})),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["status"], "overridden");
    let audit = app.api(Method::GET, "/api/v1/audit?entity=housing_placement", &admin_token(&app).await, None).await.body;
    assert!(audit.contains("begrundelse: Familien venter på en bolig nær skolen"), "{audit}");

    // The re-run keeps both decisions fixed and counts Haddad in Nordby.
    let r = app.api(Method::POST, "/api/v1/housing/proposals", &token, None).await;
    let second = r.json();
    assert_eq!(second["families"], json!([rahimi]), "{second}");
    let placements = app.store.housing_placements(&Tenant::trusted("0316")).await.unwrap();
    let haddad_now = placements.iter().find(|p| p.family_id == haddad).unwrap();
    assert_eq!((haddad_now.status.as_str(), haddad_now.unit_code.as_deref()), ("approved", Some(haddad_unit.as_str())));
    let page = app.get("/bolig", Some(&browser)).await;
    assert!(page.body.contains("Nordby: 1 før, 1 efter"), "{}", page.body);
    // Approving U3 (temporary) starts the time in temporary housing.
    let r = app.api(Method::POST, &format!("/api/v1/housing/placements/{rahimi}/approve"), &token, None).await;
    assert_eq!(r.json()["unit_code"], "U3");
    let list = app.api(Method::GET, "/api/v1/housing/households", &token, None).await.json();
    let rahimi_row = list.as_array().unwrap().iter().find(|h| h["family_id"] == rahimi).unwrap();
    assert_eq!(rahimi_row["status"]["state"], "temporary");
    assert_eq!(rahimi_row["status"]["days_in_temporary"], 0);
    let page = app.get("/bolig/husstande", Some(&browser)).await;
    assert!(page.body.contains("Midlertidig bolig siden") && page.body.contains("ingen lovbestemt frist"));
    let r = app.api(Method::POST, &format!("/api/v1/housing/placements/{rahimi}/approve"), &token, None).await;
    assert_eq!(r.json()["errors"][0]["field"], "household", "nothing left to approve");

    // Release: only a decided temporary placement; Haddad's home is permanent.
    let r = app.post_form(&format!("/bolig/placeringer/{haddad}/frigiv"), &browser, &[]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("husstanden har allerede en permanent bolig"), "{}", r.body);
    let r = app.api(Method::POST, &format!("/api/v1/housing/placements/{tesfay}/release"), &token, None).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.json()["errors"][0]["reason"].as_str().unwrap().contains("ingen bolig i sin afgjorte placering"), "{}", r.body);
    let page = app.get("/bolig", Some(&browser)).await;
    assert!(page.body.contains(&format!("/bolig/placeringer/{rahimi}/frigiv")), "Rahimi can be released");
    assert!(!page.body.contains(&format!("/bolig/placeringer/{haddad}/frigiv")));
    let r = app.post_form(&format!("/bolig/placeringer/{rahimi}/frigiv"), &browser, &[("csrf", "forkert")]).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = app.post_form(&format!("/bolig/placeringer/{rahimi}/frigiv"), &browser, &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let need_row = app.store.housing_need(&Tenant::trusted("0316"), rahimi).await.unwrap().unwrap();
    assert_eq!(need_row.temporary_unit_code.as_deref(), Some("U3"), "keeps the temporary unit");
    assert!(need_row.temporary_since.is_some() && need_row.permanent_since.is_none());
    let page = app.get("/bolig", Some(&browser)).await;
    assert!(page.body.contains("Bor midlertidigt og er med i næste runde") && page.body.contains("bor i U3"), "{}", page.body);
    let auditor = app.user("revisor", samplan::domain::Role::Admin, Some("0316")).await;
    let audit = app.api(Method::GET, "/api/v1/audit?entity=housing_placement", &app.token(auditor).await, None).await.body;
    assert!(audit.contains("bor fortsat i den midlertidige bolig U3"), "{audit}");

    // The next round: Rahimi needs an accessible unit; the only free one, U6, is
    // temporary, so it stays unplaced for that reason and keeps its address.
    let u6 = json!([{"code": "U6", "area_code": "S", "rooms": 3, "rent": 6000, "accessible": 1, "tenure": "temporary", "lat": 55.70, "lon": 11.70}]);
    assert_eq!(app.api(Method::POST, "/api/v1/housing/units", &token, Some(u6)).await.status, StatusCode::CREATED);
    let r = app.api(Method::POST, "/api/v1/housing/proposals", &token, None).await;
    let third = r.json();
    assert_eq!(third["families"], json!([rahimi]), "{third}");
    assert!(placement_of(&third, rahimi)["unit"].is_null(), "{third}");
    assert_eq!(third["explanations"][0]["outcome"]["Unplaced"]["reason"], "NonePermanent", "{third}");
    let f = app.store.family(&Tenant::trusted("0316"), rahimi).await.unwrap().unwrap();
    assert_eq!(f.street.as_deref(), Some("Sydvej 2"), "the temporary address stays");
    let page = app.get("/bolig/husstande", Some(&browser)).await;
    assert!(page.body.contains("med i næste runde for en permanent bolig"));

    // A permanent accessible unit arrives: the next round proposes it, approval moves
    // the household there and frees the temporary unit.
    let u5 = json!([{"code": "U5", "area_code": "N", "rooms": 3, "rent": 6000, "accessible": 1, "tenure": "permanent", "lat": 55.72, "lon": 11.71,
        "street": "Nordvej 5", "postal_code": "4300", "city": "Holbæk"}]);
    assert_eq!(app.api(Method::POST, "/api/v1/housing/units", &token, Some(u5)).await.status, StatusCode::CREATED);
    let fourth = app.api(Method::POST, "/api/v1/housing/proposals", &token, None).await.json();
    assert_eq!(placement_of(&fourth, rahimi)["unit"], "U5", "{fourth}");
    let r = app.api(Method::POST, &format!("/api/v1/housing/placements/{rahimi}/approve"), &token, None).await;
    assert_eq!(r.json()["unit_code"], "U5", "{}", r.body);
    let need_row = app.store.housing_need(&Tenant::trusted("0316"), rahimi).await.unwrap().unwrap();
    assert!(need_row.temporary_unit_code.is_none() && need_row.permanent_since.is_some());
    let f = app.store.family(&Tenant::trusted("0316"), rahimi).await.unwrap().unwrap();
    assert_eq!(f.street.as_deref(), Some("Nordvej 5"));
    let r = app.api(Method::POST, &format!("/api/v1/housing/placements/{rahimi}/release"), &token, None).await;
    assert_eq!(r.json()["errors"][0]["field"], "household", "a permanent home is not released");
}

async fn admin_token(app: &TestApp) -> String {
    let id = app.user("admin", samplan::domain::Role::Admin, Some("0316")).await;
    app.token(id).await
}

on_both_apps!(bad_api_input_names_the_field_and_stores_nothing);
async fn bad_api_input_names_the_field_and_stores_nothing(app: TestApp) {
    let uid = app.user("bolig", samplan::domain::Role::HousingOfficer, Some("0316")).await;
    let token = app.token(uid).await;
    let r = app
        .api(
            Method::POST,
            "/api/v1/housing/areas",
            &token,
            Some(json!([{"code": "N", "name": "Nord", "listed": 0, "existing_households": 0},
        {"code": "S", "name": "", "listed": 2, "existing_households": 0}])),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<_> = r.json()["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap().to_string()).collect();
    assert_eq!(fields, ["[1].name", "[1].listed"]);
    assert!(app.store.housing_areas(&Tenant::trusted("0316")).await.unwrap().is_empty());
    let r = app.api(Method::POST, "/api/v1/housing/areas", &token, Some(json!([{"code": "N", "name": "Nord", "listed": 0, "existing_households": 0}]))).await;
    assert_eq!(r.status, StatusCode::CREATED);
    let good = json!({"code": "U1", "area_code": "N", "rooms": 2, "rent": 5000, "accessible": 0, "tenure": "permanent", "lat": 55.7, "lon": 11.7});
    let mut bad = good.clone();
    bad["tenure"] = json!("leje");
    bad["area_code"] = json!("X");
    let r = app.api(Method::POST, "/api/v1/housing/units", &token, Some(json!([good, bad]))).await;
    let fields: Vec<_> = r.json()["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap().to_string()).collect();
    assert_eq!(fields, ["[1].area_code", "[1].tenure"]);
    assert!(app.store.housing_units(&Tenant::trusted("0316")).await.unwrap().is_empty());
    let r = app.api(Method::POST, "/api/v1/housing/units", &token, Some(json!([{"code": "U1"}]))).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.json()["errors"][0]["field"].as_str().unwrap().starts_with("[0]"));
}

on_both_apps!(another_municipality_sees_nothing_and_gets_404);
async fn another_municipality_sees_nothing_and_gets_404(app: TestApp) {
    let uid = app.user("bo", samplan::domain::Role::Caseworker, Some("0316")).await;
    let token = app.token(uid).await;
    let other = app.user("kbh", samplan::domain::Role::HousingOfficer, Some("0101")).await;
    let other = app.token(other).await;
    let mut serial = 0;
    let haddad = family(&app, &token, "Haddad", 2, 0, &mut serial).await;
    app.api(Method::POST, "/api/v1/housing/areas", &token, Some(json!([{"code": "N", "name": "Nord", "listed": 0, "existing_households": 0}]))).await;
    let u = json!([{"code": "U1", "area_code": "N", "rooms": 2, "rent": 5000, "accessible": 0, "tenure": "permanent", "lat": 55.7, "lon": 11.7}]);
    assert_eq!(app.api(Method::POST, "/api/v1/housing/units", &token, Some(u.clone())).await.status, StatusCode::CREATED);
    assert_eq!(need(&app, &token, haddad, 7000, false).await.status, StatusCode::OK);
    assert_eq!(app.api(Method::POST, "/api/v1/housing/proposals", &token, None).await.status, StatusCode::CREATED);

    for path in ["/api/v1/housing/areas", "/api/v1/housing/units", "/api/v1/housing/households"] {
        let r = app.api(Method::GET, path, &other, None).await;
        assert_eq!((r.status, r.json()), (StatusCode::OK, json!([])), "{path}");
    }
    let r = app.api(Method::POST, "/api/v1/housing/proposals", &other, None).await;
    assert_eq!(r.json()["families"], json!([]));
    assert_eq!(need(&app, &other, haddad, 7000, false).await.status, StatusCode::NOT_FOUND);
    let r = app.api(Method::POST, &format!("/api/v1/housing/placements/{haddad}/approve"), &other, None).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = app.api(Method::POST, &format!("/api/v1/housing/placements/{haddad}/override"), &other, Some(json!({"reason": "x"}))).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    // Units posted by the other municipality cannot use this one's areas.
    let r = app.api(Method::POST, "/api/v1/housing/units", &other, Some(u)).await;
    assert_eq!(r.json()["errors"][0]["field"], "[0].area_code");
    // The proposal of 0316 is untouched.
    assert_eq!(app.store.housing_placements(&Tenant::trusted("0316")).await.unwrap()[0].status, "proposed");
    // Roles without housing access are refused.
    let manager = app.user("leder", samplan::domain::Role::Manager, Some("0316")).await;
    let manager = app.token(manager).await;
    assert_eq!(app.api(Method::GET, "/api/v1/housing/units", &manager, None).await.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_api_document_lists_the_housing_endpoints() {
    let doc = samplan::web::openapi::document().await.0;
    let doc = serde_json::to_value(doc).unwrap();
    for path in [
        "/api/v1/housing/units",
        "/api/v1/housing/areas",
        "/api/v1/housing/proposals",
        "/api/v1/housing/placements/{household}/approve",
        "/api/v1/housing/placements/{household}/override",
        "/api/v1/housing/placements/{household}/release",
    ] {
        assert!(doc["paths"][path].is_object(), "{path} missing");
    }
}

#[tokio::test]
async fn the_demo_has_real_postal_areas_units_and_forty_waiting_households() {
    let db = common::sqlite().await;
    let code = MunicipalityCode::parse("0316").unwrap();
    let vault = common::vault();
    samplan::demo::ensure_users(&db.store, &code).await.unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let families = samplan::demo::generate(&code, 1, today, Some(240));
    samplan::demo::store_families(&db.store, &vault, &code, &families, |_| {}).await.unwrap();
    samplan::demo::housing::store_housing(&db.store, &code, today).await.unwrap();
    let areas = db.store.housing_areas(&Tenant::trusted("0316")).await.unwrap();
    let postal = samplan::domain::municipality::postal_areas(&code);
    assert_eq!(areas.len(), postal.len());
    assert!(areas.iter().any(|a| a.code == "4300" && a.name == "Holbæk"));
    assert_eq!(areas.iter().filter(|a| a.listed == 1).count(), 2);
    let units = db.store.housing_units(&Tenant::trusted("0316")).await.unwrap();
    assert!(units.len() >= 40 && units.iter().any(|u| u.tenure == "temporary"));
    for u in &units {
        let p = postal.iter().find(|p| p.code == u.area_code).unwrap();
        assert!((u.lat - p.interior.0).abs() < 0.02 && (u.lon - p.interior.1).abs() < 0.02, "{u:?} far from {}", p.name);
    }
    let needs = db.store.housing_needs(&Tenant::trusted("0316")).await.unwrap();
    let waiting: Vec<_> = needs.iter().filter(|n| n.permanent_since.is_none()).collect();
    assert_eq!(waiting.len(), 40);
    assert_eq!(waiting.iter().filter(|n| n.temporary_since.is_some()).count(), 4);
    // Eight households moved from temporary housing into a permanent home in the last
    // six months, after different stays (the housing report counts them).
    let moved: Vec<_> = needs.iter().filter(|n| n.permanent_since.is_some()).collect();
    assert_eq!(moved.len(), 8);
    let stays: std::collections::BTreeSet<i64> = moved
        .iter()
        .map(|n| {
            let day = |s: &Option<calendar::Date>| samplan::domain::chrono_day(s.unwrap());
            assert!(day(&n.permanent_since) <= today && (today - day(&n.permanent_since)).num_days() <= 184);
            (day(&n.permanent_since) - day(&n.temporary_since)).num_days()
        })
        .collect();
    assert_eq!(stays.len(), 8, "each stay has its own length: {stays:?}");
    let placements = db.store.housing_placements(&Tenant::trusted("0316")).await.unwrap();
    for n in &moved {
        let p = placements.iter().find(|p| p.family_id == n.family_id).expect("the move is a decided placement");
        assert_eq!(p.decided_at.as_deref().and_then(|d| d.get(..10)), n.permanent_since.map(|d| d.to_string()).as_deref(), "dated on the move");
        assert!(units.iter().any(|u| Some(&u.code) == p.unit_code.as_ref() && u.tenure == "permanent"));
    }
    // The demo round solves, and every placement respects the hard rules.
    let result = samplan::housing::round::propose(&db.store, &Tenant::trusted("0316")).await.unwrap();
    assert_eq!(result.families.len(), 36);
    assert!(result.proposal.placements.iter().filter(|p| p.unit.is_some()).count() >= 20);
}

on_both_apps!(the_quota_page_shows_regions_municipalities_and_the_map);
async fn the_quota_page_shows_regions_municipalities_and_the_map(app: TestApp) {
    app.user("bolig", samplan::domain::Role::HousingOfficer, Some("0316")).await;
    let browser = app.login("bolig").await;
    let population = include_str!("../../../../docs/examples/placement/population_example.csv");
    let r = app.post_form("/bolig/kvoter", &browser, &[("national", "1000"), ("population_csv", population)]).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("Regionskvoter") && r.body.contains("Region Sjælland"));
    assert!(r.body.contains("<title id=\"map-title\">Kommunekvoter</title>"));
    assert!(r.body.contains("<title>København: kvote "), "the map titles each municipality with its quota");
    assert!(r.body.contains("<title>Holbæk: ingen tal</title>"), "municipalities not in the file have no figure");
    let bad = "kommunekode,population,resident_refugees\n0316,71000,abc\n";
    let r = app.post_form("/bolig/kvoter", &browser, &[("national", "1000"), ("population_csv", bad)]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("P.csv:2:3"), "{}", r.body);
    let r = app.post_form("/bolig/kvoter", &browser, &[("national", "mange"), ("population_csv", population)]).await;
    assert!(r.body.contains("<a href=\"#national\">Landstal</a>:"), "the field by its Danish name: {}", r.body);
    let r = app.post_form("/bolig/kvoter", &browser, &[("national", "1000"), ("population_csv", population), ("csrf", "x")]).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}

on_both_apps!(units_and_areas_are_uploaded_and_deleted_unless_someone_lives_there);
async fn units_and_areas_are_uploaded_and_deleted_unless_someone_lives_there(app: TestApp) {
    let uid = app.user("bo", samplan::domain::Role::Caseworker, Some("0316")).await;
    let token = app.token(uid).await;
    app.user("bolig", samplan::domain::Role::HousingOfficer, Some("0316")).await;
    let browser = app.login("bolig").await;

    // Upload: a bad file names file, line and column, and nothing is stored.
    let bad_units = UNITS.replace("U3,S,3,6000,1,temporary", "U3,S,3,6000,1,midlertidig");
    let r = app
        .post_multipart(
            "/bolig/boliger/fil",
            &browser,
            &[("areas_file", Some("areas.csv"), AREAS.as_bytes()), ("units_file", Some("units.csv"), bad_units.as_bytes())],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("units.csv:4:6: feltet «tenure»"), "{}", r.body);
    assert!(app.store.housing_areas(&Tenant::trusted("0316")).await.unwrap().is_empty(), "nothing stored on error");
    let r = app.post_multipart("/bolig/boliger/fil", &browser, &[("areas_file", Some("areas.csv"), b"area_id,name\n\xff\xfe,x\n")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("ikke tekst i UTF-8"), "{}", r.body);
    let r = app.post_multipart("/bolig/boliger/fil", &browser, &[("areas_file", Some("areas.csv"), b"")]).await;
    assert!(r.body.contains("vælg mindst én fil"), "{}", r.body);
    let r = app.post_multipart("/bolig/boliger/fil", &browser, &[("csrf", None, b"forkert"), ("areas_file", Some("areas.csv"), AREAS.as_bytes())]).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(app.store.housing_areas(&Tenant::trusted("0316")).await.unwrap().is_empty());
    let with_bom = format!("\u{feff}{AREAS}");
    let r = app
        .post_multipart(
            "/bolig/boliger/fil",
            &browser,
            &[("areas_file", Some("areas.csv"), with_bom.as_bytes()), ("units_file", Some("units.csv"), UNITS.as_bytes())],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(app.store.housing_areas(&Tenant::trusted("0316")).await.unwrap().len(), 3);
    assert_eq!(app.store.housing_units(&Tenant::trusted("0316")).await.unwrap().len(), 4);
    let page = app.get("/bolig/boliger", Some(&browser)).await;
    assert!(page.body.contains("enctype=\"multipart/form-data\"") && page.body.contains("aria-label=\"Slet bolig U1\""));

    // One household, approved into its proposed unit; another unit only proposed.
    let mut serial = 0;
    let haddad = family(&app, &token, "Haddad", 2, 2, &mut serial).await;
    let tesfay = family(&app, &token, "Tesfay", 1, 2, &mut serial).await;
    assert_eq!(need(&app, &token, haddad, 7000, false).await.status, StatusCode::OK);
    assert_eq!(need(&app, &token, tesfay, 7000, false).await.status, StatusCode::OK);
    let round = app.api(Method::POST, "/api/v1/housing/proposals", &token, None).await.json();
    let home = placement_of(&round, haddad)["unit"].as_str().unwrap().to_string();
    let proposed = placement_of(&round, tesfay)["unit"].as_str().unwrap().to_string();
    let r = app.post_form(&format!("/bolig/placeringer/{haddad}/godkend"), &browser, &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);

    // The approved unit and its area cannot be deleted; the reason names the family.
    let r = app.post_form(&format!("/bolig/boliger/{home}/slet"), &browser, &[]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains(&format!("boligen «{home}» kan ikke slettes, fordi Familien Haddad har en godkendt placering i boligen")), "{}", r.body);
    let r = app.post_form("/bolig/omraader/N/slet", &browser, &[]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("området «N» kan ikke slettes, fordi Familien Haddad har en godkendt placering"), "{}", r.body);
    assert_eq!(app.store.housing_units(&Tenant::trusted("0316")).await.unwrap().len(), 4, "nothing deleted");
    let r = app.post_form(&format!("/bolig/boliger/{proposed}/slet"), &browser, &[("csrf", "forkert")]).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);

    // A unit only proposed is deleted with its proposal; the listed area with its unit.
    let r = app.post_form(&format!("/bolig/boliger/{proposed}/slet"), &browser, &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let units = app.store.housing_units(&Tenant::trusted("0316")).await.unwrap();
    assert!(!units.iter().any(|u| u.code == proposed) && units.len() == 3);
    assert!(!app.store.housing_placements(&Tenant::trusted("0316")).await.unwrap().iter().any(|p| p.family_id == tesfay), "its proposal is gone");
    let r = app.post_form("/bolig/omraader/L/slet", &browser, &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert!(!app.store.housing_areas(&Tenant::trusted("0316")).await.unwrap().iter().any(|a| a.code == "L"));
    assert!(!app.store.housing_units(&Tenant::trusted("0316")).await.unwrap().iter().any(|u| u.code == "U4"));
    let r = app.post_form("/bolig/omraader/L/slet", &browser, &[]).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let audit = app.api(Method::GET, "/api/v1/audit?entity=housing_unit", &admin_token(&app).await, None).await.body;
    assert!(audit.contains(&format!("bolig {proposed} slettet (1 forslag fjernet)")), "{audit}");

    // Another municipality's officer cannot delete here.
    app.user("kbh", samplan::domain::Role::HousingOfficer, Some("0101")).await;
    let other = app.login("kbh").await;
    let r = app.post_form(&format!("/bolig/boliger/{home}/slet"), &other, &[]).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

/// Past residents of areas N (80 % employed) and S (20 %), 100 each, and 5 of L
/// (too few for an effect of its own), with varied features.
fn outcomes() -> String {
    let mut text = String::from("area_id,age,sex,education_years,danish_level,employed_12m\n");
    for i in 0..205 {
        let (area, employed) = match i {
            0..100 => ("N", i % 5 != 0),
            100..200 => ("S", i % 5 == 0),
            _ => ("L", i % 2 == 0),
        };
        let sex = if i % 2 == 0 { "f" } else { "m" };
        text.push_str(&format!("{area},{},{sex},{},{},{}\n", 20 + i % 40, i % 15, i % 4, u8::from(employed)));
    }
    text
}

on_both_apps!(the_housing_officer_fits_the_employment_model_sets_its_weight_and_sees_each_households_chances);
async fn the_housing_officer_fits_the_employment_model_sets_its_weight_and_sees_each_households_chances(app: TestApp) {
    let uid = app.user("bo", samplan::domain::Role::Caseworker, Some("0316")).await;
    let token = app.token(uid).await;
    app.user("bolig", samplan::domain::Role::HousingOfficer, Some("0316")).await;
    let browser = app.login("bolig").await;
    // One household; a unit in S at its anchor, one in N about 9 km away.
    // UR's rent is above the household's limit, UL lies in a listed area: never proposed.
    let areas = "area_id,name,listed,existing_households\nN,Nordby,0,0\nS,Sydby,0,0\nL,Lysningen,1,0\n";
    let units = "unit_id,area_id,rooms,rent,accessible,tenure,lat,lon\nUN,N,3,6000,0,permanent,55.795,11.713\nUS,S,3,6000,0,permanent,55.715,11.713\n\
        UR,S,3,9000,0,permanent,55.715,11.713\nUL,L,3,6000,0,permanent,55.715,11.713\n";
    let r = app.post_form("/bolig/boliger", &browser, &[("areas_csv", areas), ("units_csv", units)]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let mut serial = 0;
    let family = family(&app, &token, "Haddad", 1, 1, &mut serial).await;
    assert_eq!(need(&app, &token, family, 8000, false).await.status, StatusCode::OK);
    let unit_of = |placements: Vec<samplan::store::housing::PlacementRow>| placements.into_iter().find(|p| p.family_id == family).and_then(|p| p.unit_code);

    // Without a model: no chances, the documented model, and no weight above 0.
    let page = app.get("/bolig/beskaeftigelse", Some(&browser)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Der er ingen model endnu"), "{}", page.body);
    let r = app.post_form("/bolig/beskaeftigelse/vaegt", &browser, &[("weight", "1000")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("upload først") && r.body.contains("value=\"1000\""), "{}", r.body);
    assert_eq!(app.post_form("/bolig/forslag", &browser, &[]).await.status, StatusCode::SEE_OTHER);
    assert_eq!(unit_of(app.store.housing_placements(&Tenant::trusted("0316")).await.unwrap()).as_deref(), Some("US"), "the nearer unit without the term");

    // A bad file names its line and column and stores nothing; so does a date ahead.
    let bad = outcomes().replacen("\nN,", "\nX,", 1);
    let r = app
        .post_multipart(
            "/bolig/beskaeftigelse/model",
            &browser,
            &[("outcomes_file", Some("outcomes.csv"), bad.as_bytes()), ("data_as_of", None, b"01.11.2026")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("outcomes.csv:2:1"), "{}", r.body);
    assert!(r.body.contains("value=\"01.11.2026\""), "the typed date is kept");
    let r = app
        .post_multipart(
            "/bolig/beskaeftigelse/model",
            &browser,
            &[("outcomes_file", Some("outcomes.csv"), outcomes().as_bytes()), ("data_as_of", None, b"01.11.2999")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("data_as_of"), "{}", r.body);
    assert!(app.store.housing_employment_model(&Tenant::trusted("0316")).await.unwrap().is_none(), "nothing stored on error");

    // The model is stored with its data's date and size; the page shows its score and areas.
    let r = app
        .post_multipart(
            "/bolig/beskaeftigelse/model",
            &browser,
            &[("outcomes_file", Some("outcomes.csv"), outcomes().as_bytes()), ("data_as_of", None, b"01.11.2026")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let row = app.store.housing_employment_model(&Tenant::trusted("0316")).await.unwrap().unwrap();
    assert_eq!((row.data_as_of.as_deref(), row.residents, row.weight, row.fitted_by.as_deref()), (Some("2026-11-01"), 205, 0, Some("bolig")));
    let page = app.get("/bolig/beskaeftigelse", Some(&browser)).await.body;
    assert!(page.contains("01.11.2026") && page.contains("205, heraf 50 % i job"), "{page}");
    assert!(page.contains("Log-tab") && page.contains("Modellen forudsiger bedre end den samlede rate"), "{page}");
    assert!(page.contains("Lysningen (L)</th><td class=\"text-align-right\">5</td>") && page.contains("Nej: for få data"), "{page}");

    // Weight 0 keeps the documented model; the chances are shown per area, best first.
    assert_eq!(app.post_form("/bolig/forslag", &browser, &[]).await.status, StatusCode::SEE_OTHER);
    assert_eq!(unit_of(app.store.housing_placements(&Tenant::trusted("0316")).await.unwrap()).as_deref(), Some("US"));
    let page = app.get("/bolig", Some(&browser)).await.body;
    let (n, s) = (page.find("<li>Nordby: ").expect("Nordby's chance"), page.find("<li>Sydby: ").expect("Sydby's chance"));
    assert!(n < s, "the better area first: {page}");
    assert!(page.contains("100 tidligere beboere)") && page.contains("5 tidligere beboere, for få: kommunens samlede model"), "{page}");
    assert!(page.contains("hovedpersonens uddannelse kendes ikke"), "no employment profile: the average resident");
    assert!(page.contains("US: 3 værelser, 6.000 kr. om måneden"), "a unit with its rooms and rent: {page}");
    assert!(page.contains("<option value=\"UN\">UN: 3 værelser, 6.000 kr. om måneden</option>"), "free units described: {page}");

    // A bad weight keeps what was typed; a weight moves the household to the better area.
    let r = app.post_form("/bolig/beskaeftigelse/vaegt", &browser, &[("weight", "mange")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("value=\"mange\"") && r.body.contains("skal være et helt tal"), "{}", r.body);
    let r = app.post_form("/bolig/beskaeftigelse/vaegt", &browser, &[("weight", "1000")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(app.store.housing_employment_model(&Tenant::trusted("0316")).await.unwrap().unwrap().weight, 1000);
    let admin = admin_token(&app).await;
    let audit = || async {
        let r = app.api(Method::GET, "/api/v1/audit?entity=housing_employment_model", &admin, None).await;
        r.json().as_array().map_or(0, Vec::len)
    };
    let before = audit().await;
    assert_eq!(before, 2, "the model and the weight are audited");
    let r = app.post_form("/bolig/beskaeftigelse/vaegt", &browser, &[("weight", "1000")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(audit().await, before, "the same weight again changes nothing");
    assert_eq!(app.post_form("/bolig/forslag", &browser, &[]).await.status, StatusCode::SEE_OTHER);
    let placements = app.store.housing_placements(&Tenant::trusted("0316")).await.unwrap();
    assert_eq!(unit_of(placements.clone()).as_deref(), Some("UN"), "the employment term outweighs 9 km");
    let explanation = placements.iter().find(|p| p.family_id == family).unwrap().explanation.clone();
    assert!(explanation.contains("Beskæftigelse: anslået chance for job efter 12 måneder i Nordby") && explanation.contains("vægt 1000"), "{explanation}");

    // Others cannot see or change it.
    let other = app.login("bo").await;
    assert_eq!(app.get("/bolig/beskaeftigelse", Some(&other)).await.status, StatusCode::OK, "caseworkers are housing officers too");
    app.user("leder", samplan::domain::Role::Manager, Some("0316")).await;
    let manager = app.login("leder").await;
    assert_eq!(app.get("/bolig/beskaeftigelse", Some(&manager)).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.post_form("/bolig/beskaeftigelse/vaegt", &manager, &[("weight", "0")]).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.store.housing_employment_model(&Tenant::trusted("0316")).await.unwrap().unwrap().weight, 1000);

    // An override into a listed area is refused; one breaking the rent limit needs a
    // confirmation naming the rule, and the confirmation is kept with the reason.
    let override_to = |unit: &'static str, confirm: bool| {
        let path = format!("/api/v1/housing/placements/{family}/override");
        let body = json!({"unit": unit, "reason": "Tæt på familiens netværk", "confirm": confirm});
        let token = token.clone();
        let app = &app;
        async move { app.api(Method::POST, &path, &token, Some(body)).await }
    };
    let r = override_to("UL", true).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(r.json()["errors"][0]["field"], "unit");
    assert!(r.body.contains("udsatte boligområder"), "{}", r.body);
    let r = override_to("UR", false).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(r.json()["errors"][0]["field"], "confirm");
    assert!(r.body.contains("huslejen er over husstandens grænse"), "{}", r.body);
    assert_eq!(unit_of(app.store.housing_placements(&Tenant::trusted("0316")).await.unwrap()).as_deref(), Some("UN"), "nothing stored on a refusal");
    let r = override_to("UR", true).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!((r.json()["unit_code"].as_str(), r.json()["status"].as_str()), (Some("UR"), Some("overridden")));
    assert!(r.json()["reason"].as_str().unwrap().contains("bekræftet brud på reglen: huslejen er over husstandens grænse"), "{}", r.body);
}
