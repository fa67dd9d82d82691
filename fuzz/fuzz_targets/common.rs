//! Helpers shared by the fuzz targets.

/// Splits the input into `N` texts at the byte 0xFF (which never occurs in
/// UTF-8), so one input can carry several files. `None` if a part is not UTF-8.
pub fn texts<const N: usize>(data: &[u8]) -> Option<[&str; N]> {
    let mut parts = data.splitn(N, |&b| b == 0xFF);
    let mut out = [""; N];
    for slot in &mut out {
        *slot = std::str::from_utf8(parts.next().unwrap_or(&[])).ok()?;
    }
    Some(out)
}

/// The number of lines a reader can point at (an empty file still has line 1).
pub fn line_count(text: &str) -> u64 {
    text.lines().count().max(1) as u64 + u64::from(text.ends_with('\n'))
}
