//! The API keeps the contract its OpenAPI document states, on both databases: every
//! refused path parameter, query parameter and body is problem+json naming the
//! parameter or field in Danish (422), a body of another media type is 415, a body over
//! the limit 413, JSON that does not parse 400; a whole number written `5.0` is an
//! integer; and the document declares these answers on every operation, `limit` with its
//! range on every list, 404 on every `{…}` path.
mod common;

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
