//! The store conformance suite: every store operation, run on SQLite and on PostgreSQL.
use crate::common;

use samplan::domain::{MunicipalityCode, Role};
use samplan::store::Tenant;
use samplan::store::access::Reach;
use samplan::store::audit::{AuditEntity, AuditEvent, AuditFilter};
use samplan::store::families::FamilyFields;
use samplan::store::persons::{PersonFields, PersonQuery};
use samplan::store::sessions::SessionRow;
use samplan::store::users::NewUser;
use samplan::store::{Store, StoreError};

async fn tenant(store: &Store, code: &str) -> MunicipalityCode {
    let code = MunicipalityCode::parse(code).unwrap();
    store.ensure_municipality(&code).await.unwrap();
    code
}

fn person(given: &str, family: &str, birth: &str, family_id: Option<i64>) -> PersonFields {
    PersonFields {
        family_id,
        family_role: "adult".into(),
        given_name: given.into(),
        family_name: family.into(),
        birth_date: birth.into(),
        sex: "female".into(),
        languages: "ar,en".into(),
        nationality: "Syrien".into(),
        arrival_date: Some("2024-03-01".into()),
        takeover_date: Some("2024-05-01".into()),
        residence_basis: samplan::domain::ResidenceBasis::Refugee,
    }
}

fn event(code: &str, login: &str, action: &str, id: i64) -> AuditEvent {
    AuditEvent {
        municipality_code: Some(code.into()),
        user_id: Some(1),
        user_login: login.into(),
        action: action.parse().unwrap(),
        entity: AuditEntity::Person,
        entity_id: Some(id.to_string()),
        detail: "test".into(),
        request_id: "req-1".into(),
        remote_addr: "127.0.0.1".into(),
    }
}

on_both_databases!(municipalities_get_all_departments_once, |store: Store| async move {
    let code = tenant(&store, "0316").await;
    let again = store.ensure_municipality(&code).await.unwrap();
    assert_eq!(again.len(), 7);
    assert_eq!(again[0].kind, "jobcenter");
    assert!(store.has_municipality("0316").await.unwrap());
    assert!(!store.has_municipality("0101").await.unwrap());
});

on_both_databases!(users_are_unique_by_login_and_found_by_token, |store: Store| async move {
    tenant(&store, "0316").await;
    let new = NewUser {
        login: "anna".into(),
        display_name: "Anna".into(),
        email: None,
        password_hash: Some("hash".into()),
        municipality_code: Some("0316".into()),
        department_id: None,
        role: Role::Caseworker,
        demo_account: false,
    };
    let id = store.create_user(&new).await.unwrap();
    assert!(matches!(store.create_user(&new).await, Err(StoreError::Conflict(_))));
    let user = store.user_by_login("anna").await.unwrap().unwrap();
    assert_eq!((user.id, user.role(), user.active, user.demo_account), (id, Some(Role::Caseworker), 1, 0));
    store.set_password_hash(id, "other").await.unwrap();
    assert_eq!(store.user_by_id(id).await.unwrap().unwrap().password_hash.as_deref(), Some("other"));
    store.create_api_token(id, "tokenhash").await.unwrap();
    assert_eq!(store.user_by_api_token("tokenhash").await.unwrap().unwrap().id, id);
    assert!(store.user_by_api_token("nothing").await.unwrap().is_none());
    assert_eq!(store.users_of(&Tenant::trusted("0316")).await.unwrap().len(), 1);
    assert!(store.users_of(&Tenant::trusted("0101")).await.unwrap().is_empty());
});

on_both_databases!(sessions_expire_extend_and_end, |store: Store| async move {
    tenant(&store, "0316").await;
    let uid = store
        .create_user(&NewUser {
            login: "bo".into(),
            display_name: "Bo".into(),
            email: None,
            password_hash: None,
            municipality_code: Some("0316".into()),
            department_id: None,
            role: Role::Admin,
            demo_account: false,
        })
        .await
        .unwrap();
    let row = SessionRow { token_hash: "h".into(), user_id: uid, csrf_token: "c".into(), expires_at: "2026-01-01T10:00:00Z".into() };
    store.create_session(&row, "2026-01-01T09:00:00Z").await.unwrap();
    assert_eq!(store.live_session("h", "2026-01-01T09:30:00Z", "2026-01-01T00:00:00Z").await.unwrap().unwrap().csrf_token, "c");
    assert!(store.live_session("h", "2026-01-01T10:00:00Z", "2026-01-01T00:00:00Z").await.unwrap().is_none(), "expired at its expiry");
    store.extend_session("h", "2026-01-01T12:00:00Z").await.unwrap();
    assert!(store.live_session("h", "2026-01-01T11:00:00Z", "2026-01-01T00:00:00Z").await.unwrap().is_some());
    assert!(store.live_session("h", "2026-01-01T11:00:00Z", "2026-01-01T09:00:00Z").await.unwrap().is_none(), "past its absolute lifetime");
    assert_eq!(store.delete_expired_sessions("2026-01-01T11:00:00Z").await.unwrap(), 0);
    assert_eq!(store.delete_expired_sessions("2026-01-01T13:00:00Z").await.unwrap(), 1);
    store.create_session(&row, "2026-01-01T09:00:00Z").await.unwrap();
    store.delete_session("h").await.unwrap();
    assert!(store.live_session("h", "2026-01-01T09:30:00Z", "2026-01-01T00:00:00Z").await.unwrap().is_none());
});

on_both_databases!(persons_are_scoped_to_their_municipality, |store: Store| async move {
    tenant(&store, "0316").await;
    tenant(&store, "0101").await;
    let fid = store
        .create_family(&Tenant::trusted("0316"), &FamilyFields { name: "Familien Ødegård".into(), street: None, postal_code: Some("4300".into()), city: None })
        .await
        .unwrap();
    let a = store.create_person(&Tenant::trusted("0316"), "enc-a", "hash-a", &person("Åse", "Ødegård", "1990-01-01", Some(fid))).await.unwrap();
    let mut child = person("Lille", "Ødegård", "2020-06-01", Some(fid));
    child.family_role = "child".into();
    let c = store.create_person(&Tenant::trusted("0316"), "enc-c", "hash-c", &child).await.unwrap();
    // The same CPR hash may exist in another municipality, not twice in one.
    store.create_person(&Tenant::trusted("0101"), "enc-x", "hash-a", &person("Anden", "Person", "1990-01-01", None)).await.unwrap();
    assert!(matches!(
        store.create_person(&Tenant::trusted("0316"), "enc-y", "hash-a", &person("Dublet", "X", "1990-01-01", None)).await,
        Err(StoreError::Conflict(_))
    ));
    assert_eq!(store.person(&Tenant::trusted("0316"), a).await.unwrap().unwrap().given_name, "Åse");
    assert!(store.person(&Tenant::trusted("0101"), a).await.unwrap().is_none(), "another tenant's id is not found");
    // Name search folds Danish letters; CPR hash and birth date search are exact.
    let by_name = store.search_persons(&Tenant::trusted("0316"), &Reach::All, &PersonQuery::Name("ødeg".into()), 10).await.unwrap();
    assert_eq!(by_name.len(), 2);
    assert!(store.search_persons(&Tenant::trusted("0101"), &Reach::All, &PersonQuery::Name("ødeg".into()), 10).await.unwrap().is_empty());
    let by_cpr = store.search_persons(&Tenant::trusted("0316"), &Reach::All, &PersonQuery::CprHash("hash-a".into()), 10).await.unwrap();
    assert_eq!(by_cpr.iter().map(|p| p.id).collect::<Vec<_>>(), vec![a]);
    let by_birth = store.search_persons(&Tenant::trusted("0316"), &Reach::All, &PersonQuery::BirthDates(vec!["2020-06-01".into()]), 10).await.unwrap();
    assert_eq!(by_birth.iter().map(|p| p.id).collect::<Vec<_>>(), vec![c]);
    let members = store.family_members(&Tenant::trusted("0316"), fid).await.unwrap();
    assert_eq!(members.iter().map(|p| p.id).collect::<Vec<_>>(), vec![a, c], "adults first");
    assert!(store.family_members(&Tenant::trusted("0101"), fid).await.unwrap().is_empty());
    assert_eq!(store.count_persons(&Tenant::trusted("0316"), &Reach::All).await.unwrap(), 2);
    // Updates change only the tenant's own rows.
    let mut changed = person("Åse Marie", "Ødegård", "1990-01-01", Some(fid));
    changed.languages = "da".into();
    assert!(!store.update_person(&Tenant::trusted("0101"), a, &changed).await.unwrap());
    assert!(store.update_person(&Tenant::trusted("0316"), a, &changed).await.unwrap());
    let row = store.person(&Tenant::trusted("0316"), a).await.unwrap().unwrap();
    assert_eq!((row.given_name.as_str(), row.languages.as_str()), ("Åse Marie", "da"));
    assert_eq!(store.search_persons(&Tenant::trusted("0316"), &Reach::All, &PersonQuery::Name("åse marie".into()), 10).await.unwrap().len(), 1);
    // Relations.
    store.add_relation(&Tenant::trusted("0316"), a, c, "parent_of").await.unwrap();
    store.add_relation(&Tenant::trusted("0316"), a, c, "parent_of").await.unwrap();
    assert_eq!(store.relations(&Tenant::trusted("0316"), c).await.unwrap(), vec![("parent_of".to_string(), a, c)]);
    assert!(store.relations(&Tenant::trusted("0101"), c).await.unwrap().is_empty());
});

on_both_databases!(name_search_finds_parts_of_names_through_its_index, |store: Store| async move {
    tenant(&store, "0316").await;
    let abdi = store.create_person(&Tenant::trusted("0316"), "enc-1", "hash-1", &person("Abdi", "Nur", "1990-01-01", None)).await.unwrap();
    // Holds both of «abdi»'s trigrams («abd», «bdi») but not «abdi» itself.
    store.create_person(&Tenant::trusted("0316"), "enc-2", "hash-2", &person("Abdul", "Bdix", "1990-01-01", None)).await.unwrap();
    let jo = store.create_person(&Tenant::trusted("0316"), "enc-3", "hash-3", &person("Jo", "Li", "1990-01-01", None)).await.unwrap();
    let found = |q: &'static str| {
        let store = store.clone();
        async move {
            store
                .search_persons(&Tenant::trusted("0316"), &Reach::All, &PersonQuery::Name(q.into()), 10)
                .await
                .unwrap()
                .iter()
                .map(|p| p.id)
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(found("abdi").await, vec![abdi]);
    assert_eq!(found("abdi nur").await, vec![abdi], "every word must match");
    assert_eq!(found("jo").await, vec![jo], "a part shorter than a trigram is still found");
    // The index follows a changed name and a deleted person.
    let mut renamed = person("Abdirahman", "Nur", "1990-01-01", None);
    renamed.languages = "so".into();
    assert!(store.update_person(&Tenant::trusted("0316"), abdi, &renamed).await.unwrap());
    assert_eq!(found("abdirah").await, vec![abdi]);
    assert!(found("abdi nur").await == vec![abdi]);
    let mut back = person("Ali", "Nur", "1990-01-01", None);
    back.languages = "so".into();
    assert!(store.update_person(&Tenant::trusted("0316"), abdi, &back).await.unwrap());
    assert!(found("abdi").await.is_empty(), "the old name is gone from the index");
});

on_both_databases!(families_list_filter_page_and_update, |store: Store| async move {
    tenant(&store, "0316").await;
    tenant(&store, "0101").await;
    for name in ["Familien Haddad", "Familien Ahmadi", "Familien Kovalenko"] {
        store.create_family(&Tenant::trusted("0316"), &FamilyFields { name: name.into(), street: None, postal_code: None, city: None }).await.unwrap();
    }
    let other = store
        .create_family(&Tenant::trusted("0101"), &FamilyFields { name: "Familien Haddad".into(), street: None, postal_code: None, city: None })
        .await
        .unwrap();
    let all = store.families(&Tenant::trusted("0316"), &Reach::All, None, 10, 0).await.unwrap();
    assert_eq!(all.iter().map(|f| f.name.as_str()).collect::<Vec<_>>(), ["Familien Ahmadi", "Familien Haddad", "Familien Kovalenko"]);
    assert_eq!(store.families(&Tenant::trusted("0316"), &Reach::All, Some("hadd"), 10, 0).await.unwrap().len(), 1);
    assert_eq!(store.families(&Tenant::trusted("0316"), &Reach::All, None, 2, 2).await.unwrap().len(), 1);
    assert_eq!(store.count_families(&Tenant::trusted("0316"), &Reach::All).await.unwrap(), 3);
    assert!(store.family(&Tenant::trusted("0316"), other).await.unwrap().is_none());
    let fields = FamilyFields {
        name: "Familien Haddad-Nasser".into(),
        street: Some("Kirkevej 1".into()),
        postal_code: Some("4300".into()),
        city: Some("Holbæk".into()),
    };
    assert!(!store.update_family(&Tenant::trusted("0316"), other, &fields).await.unwrap());
    assert!(store.update_family(&Tenant::trusted("0101"), other, &fields).await.unwrap());
    let f = store.family(&Tenant::trusted("0101"), other).await.unwrap().unwrap();
    assert_eq!((f.name.as_str(), f.member_count), ("Familien Haddad-Nasser", 0));
});

on_both_databases!(the_audit_log_is_append_only_and_filterable, |store: Store| async move {
    tenant(&store, "0316").await;
    tenant(&store, "0101").await;
    store.audit(&[event("0316", "anna", "read", 1), event("0316", "bo", "update", 2), event("0101", "cy", "read", 3)]).await.unwrap();
    let all = store.audit_log(&Tenant::trusted("0316"), &AuditFilter::default(), 100).await.unwrap();
    assert_eq!(all.len(), 2, "only the municipality's own events");
    assert_eq!(all[0].user_login, "bo", "newest first");
    let reads = store.audit_log(&Tenant::trusted("0316"), &AuditFilter { action: Some("read".into()), ..Default::default() }, 100).await.unwrap();
    assert_eq!(reads.iter().map(|r| r.user_login.as_str()).collect::<Vec<_>>(), ["anna"]);
    let by_entity = store.audit_log(&Tenant::trusted("0316"), &AuditFilter { entity_id: Some("2".into()), ..Default::default() }, 100).await.unwrap();
    assert_eq!(by_entity.len(), 1);
    let future = store.audit_log(&Tenant::trusted("0316"), &AuditFilter { from: Some("2999-01-01".into()), ..Default::default() }, 100).await.unwrap();
    assert!(future.is_empty());
    let today = chrono::Utc::now().date_naive().to_string();
    let until_today = store.audit_log(&Tenant::trusted("0316"), &AuditFilter { to: Some(today), ..Default::default() }, 100).await.unwrap();
    assert_eq!(until_today.len(), 2);
    // The database itself refuses to change or remove history.
    assert!(store.execute_raw("UPDATE audit_log SET user_login = 'x'").await.is_err());
    assert!(store.execute_raw("DELETE FROM audit_log").await.is_err());
    assert_eq!(store.audit_log(&Tenant::trusted("0316"), &AuditFilter::default(), 100).await.unwrap()[1].user_login, "anna");
});

/// A test's PostgreSQL database is dropped as soon as the test lets go of it.
#[tokio::test]
async fn a_test_database_on_postgres_is_dropped_after_the_test() {
    let Some(db) = common::postgres().await else { return };
    let name = db.url.rsplit('/').next().unwrap().to_string();
    let server = db.url.trim_end_matches(&name).to_string() + "postgres";
    let count = format!("SELECT COUNT(*) FROM pg_database WHERE datname = '{name}'");
    let admin = Store::connect(&server).await.unwrap();
    assert_eq!(admin.scalar_raw(&count).await.unwrap(), 1, "the database exists during the test");
    drop(db);
    assert_eq!(admin.scalar_raw(&count).await.unwrap(), 0, "and is gone after it");
    admin.close().await;
}

/// Whether the database keeps planner statistics of `table`: SQLite's `sqlite_stat1` has
/// its rows, PostgreSQL's `pg_stats` its columns.
async fn has_statistics(url: &str, table: &str) -> bool {
    sqlx::any::install_default_drivers();
    let pool = sqlx::any::AnyPoolOptions::new().max_connections(1).connect(&url.replace("sqlite:", "sqlite://")).await.unwrap();
    let known: i64 = if url.starts_with("sqlite:") {
        let tables: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sqlite_master WHERE name = 'sqlite_stat1'").fetch_one(&pool).await.unwrap();
        if tables == 0 { 0 } else { sqlx::query_scalar("SELECT COUNT(*) FROM sqlite_stat1 WHERE tbl = $1").bind(table).fetch_one(&pool).await.unwrap() }
    } else {
        sqlx::query_scalar("SELECT CAST(COUNT(*) AS BIGINT) FROM pg_stats WHERE tablename = $1").bind(table).fetch_one(&pool).await.unwrap()
    };
    pool.close().await;
    known > 0
}

async fn statistics_are_refreshed(db: common::TestDb) {
    tenant(&db.store, "0316").await;
    assert!(!has_statistics(&db.url, "municipality").await, "a new database has none");
    db.store.refresh_statistics().await.unwrap();
    assert!(has_statistics(&db.url, "municipality").await);
    db.store.refresh_statistics().await.expect("runs again");
}

#[tokio::test]
async fn statistics_are_refreshed_on_sqlite() {
    statistics_are_refreshed(common::sqlite().await).await;
}

#[tokio::test]
async fn statistics_are_refreshed_on_postgres() {
    let Some(db) = common::postgres().await else { return };
    statistics_are_refreshed(db).await;
}

#[tokio::test]
async fn postgres_connections_compile_no_queries() {
    let Some(db) = common::postgres().await else { return };
    // Every connection of the pool, not only the first one.
    for _ in 0..3 {
        let off = db.store.scalar_raw("SELECT CAST(CASE WHEN current_setting('jit') = 'off' THEN 1 ELSE 0 END AS BIGINT)").await.unwrap();
        assert_eq!(off, 1, "JIT is off");
    }
}

/// An open jobcenter deadline of `rule`, due on `due`.
fn deadline(rule: &str, due: &str) -> samplan::store::deadlines::NewDeadline {
    samplan::store::deadlines::NewDeadline {
        rule_id: rule.into(),
        rule_version: 1,
        title: "Frist".into(),
        law: "Integrationsloven".into(),
        paragraph: "§ 1".into(),
        confirmed: true,
        department: "jobcenter".into(),
        counts_from: "2026-01-01".parse().unwrap(),
        due: due.parse().unwrap(),
        met_on: None,
        progress: None,
    }
}

on_both_databases!(a_caseworkers_deadlines_follow_the_person, |store: Store| async move {
    use samplan::store::deadlines::DeadlineFilter;
    tenant(&store, "0316").await;
    let user = |login: &'static str| NewUser {
        login: login.into(),
        display_name: login.into(),
        email: None,
        password_hash: None,
        municipality_code: Some("0316".into()),
        department_id: None,
        role: Role::Caseworker,
        demo_account: false,
    };
    let (anna, bo) = (store.create_user(&user("anna")).await.unwrap(), store.create_user(&user("bo")).await.unwrap());
    let id = store.create_person(&Tenant::trusted("0316"), "enc-a", "hash-a", &person("Amal", "Haddad", "1990-01-01", None)).await.unwrap();
    let mine = |who: i64, status: &'static str| {
        let store = store.clone();
        async move {
            let filter = DeadlineFilter { caseworker_id: Some(who), status: Some(status.into()), ..Default::default() };
            let listed = store
                .deadlines(&Tenant::trusted("0316"), &Reach::All, &filter, "2026-06-01".parse().unwrap(), "2026-06-08".parse().unwrap(), 10)
                .await
                .unwrap()
                .len() as i64;
            let counted = store
                .count_deadlines(&Tenant::trusted("0316"), &Reach::All, &filter, "2026-06-01".parse().unwrap(), "2026-06-08".parse().unwrap())
                .await
                .unwrap();
            assert_eq!(listed, counted, "the list and its count agree");
            counted
        }
    };
    // Deadlines stored before the person has a caseworker, then the caseworker set.
    store
        .replace_deadlines(&Tenant::trusted("0316"), id, &[deadline("contract.deadline", "2026-03-01"), deadline("followup.interview", "2026-06-03")])
        .await
        .unwrap();
    assert_eq!(mine(anna, "open").await, 0);
    assert!(store.set_caseworker(&Tenant::trusted("0316"), id, Some(anna)).await.unwrap());
    assert_eq!((mine(anna, "overdue").await, mine(anna, "due_soon").await), (1, 1));
    // Another caseworker takes over: the deadlines move with the person.
    assert!(store.set_caseworker(&Tenant::trusted("0316"), id, Some(bo)).await.unwrap());
    assert_eq!((mine(anna, "open").await, mine(bo, "open").await), (0, 2));
    // Deadlines derived again while the person has a caseworker carry it at once.
    store.replace_deadlines(&Tenant::trusted("0316"), id, &[deadline("contract.deadline", "2026-03-01")]).await.unwrap();
    assert_eq!((mine(bo, "overdue").await, mine(bo, "due_soon").await), (1, 0));
    assert!(store.set_caseworker(&Tenant::trusted("0316"), id, None).await.unwrap());
    assert_eq!(mine(bo, "open").await, 0);
});

on_both_databases!(an_export_read_piece_by_piece_holds_every_deadline_once, |store: Store| async move {
    use samplan::store::deadlines::{DeadlineFilter, DeadlineKey, NewDeadline};
    tenant(&store, "0316").await;
    // Three persons whose deadlines share due dates, so the order needs person and rule too.
    for (n, dues) in
        [["2026-03-01", "2026-04-01", "2026-04-01"], ["2026-04-01", "2026-03-01", "2026-05-01"], ["2026-04-01", "2026-04-01", "2026-02-01"]].iter().enumerate()
    {
        let id = store
            .create_person(&Tenant::trusted("0316"), &format!("enc-{n}"), &format!("hash-{n}"), &person("Amal", "Haddad", "1990-01-01", None))
            .await
            .unwrap();
        let rows: Vec<NewDeadline> = ["a.rule", "b.rule", "c.rule"].iter().zip(dues).map(|(rule, due)| deadline(rule, due)).collect();
        store.replace_deadlines(&Tenant::trusted("0316"), id, &rows).await.unwrap();
    }
    let filter = DeadlineFilter::default();
    let whole =
        store.deadlines(&Tenant::trusted("0316"), &Reach::All, &filter, "2026-06-01".parse().unwrap(), "2026-06-08".parse().unwrap(), 100).await.unwrap();
    assert_eq!(whole.len(), 9);
    let mut read = Vec::new();
    let mut after = DeadlineKey::default();
    loop {
        let piece = store
            .deadlines_after(&Tenant::trusted("0316"), &Reach::All, &filter, "2026-06-01".parse().unwrap(), "2026-06-08".parse().unwrap(), &after, 2)
            .await
            .unwrap();
        let Some(last) = piece.last() else { break };
        after = DeadlineKey::of(&last.deadline);
        read.extend(piece.into_iter().map(|r| (r.deadline.due, r.deadline.person_id, r.deadline.rule_id)));
    }
    let mut expected: Vec<(calendar::Date, i64, String)> = whole.into_iter().map(|r| (r.deadline.due, r.deadline.person_id, r.deadline.rule_id)).collect();
    expected.sort();
    assert_eq!(read, expected, "every deadline once, by due date, person and rule");
});

on_both_databases!(stored_days_read_back_as_days_and_a_text_that_is_no_day_fails_the_read, |store: Store| async move {
    use samplan::store::deadlines::{DeadlineFilter, NewDeadline};
    tenant(&store, "0316").await;
    let t = Tenant::trusted("0316");
    let id = store.create_person(&t, "enc-a", "hash-a", &person("Amal", "Haddad", "1990-01-01", None)).await.unwrap();
    let met = NewDeadline { met_on: Some("2026-02-27".parse().unwrap()), ..deadline("contract.deadline", "2026-03-02") };
    store.replace_deadlines(&t, id, &[met, deadline("followup.interview", "2026-06-03")]).await.unwrap();
    let filter = DeadlineFilter { person_id: Some(id), ..Default::default() };
    let (today, soon): (calendar::Date, calendar::Date) = ("2026-06-01".parse().unwrap(), "2026-06-08".parse().unwrap());
    let read: Vec<_> =
        store.deadlines(&t, &Reach::All, &filter, today, soon, 10).await.unwrap().into_iter().map(|r| (r.deadline.due, r.deadline.met_on)).collect();
    let day = |s: &str| s.parse::<calendar::Date>().unwrap();
    assert_eq!(read, [(day("2026-03-02"), Some(day("2026-02-27"))), (day("2026-06-03"), None)]);
    // A stored text that is no day fails the read, naming the column, instead of being
    // read as a missing day.
    store.execute_raw("UPDATE person_deadline SET met_on = '27.02.2026' WHERE rule_id = 'contract.deadline'").await.unwrap();
    let refused = store.deadlines(&t, &Reach::All, &filter, today, soon, 10).await.unwrap_err().to_string();
    assert!(refused.contains("decoding column met_on"), "{refused}");
});
