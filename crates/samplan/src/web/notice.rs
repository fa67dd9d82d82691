//! The Danish confirmation shown after an action ("Gemt", "Godkendt", "Sendt"): the
//! handler answers its redirect through [`after`], which sets a short-lived cookie
//! naming the notice; the next page's frame ([`crate::web::pages::Chrome`]) shows it
//! once, and [`clear`] removes the cookie with that page. The cookie holds only a fixed
//! key, never text, so nothing typed can reach the page through it. The redirect carries
//! a fragment naming the changed row, so the browser returns to it.
use axum::extract::Request;
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};

/// The cookie's name.
pub const COOKIE: &str = "samplan_besked";

/// What was done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    /// A form was saved.
    Saved,
    /// Something was approved.
    Approved,
    /// A referral (or message) was sent.
    Sent,
    /// Something was deleted.
    Deleted,
    /// A referral was accepted by the receiving department.
    Received,
    /// A referral was declined.
    Declined,
    /// An approval was released.
    Released,
    /// A form was submitted unchanged: nothing was saved.
    Unchanged,
}

impl Notice {
    /// The cookie value.
    pub fn key(self) -> &'static str {
        match self {
            Notice::Saved => "gemt",
            Notice::Approved => "godkendt",
            Notice::Sent => "sendt",
            Notice::Deleted => "slettet",
            Notice::Received => "modtaget",
            Notice::Declined => "afvist",
            Notice::Released => "frigivet",
            Notice::Unchanged => "uaendret",
        }
    }

    /// The notice a cookie value names.
    pub fn from_key(key: &str) -> Option<Self> {
        [Self::Saved, Self::Approved, Self::Sent, Self::Deleted, Self::Received, Self::Declined, Self::Released, Self::Unchanged]
            .into_iter()
            .find(|n| n.key() == key)
    }

    /// The Danish message.
    pub fn text(self) -> &'static str {
        match self {
            Notice::Saved => "Gemt.",
            Notice::Approved => "Godkendt.",
            Notice::Sent => "Sendt.",
            Notice::Deleted => "Slettet.",
            Notice::Received => "Henvisningen er modtaget.",
            Notice::Declined => "Henvisningen er afvist.",
            Notice::Released => "Godkendelsen er frigivet igen.",
            Notice::Unchanged => "Intet var ændret, så der er ikke gemt noget nyt.",
        }
    }
}

/// A 303 redirect to `location` (with a `#fragment` naming the changed row) that shows
/// `notice` on the page it leads to.
pub fn after(notice: Notice, location: &str) -> Response {
    let mut response = Redirect::to(location).into_response();
    let cookie = format!("{COOKIE}={}; Path=/; HttpOnly; SameSite=Lax; Max-Age=120", notice.key());
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

/// The notice a request's cookies carry.
pub fn read(headers: &axum::http::HeaderMap) -> Option<Notice> {
    axum_extra::extract::cookie::CookieJar::from_headers(headers).get(COOKIE).and_then(|c| Notice::from_key(c.value()))
}

/// Middleware: once an HTML page has been answered to a request carrying a notice, the
/// notice is removed (unless the answer sets a new one). The notice cookie is `Secure`
/// whenever the session cookie is (the same setting: not demo mode over plain HTTP).
pub async fn clear(axum::extract::State(state): axum::extract::State<crate::app::AppState>, request: Request, next: Next) -> Response {
    let carried = read(request.headers()).is_some();
    let mut response = next.run(request).await;
    let html = response.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|v| v.starts_with("text/html"));
    let sets_own = response.headers().get_all(header::SET_COOKIE).iter().any(|v| v.to_str().is_ok_and(|v| v.starts_with(COOKIE)));
    if carried && html && !sets_own && !response.status().is_redirection() {
        response.headers_mut().append(header::SET_COOKIE, HeaderValue::from_static("samplan_besked=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0"));
    }
    if state.settings.secure_cookies {
        let own: Vec<HeaderValue> = response.headers().get_all(header::SET_COOKIE).iter().cloned().collect();
        if own.iter().any(|v| v.to_str().is_ok_and(|v| v.starts_with(COOKIE))) {
            response.headers_mut().remove(header::SET_COOKIE);
            for v in own {
                let secured = match v.to_str() {
                    Ok(text) if text.starts_with(COOKIE) && !text.contains("; Secure") => HeaderValue::from_str(&format!("{text}; Secure")).unwrap_or(v),
                    _ => v,
                };
                response.headers_mut().append(header::SET_COOKIE, secured);
            }
        }
    }
    response
}
