//! Family plans: the store on both databases (versions, consents, referrals,
//! notifications) and the HTTP behaviour for every role — versions and dates, consent
//! gating and its withdrawal, schedules and conflicts, referrals, notifications, the
//! coordinator's overview, audit, CSRF and errors that name the field.
mod common;

use axum::http::{Method, StatusCode};
use common::app::{PASSWORD, TestApp};
use samplan::auth::password;
use samplan::domain::{MunicipalityCode, Role};
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
    let fid = store.create_family(code, &FamilyFields { name: "Familien Test".into(), street: None, postal_code: None, city: None }).await.unwrap();
    let fields = samplan::store::persons::PersonFields {
        family_id: Some(fid), family_role: "adult".into(), given_name: "Sara".into(), family_name: "Test".into(), birth_date: "1990-03-15".into(),
        sex: "female".into(), languages: "ar".into(), nationality: "Syrien".into(), arrival_date: None, takeover_date: None, residence_basis: "refugee".into(),
    };
    let pid = store.create_person(code, &format!("enc{code}"), &format!("hash{code}"), &fields).await.unwrap();
    (uid, fid, pid)
}

on_both_databases!(plan_versions_are_append_only_numbered_and_dated, |store: Store| async move {
    let (uid, fid, _) = store_family(&store, "0316").await;
    store_family(&store, "0101").await;
    let v = |doc: &'static str, reason: &'static str| NewPlanVersion { family_id: fid, document: doc, coordinator_user_id: Some(uid), saved_by: uid, saved_by_name: "K", reason };
    assert_eq!(store.save_plan_version("0316", 0, &v("{\"goals\":[]}", "første")).await.unwrap(), 1);
    assert!(matches!(store.save_plan_version("0316", 0, &v("{}", "forældet")).await, Err(StoreError::Conflict(_))), "a change based on an old version is refused");
    assert_eq!(store.save_plan_version("0316", 1, &v("{\"goals\":[1]}", "anden")).await.unwrap(), 2);
    assert_eq!(store.plan_version_at("0316", fid, None).await.unwrap().unwrap().reason, "anden");
    assert!(store.plan_version_at("0316", fid, Some("2000-01-01T23:59:59Z")).await.unwrap().is_none(), "no plan before it was made");
    assert_eq!(store.plan_version_at("0316", fid, Some("2999-01-01T00:00:00Z")).await.unwrap().unwrap().version, 2);
    assert_eq!(store.plan_version("0316", fid, 1).await.unwrap().unwrap().document, "{\"goals\":[]}");
    assert!(store.plan_version_at("0101", fid, None).await.unwrap().is_none(), "another tenant sees nothing");
    assert_eq!(store.plan_versions("0316", fid).await.unwrap().iter().map(|v| v.version).collect::<Vec<_>>(), [2, 1]);
    assert_eq!(store.plans_coordinated_by("0316", uid).await.unwrap().len(), 1);
    assert!(store.plans_coordinated_by("0101", uid).await.unwrap().is_empty());
    assert!(store.execute_raw("UPDATE plan_version SET reason = 'x'").await.is_err());
    assert!(store.execute_raw("DELETE FROM plan_version").await.is_err());
    assert_eq!(store.plan_versions("0316", fid).await.unwrap().len(), 2);
    assert_eq!(store.max_weekly_hours("0316").await.unwrap(), None);
    store.set_max_weekly_hours("0316", 40).await.unwrap();
    store.set_max_weekly_hours("0316", 42).await.unwrap();
    assert_eq!(store.max_weekly_hours("0316").await.unwrap(), Some(42));
});

on_both_databases!(consents_are_live_until_withdrawn, |store: Store| async move {
    let (uid, _, pid) = store_family(&store, "0316").await;
    let (_, _, other) = store_family(&store, "0101").await;
    let c = NewConsent { person_id: pid, scopes: "plan".into(), departments: "sprogcenter,sundhed".into(), partners: "".into(), purpose: "Samarbejde".into(), given_on: "2026-11-01".into(), how_given: "written".into(), witness: None };
    let id = store.create_consent("0316", uid, &c).await.unwrap();
    assert_eq!(store.live_consents("0316", &[pid], "2026-11-23").await.unwrap().len(), 1);
    assert!(store.live_consents("0316", &[pid], "2026-10-31").await.unwrap().is_empty(), "not live before it was given");
    assert!(store.live_consents("0101", &[pid], "2026-11-23").await.unwrap().is_empty());
    assert!(!store.withdraw_consent("0101", pid, id, uid).await.unwrap(), "another tenant cannot withdraw it");
    assert!(!store.withdraw_consent("0316", other, id, uid).await.unwrap(), "only for its own person");
    assert!(store.withdraw_consent("0316", pid, id, uid).await.unwrap());
    assert!(!store.withdraw_consent("0316", pid, id, uid).await.unwrap(), "withdrawn once");
    assert!(store.live_consents("0316", &[pid], "2026-11-23").await.unwrap().is_empty());
    let rows = store.consents("0316", pid).await.unwrap();
    assert_eq!((rows.len(), rows[0].withdrawn_by), (1, Some(uid)), "the record stays");
});

on_both_databases!(referrals_are_decided_once_and_notifications_queue_mail, |store: Store| async move {
    let (uid, fid, pid) = store_family(&store, "0316").await;
    let id = store.create_referral("0316", pid, "sprogcenter", "jobcenter", "Klar til praktik", uid).await.unwrap();
    assert_eq!(store.referrals("0316", Some("jobcenter"), 10).await.unwrap().len(), 1);
    assert_eq!(store.referrals("0316", Some("sprogcenter"), 10).await.unwrap().len(), 1);
    assert!(store.referrals("0316", Some("sundhed"), 10).await.unwrap().is_empty());
    assert!(store.referrals("0101", None, 10).await.unwrap().is_empty());
    assert!(!store.decide_referral("0101", id, true, "x", uid).await.unwrap());
    assert!(store.decide_referral("0316", id, false, "Ingen plads før januar", uid).await.unwrap());
    assert!(!store.decide_referral("0316", id, true, "alligevel", uid).await.unwrap(), "decided once");
    let r = store.referral("0316", id).await.unwrap().unwrap();
    assert_eq!((r.status.as_str(), r.decision_reason.as_deref()), ("declined", Some("Ingen plads før januar")));
    store.notify("0316", uid, Some(fid), "Sprogcenter har ændret", Some(("k@x.invalid", "Emne"))).await.unwrap();
    store.notify("0316", uid, None, "Uden mail", None).await.unwrap();
    let list = store.notifications("0316", uid, 10).await.unwrap();
    assert_eq!(list.len(), 2);
    assert!(store.mark_notification_read("0316", uid, list[1].id).await.unwrap());
    assert!(!store.mark_notification_read("0316", uid + 99, list[0].id).await.unwrap(), "only the recipient");
    assert!(store.notifications("0316", uid, 10).await.unwrap()[0].read_at.is_none(), "unread first");
    let mail = store.unsent_mail("0316").await.unwrap();
    assert_eq!((mail.len(), mail[0].to_address.as_str()), (1, "k@x.invalid"));
});
