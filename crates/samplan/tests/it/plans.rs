//! Family plans: the store on both databases (versions, consents, referrals,
//! notifications) and the HTTP behaviour for every role — versions and dates, consent
//! gating and its withdrawal, schedules and conflicts, referrals, notifications, the
//! coordinator's overview, audit, CSRF and errors that name the field.
use crate::common;

use axum::http::{Method, StatusCode};
use common::app::{PASSWORD, TestApp};
use samplan::auth::password;
use samplan::domain::{MunicipalityCode, Role};
use samplan::store::Tenant;
use samplan::store::audit::AuditFilter;
use samplan::store::consent::NewConsent;
use samplan::store::families::FamilyFields;
use samplan::store::plans::NewPlanVersion;
use samplan::store::users::NewUser;
use samplan::store::{Store, StoreError};
use serde_json::{Value, json};

async fn staff(store: &Store, code: &str, login: &str, role: Role, department: Option<&str>) -> i64 {
    let departments = store.ensure_municipality(&MunicipalityCode::parse(code).unwrap()).await.unwrap();
    let department_id = department.map(|k| departments.iter().find(|d| d.kind == k).unwrap().id);
    store
        .create_user(&NewUser {
            login: login.into(),
            display_name: format!("{login} medarbejder"),
            email: Some(format!("{login}@kommune.invalid")),
            password_hash: Some(password::hash(PASSWORD)),
            municipality_code: Some(code.into()),
            department_id,
            role,
            demo_account: false,
        })
        .await
        .unwrap()
}

// ---------------------------------------------------------------- store, both databases

async fn store_family(store: &Store, code: &str) -> (i64, i64, i64) {
    let uid = staff(store, code, &format!("k{code}"), Role::Coordinator, Some("jobcenter")).await;
    let fid =
        store.create_family(&Tenant::trusted(code), &FamilyFields { name: "Familien Test".into(), street: None, postal_code: None, city: None }).await.unwrap();
    let fields = samplan::store::persons::PersonFields {
        family_id: Some(fid),
        family_role: "adult".into(),
        given_name: "Sara".into(),
        family_name: "Test".into(),
        birth_date: "1990-03-15".into(),
        sex: "female".into(),
        languages: "ar".into(),
        nationality: "Syrien".into(),
        arrival_date: None,
        takeover_date: None,
        residence_basis: samplan::domain::ResidenceBasis::Refugee,
    };
    let pid = store.create_person(&Tenant::trusted(code), &format!("enc{code}"), &format!("hash{code}"), &fields).await.unwrap();
    (uid, fid, pid)
}

on_both_databases!(plan_versions_are_append_only_numbered_and_dated, |store: Store| async move {
    let (uid, fid, _) = store_family(&store, "0316").await;
    store_family(&store, "0101").await;
    let v = |doc: &'static str, reason: &'static str| NewPlanVersion {
        family_id: fid,
        document: doc,
        coordinator_user_id: Some(uid),
        saved_by: uid,
        saved_by_name: "K",
        reason,
        department_links: &[],
    };
    assert_eq!(store.save_plan_version(&Tenant::trusted("0316"), 0, &v("{\"goals\":[]}", "første")).await.unwrap(), 1);
    assert!(
        matches!(store.save_plan_version(&Tenant::trusted("0316"), 0, &v("{}", "forældet")).await, Err(StoreError::Conflict(_))),
        "a change based on an old version is refused"
    );
    assert_eq!(store.save_plan_version(&Tenant::trusted("0316"), 1, &v("{\"goals\":[1]}", "anden")).await.unwrap(), 2);
    assert_eq!(store.plan_version_at(&Tenant::trusted("0316"), fid, None).await.unwrap().unwrap().reason, "anden");
    assert!(store.plan_version_at(&Tenant::trusted("0316"), fid, Some("2000-01-01T23:59:59Z")).await.unwrap().is_none(), "no plan before it was made");
    assert_eq!(store.plan_version_at(&Tenant::trusted("0316"), fid, Some("2999-01-01T00:00:00Z")).await.unwrap().unwrap().version, 2);
    assert_eq!(store.plan_version(&Tenant::trusted("0316"), fid, 1).await.unwrap().unwrap().document, "{\"goals\":[]}");
    assert!(store.plan_version_at(&Tenant::trusted("0101"), fid, None).await.unwrap().is_none(), "another tenant sees nothing");
    assert_eq!(store.plan_versions(&Tenant::trusted("0316"), fid).await.unwrap().iter().map(|v| v.version).collect::<Vec<_>>(), [2, 1]);
    assert_eq!(store.plan_heads_coordinated_by(&Tenant::trusted("0316"), samplan::store::overview::Coordinators::User(uid)).await.unwrap().len(), 1);
    assert!(store.plan_heads_coordinated_by(&Tenant::trusted("0101"), samplan::store::overview::Coordinators::User(uid)).await.unwrap().is_empty());
    assert!(store.execute_raw("UPDATE plan_version SET reason = 'x'").await.is_err());
    assert!(store.execute_raw("DELETE FROM plan_version").await.is_err());
    assert_eq!(store.plan_versions(&Tenant::trusted("0316"), fid).await.unwrap().len(), 2);
    assert_eq!(store.max_weekly_hours(&Tenant::trusted("0316")).await.unwrap(), None);
    store.set_max_weekly_hours(&Tenant::trusted("0316"), 40).await.unwrap();
    store.set_max_weekly_hours(&Tenant::trusted("0316"), 42).await.unwrap();
    assert_eq!(store.max_weekly_hours(&Tenant::trusted("0316")).await.unwrap(), Some(42));
});

on_both_databases!(consents_are_live_until_withdrawn, |store: Store| async move {
    let (uid, _, pid) = store_family(&store, "0316").await;
    let (_, _, other) = store_family(&store, "0101").await;
    let c = NewConsent {
        person_id: pid,
        scopes: "plan".into(),
        departments: "sprogcenter,sundhed".into(),
        partners: "".into(),
        purpose: "Samarbejde".into(),
        given_on: calendar::Date::parse("2026-11-01").unwrap(),
        how_given: "written".into(),
        witness: None,
        organisations: Vec::new(),
    };
    let id = store.create_consent(&Tenant::trusted("0316"), uid, &c).await.unwrap();
    assert_eq!(store.live_consents(&Tenant::trusted("0316"), &[pid], calendar::Date::parse("2026-11-23").unwrap()).await.unwrap().len(), 1);
    assert!(
        store.live_consents(&Tenant::trusted("0316"), &[pid], calendar::Date::parse("2026-10-31").unwrap()).await.unwrap().is_empty(),
        "not live before it was given"
    );
    assert!(store.live_consents(&Tenant::trusted("0101"), &[pid], calendar::Date::parse("2026-11-23").unwrap()).await.unwrap().is_empty());
    assert!(!store.withdraw_consent(&Tenant::trusted("0101"), pid, id, uid).await.unwrap(), "another tenant cannot withdraw it");
    assert!(!store.withdraw_consent(&Tenant::trusted("0316"), other, id, uid).await.unwrap(), "only for its own person");
    assert!(store.withdraw_consent(&Tenant::trusted("0316"), pid, id, uid).await.unwrap());
    assert!(!store.withdraw_consent(&Tenant::trusted("0316"), pid, id, uid).await.unwrap(), "withdrawn once");
    assert!(store.live_consents(&Tenant::trusted("0316"), &[pid], calendar::Date::parse("2026-11-23").unwrap()).await.unwrap().is_empty());
    let rows = store.consents(&Tenant::trusted("0316"), pid).await.unwrap();
    assert_eq!((rows.len(), rows[0].withdrawn_by), (1, Some(uid)), "the record stays");
});

on_both_databases!(referrals_are_decided_once_and_notifications_queue_mail, |store: Store| async move {
    let (uid, fid, pid) = store_family(&store, "0316").await;
    let id = store.create_referral(&Tenant::trusted("0316"), pid, "sprogcenter", "jobcenter", "Klar til praktik", uid).await.unwrap();
    assert_eq!(store.referrals(&Tenant::trusted("0316"), Some("jobcenter"), 10).await.unwrap().len(), 1);
    assert_eq!(store.referrals(&Tenant::trusted("0316"), Some("sprogcenter"), 10).await.unwrap().len(), 1);
    assert!(store.referrals(&Tenant::trusted("0316"), Some("sundhed"), 10).await.unwrap().is_empty());
    assert!(store.referrals(&Tenant::trusted("0101"), None, 10).await.unwrap().is_empty());
    assert!(!store.decide_referral(&Tenant::trusted("0101"), id, true, "x", uid).await.unwrap());
    assert!(store.decide_referral(&Tenant::trusted("0316"), id, false, "Ingen plads før januar", uid).await.unwrap());
    assert!(!store.decide_referral(&Tenant::trusted("0316"), id, true, "alligevel", uid).await.unwrap(), "decided once");
    let r = store.referral(&Tenant::trusted("0316"), id).await.unwrap().unwrap();
    assert_eq!((r.status.as_str(), r.decision_reason.as_deref()), ("declined", Some("Ingen plads før januar")));
    store.notify(&Tenant::trusted("0316"), uid, Some(fid), "Sprogcenter har ændret", Some(("k@x.invalid", "Emne"))).await.unwrap();
    store.notify(&Tenant::trusted("0316"), uid, None, "Uden mail", None).await.unwrap();
    let list = store.notifications(&Tenant::trusted("0316"), &samplan::store::access::Reach::All, uid, 10).await.unwrap();
    assert_eq!(list.len(), 2);
    assert!(store.mark_notification_read(&Tenant::trusted("0316"), uid, list[1].id).await.unwrap());
    assert!(!store.mark_notification_read(&Tenant::trusted("0316"), uid + 99, list[0].id).await.unwrap(), "only the recipient");
    assert!(store.notifications(&Tenant::trusted("0316"), &samplan::store::access::Reach::All, uid, 10).await.unwrap()[0].read_at.is_none(), "unread first");
    let mail = store.unsent_mail(&Tenant::trusted("0316")).await.unwrap();
    assert_eq!((mail.len(), mail[0].to_address.as_str()), (1, "k@x.invalid"));
});

// ---------------------------------------------------------------- HTTP

/// A family of two adults and a child under 6 in Holbæk, and one user per role.
struct Fx {
    family: i64,
    amal: i64,
    omar: i64,
    lina: i64,
    tokens: std::collections::HashMap<&'static str, String>,
}

const WEEK: &str = "2026-W48";

async fn fixture(app: &TestApp) -> Fx {
    let mut tokens = std::collections::HashMap::new();
    for (login, role, dept) in [
        ("koordinator", Role::Coordinator, Some("jobcenter")),
        ("sagsbehandler", Role::Caseworker, Some("jobcenter")),
        ("sprogcenter", Role::DepartmentStaff, Some("sprogcenter")),
        ("dagtilbud", Role::DepartmentStaff, Some("dagtilbud_og_skole")),
        ("sundhed", Role::DepartmentStaff, Some("sundhed")),
        ("bolig", Role::HousingOfficer, Some("bolig")),
        ("leder", Role::Manager, None),
        ("admin", Role::Admin, None),
    ] {
        let id = staff(&app.store, "0316", login, role, dept).await;
        tokens.insert(login, app.token(id).await);
    }
    let kbh = staff(&app.store, "0101", "kbh", Role::Coordinator, Some("jobcenter")).await;
    tokens.insert("kbh", app.token(kbh).await);
    let t = &tokens["sagsbehandler"];
    let family = app.api(Method::POST, "/api/v1/families", t, Some(json!({"name": "Familien Haddad"}))).await.json()["id"].as_i64().unwrap();
    let mut ids = Vec::new();
    for (cpr, given, sex) in [("150390-1234", "Amal", "female"), ("200588-1235", "Omar", "male"), ("010523-4016", "Lina", "female")] {
        let body = json!({"cpr": cpr, "given_name": given, "family_name": "Haddad", "sex": sex, "languages": "ar", "nationality": "Syrien",
            "arrival_date": "2026-02-01", "takeover_date": "2026-04-01", "residence_basis": "refugee", "family_id": family});
        let r = app.api(Method::POST, "/api/v1/persons", t, Some(body)).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        ids.push(r.json()["id"].as_i64().unwrap());
    }
    Fx { family, amal: ids[0], omar: ids[1], lina: ids[2], tokens }
}

fn slot(day: u8, from: &str, to: &str) -> Value {
    json!({"weekday": day, "from": from, "to": to})
}

fn action(catalogue: &str, department: &str, person: i64, slots: Vec<Value>) -> Value {
    json!({"catalogue_code": catalogue, "department": department, "responsible_name": "Ansvarlig", "person_id": person,
           "start_date": "2026-11-01", "end_date": "2027-06-30", "slots": slots, "status": "active"})
}

/// A plan with actions from three departments (and health), with an overlap on Amal's Monday.
fn plan(f: &Fx) -> Value {
    json!({"goals": [
        {"life_area": "sprog", "person_id": f.amal, "text": "Amal taler dansk på arbejdet", "actions": [
            action("du2", "sprogcenter", f.amal, vec![slot(1, "09:00", "12:00"), slot(3, "09:00", "12:00")])]},
        {"life_area": "beskaeftigelse", "person_id": f.amal, "text": "Amal i praktik", "actions": [
            action("virksomhedspraktik", "jobcenter", f.amal, vec![slot(1, "11:00", "15:00"), slot(4, "09:00", "11:00")])]},
        {"life_area": "boern_og_skole", "person_id": f.lina, "text": "Lina i dagtilbud", "actions": [
            action("dagtilbud", "dagtilbud_og_skole", f.lina, vec![slot(1, "08:00", "16:00"), slot(2, "08:00", "16:00"), slot(3, "08:00", "16:00")])]},
        {"life_area": "helbred", "person_id": f.omar, "text": "Omars helbred afklaret", "actions": [
            action("helbredsvurdering", "sundhed", f.omar, vec![slot(4, "13:00", "14:00")])]},
        {"life_area": "sprog", "person_id": f.omar, "text": "Omar lærer dansk", "actions": [
            {"title": "Sprogcafé i biblioteket", "department": "sprogcenter", "person_id": f.omar, "start_date": "2026-11-01", "slots": [slot(4, "08:30", "12:00")], "status": "active"}]},
    ]})
}

async fn create_plan(app: &TestApp, f: &Fx) -> Value {
    let r = app
        .api(
            Method::PUT,
            &format!("/api/v1/families/{}/plan", f.family),
            &f.tokens["koordinator"],
            Some(json!({"based_on_version": 0, "reason": "Første helhedsplan", "plan": plan(f)})),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r.json()
}

fn titles(plan: &Value) -> Vec<String> {
    let mut out: Vec<String> = plan["plan"]["goals"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["actions"].as_array().unwrap().iter().map(|a| a["title"].as_str().unwrap().to_string()))
        .collect();
    out.sort();
    out
}

fn action_id(plan: &Value, title: &str) -> (i64, i64) {
    for g in plan["plan"]["goals"].as_array().unwrap() {
        for a in g["actions"].as_array().unwrap() {
            if a["title"] == title {
                return (g["id"].as_i64().unwrap(), a["id"].as_i64().unwrap());
            }
        }
    }
    panic!("no action {title}");
}

fn kinds(week: &Value) -> Vec<String> {
    week["conflicts"].as_array().unwrap().iter().map(|c| c["kind"].as_str().unwrap().to_string()).collect()
}

async fn coordinator_builds_sees_and_resolves_a_conflict(app: TestApp) {
    let f = fixture(&app).await;
    let k = &f.tokens["koordinator"];
    let v1 = create_plan(&app, &f).await;
    assert_eq!((v1["version"].as_i64(), v1["hidden_actions"].as_i64()), (Some(1), Some(0)));
    assert_eq!(titles(&v1).len(), 5);
    // Amal's Monday: language school 09–12 and work placement 11–15 overlap; 12 hours is under the 37-hour duty.
    let week = app.api(Method::GET, &format!("/api/v1/persons/{}/schedule?week={WEEK}", f.amal), k, None).await.json();
    assert_eq!(week["total_hours"], 12.0);
    assert_eq!(week["minimum"]["hours"], 37);
    assert_eq!(kinds(&week), ["overlap", "under_minimum"]);
    // Lina has no daycare on Thursday while both parents are busy 09:00–11:00.
    let lina = app.api(Method::GET, &format!("/api/v1/persons/{}/schedule?week={WEEK}", f.lina), k, None).await.json();
    assert_eq!(kinds(&lina), ["no_daycare"]);
    assert!(lina["conflicts"][0]["message"].as_str().unwrap().contains("09:00–11:00"), "{lina}");
    // A daycare place recorded under children and parents covers her too (one rule): a
    // place from 10:00 leaves 09:00–10:00 uncovered, an all-day place covers it.
    let places = format!("/api/v1/persons/{}/childcare/periods", f.lina);
    let place = json!({"kind": "kindergarten", "institution": "Solsikken", "from": "2024-01-01", "daily_from": "10:00", "daily_to": "15:00"});
    let r = app.api(Method::POST, &places, k, Some(place)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let place_id = r.json()["id"].as_i64().unwrap();
    let lina = app.api(Method::GET, &format!("/api/v1/persons/{}/schedule?week={WEEK}", f.lina), k, None).await.json();
    assert!(lina["conflicts"][0]["message"].as_str().unwrap().contains("09:00–10:00"), "{lina}");
    let all_day = json!({"kind": "kindergarten", "institution": "Solsikken", "from": "2024-01-01"});
    assert_eq!(app.api(Method::PUT, &format!("{places}/{place_id}"), k, Some(all_day)).await.status, StatusCode::OK);
    let lina = app.api(Method::GET, &format!("/api/v1/persons/{}/schedule?week={WEEK}", f.lina), k, None).await.json();
    assert!(kinds(&lina).is_empty(), "{lina}");
    assert_eq!(app.api(Method::DELETE, &format!("{places}/{place_id}"), k, None).await.status, StatusCode::NO_CONTENT);
    let overview = app.api(Method::GET, "/api/v1/coordinator/families", k, None).await.json();
    assert_eq!(overview[0]["name"], "Familien Haddad");
    assert!(overview[0]["conflicts"].as_array().unwrap().len() >= 3);
    // Taken over 1 April 2026: the open deadlines counting from the takeover are listed,
    // the takeover date itself never is.
    let open: Vec<&str> = overview[0]["deadlines"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
    assert!(open.iter().any(|d| d.starts_with("Amal: Integrationskontrakt, 2026-05-01")), "{open:?}");
    assert!(open.iter().all(|d| !d.contains("Overtagelsesdato")), "{open:?}");
    let today = chrono::Local::now().date_naive().to_string();
    assert_eq!((overview[0]["last_contact"].as_str(), overview[0]["last_contact_kind"].as_str()), (Some(today.as_str()), Some("ændring af planen")));
    // A follow-up interview today is the last contact; one planned for later is not.
    let tomorrow = samplan::deadlines::today().add_days(1).unwrap();
    app.store.add_event(&Tenant::trusted("0316"), f.amal, "follow_up_interview", tomorrow, "", "test").await.unwrap();
    let overview = app.api(Method::GET, "/api/v1/coordinator/families", k, None).await.json();
    assert_eq!(overview[0]["last_contact_kind"], "ændring af planen", "a future interview is not a contact");
    app.store.add_event(&Tenant::trusted("0316"), f.amal, "follow_up_interview", today.parse().unwrap(), "", "test").await.unwrap();
    let overview = app.api(Method::GET, "/api/v1/coordinator/families", k, None).await.json();
    assert_eq!((overview[0]["last_contact"].as_str(), overview[0]["last_contact_kind"].as_str()), (Some(today.as_str()), Some("samtale")));
    // Resolve the overlap: move the placement to the afternoon.
    let (goal, praktik) = action_id(&v1, "Virksomhedspraktik");
    let mut moved = action("virksomhedspraktik", "jobcenter", f.amal, vec![slot(1, "12:30", "15:00")]);
    moved["weekly_hours"] = json!(null);
    let r = app
        .api(
            Method::PUT,
            &format!("/api/v1/families/{}/plan/actions/{praktik}", f.family),
            k,
            Some(json!({"based_on_version": 1, "reason": "Praktik flyttet efter skole", "goal_id": goal, "action": moved})),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let week = app.api(Method::GET, &format!("/api/v1/persons/{}/schedule?week={WEEK}", f.amal), k, None).await.json();
    assert_eq!(kinds(&week), ["under_minimum"], "the overlap is gone");
    // Versions: two, with who and why; the comparison shows the moved slot; the old one is still there.
    let versions = app.api(Method::GET, &format!("/api/v1/families/{}/plan/versions", f.family), k, None).await.json();
    assert_eq!(
        versions.as_array().unwrap().iter().map(|v| v["reason"].as_str().unwrap()).collect::<Vec<_>>(),
        ["Praktik flyttet efter skole", "Første helhedsplan"]
    );
    assert_eq!(versions[0]["saved_by"], "koordinator medarbejder");
    let diff = app.api(Method::GET, &format!("/api/v1/families/{}/plan/compare?from=1&to=2", f.family), k, None).await.json();
    assert_eq!(diff.as_array().unwrap().len(), 1, "{diff}");
    assert_eq!((diff[0]["kind"].as_str(), diff[0]["id"].as_i64()), (Some("changed"), Some(praktik)));
    assert_eq!(diff[0]["fields"][0]["field"], "slots");
    let before = app.api(Method::GET, &format!("/api/v1/families/{}/plan?date=2000-01-01", f.family), k, None).await.json();
    assert_eq!((before["version"].as_i64(), before["plan"]["goals"].as_array().map(Vec::len)), (Some(0), Some(0)));
    let today = app.api(Method::GET, &format!("/api/v1/families/{}/plan?date=2200-12-31", f.family), k, None).await.json();
    assert_eq!(today["version"], 2);
    // Audited: the reads of the plan and of each person in it, and both saves.
    let log = app.store.audit_log(&Tenant::trusted("0316"), &AuditFilter { entity: Some("family_plan".into()), ..Default::default() }, 100).await.unwrap();
    assert!(log.iter().any(|e| e.action == "create" && e.detail.starts_with("version 1")));
    assert!(log.iter().any(|e| e.action == "update" && e.detail.starts_with("version 2")));
    assert!(log.iter().any(|e| e.action == "read" && e.detail.contains("helhedsplan (API)")));
    let person_reads = app
        .store
        .audit_log(&Tenant::trusted("0316"), &AuditFilter { entity_id: Some(f.amal.to_string()), action: Some("read".into()), ..Default::default() }, 100)
        .await
        .unwrap();
    assert!(person_reads.iter().any(|e| e.detail.starts_with("ugeskema")));
}

#[tokio::test]
async fn coordinator_builds_sees_and_resolves_a_conflict_sqlite() {
    coordinator_builds_sees_and_resolves_a_conflict(TestApp::sqlite().await).await;
}

#[tokio::test]
async fn coordinator_builds_sees_and_resolves_a_conflict_postgres() {
    if let Some(app) = TestApp::postgres().await {
        coordinator_builds_sees_and_resolves_a_conflict(app).await;
    }
}

async fn get_plan(app: &TestApp, f: &Fx, who: &str) -> Value {
    let r = app.api(Method::GET, &format!("/api/v1/families/{}/plan", f.family), &f.tokens[who], None).await;
    assert_eq!(r.status, StatusCode::OK, "{who}: {}", r.body);
    r.json()
}

async fn consent_decides_what_each_role_sees(app: TestApp) {
    let f = fixture(&app).await;
    create_plan(&app, &f).await;
    let all = ["Danskuddannelse 2", "Helbredsvurdering", "Plads i dagtilbud", "Sprogcafé i biblioteket", "Virksomhedspraktik"];
    // Owners see everything.
    for who in ["koordinator", "sagsbehandler"] {
        assert_eq!(titles(&get_plan(&app, &f, who).await), all, "{who}");
    }
    // Without consent, each department sees only its own actions.
    assert_eq!(titles(&get_plan(&app, &f, "sprogcenter").await), ["Danskuddannelse 2", "Sprogcafé i biblioteket"]);
    assert_eq!(get_plan(&app, &f, "sprogcenter").await["hidden_actions"], 3);
    assert_eq!(titles(&get_plan(&app, &f, "dagtilbud").await), ["Plads i dagtilbud"]);
    assert_eq!(titles(&get_plan(&app, &f, "sundhed").await), ["Helbredsvurdering"]);
    let housing = app.api(Method::GET, &format!("/api/v1/families/{}/plan", f.family), &f.tokens["bolig"], None).await;
    assert_eq!(housing.status, StatusCode::NOT_FOUND, "the family is not in housing placement and shares nothing with housing");
    // Roles without access to persons, and another municipality.
    for who in ["leder", "admin"] {
        let r = app.api(Method::GET, &format!("/api/v1/families/{}/plan", f.family), &f.tokens[who], None).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{who}");
    }
    for path in [
        format!("/api/v1/families/{}/plan", f.family),
        format!("/api/v1/families/{}/plan/versions", f.family),
        format!("/api/v1/persons/{}/schedule", f.amal),
        format!("/api/v1/persons/{}/consents", f.amal),
    ] {
        assert_eq!(app.api(Method::GET, &path, &f.tokens["kbh"], None).await.status, StatusCode::NOT_FOUND, "{path}");
    }
    // The language centre's schedule of Amal is partial: hours are not judged, no hidden overlap leaks.
    let week = app.api(Method::GET, &format!("/api/v1/persons/{}/schedule?week={WEEK}", f.amal), &f.tokens["sprogcenter"], None).await.json();
    assert_eq!((week["complete"].as_bool(), week["entries"].as_array().unwrap().len()), (Some(false), 2));
    assert!(kinds(&week).is_empty(), "{week}");
    // Amal consents to sharing her plan with the language centre (not health data).
    let consent = json!({"scopes": ["plan"], "departments": ["sprogcenter"], "purpose": "Sammenhæng mellem sprog og praktik", "given_on": "2026-11-20", "how_given": "oral_with_witness", "witness": "Mette Sørensen"});
    let staff_try = app.api(Method::POST, &format!("/api/v1/persons/{}/consents", f.amal), &f.tokens["sprogcenter"], Some(consent.clone())).await;
    assert_eq!(staff_try.status, StatusCode::FORBIDDEN, "departments cannot record consent themselves");
    let created = app.api(Method::POST, &format!("/api/v1/persons/{}/consents", f.amal), &f.tokens["koordinator"], Some(consent)).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let cid = created.json()["id"].as_i64().unwrap();
    assert_eq!(titles(&get_plan(&app, &f, "sprogcenter").await), ["Danskuddannelse 2", "Sprogcafé i biblioteket", "Virksomhedspraktik"]);
    assert_eq!(titles(&get_plan(&app, &f, "dagtilbud").await), ["Plads i dagtilbud"], "shared with the language centre only");
    let week = app.api(Method::GET, &format!("/api/v1/persons/{}/schedule?week={WEEK}", f.amal), &f.tokens["sprogcenter"], None).await.json();
    assert_eq!(kinds(&week), ["overlap", "under_minimum"], "with consent the whole week is checked");
    // Health data needs its own scope: a plan-only consent for Omar does not show his health assessment.
    let omar = json!({"scopes": ["plan"], "departments": ["sprogcenter"], "purpose": "Sprog", "given_on": "2026-11-20", "how_given": "written"});
    assert_eq!(
        app.api(Method::POST, &format!("/api/v1/persons/{}/consents", f.omar), &f.tokens["sagsbehandler"], Some(omar)).await.status,
        StatusCode::CREATED
    );
    assert!(!titles(&get_plan(&app, &f, "sprogcenter").await).contains(&"Helbredsvurdering".to_string()));
    // The page shows the same as the API.
    let browser = app.login("sprogcenter").await;
    let page = app.get(&format!("/familier/{}/plan?uge={WEEK}", f.family), Some(&browser)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Virksomhedspraktik") && !page.body.contains("Helbredsvurdering") && !page.body.contains("Plads i dagtilbud"));
    assert!(page.body.contains("vises ikke, fordi borgeren ikke har givet samtykke"));
    // Withdrawal takes effect at once.
    let w = app.api(Method::POST, &format!("/api/v1/persons/{}/consents/{cid}/withdraw", f.amal), &f.tokens["koordinator"], None).await;
    assert_eq!(w.status, StatusCode::NO_CONTENT);
    assert!(!titles(&get_plan(&app, &f, "sprogcenter").await).contains(&"Virksomhedspraktik".to_string()));
    assert!(!app.get(&format!("/familier/{}/plan", f.family), Some(&browser)).await.body.contains("Virksomhedspraktik"));
    let consents = app.api(Method::GET, &format!("/api/v1/persons/{}/consents", f.amal), &f.tokens["sprogcenter"], None).await.json();
    assert!(consents[0]["withdrawn_at"].is_string(), "the record stays, withdrawn");
}

#[tokio::test]
async fn consent_decides_what_each_role_sees_sqlite() {
    consent_decides_what_each_role_sees(TestApp::sqlite().await).await;
}

#[tokio::test]
async fn consent_decides_what_each_role_sees_postgres() {
    if let Some(app) = TestApp::postgres().await {
        consent_decides_what_each_role_sees(app).await;
    }
}

#[tokio::test]
async fn departments_change_only_their_own_actions_and_others_are_notified() {
    let app = TestApp::sqlite().await;
    let f = fixture(&app).await;
    let v1 = create_plan(&app, &f).await;
    let (goal, du) = action_id(&v1, "Danskuddannelse 2");
    let (praktik_goal, praktik) = action_id(&v1, "Virksomhedspraktik");
    let s = &f.tokens["sprogcenter"];
    let path = |id: i64| format!("/api/v1/families/{}/plan/actions/{id}", f.family);
    // Not another department's action, not the whole plan, not with a changed department.
    let other = app
        .api(
            Method::PUT,
            &path(praktik),
            s,
            Some(json!({"based_on_version": 1, "reason": "x", "goal_id": praktik_goal, "action": action("virksomhedspraktik", "sprogcenter", f.amal, vec![])})),
        )
        .await;
    assert_eq!(other.status, StatusCode::NOT_FOUND, "hidden actions are not found: {}", other.body);
    // An id that no action can have is not taken as a new action.
    for id in [0, -1, i64::MIN] {
        let body = json!({"based_on_version": 1, "reason": "x", "goal_id": goal, "action": action("du2", "sprogcenter", f.amal, vec![])});
        let none = app.api(Method::PUT, &path(id), s, Some(body)).await;
        assert_eq!(none.status, StatusCode::NOT_FOUND, "action {id}: {}", none.body);
    }
    let whole = app
        .api(Method::PUT, &format!("/api/v1/families/{}/plan", f.family), s, Some(json!({"based_on_version": 1, "reason": "x", "plan": {"goals": []}})))
        .await;
    assert_eq!(whole.status, StatusCode::FORBIDDEN);
    let steal = app
        .api(
            Method::POST,
            &format!("/api/v1/families/{}/plan/actions", f.family),
            s,
            Some(json!({"based_on_version": 1, "reason": "x", "goal_id": goal, "action": action("jobsoegning", "jobcenter", f.amal, vec![])})),
        )
        .await;
    assert_eq!(steal.status, StatusCode::FORBIDDEN);
    // Its own action: a new version, and the coordinator is notified in-app and by mail.
    let ok = app.api(Method::PUT, &path(du), s, Some(json!({"based_on_version": 1, "reason": "Nyt hold om onsdagen", "goal_id": goal, "action": action("du2", "sprogcenter", f.amal, vec![slot(1, "09:00", "11:00")])}))).await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    assert_eq!(ok.json()["version"], 2);
    let k = &f.tokens["koordinator"];
    let notes = app.api(Method::GET, "/api/v1/notifications", k, None).await.json();
    assert_eq!(notes.as_array().unwrap().len(), 1);
    let message = notes[0]["message"].as_str().unwrap();
    assert!(message.contains("Sprogcenter") && message.contains("Familien Haddad") && message.contains("version 2"), "{message}");
    assert!(!message.contains("Danskuddannelse"), "notifications do not name the action");
    assert_eq!(app.store.unsent_mail(&Tenant::trusted("0316")).await.unwrap()[0].to_address, "koordinator@kommune.invalid");
    assert!(app.api(Method::GET, "/api/v1/notifications", s, None).await.json().as_array().unwrap().is_empty(), "not the one who changed it");
    let id = notes[0]["id"].as_i64().unwrap();
    assert_eq!(app.api(Method::POST, &format!("/api/v1/notifications/{id}/read"), s, None).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.api(Method::POST, &format!("/api/v1/notifications/{id}/read"), k, None).await.status, StatusCode::NO_CONTENT);
    // A change based on an old version is refused and nothing is stored.
    let stale = app
        .api(
            Method::PUT,
            &path(du),
            s,
            Some(json!({"based_on_version": 1, "reason": "gammel", "goal_id": goal, "action": action("du2", "sprogcenter", f.amal, vec![])})),
        )
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert_eq!(app.store.plan_versions(&Tenant::trusted("0316"), f.family).await.unwrap().len(), 2);
}

#[tokio::test]
async fn bad_plans_name_the_field_and_store_nothing() {
    let app = TestApp::sqlite().await;
    let f = fixture(&app).await;
    let k = &f.tokens["koordinator"];
    let plan_path = format!("/api/v1/families/{}/plan", f.family);
    let cases = [
        (json!({"based_on_version": 0, "reason": "", "plan": plan(&f)}), "reason"),
        (json!({"based_on_version": 0, "reason": "x", "plan": {"goals": [{"life_area": "lykke", "text": "x"}]}}), "goals[0].life_area"),
        (
            json!({"based_on_version": 0, "reason": "x", "plan": {"goals": [{"life_area": "sprog", "text": "x", "actions": [action("du1", "sprogcenter", f.amal, vec![slot(1, "12:00", "09:00")])]}]}}),
            "goals[0].actions[0].slots[0].to",
        ),
        (
            json!({"based_on_version": 0, "reason": "x", "plan": {"goals": [{"life_area": "sprog", "text": "x", "actions": [action("du1", "sprogcenter", 999_999, vec![])]}]}}),
            "goals[0].actions[0].person_id",
        ),
        (
            json!({"based_on_version": 0, "reason": "x", "plan": {"goals": [{"life_area": "sprog", "text": "x", "actions": [{"department": "sprogcenter", "start_date": "1. maj"}]}]}}),
            "goals[0].actions[0].title",
        ),
        (
            json!({"based_on_version": 0, "reason": "x", "plan": {"goals": [{"life_area": "sprog", "text": "x", "actions": [{"title": "x", "department": "skat", "start_date": "2026-01-01"}]}]}}),
            "goals[0].actions[0].department",
        ),
        (json!({"based_on_version": 0, "reason": "x", "plan": {"goals": [], "farve": 1}}), "plan"),
    ];
    for (body, field) in cases {
        let r = app.api(Method::PUT, &plan_path, k, Some(body)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{field}: {}", r.body);
        let fields: Vec<String> = r.json()["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap().to_string()).collect();
        assert!(fields.iter().any(|x| x.starts_with(field)), "{field} not in {fields:?}");
    }
    let bad_week = app.api(Method::GET, &format!("/api/v1/persons/{}/schedule?week=uge48", f.amal), k, None).await;
    assert_eq!((bad_week.status, bad_week.json()["errors"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("week")));
    let oral = app
        .api(
            Method::POST,
            &format!("/api/v1/persons/{}/consents", f.amal),
            k,
            Some(json!({"scopes": ["plan"], "departments": ["sundhed"], "purpose": "x", "given_on": "2026-11-01", "how_given": "oral_with_witness"})),
        )
        .await;
    assert_eq!(oral.json()["errors"][0]["field"], "witness");
    assert!(app.store.plan_versions(&Tenant::trusted("0316"), f.family).await.unwrap().is_empty());
    assert!(app.store.consents(&Tenant::trusted("0316"), f.amal).await.unwrap().is_empty());
}

#[tokio::test]
async fn referrals_between_departments() {
    let app = TestApp::sqlite().await;
    let f = fixture(&app).await;
    // The language centre refers Amal, whom its actions in the plan link it to.
    create_plan(&app, &f).await;
    let s = &f.tokens["sprogcenter"];
    let r = app.api(Method::POST, "/api/v1/referrals", s, Some(json!({"person_id": f.amal, "to_department": "jobcenter", "reason": "Klar til praktik"}))).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let id = r.json()["id"].as_i64().unwrap();
    let missing = app.api(Method::POST, "/api/v1/referrals", s, Some(json!({"person_id": f.amal, "to_department": "sprogcenter", "reason": ""}))).await;
    assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<String> = missing.json()["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap().to_string()).collect();
    assert_eq!(fields, ["to_department", "reason"]);
    // Both sides see it; an uninvolved department does not.
    assert_eq!(app.api(Method::GET, "/api/v1/referrals", s, None).await.json()[0]["status"], "pending");
    assert_eq!(app.api(Method::GET, "/api/v1/referrals", &f.tokens["koordinator"], None).await.json().as_array().unwrap().len(), 1);
    assert!(app.api(Method::GET, "/api/v1/referrals", &f.tokens["dagtilbud"], None).await.json().as_array().unwrap().is_empty());
    // Only the receiving department decides, once, with a reason.
    let decision_path = format!("/api/v1/referrals/{id}/decision");
    let decide = |token: &str, accept: bool, reason: &str| {
        let body = json!({"accept": accept, "reason": reason});
        let (token, path) = (token.to_string(), decision_path.clone());
        let app = &app;
        async move { app.api(Method::POST, &path, &token, Some(body)).await }
    };
    assert_eq!(decide(s, true, "selv").await.status, StatusCode::FORBIDDEN);
    // A department that does not see the referral is not told it exists, whatever the body;
    // the sender is refused before its body is read.
    assert_eq!(decide(&f.tokens["dagtilbud"], true, "ja").await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.api(Method::POST, &decision_path, &f.tokens["dagtilbud"], Some(json!({}))).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.api(Method::POST, &decision_path, s, Some(json!({}))).await.status, StatusCode::FORBIDDEN);
    assert_eq!(decide(&f.tokens["sagsbehandler"], true, "").await.json()["errors"][0]["field"], "reason");
    let done = decide(&f.tokens["sagsbehandler"], true, "Praktik hos Holbæk Maskinfabrik").await;
    assert_eq!((done.status, done.json()["status"].as_str()), (StatusCode::OK, Some("accepted")));
    assert_eq!(decide(&f.tokens["koordinator"], false, "alligevel").await.status, StatusCode::CONFLICT);
    assert_eq!(app.api(Method::GET, "/api/v1/referrals", s, None).await.json()[0]["decision_reason"], "Praktik hos Holbæk Maskinfabrik");
    let log = app.store.audit_log(&Tenant::trusted("0316"), &AuditFilter { entity: Some("referral".into()), ..Default::default() }, 100).await.unwrap();
    assert!(log.iter().any(|e| e.action == "create") && log.iter().any(|e| e.action == "update" && e.detail == "henvisning modtaget"));
    // The page: the receiving side gets the decision form, with CSRF.
    let page = app.get("/henvisninger", Some(&app.login("sprogcenter").await)).await;
    assert!(page.body.contains("Klar til praktik") && page.body.contains("Modtaget"));
}

#[tokio::test]
async fn pages_build_a_plan_with_csrf_and_show_versions_and_the_overview() {
    let app = TestApp::sqlite().await;
    let f = fixture(&app).await;
    let k = app.login("koordinator").await;
    let plan_path = format!("/familier/{}/plan", f.family);
    let empty = app.get(&plan_path, Some(&k)).await;
    assert!(empty.status == StatusCode::OK && empty.body.contains("Familien har endnu ingen helhedsplan"));
    let goal_path = format!("/familier/{}/plan/maal", f.family);
    let forged =
        app.post_form(&goal_path, &k, &[("csrf", "forfalsket"), ("life_area", "sprog"), ("text", "Dansk"), ("reason", "x"), ("based_on_version", "0")]).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    assert!(app.store.plan_versions(&Tenant::trusted("0316"), f.family).await.unwrap().is_empty());
    let added = app
        .post_form(
            &goal_path,
            &k,
            &[
                ("life_area", "sprog"),
                ("person_id", &f.amal.to_string()),
                ("text", "Amal taler dansk"),
                ("reason", "Første samtale"),
                ("based_on_version", "0"),
            ],
        )
        .await;
    assert_eq!(added.location(), format!("{plan_path}#maal"), "{}", added.body);
    let goal = app.store.plan_version_at(&Tenant::trusted("0316"), f.family, None).await.unwrap().unwrap();
    let goal_id = serde_json::from_str::<Value>(&goal.document).unwrap()["goals"][0]["id"].as_i64().unwrap().to_string();
    let form = app.get(&format!("/familier/{}/plan/indsats?maal={goal_id}", f.family), Some(&k)).await;
    assert!(form.status == StatusCode::OK && form.body.contains("Danskuddannelse 1"));
    let action_path = format!("/familier/{}/plan/indsats", f.family);
    let fields = |from: &'static str, reason: &'static str, version: &'static str| {
        vec![
            ("goal_id", goal_id.clone()),
            ("catalogue_code", "du1".into()),
            ("title", String::new()),
            ("department", "sprogcenter".into()),
            ("responsible_name", "Lone".into()),
            ("person_id", String::new()),
            ("start_date", "2026-11-01".into()),
            ("end_date", String::new()),
            ("slot1_day", "1".into()),
            ("slot1_from", from.into()),
            ("slot1_to", "12:00".into()),
            ("weekly_hours", String::new()),
            ("status", "active".into()),
            ("reason", reason.into()),
            ("based_on_version", version.into()),
            ("action_id", "0".into()),
        ]
    };
    let send = |v: Vec<(&'static str, String)>| {
        let app = &app;
        let k = k.clone();
        let path = action_path.clone();
        async move {
            let pairs: Vec<(&str, &str)> = v.iter().map(|(a, b)| (*a, b.as_str())).collect();
            app.post_form(&path, &k, &pairs).await
        }
    };
    let bad = send(fields("13:00", "Hold startet", "1")).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("sluttidspunktet skal ligge efter starttidspunktet"), "{}", bad.body);
    let ok = send(fields("09:00", "Hold startet", "1")).await;
    assert!(ok.location().starts_with(&format!("{plan_path}#goal-")), "back at the goal: {}", ok.body);
    let page = app.get(&format!("{plan_path}?uge={WEEK}"), Some(&k)).await;
    assert!(page.body.contains("Danskuddannelse 1") && page.body.contains("09:00–12:00") && page.body.contains("Version 2"));
    assert!(page.body.contains("kravet er mindst 37 timer"), "the week view lists the hours conflict");
    let versions = app.get(&format!("{plan_path}/versioner?fra=1&til=2"), Some(&k)).await;
    assert!(
        versions.body.contains("Første samtale")
            && versions.body.contains("Hold startet")
            && versions.body.contains("Danskuddannelse 1")
            && versions.body.contains("blev tilføjet")
            && versions.body.contains("(mandag 9.00–12.00)"),
        "the change in words: {}",
        versions.body
    );
    let as_of = app.get(&format!("{plan_path}?dato=2000-01-01"), Some(&k)).await;
    assert!(as_of.body.contains("Der fandtes ingen plan på den dato"));
    let overview = app.get("/koordinator", Some(&k)).await;
    assert!(overview.body.contains("Familien Haddad") && overview.body.contains("konflikter"), "{}", overview.body);
    // Department staff get the page but no goal form; managers get no page.
    let dag = app.login("dagtilbud").await;
    assert!(!app.get(&plan_path, Some(&dag)).await.body.contains("Tilføj mål"));
    let leder = app.login("leder").await;
    assert_eq!(app.get(&plan_path, Some(&leder)).await.status, StatusCode::FORBIDDEN);
    // Consent page: a form with checkboxes; withdrawal by form.
    let consent_path = format!("/personer/{}/samtykke", f.amal);
    let saved = app
        .post_form(
            &consent_path,
            &k,
            &[
                ("scopes", "plan"),
                ("departments", "sprogcenter"),
                ("departments", "sundhed"),
                ("purpose", "Samarbejde"),
                ("given_on", "2026-11-20"),
                ("how_given", "written"),
                ("witness", ""),
            ],
        )
        .await;
    assert_eq!(saved.location(), consent_path, "{}", saved.body);
    let stored = app.store.consents(&Tenant::trusted("0316"), f.amal).await.unwrap();
    assert_eq!(stored[0].departments, "sprogcenter,sundhed");
    let shown = app.get(&consent_path, Some(&k)).await;
    assert!(shown.body.contains("Sprogcenter, Sundhed") && shown.body.contains("Gælder"));
    let gone = app.post_form(&format!("{consent_path}/{}/tilbagekald", stored[0].id), &k, &[]).await;
    assert_eq!(gone.location(), consent_path);
    assert!(app.get(&consent_path, Some(&k)).await.body.contains("Tilbagekaldt"));
}

#[tokio::test]
async fn the_openapi_document_lists_the_plan_endpoints() {
    let app = TestApp::sqlite().await;
    let doc = app.get("/api/openapi.json", None).await.json();
    for path in [
        "/api/v1/families/{id}/plan",
        "/api/v1/families/{id}/plan/versions",
        "/api/v1/families/{id}/plan/compare",
        "/api/v1/families/{id}/plan/actions",
        "/api/v1/families/{id}/plan/actions/{action_id}",
        "/api/v1/persons/{id}/schedule",
        "/api/v1/persons/{id}/consents",
        "/api/v1/persons/{id}/consents/{consent_id}/withdraw",
        "/api/v1/referrals",
        "/api/v1/referrals/{id}/decision",
        "/api/v1/notifications",
        "/api/v1/notifications/{id}/read",
        "/api/v1/coordinator/families",
        "/api/v1/plan-settings",
    ] {
        assert!(doc["paths"].get(path).is_some(), "{path} missing");
    }
}

#[tokio::test]
async fn demo_families_have_plans_some_with_conflicts() {
    let db = common::sqlite().await;
    let store = db.store.clone();
    let code = MunicipalityCode::parse("0316").unwrap();
    samplan::demo::ensure_users(&store, &code).await.unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let families = samplan::demo::generate(&code, 1, today, None);
    samplan::demo::store_families(&store, &common::vault(), &code, &families, |_| {}).await.unwrap();
    let made = samplan::demo::plans::store_plans(&store, &Tenant::trusted("0316"), today).await.unwrap();
    assert!(made >= 40, "{made} plans");
    let coordinator = store.user_by_login("koordinator").await.unwrap().unwrap().id;
    let plans = store.plan_heads_coordinated_by(&Tenant::trusted("0316"), samplan::store::overview::Coordinators::User(coordinator)).await.unwrap();
    assert_eq!(plans.len(), made);
    let monday = samplan::plans::schedule::parse_week(WEEK).unwrap();
    let (mut with, mut without, mut departments) = (0, 0, std::collections::BTreeSet::new());
    let documents: std::collections::HashMap<i64, String> =
        store.plan_documents(&Tenant::trusted("0316"), &plans.iter().map(|v| v.id).collect::<Vec<_>>()).await.unwrap().into_iter().collect();
    assert!(
        store.plan_documents(&Tenant::trusted("0101"), &plans.iter().map(|v| v.id).collect::<Vec<_>>()).await.unwrap().is_empty(),
        "another tenant's ids read nothing"
    );
    for v in &plans {
        let doc = samplan::plans::PlanDocument::from_json(&documents[&v.id]);
        departments.extend(doc.actions().map(|(_, a)| a.department.clone()));
        let members = store.family_members(&Tenant::trusted("0316"), v.family_id).await.unwrap();
        let weeks = samplan::plans::schedule::family_week(&doc, &doc, &members, &[], monday, 48, &samplan::plans::schedule::Duty::shipped());
        if weeks.iter().any(|w| !w.conflicts.is_empty()) { with += 1 } else { without += 1 }
    }
    assert!(with > 5 && without > 5, "{with} with conflicts, {without} without");
    assert!(departments.len() >= 5, "{departments:?}");
}

#[tokio::test]
async fn the_maximum_weekly_hours_is_a_municipal_setting() {
    let app = TestApp::sqlite().await;
    let f = fixture(&app).await;
    create_plan(&app, &f).await;
    let k = &f.tokens["koordinator"];
    assert_eq!(app.api(Method::GET, "/api/v1/plan-settings", k, None).await.json()["max_weekly_hours"], 48);
    assert_eq!(app.api(Method::PUT, "/api/v1/plan-settings", k, Some(json!({"max_weekly_hours": 10}))).await.status, StatusCode::FORBIDDEN);
    let admin = &f.tokens["admin"];
    let bad = app.api(Method::PUT, "/api/v1/plan-settings", admin, Some(json!({"max_weekly_hours": 0}))).await;
    assert_eq!((bad.status, bad.json()["errors"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("max_weekly_hours")));
    assert_eq!(app.api(Method::PUT, "/api/v1/plan-settings", admin, Some(json!({"max_weekly_hours": 10}))).await.status, StatusCode::OK);
    let week = app.api(Method::GET, &format!("/api/v1/persons/{}/schedule?week={WEEK}", f.amal), k, None).await.json();
    assert_eq!(kinds(&week), ["overlap", "under_minimum", "over_maximum"], "12 hours is over a maximum of 10");
    assert_eq!(week["maximum"], 10);
}

/// A plan version, its audit row and the notifications with their mails commit as one:
/// when the outbox refuses the mail, the version is not stored either (decision 041).
async fn a_change_whose_mail_cannot_be_queued_is_not_stored(app: TestApp) {
    let f = fixture(&app).await;
    let v1 = create_plan(&app, &f).await;
    let (goal, du) = action_id(&v1, "Danskuddannelse 2");
    let s = &f.tokens["sprogcenter"];
    let path = format!("/api/v1/families/{}/plan/actions/{du}", f.family);
    let change = json!({"based_on_version": 1, "reason": "Nyt hold om onsdagen", "goal_id": goal, "action": action("du2", "sprogcenter", f.amal, vec![slot(1, "09:00", "11:00")])});
    let changes_audited = "SELECT COUNT(*) FROM audit_log WHERE entity = 'family_plan' AND action IN ('create', 'update')";
    let audited = app.store.scalar_raw(changes_audited).await.unwrap();
    let mails = app.store.unsent_mail(&Tenant::trusted("0316")).await.unwrap().len();
    common::break_the_outbox(&app.store).await;
    let failed = app.api(Method::PUT, &path, s, Some(change.clone())).await;
    assert_eq!(failed.status, StatusCode::INTERNAL_SERVER_ERROR, "{}", failed.body);
    assert_eq!(app.store.plan_versions(&Tenant::trusted("0316"), f.family).await.unwrap().len(), 1, "the version is not stored");
    assert_eq!(app.store.scalar_raw(changes_audited).await.unwrap(), audited, "nor its audit row");
    assert!(app.api(Method::GET, "/api/v1/notifications", &f.tokens["koordinator"], None).await.json().as_array().unwrap().is_empty(), "nor the notification");
    assert_eq!(app.store.unsent_mail(&Tenant::trusted("0316")).await.unwrap().len(), mails);
    // With the outbox working again, the same change (on the same version) goes through.
    common::mend_the_outbox(&app.store).await;
    let ok = app.api(Method::PUT, &path, s, Some(change)).await;
    assert_eq!((ok.status, ok.json()["version"].as_i64()), (StatusCode::OK, Some(2)), "{}", ok.body);
    assert_eq!(app.store.scalar_raw(changes_audited).await.unwrap(), audited + 1);
    assert_eq!(app.store.unsent_mail(&Tenant::trusted("0316")).await.unwrap().len(), mails + 1);
}

#[tokio::test]
async fn a_change_whose_mail_cannot_be_queued_is_not_stored_sqlite() {
    a_change_whose_mail_cannot_be_queued_is_not_stored(TestApp::sqlite().await).await;
}

#[tokio::test]
async fn a_change_whose_mail_cannot_be_queued_is_not_stored_postgres() {
    if let Some(app) = TestApp::postgres().await {
        a_change_whose_mail_cannot_be_queued_is_not_stored(app).await;
    }
}
