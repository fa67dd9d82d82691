//! Keeps the project honest about itself: every Rust file says why it exists, and
//! ARCHITECTURE.md's code map names exactly the folders that exist.
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
    let named: Vec<String> = text
        .lines()
        .filter_map(|l| l.strip_prefix("### `").and_then(|l| l.strip_suffix('`')))
        .map(str::to_string)
        .collect();
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
