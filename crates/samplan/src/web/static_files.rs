//! The static files (DKFDS, app.css, the offline home-visit scripts) embedded in the binary, so that a built
//! `samplan` serves its pages complete wherever it is installed, without the
//! source tree beside it. Debug builds read them from `static/` on disk.
use crate::web::extract::Path;
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use rust_embed::Embed;

/// The service worker of the offline home-visit page, whose scope lies outside `/static/`.
const SERVICE_WORKER: &str = "offline/sw.js";

#[derive(Embed)]
#[folder = "static/"]
struct Assets;

/// `GET /static/{*path}`: the file with its type and an ETag (its SHA-256), so a
/// browser revalidates with `If-None-Match` and gets 304 while it is unchanged.
pub async fn serve(Path(path): Path<String>, headers: HeaderMap) -> Response {
    let Some(file) = Assets::get(&path) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let hash: String = file.metadata.sha256_hash().iter().map(|b| format!("{b:02x}")).collect();
    let etag = HeaderValue::from_str(&format!("\"{hash}\"")).expect("hex is a valid header value");
    let cache = (header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    if headers.get(header::IF_NONE_MATCH) == Some(&etag) {
        return (StatusCode::NOT_MODIFIED, [(header::ETAG, etag), cache]).into_response();
    }
    let mime = HeaderValue::from_str(file.metadata.mimetype()).unwrap_or(HeaderValue::from_static("application/octet-stream"));
    let mut response = ([(header::CONTENT_TYPE, mime), (header::ETAG, etag), cache], file.data).into_response();
    if path == SERVICE_WORKER {
        // The home-visit service worker controls the offline page only (decision 180).
        response.headers_mut().insert(HeaderName::from_static("service-worker-allowed"), HeaderValue::from_static("/besoeg/offline"));
    }
    response
}
