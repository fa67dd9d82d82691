//! Keeps the project honest about itself: every Rust file says why it exists,
//! ARCHITECTURE.md's code map names exactly the folders and top-level files that exist,
//! and the layering holds (SQL only in `store`; a capability's handlers reached only
//! through the router).
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_source_file_starts_with_a_module_doc() {
    let mut files = Vec::new();
    for krate in std::fs::read_dir(root().join("crates")).unwrap() {
        let src = krate.unwrap().path().join("src");
        if src.is_dir() {
            rust_files(&src, &mut files);
        }
    }
    assert!(files.len() > 20);
    let missing: Vec<_> = files
        .iter()
        .filter(|f| !std::fs::read_to_string(f).unwrap().trim_start().starts_with("//!"))
        .map(|f| f.strip_prefix(root()).unwrap().display().to_string())
        .collect();
    assert!(missing.is_empty(), "files without a //! module doc: {missing:?}");
}

#[test]
fn the_code_map_names_exactly_the_folders_that_exist() {
    let text = std::fs::read_to_string(root().join("ARCHITECTURE.md")).unwrap();
    let named: Vec<String> = text.lines().filter_map(|l| l.strip_prefix("### `").and_then(|l| l.strip_suffix('`'))).map(str::to_string).collect();
    let mut existing = Vec::new();
    let dirs = |p: &Path| -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(p)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_dir())
            .map(|p| p.strip_prefix(root()).unwrap().display().to_string())
            .collect();
        v.sort();
        v
    };
    existing.extend(dirs(&root().join("crates")));
    existing.extend(dirs(&root().join("crates/samplan/src")));
    for top in ["rules", "e2e", "bench", "fuzz", "scripts", "docs"] {
        if root().join(top).is_dir() {
            existing.push(top.to_string());
        }
    }
    let unmapped: Vec<_> = existing.iter().filter(|d| !named.contains(d)).collect();
    let stale: Vec<_> = named.iter().filter(|n| !root().join(n).is_dir()).collect();
    assert!(unmapped.is_empty(), "folders missing from ARCHITECTURE.md's code map: {unmapped:?}");
    assert!(stale.is_empty(), "ARCHITECTURE.md names folders that do not exist: {stale:?}");
}

/// The application crate's source files, as (path relative to `src`, text).
fn app_sources() -> Vec<(String, String)> {
    let src = root().join("crates/samplan/src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    files.into_iter().map(|f| (f.strip_prefix(&src).unwrap().display().to_string(), std::fs::read_to_string(&f).unwrap())).collect()
}

#[test]
fn the_code_map_names_every_top_level_file() {
    let text = std::fs::read_to_string(root().join("ARCHITECTURE.md")).unwrap();
    let section = text.split("### Top-level files of `crates/samplan/src`").nth(1).expect("ARCHITECTURE.md has a section on the top-level files");
    let section = section.split("\n### ").next().unwrap();
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(root().join("crates/samplan/src")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        // lib.rs and main.rs are the crate's roots, named under "Entry points".
        if path.is_file() && name.ends_with(".rs") && name != "lib.rs" && name != "main.rs" && !section.contains(&format!("`{name}`")) {
            missing.push(name);
        }
    }
    assert!(missing.is_empty(), "top-level files missing from ARCHITECTURE.md: {missing:?}");
}

#[test]
fn only_the_store_speaks_sql() {
    let offenders: Vec<String> = app_sources()
        .into_iter()
        .filter(|(path, text)| !path.starts_with("store/") && (text.contains("sqlx::") || text.contains("use sqlx")))
        .map(|(path, _)| path)
        .collect();
    assert!(offenders.is_empty(), "sqlx used outside store: {offenders:?}");
}

#[test]
fn paths_and_queries_are_read_by_the_extractors_that_name_the_parameter() {
    // axum's own Path and Query answer a refusal in English plain text; `web::extract`'s
    // answer problem+json or the Danish error page naming the parameter.
    let offenders: Vec<String> = app_sources()
        .into_iter()
        .filter(|(path, _)| path != "web/extract.rs")
        .filter(|(_, text)| {
            text.lines().any(|l| {
                let l = l.trim();
                l.starts_with("use axum::extract::") && (l.contains("Path") || l.contains("Query")) && !l.contains("RawPathParams")
            })
        })
        .map(|(path, _)| path)
        .collect();
    assert!(offenders.is_empty(), "axum's Path or Query used instead of web::extract's: {offenders:?}");
}

/// Whether a module file name is a face of its capability: its JSON API or its pages.
fn is_face(module: &str) -> bool {
    module == "api" || module == "pages" || module.ends_with("_api") || module.ends_with("_pages") || module.ends_with("_page")
}

#[test]
fn a_capabilitys_api_and_pages_are_reached_only_through_the_router() {
    // `crate::{capability}::{module}` where the module is another capability's face.
    let mut offenders = Vec::new();
    for (path, text) in app_sources() {
        let Some((own, _)) = path.split_once('/') else { continue };
        if own == "web" {
            continue;
        }
        for (at, _) in text.match_indices("crate::") {
            let rest = &text[at + "crate::".len()..];
            let mut parts = rest.split("::");
            let (Some(capability), Some(module)) = (parts.next(), parts.next()) else { continue };
            let module: String = module.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
            if capability != own && capability != "web" && is_face(&module) {
                offenders.push(format!("{path}: crate::{capability}::{module}"));
            }
        }
    }
    offenders.dedup();
    assert!(offenders.is_empty(), "capabilities reach into another capability's api or pages (call its service instead): {offenders:#?}");
}
