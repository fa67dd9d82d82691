//! Working at national size without changing answers, on both databases: the demo's bulk
//! loading stores exactly the deadlines a recompute derives, one person at a time or many
//! at once, the coordinator's
//! set-based overview equals the family-by-family one, and audit events written by the
//! single writer from many concurrent requests are all committed before they answer.
use crate::common;

use samplan::app::{AppState, Settings};
use samplan::auth::Actor;
use samplan::domain::{MunicipalityCode, Role};
use samplan::store::Store;
use samplan::store::Tenant;
use samplan::store::access::Reach;
use samplan::store::audit::{AuditAction, AuditEntity};
use samplan::store::deadlines::DeadlineFilter;

/// The deadlines of a person as (rule, due, met on, progress) lines.
async fn deadlines_of(store: &Store, id: i64) -> Vec<String> {
    let filter = DeadlineFilter { person_id: Some(id), ..Default::default() };
    let rows = store.deadlines(&tenant(), &Reach::All, &filter, "2000-01-01".parse().unwrap(), "2000-01-08".parse().unwrap(), 100).await.unwrap();
    rows.into_iter()
        .map(|r| {
            format!(
                "{} v{} {} {:?} {:?}/{:?} {}",
                r.deadline.rule_id,
                r.deadline.rule_version,
                r.deadline.due,
                r.deadline.met_on,
                r.deadline.progress_done,
                r.deadline.progress_required,
                r.deadline.counts_from
            )
        })
        .collect()
}

const MUNICIPALITY: &str = "0316";

fn tenant() -> Tenant {
    Tenant::trusted(MUNICIPALITY)
}

async fn demo_state(store: Store) -> (AppState, Vec<i64>) {
    let code = MunicipalityCode::parse(MUNICIPALITY).unwrap();
    samplan::demo::ensure_users(&store, &code).await.unwrap();
    let today = chrono::Local::now().date_naive();
    let families = samplan::demo::generate(&code, 3, today, Some(400));
    let vault = common::vault();
    let summary = samplan::demo::store_families(&store, &vault, &code, &families, |_| {}).await.unwrap();
    assert_eq!(summary.persons, families.iter().map(|f| f.members.len()).sum::<usize>());
    samplan::demo::plans::store_plans(&store, &tenant(), today).await.unwrap();
    let ids = store.person_ids(&tenant()).await.unwrap();
    assert_eq!(ids.len(), summary.persons);
    let state = AppState::new(store, vault, Settings { demo: true, ..Settings::default() });
    (state, ids)
}

on_both_databases!(bulk_loading_stores_what_a_recompute_derives, |store: Store| async move {
    let (state, ids) = demo_state(store.clone()).await;
    let with = samplan::deadlines::municipality_rules(&store, &tenant()).await.unwrap();
    let mut with_deadlines = 0;
    for id in ids {
        let loaded = deadlines_of(&store, id).await;
        samplan::deadlines::recompute(&store, &tenant(), id, &with).await.unwrap();
        assert_eq!(loaded, deadlines_of(&store, id).await, "person {id}");
        with_deadlines += usize::from(!loaded.is_empty());
    }
    assert!(with_deadlines > 100, "the demo has deadlines ({with_deadlines})");
    // Recomputed all at once (facts read per group of persons), every person keeps
    // exactly their own deadlines.
    let ids = store.person_ids(&tenant()).await.unwrap();
    let mut one_by_one = Vec::new();
    for id in &ids {
        one_by_one.push(deadlines_of(&store, *id).await);
    }
    store.execute_raw("DELETE FROM person_deadline").await.unwrap();
    samplan::deadlines::recompute_many(&store, &tenant(), &ids, &with).await.unwrap();
    for (id, before) in ids.iter().zip(one_by_one) {
        assert_eq!(before, deadlines_of(&store, *id).await, "person {id}");
    }
    drop(state);
});

on_both_databases!(the_set_based_overview_equals_the_family_by_family_one, |store: Store| async move {
    let (state, _) = demo_state(store.clone()).await;
    let user = store.user_by_login("koordinator").await.unwrap().unwrap();
    let actor = Actor { user, role: Role::Coordinator, csrf: None, session_hash: None, notice: None };
    let fast = samplan::plans::overview::lines(&state, &actor).await.unwrap();
    let reference = samplan::plans::overview::lines_one_by_one(&state, &actor, samplan::store::overview::Coordinators::User(actor.user.id)).await.unwrap();
    assert!(fast.len() > 10, "the coordinator has families ({})", fast.len());
    assert!(fast.iter().any(|l| !l.conflicts.is_empty()), "some have conflicts");
    assert!(fast.iter().any(|l| !l.deadlines.is_empty()), "some have deadlines");
    assert_eq!(serde_json::to_value(&fast).unwrap(), serde_json::to_value(&reference).unwrap());
});

on_both_databases!(the_overview_in_windows_is_the_whole_overview_cut, |store: Store| async move {
    let (state, _) = demo_state(store.clone()).await;
    let user = store.user_by_login("koordinator").await.unwrap().unwrap();
    let actor = Actor { user, role: Role::Coordinator, csrf: None, session_hash: None, notice: None };
    let whole = samplan::plans::overview::lines(&state, &actor).await.unwrap();
    assert!(whole.len() > 20, "the coordinator has families ({})", whole.len());
    // Windows of 7: every family exactly once, in the same order and with the same
    // deadlines, contact and attendance as the whole list.
    let mut pieced = Vec::new();
    let mut start = 0;
    loop {
        let (window, total) = samplan::plans::overview::window(
            &state,
            &actor,
            samplan::store::overview::Coordinators::User(actor.user.id),
            samplan::plans::overview::Show::All,
            start,
            7,
        )
        .await
        .unwrap();
        assert_eq!(total, whole.len());
        if window.is_empty() {
            break;
        }
        assert!(window.len() <= 7);
        start += window.len();
        pieced.extend(window);
    }
    let ids: std::collections::BTreeSet<i64> = pieced.iter().map(|l| l.family_id).collect();
    assert_eq!(ids.len(), pieced.len(), "no family twice");
    assert_eq!(serde_json::to_value(&pieced).unwrap(), serde_json::to_value(&whole).unwrap());
});

on_both_databases!(kept_overview_weeks_follow_every_change_of_their_inputs, |store: Store| async move {
    let (state, _) = demo_state(store.clone()).await;
    let user = store.user_by_login("koordinator").await.unwrap().unwrap();
    let actor = Actor { user, role: Role::Coordinator, csrf: None, session_hash: None, notice: None };
    let who = samplan::store::overview::Coordinators::User(actor.user.id);
    let fresh = || samplan::plans::overview::lines_one_by_one(&state, &actor, who);
    let conflicts = |lines: &[samplan::plans::overview::FamilyLine]| serde_json::to_value(lines.iter().map(|l| &l.conflicts).collect::<Vec<_>>()).unwrap();
    let first = samplan::plans::overview::lines(&state, &actor).await.unwrap();
    assert_eq!(serde_json::to_value(&first).unwrap(), serde_json::to_value(fresh().await.unwrap()).unwrap());
    // The maximum weekly hours: every adult with a plan is now over it.
    store.set_max_weekly_hours(&tenant(), 1).await.unwrap();
    let lower = samplan::plans::overview::lines(&state, &actor).await.unwrap();
    assert_ne!(conflicts(&lower), conflicts(&first), "a lower maximum adds conflicts");
    assert_eq!(serde_json::to_value(&lower).unwrap(), serde_json::to_value(fresh().await.unwrap()).unwrap());
    store.set_max_weekly_hours(&tenant(), 48).await.unwrap();
    let again = samplan::plans::overview::lines(&state, &actor).await.unwrap();
    assert_eq!(conflicts(&again), conflicts(&first));
    // A change of the facts made outside samplan (the triggers raise the facts version):
    // a person with a conflict is renamed, and the conflict names them.
    let named = first.iter().flat_map(|l| &l.conflicts).next().expect("a conflict").person_id;
    store.execute_raw(&format!("UPDATE person SET given_name = 'Omdøbt' WHERE id = {named}")).await.unwrap();
    let renamed = samplan::plans::overview::lines(&state, &actor).await.unwrap();
    assert!(renamed.iter().flat_map(|l| &l.conflicts).any(|c| c.person_id == named && c.message.contains("Omdøbt")), "the new name is shown");
    assert_eq!(serde_json::to_value(&renamed).unwrap(), serde_json::to_value(fresh().await.unwrap()).unwrap());
});

on_both_databases!(concurrent_audit_events_are_all_committed_before_answering, |store: Store| async move {
    let state = AppState::new(store.clone(), common::vault(), Settings::default());
    let code = MunicipalityCode::parse(MUNICIPALITY).unwrap();
    samplan::demo::ensure_users(&store, &code).await.unwrap();
    let user = store.user_by_login("sagsbehandler").await.unwrap().unwrap();
    let actor = Actor { user, role: Role::Caseworker, csrf: None, session_hash: None, notice: None };
    let meta = samplan::auth::RequestMeta { request_id: "r".into(), remote_addr: "127.0.0.1".into() };
    let mut tasks = Vec::new();
    for i in 0..60i64 {
        let (state, actor, meta) = (state.clone(), actor.clone(), meta.clone());
        tasks.push(tokio::spawn(async move {
            let events = (0..(i % 3 + 1)).map(|k| meta.event(&actor, AuditAction::Read, AuditEntity::Person, Some(i * 10 + k), "samtidig læsning")).collect();
            samplan::auth::audit::record(&state, events).await.unwrap();
            // Answered: the events are in the log now.
            let filter = samplan::store::audit::AuditFilter { entity_id: Some((i * 10).to_string()), ..Default::default() };
            assert_eq!(state.store.audit_log(&tenant(), &filter, 10).await.unwrap().len(), 1);
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    let filter = samplan::store::audit::AuditFilter { action: Some("read".into()), ..Default::default() };
    let rows = store.audit_log(&tenant(), &filter, 1000).await.unwrap();
    assert_eq!(rows.len(), (0..60).map(|i| i % 3 + 1).sum::<i64>() as usize);
});

on_both_databases!(kept_indicator_figures_are_those_of_the_current_facts, |store: Store| async move {
    use samplan::goals::service;
    let (state, _) = demo_state(store.clone()).await;
    let codes = vec![MUNICIPALITY.to_string()];
    let month = service::last_complete_month();
    let fresh = |store: Store| async move {
        let persons = samplan::goals::records::records(&store.municipality_facts(&tenant()).await.unwrap());
        serde_json::to_value(service::goal_views(&persons, &[], month)).unwrap()
    };
    let first = serde_json::to_value(service::current_goal_views(&store, &tenant(), &[], month).await.unwrap()).unwrap();
    assert_eq!(first, fresh(store.clone()).await);
    let kept = serde_json::to_value(service::current_goal_views(&store, &tenant(), &[], month).await.unwrap()).unwrap();
    assert_eq!(kept, first, "unchanged facts give the kept figures");
    let before = store.facts_versions(&codes).await.unwrap();

    // More persons arrive (with past arrival dates): every figure is computed again.
    let code = MunicipalityCode::parse(MUNICIPALITY).unwrap();
    let today = chrono::Local::now().date_naive();
    let more = samplan::demo::generate(&code, 11, today, Some(300));
    samplan::demo::store_families(&store, &common::vault(), &code, &more, |_| {}).await.unwrap();
    let after = store.facts_versions(&codes).await.unwrap();
    assert!(after[0].1 > before[0].1, "the facts version rose: {before:?} → {after:?}");
    let now = serde_json::to_value(service::current_goal_views(&store, &tenant(), &[], month).await.unwrap()).unwrap();
    assert_ne!(now, first, "the new persons change some figure");
    assert_eq!(now, fresh(store.clone()).await);

    // A comparison likewise, and a change by hand in SQL is seen too.
    let indicator = service::indicator("indikator", "contract_in_time").unwrap();
    let compare = |store: Store| async move {
        serde_json::to_value(service::current_comparison(&store, indicator, &[MUNICIPALITY.to_string()], month, 1).await.unwrap()).unwrap()
    };
    compare(store.clone()).await;
    let before = store.facts_versions(&codes).await.unwrap();
    store.execute_raw("DELETE FROM person_event WHERE kind = 'contract_signed'").await.unwrap();
    assert!(store.facts_versions(&codes).await.unwrap()[0].1 > before[0].1);
    // Of the deadlines, only the integration contract's are an input.
    let before = store.facts_versions(&codes).await.unwrap();
    store.execute_raw("UPDATE person_deadline SET title = title WHERE rule_id <> 'contract.deadline'").await.unwrap();
    assert_eq!(store.facts_versions(&codes).await.unwrap(), before, "other deadlines are no input");
    store.execute_raw("UPDATE person_deadline SET title = title WHERE rule_id = 'contract.deadline'").await.unwrap();
    assert!(store.facts_versions(&codes).await.unwrap()[0].1 > before[0].1);
    let persons = samplan::goals::records::records(&store.municipality_facts(&tenant()).await.unwrap());
    assert_eq!(compare(store.clone()).await, serde_json::to_value(service::comparison(indicator, &persons, &[MUNICIPALITY.to_string()], month, 1)).unwrap());
    drop(state);
});

on_both_databases!(one_persons_reach_agrees_with_the_reach_of_lists, |store: Store| async move {
    let (state, ids) = demo_state(store.clone()).await;
    let today = chrono::Local::now().date_naive();
    samplan::demo::children::store_children(&store, &tenant(), today).await.unwrap();
    samplan::demo::danish_education::store_danish_education(&store, &tenant(), today).await.unwrap();
    samplan::demo::housing::store_housing(&store, &MunicipalityCode::parse(MUNICIPALITY).unwrap(), today).await.unwrap();
    let today = today.format("%Y-%m-%d").to_string();
    let mut reaches = vec![Reach::All, Reach::Linked { department: None, consent: Some("bolig".into()), housing: true, today: today.clone() }];
    for department in samplan::domain::DepartmentKind::ALL {
        let code = Some(department.code().to_string());
        reaches.push(Reach::Linked { department: code.clone(), consent: code, housing: false, today: today.clone() });
    }
    let mut reached_somewhere = 0;
    for reach in &reaches {
        // The list form (every reached person of the municipality at once) …
        let listed = store.person_names(&tenant(), reach, &ids).await.unwrap();
        // … and the single check, person by person, reach the same persons.
        let mut one_by_one = 0;
        for id in &ids {
            assert_eq!(store.reaches(&tenant(), reach, *id).await.unwrap(), listed.contains_key(id), "person {id}, {reach:?}");
            one_by_one += usize::from(listed.contains_key(id));
        }
        assert_eq!(one_by_one, listed.len());
        if !matches!(reach, Reach::All) && one_by_one > 0 {
            reached_somewhere += 1;
        }
    }
    // Most departments reach someone in the demo, so the comparison is not of empty sets.
    assert!(reached_somewhere >= 5, "departments reaching someone: {reached_somewhere}");
    drop(state);
});

on_both_databases!(a_first_load_with_indexes_built_after_ends_with_the_schema_it_began_with, |store: Store| async move {
    let sqlite = store.backend() == samplan::store::Backend::Sqlite;
    // The schema's indexes and triggers, by number and by the length of their statements.
    let schema = |store: Store| async move {
        if !sqlite {
            return (0, 0);
        }
        let count = store.scalar_raw("SELECT COUNT(*) FROM sqlite_schema WHERE type IN ('index', 'trigger')").await.unwrap();
        let length = store.scalar_raw("SELECT COALESCE(SUM(length(sql)), 0) FROM sqlite_schema").await.unwrap();
        (count, length)
    };
    let began = schema(store.clone()).await;
    assert!(!sqlite || began.0 > 20, "the migrated schema has its indexes: {began:?}");

    // A load that fails still leaves the schema whole.
    let failed = store.with_indexes_built_after(|| async { Err::<(), anyhow::Error>(anyhow::anyhow!("the load broke")) }).await;
    assert_eq!(failed.unwrap_err().to_string(), "the load broke");
    assert_eq!(schema(store.clone()).await, began);

    let code = MunicipalityCode::parse(MUNICIPALITY).unwrap();
    samplan::demo::ensure_users(&store, &code).await.unwrap();
    let families = samplan::demo::generate(&code, 5, chrono::Local::now().date_naive(), Some(300));
    let vault = common::vault();
    let summary = store.with_indexes_built_after(|| samplan::demo::store_families(&store, &vault, &code, &families, |_| {})).await.unwrap();
    assert_eq!(summary.persons, families.iter().map(|f| f.members.len()).sum::<usize>());
    assert_eq!(schema(store.clone()).await, began, "every index and trigger set aside is back");

    // The name search's index holds every loaded person, and persons added later too.
    let ids = store.person_ids(&tenant()).await.unwrap();
    let persons = store.persons_by_ids(&tenant(), &ids).await.unwrap();
    let more = samplan::demo::generate(&code, 6, chrono::Local::now().date_naive(), Some(30));
    store.with_indexes_built_after(|| samplan::demo::store_families(&store, &vault, &code, &more, |_| {})).await.unwrap();
    let later = store.persons_by_ids(&tenant(), &store.person_ids(&tenant()).await.unwrap()).await.unwrap();
    for p in [&persons[0], &persons[persons.len() / 2], later.last().unwrap()] {
        let part: String = p.family_name.to_lowercase().chars().take(4).collect();
        let query = samplan::store::persons::PersonQuery::Name(part.clone());
        let found = store.search_persons(&tenant(), &Reach::All, &query, 100_000).await.unwrap();
        let expected = later.iter().filter(|o| samplan::store::persons::search_name(&o.given_name, &o.family_name).contains(&part)).count();
        assert_eq!(found.len(), expected, "«{part}» finds every person whose name holds it");
        assert!(found.iter().any(|f| f.id == p.id), "«{part}» finds person {}", p.id);
    }
});
