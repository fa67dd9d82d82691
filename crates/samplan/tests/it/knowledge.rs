//! The knowledge base "hvad virker" through the real router on both databases: the review
//! workflow with versions, roles and tenancy, Danish search with facets, comments that
//! notify the author municipality, attachments, recommendations in a family plan, audit,
//! and errors naming the field.
use crate::common;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use common::app::TestApp;
use samplan::domain::Role;
use samplan::store::Tenant;
use samplan::store::audit::AuditFilter;
use serde_json::{Value, json};

/// Holbæk (0316) writes; København (0101) reads; the secretariat reviews.
struct Fx {
    caseworker: String,
    manager: String,
    manager_id: i64,
    other: String,
    other_manager: String,
    secretariat: String,
}

async fn fixture(app: &TestApp) -> Fx {
    let caseworker = app.user("anna", Role::Caseworker, Some("0316")).await;
    let manager_id = app.user("lise", Role::Manager, Some("0316")).await;
    let other = app.user("bo", Role::Caseworker, Some("0101")).await;
    let other_manager = app.user("karen", Role::Manager, Some("0101")).await;
    let secretariat = app.user("sekr", Role::NationalSecretariat, None).await;
    Fx {
        caseworker: app.token(caseworker).await,
        manager: app.token(manager_id).await,
        manager_id,
        other: app.token(other).await,
        other_manager: app.token(other_manager).await,
        secretariat: app.token(secretariat).await,
    }
}

fn method(title: &str) -> Value {
    json!({
        "title": title,
        "summary": "Deltagerne lærer dansk på arbejdspladsen to formiddage om ugen sammen med en kollega som sprogmakker.",
        "target_group": "nyankomne", "life_area": "sprog", "theme": "danskkundskaber", "evidence_level": "lovende",
        "results": "42 deltog i 2025; 31 bestod modultest 3 inden for et år (74 %).",
        "contact": "Jobcenter Holbæk, sprogkonsulent"
    })
}

fn fields(reply: &common::app::Reply) -> Vec<String> {
    reply.json()["errors"].as_array().map(|a| a.iter().map(|e| e["field"].as_str().unwrap().to_string()).collect()).unwrap_or_default()
}

async fn search(app: &TestApp, token: &str, query: &str) -> Value {
    let r = app.api(Method::GET, &format!("/api/v1/knowledge/search?{query}"), token, None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r.json()
}

async fn review(app: &TestApp, f: &Fx, id: i64, version: i64, decision: &str, comment: &str) -> common::app::Reply {
    app.api(
        Method::POST,
        &format!("/api/v1/knowledge/methods/{id}/review"),
        &f.secretariat,
        Some(json!({"version": version, "decision": decision, "comment": comment})),
    )
    .await
}

async fn workflow_with_versions_roles_and_tenancy(app: TestApp) {
    let f = fixture(&app).await;
    // A caseworker writes a draft; nobody outside Holbæk sees it.
    let created = app.api(Method::POST, "/api/v1/knowledge/methods", &f.caseworker, Some(method("Sprogkursus på arbejdspladsen"))).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let id = created.json()["method_id"].as_i64().unwrap();
    let path = format!("/api/v1/knowledge/methods/{id}");
    for token in [&f.other, &f.secretariat] {
        assert_eq!(app.api(Method::GET, &path, token, None).await.status, StatusCode::NOT_FOUND, "a draft is the municipality's own");
    }
    // Only a manager submits.
    let by_caseworker = app.api(Method::POST, &format!("{path}/submit"), &f.caseworker, None).await;
    assert_eq!(by_caseworker.status, StatusCode::FORBIDDEN);
    let by_other_manager = app.api(Method::POST, &format!("{path}/submit"), &f.other_manager, None).await;
    assert_eq!(by_other_manager.status, StatusCode::NOT_FOUND, "another municipality's manager cannot even see the draft");
    assert_eq!(app.api(Method::POST, &format!("{path}/submit"), &f.manager, None).await.status, StatusCode::OK);
    // Submitted: fixed for the municipality, visible to the secretariat.
    let edit = app.api(Method::PUT, &path, &f.caseworker, Some(method("Ændret"))).await;
    assert_eq!(edit.status, StatusCode::CONFLICT, "{}", edit.body);
    let queue = app.api(Method::GET, "/api/v1/knowledge/review-queue", &f.secretariat, None).await.json();
    assert_eq!(queue.as_array().unwrap().len(), 1);
    assert_eq!(app.api(Method::GET, "/api/v1/knowledge/review-queue", &f.manager, None).await.status, StatusCode::FORBIDDEN);
    assert_eq!(review(&app, &f, id, 1, "approve", "").await.status, StatusCode::OK);
    let shown = app.api(Method::GET, &path, &f.other, None).await;
    assert_eq!(shown.status, StatusCode::OK, "published knowledge is read by every municipality");
    assert_eq!(shown.json()["published_version"], 1);
    assert_eq!(shown.json()["reviews"], json!([]), "reviews are for the author and the secretariat");
    // Danish stemming: the plural finds the singular.
    let hits = search(&app, &f.other, "q=sprogkurser").await;
    assert_eq!(hits["total"], 1);
    assert!(hits["hits"][0]["title_html"].as_str().unwrap().contains("<mark>Sprogkursus</mark>"), "{hits}");
    // Another municipality cannot change it or start a version of it.
    let foreign = app.api(Method::PUT, &path, &f.other, Some(method("Kapret"))).await;
    assert_eq!(foreign.status, StatusCode::FORBIDDEN, "{}", foreign.body);
    assert_eq!(app.api(Method::POST, &format!("{path}/versions"), &f.other, None).await.status, StatusCode::FORBIDDEN);
    // Published content cannot change; a new version goes through review again.
    assert_eq!(app.api(Method::PUT, &path, &f.caseworker, Some(method("Ændret"))).await.status, StatusCode::CONFLICT);
    let v2 = app.api(Method::POST, &format!("{path}/versions"), &f.caseworker, None).await;
    assert_eq!(v2.status, StatusCode::CREATED, "{}", v2.body);
    assert_eq!(v2.json()["version"], 2);
    let mut changed = method("Kollegaordning med sprogmakkere");
    changed["evidence_level"] = json!("dokumenteret_effekt");
    assert_eq!(app.api(Method::PUT, &path, &f.caseworker, Some(changed)).await.status, StatusCode::OK);
    assert_eq!(app.api(Method::POST, &format!("{path}/submit"), &f.manager, None).await.status, StatusCode::OK);
    // While version 2 is in review, everyone else still reads version 1.
    let other_view = app.api(Method::GET, &path, &f.other, None).await.json();
    assert_eq!(other_view["versions"].as_array().unwrap().len(), 1);
    assert_eq!(search(&app, &f.other, "q=kollegaordninger").await["total"], 0);
    // Asking for changes needs a comment naming what to change.
    let no_comment = review(&app, &f, id, 2, "request_changes", " ").await;
    assert_eq!(no_comment.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(fields(&no_comment), vec!["comment"]);
    let manager_reviews = app.api(Method::POST, &format!("{path}/review"), &f.manager, Some(json!({"version": 2, "decision": "approve"}))).await;
    assert_eq!(manager_reviews.status, StatusCode::FORBIDDEN);
    assert_eq!(review(&app, &f, id, 2, "request_changes", "Angiv antal deltagere pr. hold.").await.status, StatusCode::OK);
    assert_eq!(review(&app, &f, id, 2, "approve", "").await.status, StatusCode::CONFLICT, "only a submitted version is decided on");
    // The author municipality's manager was told.
    let notes = app.store.knowledge_notifications(f.manager_id, 10).await.unwrap();
    assert!(notes.iter().any(|n| n.message.contains("Angiv antal deltagere")), "{notes:?}");
    let mut fixed = method("Kollegaordning med sprogmakkere");
    fixed["results"] = json!("42 deltog på 6 hold af 7; 31 bestod modultest 3 inden for et år (74 %).");
    assert_eq!(app.api(Method::PUT, &path, &f.caseworker, Some(fixed)).await.status, StatusCode::OK);
    assert_eq!(app.api(Method::POST, &format!("{path}/submit"), &f.manager, None).await.status, StatusCode::OK);
    assert_eq!(review(&app, &f, id, 2, "approve", "Fint dokumenteret.").await.status, StatusCode::OK);
    // Version 2 is published and indexed in place of version 1, which is kept and viewable.
    let view = app.api(Method::GET, &path, &f.other, None).await.json();
    assert_eq!(view["published_version"], 2);
    let statuses: Vec<&str> = view["versions"].as_array().unwrap().iter().map(|v| v["status"].as_str().unwrap()).collect();
    assert_eq!(statuses, vec!["superseded", "published"]);
    assert_eq!(view["versions"][0]["title"], "Sprogkursus på arbejdspladsen");
    let found = search(&app, &f.other, "q=kollegaordninger").await;
    assert_eq!((found["total"].as_i64(), found["hits"][0]["version"].as_i64()), (Some(1), Some(2)));
    assert_eq!(search(&app, &f.other, "").await["total"], 1, "one document per method");
    // The database itself refuses to change a published version.
    let tamper = app.store.execute_raw(&format!("UPDATE knowledge_version SET title = 'x' WHERE method_id = {id} AND version = 1")).await;
    assert!(tamper.is_err(), "a superseded version's content is fixed");
    // Rejection needs a reason too.
    let v3 = app.api(Method::POST, &format!("{path}/versions"), &f.manager, None).await;
    assert_eq!(v3.status, StatusCode::CREATED);
    assert_eq!(app.api(Method::POST, &format!("{path}/versions"), &f.manager, None).await.status, StatusCode::CONFLICT, "one open version at a time");
    assert_eq!(app.api(Method::POST, &format!("{path}/submit"), &f.manager, None).await.status, StatusCode::OK);
    assert_eq!(fields(&review(&app, &f, id, 3, "reject", "").await), vec!["comment"]);
    assert_eq!(review(&app, &f, id, 3, "reject", "Ingen ændring i forhold til version 2.").await.status, StatusCode::OK);
    assert_eq!(app.api(Method::GET, &path, &f.other, None).await.json()["published_version"], 2, "a rejected version does not replace the published one");
    // Every change was audited.
    let log = app.store.audit_log(&Tenant::trusted("0316"), &AuditFilter { entity: Some("knowledge_method".into()), ..Default::default() }, 100).await.unwrap();
    let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
    for expected in ["create", "submit", "update"] {
        assert!(actions.contains(&expected), "{expected} in {actions:?}");
    }
}
on_both_apps!(workflow_with_versions_roles_and_tenancy);

async fn roles_and_bad_input_name_the_field(app: TestApp) {
    let f = fixture(&app).await;
    let staff = app.user("dorte", Role::DepartmentStaff, Some("0316")).await;
    let staff = app.token(staff).await;
    for token in [&staff, &f.secretariat] {
        let r = app.api(Method::POST, "/api/v1/knowledge/methods", token, Some(method("X"))).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    }
    let empty = app.api(Method::POST, "/api/v1/knowledge/methods", &f.caseworker, Some(json!({"title": "  ", "theme": "sport"}))).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    let named = fields(&empty);
    for field in ["title", "summary", "results", "contact", "target_group", "life_area", "theme", "evidence_level"] {
        assert!(named.contains(&field.to_string()), "{field} in {named:?}");
    }
    assert!(empty.body.contains("«sport» er ikke en gyldig værdi"), "{}", empty.body);
    let mut long = method(&"x".repeat(161));
    long["contact"] = json!("Jobcenter");
    assert_eq!(fields(&app.api(Method::POST, "/api/v1/knowledge/methods", &f.caseworker, Some(long)).await), vec!["title"]);
    let wrong_type = app.api(Method::POST, "/api/v1/knowledge/methods", &f.caseworker, Some(json!({"title": 5}))).await;
    assert_eq!(fields(&wrong_type), vec!["title"]);
    // Search parameters.
    for (query, field) in
        [("theme=sport", "theme"), ("limit=abc", "limit"), ("limit=0", "limit"), ("evidence_level=stærk", "evidence_level"), ("offset=-1", "offset")]
    {
        let r = app.api(Method::GET, &format!("/api/v1/knowledge/search?{query}"), &f.other, None).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{query}");
        assert_eq!(fields(&r), vec![field], "{query}");
    }
    // Nothing was stored by the refused requests.
    assert_eq!(search(&app, &f.other, "").await["total"], 0);
    assert!(app.store.municipality_methods(&Tenant::trusted("0316")).await.unwrap().is_empty());
    // Comments only on published methods, with a kind and a text.
    let id = app.api(Method::POST, "/api/v1/knowledge/methods", &f.caseworker, Some(method("Kladde"))).await.json()["method_id"].as_i64().unwrap();
    let on_draft =
        app.api(Method::POST, &format!("/api/v1/knowledge/methods/{id}/comments"), &f.caseworker, Some(json!({"kind": "comment", "body": "Hej"}))).await;
    assert_eq!(on_draft.status, StatusCode::CONFLICT);
    let bad = app.api(Method::POST, &format!("/api/v1/knowledge/methods/{id}/comments"), &f.caseworker, Some(json!({"kind": "ros", "body": ""}))).await;
    assert_eq!(fields(&bad), vec!["kind", "body"]);
}
on_both_apps!(roles_and_bad_input_name_the_field);

async fn publish(app: &TestApp, f: &Fx, body: Value) -> i64 {
    let id = app.api(Method::POST, "/api/v1/knowledge/methods", &f.caseworker, Some(body)).await.json()["method_id"].as_i64().unwrap();
    assert_eq!(app.api(Method::POST, &format!("/api/v1/knowledge/methods/{id}/submit"), &f.manager, None).await.status, StatusCode::OK);
    assert_eq!(review(app, f, id, 1, "approve", "").await.status, StatusCode::OK);
    id
}

async fn search_facets_and_comments(app: TestApp) {
    let f = fixture(&app).await;
    let mut women = method("Netværk for kvinde med lang ledighed");
    women["summary"] = json!("Hver kvinde får en mentor & mødes med andre <b>kvinder</b> hver uge.");
    women["target_group"] = json!("kvinder");
    women["life_area"] = json!("beskaeftigelse");
    women["theme"] = json!("helhedsorienteret_beskaeftigelse");
    women["evidence_level"] = json!("lokal_erfaring");
    let women = publish(&app, &f, women).await;
    publish(&app, &f, method("Sprogkursus med praktik")).await;
    // Stemming: "kvinder" finds "kvinde"; snippets are escaped HTML with marks.
    let hits = search(&app, &f.other, "q=kvinder").await;
    assert_eq!(hits["total"], 1);
    let snippet = hits["hits"][0]["snippet_html"].as_str().unwrap();
    assert!(snippet.contains("<mark>kvinde</mark>") && snippet.contains("&amp;") && snippet.contains("&lt;b&gt;"), "{snippet}");
    assert_eq!(hits["hits"][0]["facets"]["evidence_level"], "lokal_erfaring");
    // Facets count the matches; filters narrow them.
    let all = search(&app, &f.other, "").await;
    let themes = all["facets"]["theme"].as_array().unwrap();
    assert_eq!(themes.len(), 2);
    assert!(themes.iter().all(|t| t["count"] == 1 && !t["label"].as_str().unwrap().is_empty()));
    assert_eq!(search(&app, &f.other, "theme=danskkundskaber").await["total"], 1);
    assert_eq!(search(&app, &f.other, "q=kvinder&theme=danskkundskaber").await["total"], 0);
    // The search page shows the same, marked and escaped.
    let bo = app.login("bo").await;
    let page = app.get("/viden?q=kvinder", Some(&bo)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<mark>kvinde</mark>") && page.body.contains("&#60;b&#62;") && !page.body.contains("<b>"), "{}", page.body);
    assert!(page.body.contains("Lokal erfaring"));
    let bad = app.get("/viden?theme=sport", Some(&bo)).await;
    assert!(bad.body.contains("«sport» er ikke en gyldig værdi"), "the page names the bad filter");
    // Experience exchange: København asks; Holbæk's manager and author are told.
    let asked = app.post_form(&format!("/viden/{women}/kommentarer"), &bo, &[("kind", "question"), ("body", "Hvor mange mentorer havde I?")]).await;
    assert_eq!(asked.status, StatusCode::SEE_OTHER, "{}", asked.body);
    let empty = app.post_form(&format!("/viden/{women}/kommentarer"), &bo, &[("kind", "question"), ("body", "")]).await;
    assert_eq!(empty.status, StatusCode::OK);
    assert!(empty.body.contains("skal udfyldes"));
    let method_page = app.get(&format!("/viden/{women}"), Some(&bo)).await;
    assert_eq!(app.get(&format!("/viden/{women}/rediger"), Some(&bo)).await.status, StatusCode::FORBIDDEN, "only the author municipality sees the edit form");
    assert!(method_page.body.contains("Hvor mange mentorer havde I?") && method_page.body.contains("København Kommune"));
    let notes = app.store.knowledge_notifications(f.manager_id, 10).await.unwrap();
    assert!(notes.iter().any(|n| n.message.contains("Spørgsmål") && n.message.contains("Hvor mange mentorer")), "{notes:?}");
    let lise = app.login("lise").await;
    assert!(app.get("/viden/mine", Some(&lise)).await.body.contains("Hvor mange mentorer"));
    // A form without its CSRF token changes nothing.
    let forged = app.post_form(&format!("/viden/{women}/kommentarer"), &bo, &[("csrf", "forkert"), ("kind", "comment"), ("body", "Falsk")]).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    assert_eq!(app.store.method_comments(women).await.unwrap().len(), 1);
}
on_both_apps!(search_facets_and_comments);

async fn upload(app: &TestApp, token: &str, id: i64, name: &str, content_type: &str, body: &'static [u8]) -> common::app::Reply {
    let req = Request::post(format!("/api/v1/knowledge/methods/{id}/attachments?file_name={name}"))
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(header::CONTENT_TYPE, content_type)
        .body(Body::from(body))
        .unwrap();
    app.send(req).await
}

async fn attachments_are_checked_and_scoped(app: TestApp) {
    let f = fixture(&app).await;
    let id = app.api(Method::POST, "/api/v1/knowledge/methods", &f.caseworker, Some(method("Med bilag"))).await.json()["method_id"].as_i64().unwrap();
    let ok = upload(&app, &f.caseworker, id, "evaluering.pdf", "application/pdf", b"%PDF-1.7\n%%EOF\n").await;
    assert_eq!(ok.status, StatusCode::CREATED, "{}", ok.body);
    let attachment = ok.json().as_i64().unwrap();
    let fake = upload(&app, &f.caseworker, id, "rapport.pdf", "application/pdf", b"<html>ikke en pdf</html>").await;
    assert_eq!(fake.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(fields(&fake), vec!["file"]);
    let exe = upload(&app, &f.caseworker, id, "program.exe", "application/octet-stream", b"MZ\x90\x00").await;
    assert_eq!(fields(&exe), vec!["file"]);
    let mismatch = upload(&app, &f.caseworker, id, "tal.csv", "image/png", b"a;b\n1;2\n").await;
    assert_eq!(fields(&mismatch), vec!["file"]);
    assert_eq!(upload(&app, &f.other, id, "x.txt", "text/plain", b"hej").await.status, StatusCode::NOT_FOUND, "not another municipality's draft");
    let path = format!("/viden/{id}/bilag/{attachment}");
    let anna = app.login("anna").await;
    let download = app.get(&path, Some(&anna)).await;
    assert_eq!(download.status, StatusCode::OK);
    assert_eq!(download.headers[header::CONTENT_TYPE], "application/pdf");
    assert!(download.body.starts_with("%PDF-1.7"));
    let bo = app.login("bo").await;
    assert_eq!(app.get(&path, Some(&bo)).await.status, StatusCode::NOT_FOUND, "a draft's attachment stays in the municipality");
    // Once published, everyone may download it; no more files go on the published version.
    assert_eq!(app.api(Method::POST, &format!("/api/v1/knowledge/methods/{id}/submit"), &f.manager, None).await.status, StatusCode::OK);
    assert_eq!(review(&app, &f, id, 1, "approve", "").await.status, StatusCode::OK);
    assert_eq!(app.get(&path, Some(&bo)).await.status, StatusCode::OK);
    assert_eq!(upload(&app, &f.caseworker, id, "ny.txt", "text/plain", b"hej").await.status, StatusCode::CONFLICT);
    assert_eq!(app.store.method_attachments(id).await.unwrap().len(), 1);
}
on_both_apps!(attachments_are_checked_and_scoped);

async fn pages_create_submit_and_review(app: TestApp) {
    let _f = fixture(&app).await;
    let anna = app.login("anna").await;
    assert_eq!(app.get("/viden/ny", Some(&anna)).await.status, StatusCode::OK);
    let bad = app.post_form("/viden/ny", &anna, &[("title", "Cykelskole for kvinder"), ("theme", "")]).await;
    assert_eq!(bad.status, StatusCode::OK);
    assert!(bad.body.contains("Beskrivelsen blev ikke gemt") && bad.body.contains("value=\"Cykelskole for kvinder\""), "the form keeps what was typed");
    let good = [
        ("title", "Cykelskole for kvinder"),
        ("summary", "Frivillige fra cykelklubben lærer kvinder at cykle på ti lørdage."),
        ("target_group", "kvinder"),
        ("life_area", "faellesskab_og_fritid"),
        ("theme", "lokale_partnerskaber"),
        ("evidence_level", "lokal_erfaring"),
        ("results", "18 af 22 kvinder kunne cykle alene efter forløbet."),
        ("contact", "Holbæk Kommune, frivilligkoordinator"),
    ];
    let created = app.post_form("/viden/ny", &anna, &good).await;
    app.confirmed(&created, &anna, "Gemt.").await;
    let location = created.location().to_string();
    let id: i64 = location.trim_start_matches("/viden/").parse().unwrap();
    let page = app.get(&location, Some(&anna)).await;
    assert!(page.body.contains("Kladde") && !page.body.contains("Send til gennemgang"), "a caseworker cannot submit");
    assert_eq!(app.post_form(&format!("/viden/{id}/indsend"), &anna, &[]).await.status, StatusCode::FORBIDDEN);
    let lise = app.login("lise").await;
    assert!(app.get(&location, Some(&lise)).await.body.contains("Send til gennemgang"));
    app.confirmed(&app.post_form(&format!("/viden/{id}/indsend"), &lise, &[]).await, &lise, "Sendt.").await;
    let sekr = app.login("sekr").await;
    assert!(app.get("/viden/gennemgang", Some(&sekr)).await.body.contains("Cykelskole for kvinder"));
    let missing = app.post_form(&format!("/viden/{id}/afgoerelse"), &sekr, &[("version", "1"), ("decision", "reject"), ("comment", "")]).await;
    assert_eq!(missing.status, StatusCode::OK);
    assert!(missing.body.contains("skriv begrundelsen for afvisningen"));
    let approved = app.post_form(&format!("/viden/{id}/afgoerelse"), &sekr, &[("version", "1"), ("decision", "approve"), ("comment", "")]).await;
    app.confirmed(&approved, &sekr, "Godkendt.").await;
    let bo = app.login("bo").await;
    let search = app.get("/viden?q=cykelskoler", Some(&bo)).await;
    assert!(search.body.contains(&format!("href=\"/viden/{id}\"")), "{}", search.body);
    // Roles without a municipality or the review right are refused.
    assert_eq!(app.get("/viden/gennemgang", Some(&bo)).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.get("/viden/ny", Some(&sekr)).await.status, StatusCode::FORBIDDEN);
}
on_both_apps!(pages_create_submit_and_review);

async fn plan_goals_recommend_matching_methods(app: TestApp) {
    let f = fixture(&app).await;
    let coordinator = app.user("kim", Role::Coordinator, Some("0316")).await;
    let token = app.token(coordinator).await;
    let family =
        app.api(Method::POST, "/api/v1/families", &token, Some(json!({"name": "Familien Ahmadi", "postal_code": "4300"}))).await.json()["id"].as_i64().unwrap();
    let person = app
        .api(
            Method::POST,
            "/api/v1/persons",
            &token,
            Some(json!({"cpr": "150390-1234", "given_name": "Farah", "family_name": "Ahmadi", "sex": "female", "languages": "fa",
            "nationality": "Afghanistan", "arrival_date": "2025-02-01", "takeover_date": "2025-04-01", "residence_basis": "refugee", "family_id": family})),
        )
        .await;
    assert_eq!(person.status, StatusCode::CREATED, "{}", person.body);
    let person = person.json()["id"].as_i64().unwrap();
    let plan = json!({"coordinator_user_id": coordinator, "goals": [
        {"life_area": "sprog", "person_id": person, "text": "Farah består modul 3", "actions": []},
        {"life_area": "bolig", "text": "Permanent bolig", "actions": []}
    ]});
    let saved = app
        .api(Method::PUT, &format!("/api/v1/families/{family}/plan"), &token, Some(json!({"based_on_version": 0, "reason": "Første plan", "plan": plan})))
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    let fitting = publish(&app, &f, method("Sprogmakker i praktikken")).await;
    let mut young = method("Sprogcafé for unge mænd");
    young["target_group"] = json!("unge");
    publish(&app, &f, young).await;
    let mut other_area = method("Boligvejledning i grupper");
    other_area["life_area"] = json!("beskaeftigelse");
    publish(&app, &f, other_area).await;
    let kim = app.login("kim").await;
    let page = app.get(&format!("/familier/{family}/plan"), Some(&kim)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Hvad virker: metoder til dette mål"));
    assert!(page.body.contains(&format!("href=\"/viden/{fitting}\"")) && page.body.contains("Lovende praksis"), "{}", page.body);
    assert!(!page.body.contains("Sprogcafé for unge mænd"), "a 35-year-old is not in the target group of young people");
    assert!(!page.body.contains("Boligvejledning i grupper"), "another life area is not recommended");
}
on_both_apps!(plan_goals_recommend_matching_methods);
