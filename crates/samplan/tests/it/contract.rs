//! The API keeps the contract its OpenAPI document states, on both databases: every
//! refused path parameter, query parameter and body is problem+json naming the
//! parameter or field in Danish (422), a body of another media type is 415, a body over
//! the limit 413, JSON that does not parse 400; a whole number written `5.0` is an
//! integer; and the document declares these answers on every operation, `limit` with its
//! range on every list, 404 on every `{…}` path.
use crate::common;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use common::app::TestApp;
use samplan::domain::Role;
use serde_json::{Value, json};

fn is_problem(r: &common::app::Reply) -> bool {
    r.headers.get(header::CONTENT_TYPE).is_some_and(|v| v.to_str().unwrap().starts_with("application/problem+json"))
}

/// The first refused field and its reason.
fn refused(r: &common::app::Reply) -> (String, String) {
    let v = r.json();
    (v["errors"][0]["field"].as_str().unwrap_or_default().to_string(), v["errors"][0]["reason"].as_str().unwrap_or_default().to_string())
}

async fn refused_parameters_are_problems_naming_them(app: TestApp) {
    let id = app.user("anna", Role::Caseworker, Some("0316")).await;
    let token = app.token(id).await;
    for (method, path, field) in [
        // A path id beyond the 64-bit range, and one that is no number.
        (Method::GET, "/api/v1/persons/9223372036854775808", "id"),
        (Method::GET, "/api/v1/families/abc", "id"),
        (Method::DELETE, "/api/v1/persons/1/status/9223372036854775808", "period"),
        // A required query parameter missing, and one of the wrong type.
        (Method::GET, "/api/v1/families/1/plan/compare?from=1", "to"),
        (Method::GET, "/api/v1/fritidspas/budget?year=99999999999999999999", "year"),
        // Paging (decision 006).
        (Method::GET, "/api/v1/families?limit=0", "limit"),
        (Method::GET, "/api/v1/families?limit=501", "limit"),
        (Method::GET, "/api/v1/families?cursor=zz", "cursor"),
    ] {
        let r = app.api(method, path, &token, None).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{path}: {}", r.body);
        assert!(is_problem(&r), "{path}: {:?}", r.headers);
        let (name, reason) = refused(&r);
        assert_eq!(name, field, "{path}: {}", r.body);
        assert!(!reason.is_empty() && !reason.contains("Cannot parse") && !reason.contains("invalid"), "{path}: not Danish: {reason}");
    }
    // The largest id the document allows is simply not found.
    let r = app.api(Method::GET, "/api/v1/persons/9223372036854775807", &token, None).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    // The pages show the same refusal as a Danish page, not axum's text.
    let browser = app.login("anna").await;
    let r = app.get("/personer/abc", Some(&browser)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id: «abc» skal være et helt tal"), "{}", r.body);
}
on_both_apps!(refused_parameters_are_problems_naming_them);

async fn refused_bodies_say_why(app: TestApp) {
    let id = app.user("anna", Role::Caseworker, Some("0316")).await;
    let token = app.token(id).await;
    let send = |content_type: &'static str, body: Vec<u8>| {
        Request::post("/api/v1/families")
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .header(header::CONTENT_TYPE, content_type)
            .body(Body::from(body))
            .unwrap()
    };
    let r = app.send(send("text/plain", b"{\"name\": \"X\"}".to_vec())).await;
    assert_eq!(r.status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{}", r.body);
    assert!(is_problem(&r));
    let mut big = b"{\"name\": \"".to_vec();
    big.extend(std::iter::repeat_n(b'x', 3 * 1024 * 1024));
    big.extend(b"\"}");
    let r = app.send(send("application/json", big)).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", r.body);
    assert!(is_problem(&r));
    let r = app.send(send("application/json", b"{\"name\": ".to_vec())).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(is_problem(&r) && r.json()["detail"].as_str().unwrap().contains("ugyldig JSON"));
    // A field of the wrong type, and a missing one, named in Danish.
    let r = app.api(Method::POST, "/api/v1/families", &token, Some(json!({"name": 7}))).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused(&r), ("name".into(), "skal være tekst".into()));
    let r = app.api(Method::POST, "/api/v1/families", &token, Some(json!({}))).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused(&r), ("name".into(), "skal udfyldes".into()));
    // `5.0` is the integer 5.
    let family = app.api(Method::POST, "/api/v1/families", &token, Some(json!({"name": "Familien Haddad"}))).await;
    assert_eq!(family.status, StatusCode::CREATED, "{}", family.body);
    let family = family.json()["id"].as_i64().unwrap();
    let body = json!({"cpr": "010185-1001", "given_name": "Amal", "family_name": "Haddad", "sex": "female", "nationality": "Syrien",
        "languages": "ar", "residence_basis": "refugee", "family_id": family as f64, "family_role": "adult"});
    let r = app.api(Method::POST, "/api/v1/persons", &token, Some(body)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(r.json()["family_id"], family);
    // A goal id the plan never gave, at the top of the range, is refused (it overflowed
    // the next id before, and the connection was dropped without an answer).
    let plan = json!({"based_on_version": 0, "reason": "ny plan",
        "plan": {"education_orders": [], "goals": [{"id": i64::MAX, "life_area": "sprog", "person_id": 0, "text": "Dansk", "actions": []}]}});
    let r = app.api(Method::PUT, &format!("/api/v1/families/{family}/plan"), &token, Some(plan)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(refused(&r).0, "goals");
    // A coordinator who is no user of the municipality is refused at the field (the
    // foreign key answered 500 before); a user of another municipality too.
    let elsewhere = app.user("bo", Role::Coordinator, Some("0101")).await;
    for coordinator in [0, i64::MAX - 1, elsewhere] {
        let plan = json!({"based_on_version": 0, "reason": "ny plan", "plan": {"coordinator_user_id": coordinator, "education_orders": [], "goals": []}});
        let r = app.api(Method::PUT, &format!("/api/v1/families/{family}/plan"), &token, Some(plan)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{coordinator}: {}", r.body);
        assert_eq!(refused(&r).0, "coordinator_user_id");
    }
    let own = app.user("cecilie", Role::Coordinator, Some("0316")).await;
    let plan = json!({"based_on_version": 0, "reason": "ny plan", "plan": {"coordinator_user_id": own, "education_orders": [], "goals": []}});
    let r = app.api(Method::PUT, &format!("/api/v1/families/{family}/plan"), &token, Some(plan)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["plan"]["coordinator_user_id"], own);
}
on_both_apps!(refused_bodies_say_why);

/// One date reader for bodies, queries and page forms: years outside 1900–2200, and
/// texts such as `+99999-01-01` (which chrono's `%Y` reads), are refused naming the field.
async fn dates_outside_1900_to_2200_are_refused_everywhere(app: TestApp) {
    let id = app.user("anna", Role::Caseworker, Some("0316")).await;
    let token = app.token(id).await;
    let body = json!({"cpr": "010185-1001", "given_name": "Amal", "family_name": "Haddad", "sex": "female", "nationality": "Syrien",
        "languages": "ar", "residence_basis": "refugee", "family_role": "adult"});
    let r = app.api(Method::POST, "/api/v1/persons", &token, Some(body)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let person = r.json()["id"].as_i64().unwrap();
    let family = app.api(Method::POST, "/api/v1/families", &token, Some(json!({"name": "Familien Haddad"}))).await.json()["id"].as_i64().unwrap();
    for (raw, reason) in [
        ("+99999-01-01", "er ikke en dato"),
        ("+2026-01-01", "er ikke en dato"),
        ("1899-12-31", "uden for årene 1900–2200"),
        ("2201-01-01", "uden for årene 1900–2200"),
        ("01.01.2201", "uden for årene 1900–2200"),
    ] {
        // A JSON body.
        let r = app.api(Method::POST, &format!("/api/v1/persons/{person}/status"), &token, Some(json!({"kind": "work", "from": raw}))).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{raw}: {}", r.body);
        assert!(is_problem(&r));
        let (field, why) = refused(&r);
        assert_eq!(field, "from", "{raw}: {}", r.body);
        assert!(why.contains(reason) && why.contains(raw), "{raw}: {why}");
        // A query parameter (`+` written as %2B, or it would be a space).
        let query = raw.replace('+', "%2B");
        let r = app.api(Method::GET, &format!("/api/v1/families/{family}/plan?date={query}"), &token, None).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{raw}: {}", r.body);
        assert!(is_problem(&r));
        let (field, why) = refused(&r);
        assert_eq!(field, "date", "{raw}: {}", r.body);
        assert!(why.contains(reason), "{raw}: {why}");
    }
    // A page form: the person's status form is shown again with the reason at the field.
    let browser = app.login("anna").await;
    for (raw, reason) in [("+99999-01-01", "er ikke en dato"), ("2201-01-01", "uden for årene 1900–2200")] {
        let r = app.post_form(&format!("/personer/{person}/status"), &browser, &[("kind", "work"), ("from", raw)]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{raw}: {}", r.status);
        assert!(r.body.contains(reason) && r.body.contains(raw), "{raw}: the form does not say why");
    }
    // The bounds themselves are dates.
    for raw in ["1900-01-01", "2200-12-31"] {
        let r = app.api(Method::POST, &format!("/api/v1/persons/{person}/outcomes"), &token, Some(json!({"kind": "council_participation", "date": raw}))).await;
        assert!(!refused(&r).1.contains("uden for årene"), "{raw}: {}", r.body);
    }
}
on_both_apps!(dates_outside_1900_to_2200_are_refused_everywhere);

/// Every date the document names carries the bounds the server reads dates within, as a
/// pattern beside `format: date` (schemathesis draws dates from it, so a pattern wider
/// than the server's bounds fails the API contract run).
#[tokio::test]
async fn every_date_in_the_document_states_its_years() {
    fn walk(v: &Value, at: &str, dates: &mut Vec<(String, String)>) {
        match v {
            Value::Object(map) => {
                if map.get("format").and_then(Value::as_str) == Some("date") {
                    dates.push((at.to_string(), map.get("pattern").and_then(Value::as_str).unwrap_or_default().to_string()));
                }
                for (k, child) in map {
                    walk(child, &format!("{at}/{k}"), dates);
                }
            }
            Value::Array(items) => items.iter().enumerate().for_each(|(i, child)| walk(child, &format!("{at}/{i}"), dates)),
            _ => {}
        }
    }
    let app = TestApp::sqlite().await;
    let spec: Value = serde_json::from_str(&app.get("/api/openapi.json", None).await.body).unwrap();
    let mut dates = Vec::new();
    walk(&spec, "", &mut dates);
    assert!(dates.len() > 15, "{dates:?}");
    for (at, pattern) in &dates {
        assert_eq!(pattern, forms::date::ISO_PATTERN, "{at}");
    }
}

/// Who asks before what is asked (decision 003): a write whose caller may not touch the
/// record is refused for that (404 when they cannot read it, 403 when they can read but
/// not write), whatever the body; only a caller who may write sees the body refused.
async fn writes_check_the_caller_before_the_body(app: TestApp) {
    let own = app.user("anna", Role::Caseworker, Some("0316")).await;
    let own = app.token(own).await;
    let other = app.user("bo", Role::Caseworker, Some("0101")).await;
    let other = app.token(other).await;
    let manager = app.user("hanne", Role::Manager, Some("0316")).await;
    let manager = app.token(manager).await;
    let body = json!({"cpr": "010185-1001", "given_name": "Amal", "family_name": "Haddad", "sex": "female", "nationality": "Syrien",
        "languages": "ar", "residence_basis": "refugee", "family_role": "adult"});
    let person = app.api(Method::POST, "/api/v1/persons", &own, Some(body)).await.json()["id"].as_i64().unwrap();
    let period = app.api(Method::POST, &format!("/api/v1/persons/{person}/status"), &own, Some(json!({"kind": "work", "from": "2026-01-05"}))).await;
    assert_eq!(period.status, StatusCode::CREATED, "{}", period.body);
    let period = period.json()["id"].as_i64().unwrap();
    let not_a_body = json!("ikke et objekt");
    for (method, path) in [
        (Method::POST, format!("/api/v1/persons/{person}/status")),
        (Method::PATCH, format!("/api/v1/persons/{person}/status/{period}")),
        (Method::POST, format!("/api/v1/persons/{person}/outcomes")),
        (Method::POST, format!("/api/v1/persons/{person}/events")),
        (Method::POST, format!("/api/v1/persons/{person}/consents")),
        (Method::PUT, format!("/api/v1/persons/{person}")),
    ] {
        // Another municipality's caseworker cannot read the person: 404, not the body's 422.
        let r = app.api(method.clone(), &path, &other, Some(not_a_body.clone())).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{method} {path} by another municipality: {}", r.body);
        // A manager reads no person to write: 403.
        let r = app.api(method.clone(), &path, &manager, Some(not_a_body.clone())).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{method} {path} by a manager: {}", r.body);
        // The caseworker may write: now the body is read, and refused naming it.
        let r = app.api(method.clone(), &path, &own, Some(not_a_body.clone())).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{method} {path}: {}", r.body);
        assert_eq!(refused(&r), ("body".into(), "skal være et objekt".into()), "{method} {path}");
    }
    // A period that is not the person's is not found before the body is read.
    let r = app.api(Method::PATCH, &format!("/api/v1/persons/{person}/status/{}", period + 1000), &own, Some(not_a_body)).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
}
on_both_apps!(writes_check_the_caller_before_the_body);

/// Every operation of the document, with its path and method.
fn operations(spec: &Value) -> Vec<(String, String, Value)> {
    let mut all = Vec::new();
    for (path, item) in spec["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            all.push((path.clone(), method.clone(), op.clone()));
        }
    }
    all
}

#[tokio::test]
async fn the_document_declares_every_answer_the_extractors_give() {
    let app = TestApp::sqlite().await;
    let spec: Value = serde_json::from_str(&app.get("/api/openapi.json", None).await.body).unwrap();
    let ops = operations(&spec);
    assert!(ops.len() > 100, "{}", ops.len());
    for (path, method, op) in &ops {
        let declared = |status: &str| op["responses"].get(status).is_some();
        let problem = |status: &str| op["responses"][status]["content"].get("application/problem+json").is_some();
        for status in ["401", "403"] {
            assert!(declared(status) && problem(status), "{method} {path} does not declare {status} as problem+json");
        }
        if path.contains('{') {
            assert!(declared("404"), "{method} {path} has an id but no 404");
        }
        let params = op["parameters"].as_array().cloned().unwrap_or_default();
        if !params.is_empty() || op.get("requestBody").is_some() {
            assert!(declared("422"), "{method} {path} takes input but does not declare 422");
        }
        if op.get("requestBody").is_some() {
            for status in ["400", "413", "415"] {
                assert!(declared(status), "{method} {path} takes a body but does not declare {status}");
            }
        }
        // Every list answers pages: `limit` with its range, `cursor` and the `link` header.
        let ok = &op["responses"]["200"];
        let is_list = ok["content"]["application/json"]["schema"]["type"] == "array";
        if method == "get" && is_list {
            let limit = params.iter().find(|p| p["name"] == "limit").unwrap_or_else(|| panic!("GET {path} is a list without limit"));
            assert_eq!((limit["schema"]["minimum"].as_i64(), limit["schema"]["maximum"].as_i64()), (Some(1), Some(500)), "GET {path}");
            assert!(params.iter().any(|p| p["name"] == "cursor"), "GET {path} is a list without cursor");
            assert!(ok["headers"].get("link").is_some(), "GET {path} does not declare the link header");
        }
    }
}

/// Two schemas of the same name are one entry in the document, so one operation would
/// claim the other's shape: every `ToSchema` type has its own name (or `schema(as = …)`).
#[test]
fn every_schema_name_is_used_once() {
    fn walk(dir: &std::path::Path, files: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, files);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut files);
    let mut seen: std::collections::BTreeMap<String, String> = Default::default();
    let mut twice = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let lines: Vec<&str> = text.lines().map(str::trim).collect();
        for (i, line) in lines.iter().enumerate() {
            if !(line.starts_with("#[derive(") && line.contains("ToSchema")) {
                continue;
            }
            let mut alias = None;
            for next in &lines[i + 1..] {
                if let Some(rest) = next.strip_prefix("#[schema(as = ") {
                    alias = rest.split(')').next().map(|s| s.rsplit("::").next().unwrap().to_string());
                } else if let Some(rest) = next.strip_prefix("pub struct ").or_else(|| next.strip_prefix("pub enum ")) {
                    let name = alias.take().unwrap_or_else(|| rest.split(|c: char| !c.is_alphanumeric() && c != '_').next().unwrap().to_string());
                    let here = file.display().to_string();
                    if let Some(first) = seen.insert(name.clone(), here.clone()) {
                        twice.push(format!("{name}: {first} and {here}"));
                    }
                    break;
                } else if !next.starts_with("#[") && !next.starts_with("///") {
                    break;
                }
            }
        }
    }
    assert!(seen.len() > 100, "{}", seen.len());
    assert!(twice.is_empty(), "schema names used twice:\n{}", twice.join("\n"));
}

/// A CSV export that a client asks for compressed ends cleanly, also when it has no rows
/// (the compression layer polled the ended stream again, which panicked and dropped the
/// connection without an answer).
async fn a_compressed_csv_export_ends_cleanly(app: TestApp) {
    let id = app.user("anna", Role::Caseworker, Some("0316")).await;
    let token = app.token(id).await;
    for query in ["format=csv", "format=csv&department=sprogcenter&caseworker=0"] {
        let request = Request::get(format!("/api/v1/deadlines?{query}"))
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .header(header::ACCEPT_ENCODING, "gzip")
            .body(Body::empty())
            .unwrap();
        let r = app.send(request).await;
        assert_eq!(r.status, StatusCode::OK, "{query}");
        assert_eq!(r.headers.get(header::CONTENT_ENCODING).map(|v| v.to_str().unwrap()), Some("gzip"), "{query}");
    }
}
on_both_apps!(a_compressed_csv_export_ends_cleanly);

/// The schema of an operation's JSON body, its `$ref` resolved.
fn body_schema(spec: &Value, method: &str, path: &str) -> Value {
    let schema = &spec["paths"][path][method]["requestBody"]["content"]["application/json"]["schema"];
    resolve(spec, schema)
}

fn resolve(spec: &Value, schema: &Value) -> Value {
    match schema["$ref"].as_str() {
        Some(at) => spec["components"]["schemas"][at.rsplit('/').next().unwrap()].clone(),
        None => schema.clone(),
    }
}

fn required(schema: &Value) -> Vec<&str> {
    schema["required"].as_array().map(|r| r.iter().filter_map(Value::as_str).collect()).unwrap_or_default()
}

/// Where one input type serves two operations whose requirements differ, each operation
/// has its own schema, and the server enforces what each says: `cpr` is required to
/// create a person and absent from a change; an outcome's and an event's correction
/// require `reason`, adding one does not; a profile requires `hours_available` to save
/// while the answer shows it empty for a person without one.
async fn each_operation_has_the_schema_the_server_enforces(app: TestApp) {
    let spec: Value = serde_json::from_str(&app.get("/api/openapi.json", None).await.body).unwrap();
    let id = app.user("anna", Role::Caseworker, Some("0316")).await;
    let token = app.token(id).await;

    let create = body_schema(&spec, "post", "/api/v1/persons");
    let change = body_schema(&spec, "put", "/api/v1/persons/{id}");
    assert!(required(&create).contains(&"cpr"), "{create}");
    assert!(create["properties"]["cpr"]["pattern"].is_string(), "{create}");
    assert!(change["properties"].get("cpr").is_none() && !required(&change).contains(&"cpr"), "{change}");
    assert_eq!(change["additionalProperties"], false, "{change}");
    let person = json!({"given_name": "Amal", "family_name": "Haddad", "sex": "female", "nationality": "Syrien",
        "languages": "ar", "residence_basis": "refugee", "family_role": "adult"});
    let r = app.api(Method::POST, "/api/v1/persons", &token, Some(person.clone())).await;
    assert_eq!((r.status, refused(&r).0), (StatusCode::UNPROCESSABLE_ENTITY, "cpr".to_string()), "{}", r.body);
    // 31 February is no date: the pattern leaves it out and the server refuses it.
    let pattern = create["properties"]["cpr"]["pattern"].as_str().unwrap();
    assert!(!pattern.contains("(29|30)(0[1-9]") && pattern.contains("(29|30)(0[13-9]"), "{pattern}");
    let mut with_cpr = person.clone();
    with_cpr["cpr"] = json!("310285-1001");
    let r = app.api(Method::POST, "/api/v1/persons", &token, Some(with_cpr.clone())).await;
    assert_eq!((r.status, refused(&r).0), (StatusCode::UNPROCESSABLE_ENTITY, "cpr".to_string()), "{}", r.body);
    with_cpr["cpr"] = json!("280285-1001");
    let r = app.api(Method::POST, "/api/v1/persons", &token, Some(with_cpr.clone())).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let person_id = r.json()["id"].as_i64().unwrap();
    let r = app.api(Method::PUT, &format!("/api/v1/persons/{person_id}"), &token, Some(with_cpr)).await;
    assert_eq!((r.status, refused(&r).0), (StatusCode::UNPROCESSABLE_ENTITY, "cpr".to_string()), "{}", r.body);
    let r = app.api(Method::PUT, &format!("/api/v1/persons/{person_id}"), &token, Some(person)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);

    // Outcomes: adding needs no reason, correcting does.
    let add = body_schema(&spec, "post", "/api/v1/persons/{id}/outcomes");
    let correct = body_schema(&spec, "put", "/api/v1/persons/{id}/outcomes/{outcome}");
    assert!(!required(&add).contains(&"reason") && required(&correct).contains(&"reason"), "{add}\n{correct}");
    assert_eq!((correct["properties"]["reason"]["pattern"].as_str(), correct["properties"]["reason"]["maxLength"].as_i64()), (Some(r"\S"), Some(1000)));
    let outcome = json!({"kind": "council_participation", "date": "2026-01-05"});
    let r = app.api(Method::POST, &format!("/api/v1/persons/{person_id}/outcomes"), &token, Some(outcome)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let outcome_id = r.json()["id"].as_i64().unwrap();
    let r = app
        .api(
            Method::PUT,
            &format!("/api/v1/persons/{person_id}/outcomes/{outcome_id}"),
            &token,
            Some(json!({"kind": "council_participation", "date": "2026-01-06"})),
        )
        .await;
    assert_eq!((r.status, refused(&r).0), (StatusCode::UNPROCESSABLE_ENTITY, "reason".to_string()), "{}", r.body);

    // Case events: the kinds the server takes, a date, and a correction's reason.
    let new = body_schema(&spec, "post", "/api/v1/persons/{id}/events");
    let corrected = body_schema(&spec, "put", "/api/v1/persons/{id}/events/{event}");
    for schema in [&new, &corrected] {
        let kinds: Vec<&str> = schema["properties"]["kind"]["enum"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
        assert!(kinds.contains(&"contract_signed") && !kinds.iter().any(|k| k.contains("childcare")), "{kinds:?}");
        assert_eq!(schema["properties"]["date"]["format"], "date");
    }
    let mut wanted = required(&corrected);
    wanted.sort_unstable();
    assert_eq!(wanted, ["date", "kind", "reason"]);
    let r = app.api(Method::POST, &format!("/api/v1/persons/{person_id}/events"), &token, Some(json!({"kind": "sailing", "date": "2026-01-05"}))).await;
    assert_eq!((r.status, refused(&r).0), (StatusCode::UNPROCESSABLE_ENTITY, "kind".to_string()), "{}", r.body);

    // The employment profile: required to save, empty in the answer without one.
    let save = body_schema(&spec, "put", "/api/v1/persons/{id}/employment-profile");
    assert!(required(&save).contains(&"hours_available") && save["properties"]["hours_available"]["pattern"].is_string(), "{save}");
    let answer = resolve(&spec, &spec["paths"]["/api/v1/persons/{id}/employment-profile"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]);
    let shown = resolve(&spec, &answer["properties"]["profile"]);
    assert!(!required(&shown).contains(&"hours_available") && shown["properties"]["hours_available"].get("pattern").is_none(), "{shown}");
    let r = app.api(Method::GET, &format!("/api/v1/persons/{person_id}/employment-profile"), &token, None).await;
    assert_eq!((r.status, r.json()["profile"]["hours_available"].as_str()), (StatusCode::OK, Some("")), "{}", r.body);
    let r = app.api(Method::PUT, &format!("/api/v1/persons/{person_id}/employment-profile"), &token, Some(json!({"skills": "opvask"}))).await;
    assert_eq!((r.status, refused(&r).0), (StatusCode::UNPROCESSABLE_ENTITY, "hours_available".to_string()), "{}", r.body);
    let r = app.api(Method::PUT, &format!("/api/v1/persons/{person_id}/employment-profile"), &token, Some(json!({"hours_available": "60,0"}))).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
}
on_both_apps!(each_operation_has_the_schema_the_server_enforces);

/// What the schemas state besides: a report's period may be left empty (the last whole
/// quarter); the fritidspas amounts are required where the server has no default; a
/// rejected recommendation needs its reason and an overridden pair its reason; an
/// opening's status is `open` or `closed`; an organisation's e-mail has an `@`.
async fn schemas_state_the_server_rules(app: TestApp) {
    let spec: Value = serde_json::from_str(&app.get("/api/openapi.json", None).await.body).unwrap();
    let manager = app.user("hanne", Role::Manager, Some("0316")).await;
    let manager = app.token(manager).await;

    let params = spec["paths"]["/api/v1/reports/{id}"]["get"]["parameters"].as_array().unwrap();
    for name in ["from", "to"] {
        let p = params.iter().find(|p| p["name"] == name).unwrap();
        let alternatives = p["schema"]["anyOf"].as_array().unwrap_or_else(|| panic!("{p}"));
        assert!(alternatives.iter().any(|a| a["format"] == "date") && alternatives.iter().any(|a| a["pattern"] == r"^\s*$"), "{p}");
    }
    let id = app.api(Method::GET, "/api/v1/reports", &manager, None).await.json()[0]["id"].as_str().unwrap().to_string();
    let r = app.api(Method::GET, &format!("/api/v1/reports/{id}?from=&to="), &manager, None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);

    let settings = body_schema(&spec, "put", "/api/v1/fritidspas/settings");
    let mut wanted = required(&settings);
    wanted.sort_unstable();
    assert_eq!(wanted, ["income_limit", "max_fee", "yearly_budget"]);
    let r = app.api(Method::PUT, "/api/v1/fritidspas/settings", &manager, Some(json!({"max_fee": "1500", "yearly_budget": "50000"}))).await;
    assert_eq!((r.status, refused(&r).0), (StatusCode::UNPROCESSABLE_ENTITY, "income_limit".to_string()), "{}", r.body);
    let r = app
        .api(Method::PUT, "/api/v1/fritidspas/settings", &manager, Some(json!({"income_limit": "10000001", "max_fee": "1500", "yearly_budget": "50000"})))
        .await;
    assert_eq!((r.status, refused(&r).0), (StatusCode::UNPROCESSABLE_ENTITY, "income_limit".to_string()), "{}", r.body);
    let r = app
        .api(Method::PUT, "/api/v1/fritidspas/settings", &manager, Some(json!({"income_limit": "10000000", "max_fee": "100000", "yearly_budget": "0"})))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);

    // A value that requires another field: one case per value in `oneOf`.
    let case_of = |schema: &Value, field: &str, value: &str| -> Value {
        schema["oneOf"]
            .as_array()
            .unwrap_or_else(|| panic!("{schema}"))
            .iter()
            .find(|c| c["properties"][field]["enum"].as_array().unwrap().contains(&json!(value)))
            .unwrap()
            .clone()
    };
    let status = body_schema(&spec, "put", "/api/v1/council/recommendations/{id}/status");
    assert!(required(&case_of(&status, "status", "rejected")).contains(&"status_reason"), "{status}");
    assert_eq!(case_of(&status, "status", "rejected")["properties"]["status_reason"]["pattern"], r"\S");
    assert!(!required(&case_of(&status, "status", "done")).contains(&"status_reason"), "{status}");
    let meeting = json!({"held_on": "2026-03-12", "starts_at": "16:00", "place": "Rådhuset", "items": [{"title": "Beskæftigelse for kvinder"}]});
    let meeting = app.api(Method::POST, "/api/v1/council/meetings", &manager, Some(meeting)).await.json()["id"].to_string();
    let recommendation = json!({"meeting_id": meeting, "title": "Flere praktikpladser", "body": "Rådet anbefaler …", "department": "jobcenter", "status": "sent", "sent_on": "2026-03-20"});
    let r = app.api(Method::POST, "/api/v1/council/recommendations", &manager, Some(recommendation)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let recommendation = r.json()["id"].as_i64().unwrap();
    let path = format!("/api/v1/council/recommendations/{recommendation}/status");
    let r = app.api(Method::PUT, &path, &manager, Some(json!({"status": "rejected", "status_reason": " "}))).await;
    assert_eq!((r.status, refused(&r).0), (StatusCode::UNPROCESSABLE_ENTITY, "status_reason".to_string()), "{}", r.body);
    let r = app.api(Method::PUT, &path, &manager, Some(json!({"status": "done"}))).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let decision = body_schema(&spec, "post", "/api/v1/employment/pairs/{id}/decision");
    assert!(required(&case_of(&decision, "decision", "override")).contains(&"reason"), "{decision}");
    assert!(!required(&case_of(&decision, "decision", "accept")).contains(&"reason"), "{decision}");
    let childcare = body_schema(&spec, "put", "/api/v1/persons/{id}/childcare/profile");
    assert_eq!(childcare["properties"]["vaccination"]["pattern"], "^(unknown|following|partly|not_following)?$");

    let opening = body_schema(&spec, "post", "/api/v1/openings");
    assert_eq!(opening["properties"]["status"]["pattern"], "^(open|closed)?$");
    let organisation = body_schema(&spec, "post", "/api/v1/organisations");
    assert_eq!(organisation["properties"]["email"]["pattern"], r"^\s*$|@");
    assert_eq!(organisation["properties"]["cvr"]["pattern"], "^([1-9][0-9]{7})?$");
    let caseworker = app.user("anna", Role::Caseworker, Some("0316")).await;
    let caseworker = app.token(caseworker).await;
    let body = json!({"kind": "association", "name": "Idrætsforeningen", "email": "kontor.idraet.dk"});
    let r = app.api(Method::POST, "/api/v1/organisations", &caseworker, Some(body)).await;
    assert_eq!((r.status, refused(&r).0), (StatusCode::UNPROCESSABLE_ENTITY, "email".to_string()), "{}", r.body);
    let body = json!({"kind": "association", "name": "Idrætsforeningen", "email": "kontor@idraet.dk"});
    let r = app.api(Method::POST, "/api/v1/organisations", &caseworker, Some(body)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
}
on_both_apps!(schemas_state_the_server_rules);
