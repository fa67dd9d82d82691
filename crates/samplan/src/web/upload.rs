//! The parts of a multipart form as text: the CSV files of the housing pages and their
//! fields. Each part must be UTF-8 text (a byte-order mark is dropped) of at most the
//! given size; a part that fails is an error at its own field, so the form can say
//! which file to choose again.
use crate::domain::FieldError;
use axum::extract::Multipart;
use std::collections::HashMap;

/// Every part by name, and the errors of the parts that could not be read.
pub async fn text_parts(multipart: &mut Multipart, max_bytes: usize) -> (HashMap<String, String>, Vec<FieldError>) {
    let mut parts = HashMap::new();
    let mut errors = Vec::new();
    let megabytes = max_bytes.div_ceil(1024 * 1024);
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(_) => {
                errors.push(FieldError::new("fil", "filerne kunne ikke læses; vælg dem igen og send formularen igen"));
                break;
            }
        };
        let name = field.name().unwrap_or_default().to_owned();
        match field.bytes().await {
            Ok(b) if b.len() > max_bytes => errors.push(FieldError::new(name, format!("filen er større end {megabytes} MB"))),
            Ok(b) => match String::from_utf8(b.to_vec()) {
                Ok(text) => {
                    parts.insert(name, text.trim_start_matches('\u{feff}').to_owned());
                }
                Err(_) => errors.push(FieldError::new(name, "filen er ikke tekst i UTF-8; gem den som CSV (UTF-8)")),
            },
            Err(_) => errors.push(FieldError::new(name, format!("filen kunne ikke læses (højst {megabytes} MB)"))),
        }
    }
    (parts, errors)
}
