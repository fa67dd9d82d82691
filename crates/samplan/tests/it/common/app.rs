//! An in-process samplan for HTTP tests: requests go through the real router with
//! `oneshot`, from a fixed client address, with typed helpers for pages and the API.
use axum::Router;
use axum::body::Body;
use axum::extract::connect_info::MockConnectInfo;
use axum::http::{Method, Request, StatusCode, header};
use http_body_util::BodyExt;
use samplan::app::{AppState, Settings};
use samplan::auth::{password, random_token, token_hash};
use samplan::crypto::CprVault;
use samplan::domain::{MunicipalityCode, Role};
use samplan::store::Store;
use samplan::store::users::NewUser;
use samplan::web::router;
use std::net::SocketAddr;
use tower::ServiceExt;

/// The password of every test user.
pub const PASSWORD: &str = "en god lang adgangskode";

/// The app under test.
pub struct TestApp {
    /// Its store, for arranging data and checking effects.
    pub store: Store,
    /// Its CPR vault.
    pub vault: CprVault,
    /// The router, for serving it on a real socket.
    pub router: Router,
    _db: super::TestDb,
}

/// A response, read whole.
pub struct Reply {
    /// Status.
    pub status: StatusCode,
    /// Headers.
    pub headers: axum::http::HeaderMap,
    /// Body as text.
    pub body: String,
    /// Body as sent (PDFs and other binary answers).
    pub bytes: Vec<u8>,
}

impl Reply {
    /// The body as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    /// The Location header.
    pub fn location(&self) -> &str {
        self.headers.get(header::LOCATION).and_then(|v| v.to_str().ok()).unwrap_or("")
    }

    /// The value of a hidden `csrf` input in an HTML body.
    pub fn csrf(&self) -> String {
        let marker = "name=\"csrf\" value=\"";
        let start = self.body.find(marker).expect("page has a csrf field") + marker.len();
        self.body[start..].split('"').next().unwrap().to_string()
    }
}

/// A logged-in browser: its session cookie and CSRF token.
#[derive(Clone)]
pub struct Browser {
    /// `samplan_session=…`.
    pub cookie: String,
    /// The session's CSRF token.
    pub csrf: String,
}

impl TestApp {
    /// An app on a fresh SQLite database.
    pub async fn sqlite() -> Self {
        Self::on(super::sqlite().await, Settings::default())
    }

    /// An app on a fresh PostgreSQL database, when a server is available.
    pub async fn postgres() -> Option<Self> {
        Some(Self::on(super::postgres().await?, Settings::default()))
    }

    /// An app on `db` with `settings`.
    pub fn on(db: super::TestDb, settings: Settings) -> Self {
        let vault = super::vault();
        let store = db.store.clone();
        let state = AppState::new(store.clone(), vault.clone(), settings);
        let router = router(state).layer(MockConnectInfo(SocketAddr::from(([127, 0, 0, 1], 4711))));
        TestApp { store, vault, router, _db: db }
    }

    /// Creates a user with `PASSWORD` in a municipality (registered as a tenant).
    pub async fn user(&self, login: &str, role: Role, municipality: Option<&str>) -> i64 {
        self.staff(login, role, municipality, None).await
    }

    /// Creates a user with `PASSWORD` in a municipality and in the department of kind
    /// `department` (e.g. `dagtilbud_og_skole`) there.
    pub async fn staff(&self, login: &str, role: Role, municipality: Option<&str>, department: Option<&str>) -> i64 {
        let mut department_id = None;
        if let Some(code) = municipality {
            let departments = self.store.ensure_municipality(&MunicipalityCode::parse(code).unwrap()).await.unwrap();
            department_id = department.map(|k| departments.iter().find(|d| d.kind == k).expect("a department kind").id);
        }
        self.store
            .create_user(&NewUser {
                login: login.into(),
                display_name: login.into(),
                email: None,
                password_hash: Some(password::hash(PASSWORD)),
                municipality_code: municipality.map(str::to_string),
                department_id,
                role,
                demo_account: false,
            })
            .await
            .unwrap()
    }

    /// A personal API token for a user.
    pub async fn token(&self, user_id: i64) -> String {
        let token = random_token();
        self.store.create_api_token(user_id, &token_hash(&token)).await.unwrap();
        token
    }

    /// Sends a request.
    pub async fn send(&self, request: Request<Body>) -> Reply {
        let response = self.router.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        Reply { status, headers, body: String::from_utf8_lossy(&bytes).into_owned(), bytes: bytes.to_vec() }
    }

    /// GET a page as a browser (or anonymously).
    pub async fn get(&self, path: &str, who: Option<&Browser>) -> Reply {
        let mut req = Request::get(path);
        if let Some(b) = who {
            req = req.header(header::COOKIE, &b.cookie);
        }
        self.send(req.body(Body::empty()).unwrap()).await
    }

    /// POST a form as a browser; `csrf` is added unless the fields contain one.
    pub async fn post_form(&self, path: &str, who: &Browser, fields: &[(&str, &str)]) -> Reply {
        let mut pairs: Vec<(String, String)> = fields.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        if !fields.iter().any(|(k, _)| *k == "csrf") {
            pairs.push(("csrf".into(), who.csrf.clone()));
        }
        let body = serde_urlencoded(&pairs);
        let req = Request::post(path)
            .header(header::COOKIE, &who.cookie)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .unwrap();
        self.send(req).await
    }

    /// POST a multipart form (files and fields) as a browser; `csrf` is added unless
    /// the parts contain one. Each part: (name, file name if a file, content).
    pub async fn post_multipart(&self, path: &str, who: &Browser, parts: &[(&str, Option<&str>, &[u8])]) -> Reply {
        const BOUNDARY: &str = "----samplan-test-boundary";
        let mut body = Vec::new();
        let csrf = [("csrf", None, who.csrf.as_bytes())];
        let extra: &[(&str, Option<&str>, &[u8])] = if parts.iter().any(|(n, _, _)| *n == "csrf") { &[] } else { &csrf };
        for (name, file, content) in parts.iter().chain(extra) {
            body.extend_from_slice(format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"").as_bytes());
            if let Some(file) = file {
                body.extend_from_slice(format!("; filename=\"{file}\"\r\nContent-Type: text/csv").as_bytes());
            }
            body.extend_from_slice(b"\r\n\r\n");
            body.extend_from_slice(content);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
        let req = Request::post(path)
            .header(header::COOKIE, &who.cookie)
            .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={BOUNDARY}"))
            .body(Body::from(body))
            .unwrap();
        self.send(req).await
    }

    /// Logs in through the login form; returns the browser, or the failed reply.
    pub async fn try_login(&self, login: &str, password: &str) -> Result<Browser, Reply> {
        let form = self.get("/login", None).await;
        let csrf_cookie = form
            .headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|c| c.starts_with("samplan_login_csrf="))
            .map(|c| c.split(';').next().unwrap().to_string())
            .expect("login form sets its csrf cookie");
        let body = serde_urlencoded(&[("login".into(), login.into()), ("password".into(), password.into()), ("csrf".into(), form.csrf())]);
        let reply = self
            .send(
                Request::post("/login")
                    .header(header::COOKIE, &csrf_cookie)
                    .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                    .body(Body::from(body))
                    .unwrap(),
            )
            .await;
        if reply.status != StatusCode::SEE_OTHER {
            return Err(reply);
        }
        let session = reply
            .headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|c| c.starts_with("samplan_session="))
            .expect("login sets the session cookie")
            .to_string();
        let cookie = session.split(';').next().unwrap().to_string();
        let who = Browser { cookie: cookie.clone(), csrf: String::new() };
        let mut home = self.get("/", Some(&who)).await;
        if home.status == StatusCode::SEE_OTHER {
            // A citizen's front page is elsewhere.
            home = self.get(home.location(), Some(&who)).await;
        }
        Ok(Browser { cookie, csrf: home.csrf() })
    }

    /// Logs in and panics on failure.
    pub async fn login(&self, login: &str) -> Browser {
        match self.try_login(login, PASSWORD).await {
            Ok(b) => b,
            Err(r) => panic!("login of {login} failed: {} {}", r.status, r.body),
        }
    }

    /// Follows a form's redirect as the browser does after a save: the answer must be a
    /// 303 that sets the confirmation cookie; the page it leads to must show `text` in
    /// the confirmation and hold the element the `#fragment` names (the changed row).
    /// Returns that page.
    pub async fn confirmed(&self, r: &Reply, who: &Browser, text: &str) -> Reply {
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let key = r
            .headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find_map(|v| v.strip_prefix("samplan_besked="))
            .map(|v| v.split(';').next().unwrap_or("").to_string())
            .unwrap_or_else(|| panic!("no confirmation after the redirect to {}", r.location()));
        let (path, fragment) = r.location().split_once('#').map_or((r.location(), None), |(p, f)| (p, Some(f)));
        let carrying = Browser { cookie: format!("{}; samplan_besked={key}", who.cookie), csrf: who.csrf.clone() };
        let page = self.get(path, Some(&carrying)).await;
        assert_eq!(page.status, StatusCode::OK, "{path}: {}", page.body);
        let shown = page.body.split("id=\"besked\"").nth(1).map(|rest| rest.split("</div></div>").next().unwrap_or(""));
        assert!(shown.is_some_and(|s| s.contains(text)), "«{text}» is not confirmed on {path}: {}", page.body);
        if let Some(id) = fragment {
            assert!(page.body.contains(&format!("id=\"{id}\"")), "{path} has no element #{id} to return to: {}", page.body);
        }
        page
    }

    /// An API call with a bearer token and an optional JSON body.
    pub async fn api(&self, method: Method, path: &str, token: &str, body: Option<serde_json::Value>) -> Reply {
        let req = Request::builder().method(method).uri(path).header(header::AUTHORIZATION, format!("Bearer {token}"));
        let req = match body {
            Some(b) => req.header(header::CONTENT_TYPE, "application/json").body(Body::from(b.to_string())),
            None => req.body(Body::empty()),
        };
        self.send(req.unwrap()).await
    }
}

fn serde_urlencoded(pairs: &[(String, String)]) -> String {
    url::form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs).finish()
}

/// The fields the form posting to `action` would submit as it stands in `html`: every
/// named input with its value (checkboxes and radios only when checked), every select's
/// selected option (or its first), every textarea's text — what a browser sends when
/// the user changes nothing and presses the first submit button.
pub fn form_fields(html: &str, action: &str) -> Vec<(String, String)> {
    let start = html.find(&format!("action=\"{action}\"")).unwrap_or_else(|| panic!("no form posting to {action}"));
    let form = &html[start..start + html[start..].find("</form>").expect("the form ends")];
    let attr = |tag: &str, name: &str| -> Option<String> {
        let marker = format!(" {name}=\"");
        let at = tag.find(&marker)? + marker.len();
        Some(unescape(&tag[at..at + tag[at..].find('"')?]))
    };
    let mut fields = Vec::new();
    let mut rest = form;
    while let Some(open) = rest.find('<') {
        rest = &rest[open..];
        let end = rest.find('>').expect("tags close");
        let tag = &rest[..=end];
        let kind = tag[1..].split([' ', '>']).next().unwrap_or("");
        match kind {
            "input" => {
                let typ = attr(tag, "type").unwrap_or_else(|| "text".into());
                if let Some(name) = attr(tag, "name")
                    && !matches!(typ.as_str(), "submit" | "button")
                    && (!matches!(typ.as_str(), "checkbox" | "radio") || tag.contains(" checked"))
                {
                    fields.push((name, attr(tag, "value").unwrap_or_default()));
                }
            }
            "select" => {
                let close = rest.find("</select>").expect("selects close");
                let inner = &rest[..close];
                let options: Vec<&str> = inner.split("<option").skip(1).collect();
                let chosen = options.iter().find(|o| o.split('>').next().unwrap_or("").contains(" selected")).or(options.first());
                if let (Some(name), Some(option)) = (attr(tag, "name"), chosen) {
                    let value = attr(option.split('>').next().unwrap_or(""), "value").unwrap_or_default();
                    fields.push((name, value));
                }
                rest = &rest[close..];
            }
            "textarea" => {
                let close = rest.find("</textarea>").expect("textareas close");
                if let Some(name) = attr(tag, "name") {
                    fields.push((name, unescape(&rest[end + 1..close])));
                }
                rest = &rest[close..];
            }
            _ => {}
        }
        rest = &rest[1..];
    }
    fields
}

fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"").replace("&#x27;", "'").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
}
