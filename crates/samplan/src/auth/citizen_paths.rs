//! Which paths a citizen may request at all: their pages under `/borger`, logout, and
//! the API's Min plan of a person (which then answers only for themselves and their
//! children). Checked in the `Actor` extractor, so no staff page or API has to
//! remember citizens.

/// The citizen's front page.
pub const HOME: &str = "/borger";

/// Whether a citizen may request `path`.
pub fn allowed(path: &str) -> bool {
    path == HOME || path.starts_with("/borger/") || path == "/logout" || is_my_plan_api(path)
}

/// `/api/v1/persons/{id}/myplan` or `…/myplan.pdf`.
fn is_my_plan_api(path: &str) -> bool {
    let Some(rest) = path.strip_prefix("/api/v1/persons/") else { return false };
    let Some((id, tail)) = rest.split_once('/') else { return false };
    !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()) && (tail == "myplan" || tail == "myplan.pdf")
}

#[cfg(test)]
mod tests {
    use super::allowed;

    #[test]
    fn citizens_reach_their_pages_and_the_my_plan_api_only() {
        for ok in ["/borger", "/borger/plan/7", "/logout", "/api/v1/persons/7/myplan", "/api/v1/persons/12/myplan.pdf"] {
            assert!(allowed(ok), "{ok}");
        }
        for no in ["/", "/personer/7", "/api/v1/persons/7", "/api/v1/persons/7/deadlines", "/api/v1/persons//myplan", "/api/v1/persons/7x/myplan", "/borgerx"] {
            assert!(!allowed(no), "{no}");
        }
    }
}
