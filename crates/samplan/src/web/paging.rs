//! Pagination of every list in the API (decision 006): `?limit=` (1–[`MAX_LIMIT`], default
//! [`DEFAULT_LIMIT`]) and an opaque `?cursor=` taken from the previous answer's
//! `Link: <…>; rel="next"` header. The body stays the plain JSON array of the page, so a
//! client that reads only the first page needs nothing new; the last page has no `next`
//! link. Bad values answer problem+json naming `limit` or `cursor`.
//!
//! A handler takes [`Paging`] as an extractor, asks its store function for
//! [`Paging::fetch`] rows from [`Paging::offset`] (one more than the page, to know if
//! another page follows) and answers [`Paging::page`]; a list already built in memory
//! is cut with [`Paging::slice`]. HTML pages use [`PageNav`] for "Forrige/Næste side".
use crate::domain::FieldError;
use crate::error::ApiError;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

/// Rows in a page when the client does not say.
pub const DEFAULT_LIMIT: usize = 100;
/// The most rows a client may ask for in one page.
pub const MAX_LIMIT: usize = 500;

/// The query parameters of a paged list, for the OpenAPI document (the values are read
/// by [`Paging`]).
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// Rows per page, 1–500 (default 100).
    #[param(minimum = 1, maximum = 500, default = 100)]
    pub limit: Option<u32>,
    /// Where the page starts: the `cursor` of the previous answer's `Link: <…>; rel="next"` header.
    #[param(pattern = r"^[ok][0-9]{1,18}$")]
    pub cursor: Option<String>,
}

/// Which page of a list a request asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paging {
    /// Rows per page.
    pub limit: usize,
    /// Rows before the page (offset cursors).
    start: usize,
    /// The key the page starts after (key cursors, for lists that grow at the front).
    after: Option<i64>,
    /// The request's path and its query without `cursor`, for the `next` link.
    base: String,
}

impl Paging {
    /// Parses `limit` and `cursor` from a query string (`None`: no query).
    pub fn parse(path: &str, query: Option<&str>) -> Result<Self, Vec<FieldError>> {
        let mut limit = DEFAULT_LIMIT;
        let mut start = 0;
        let mut after = None;
        let mut errors = Vec::new();
        let mut kept = url::form_urlencoded::Serializer::new(String::new());
        for (key, value) in url::form_urlencoded::parse(query.unwrap_or_default().as_bytes()) {
            match key.as_ref() {
                "limit" => match value.trim().parse::<usize>() {
                    Ok(n) if (1..=MAX_LIMIT).contains(&n) => limit = n,
                    _ => errors.push(FieldError::new("limit", format!("«{value}» skal være et helt tal fra 1 til {MAX_LIMIT}"))),
                },
                "cursor" => match decode_cursor(&value) {
                    Some(Cursor::Offset(n)) => start = n,
                    Some(Cursor::After(key)) => after = Some(key),
                    None => errors.push(FieldError::new("cursor", "er ikke en gyldig markør; brug linket «next» fra forrige svar")),
                },
                _ => {}
            }
            if key != "cursor" && key != "limit" {
                kept.append_pair(&key, &value);
            }
        }
        kept.append_pair("limit", &limit.to_string());
        if errors.is_empty() { Ok(Paging { limit, start, after, base: format!("{path}?{}", kept.finish()) }) } else { Err(errors) }
    }

    /// The first page of `limit` rows (for lists read inside the server).
    pub fn first(limit: usize) -> Self {
        Paging { limit: limit.clamp(1, MAX_LIMIT), start: 0, after: None, base: String::new() }
    }

    /// Rows to skip in the query.
    pub fn offset(&self) -> i64 {
        self.start as i64
    }

    /// For a list paged by key: the key the page starts after (`None`: the first page).
    pub fn after(&self) -> Option<i64> {
        self.after
    }

    /// Rows to fetch: one more than the page, to know whether another page follows.
    pub fn fetch(&self) -> i64 {
        self.limit as i64 + 1
    }

    /// The page from rows fetched with [`Paging::offset`] and [`Paging::fetch`].
    pub fn page<T>(&self, mut rows: Vec<T>) -> Page<T> {
        let more = rows.len() > self.limit;
        rows.truncate(self.limit);
        Page { next: more.then(|| self.next_link()), items: rows }
    }

    /// The page cut from a whole list built in memory.
    pub fn slice<T>(&self, mut all: Vec<T>) -> Page<T> {
        let more = all.len() > self.start + self.limit;
        let items: Vec<T> = all.drain(self.start.min(all.len())..).take(self.limit).collect();
        Page { next: more.then(|| self.next_link()), items }
    }

    /// The page from the window `[offset, offset + limit)` of a list of `total` rows
    /// (built in memory a window at a time).
    pub fn slice_of<T>(&self, mut window: Vec<T>, total: usize) -> Page<T> {
        window.truncate(self.limit);
        Page { next: (total > self.start + self.limit).then(|| self.next_link()), items: window }
    }

    /// The page from rows fetched in the order of a unique `key` after [`Paging::after`]
    /// (for lists that grow while they are read, such as the audit log: new rows do not
    /// shift later pages).
    pub fn page_by_key<T>(&self, mut rows: Vec<T>, key: impl Fn(&T) -> i64) -> Page<T> {
        let more = rows.len() > self.limit;
        rows.truncate(self.limit);
        let next = rows.last().filter(|_| more).map(|last| format!("{}&cursor={}", self.base, encode_cursor(Cursor::After(key(last)))));
        Page { next, items: rows }
    }

    fn next_link(&self) -> String {
        format!("{}&cursor={}", self.base, encode_cursor(Cursor::Offset(self.start + self.limit)))
    }
}

/// Where a page starts. Cursors are opaque to clients (they take them from the `next`
/// link); a letter says the kind: `o120` after 120 rows, `k5531` after the row with key 5531.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cursor {
    /// After this many rows.
    Offset(usize),
    /// After the row with this key.
    After(i64),
}

fn encode_cursor(cursor: Cursor) -> String {
    match cursor {
        Cursor::Offset(n) => format!("o{n}"),
        Cursor::After(key) => format!("k{key}"),
    }
}

/// Reads a cursor of the shape the OpenAPI document declares (`^[ok][0-9]{1,18}$`), so
/// that every cursor the schema allows is accepted.
fn decode_cursor(raw: &str) -> Option<Cursor> {
    let raw = raw.trim();
    let digits = raw.get(1..).filter(|d| (1..=18).contains(&d.len()) && d.bytes().all(|b| b.is_ascii_digit()))?;
    match raw.as_bytes()[0] {
        b'o' => digits.parse().ok().map(Cursor::Offset),
        b'k' => digits.parse().ok().map(Cursor::After),
        _ => None,
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Paging {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, ApiError> {
        Paging::parse(parts.uri.path(), parts.uri.query()).map_err(|e| ApiError(crate::error::AppError::Invalid(e)))
    }
}

/// One page of a list: answered as the JSON array of its rows, with a
/// `Link: <…>; rel="next"` header when another page follows.
#[derive(Debug)]
pub struct Page<T> {
    /// The rows of this page.
    pub items: Vec<T>,
    /// The link to the next page, if any.
    pub next: Option<String>,
}

impl<T> Page<T> {
    /// The same page with each row changed.
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page { items: self.items.into_iter().map(f).collect(), next: self.next }
    }
}

impl<T: serde::Serialize> IntoResponse for Page<T> {
    fn into_response(self) -> Response {
        let mut response = axum::Json(self.items).into_response();
        if let Some(next) = self.next
            && let Ok(value) = HeaderValue::from_str(&format!("<{next}>; rel=\"next\""))
        {
            response.headers_mut().insert(header::LINK, value);
        }
        response
    }
}

/// "Forrige side / Næste side" of an HTML list: page numbers from 1 in `?side=`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageNav {
    /// This page, from 1.
    pub page: usize,
    /// Rows per page.
    pub per_page: usize,
    /// Whether a next page exists (known after fetching).
    pub has_next: bool,
}

impl PageNav {
    /// Page `side` (missing, 0 or not a number: the first page).
    pub fn new(side: Option<&str>, per_page: usize) -> Self {
        let page = side.and_then(|s| s.trim().parse::<usize>().ok()).filter(|p| *p >= 1).unwrap_or(1);
        PageNav { page, per_page, has_next: false }
    }

    /// Rows to skip.
    pub fn offset(&self) -> i64 {
        ((self.page - 1) * self.per_page) as i64
    }

    /// Rows to fetch (one more than shown, to know whether a next page exists).
    pub fn fetch(&self) -> i64 {
        self.per_page as i64 + 1
    }

    /// Keeps one page of `rows` fetched with [`PageNav::offset`]/[`PageNav::fetch`].
    pub fn take<T>(&mut self, mut rows: Vec<T>) -> Vec<T> {
        self.has_next = rows.len() > self.per_page;
        rows.truncate(self.per_page);
        rows
    }

    /// Keeps one page of a whole list built in memory.
    pub fn cut<T>(&mut self, all: Vec<T>) -> Vec<T> {
        let start = (self.page - 1) * self.per_page;
        self.has_next = all.len() > start + self.per_page;
        all.into_iter().skip(start).take(self.per_page).collect()
    }

    /// Keeps one page from the window of a list of `total` rows that starts at
    /// [`PageNav::offset`].
    pub fn cut_of<T>(&mut self, mut window: Vec<T>, total: usize) -> Vec<T> {
        self.has_next = total > self.offset() as usize + self.per_page;
        window.truncate(self.per_page);
        window
    }

    /// The previous page's number, if any.
    pub fn previous(&self) -> Option<usize> {
        (self.page > 1).then(|| self.page - 1)
    }

    /// The next page's number, if any.
    pub fn next(&self) -> Option<usize> {
        self.has_next.then(|| self.page + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_next_link_keeps_the_filters_and_moves_the_cursor() {
        let p = Paging::parse("/api/v1/deadlines", Some("status=open&limit=2")).unwrap();
        let page = p.page(vec![1, 2, 3]);
        assert_eq!(page.items, vec![1, 2]);
        let next = page.next.unwrap();
        let (path, query) = next.split_once('?').unwrap();
        let q = Paging::parse(path, Some(query)).unwrap();
        assert_eq!((q.limit, q.offset()), (2, 2));
        assert!(query.starts_with("status=open&limit=2&cursor="));
        assert_eq!(q.page(vec![3]).next, None);
    }

    #[test]
    fn bad_values_name_their_field() {
        for (query, field) in [
            ("limit=0", "limit"),
            ("limit=501", "limit"),
            ("limit=x", "limit"),
            ("cursor=abc", "cursor"),
            ("cursor=o", "cursor"),
            ("cursor=o1234567890123456789", "cursor"),
        ] {
            let errors = Paging::parse("/x", Some(query)).unwrap_err();
            assert_eq!(errors[0].field.to_string(), field, "{query}");
        }
        assert_eq!(Paging::parse("/x", None).unwrap().limit, DEFAULT_LIMIT);
        // Every cursor of the declared shape is accepted, the largest too.
        for cursor in ["o0", "k1", "o999999999999999999", "k999999999999999999"] {
            assert!(Paging::parse("/x", Some(&format!("cursor={cursor}"))).is_ok(), "{cursor}");
        }
    }

    #[test]
    fn slicing_a_list_gives_every_row_once() {
        let all: Vec<u32> = (0..7).collect();
        let mut seen = Vec::new();
        let mut query = Some("limit=3".to_string());
        while let Some(q) = query {
            let page = Paging::parse("/x", Some(&q)).unwrap().slice(all.clone());
            seen.extend(page.items);
            query = page.next.map(|n| n.split_once('?').unwrap().1.to_string());
        }
        assert_eq!(seen, all);
    }
}
