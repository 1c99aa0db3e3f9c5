//! The fixture walker, std only: the integration tests and the crate's
//! own unit tests (`src/de/pull_tests.rs`) both read the fixtures with it.

/// Every fixture body (`fixtures/**/*.xml`), sorted by path; only those
/// whose path holds `AWS_QUERY_XML_FIXTURE` when it is set, so that one
/// fixture runs alone:
/// `AWS_QUERY_XML_FIXTURE=soap12-with-subcode cargo test --test fixtures`.
///
/// # Panics
///
/// When the filter matches no fixture (a typo must not pass silently).
pub fn fixture_bodies() -> Vec<(std::path::PathBuf, Vec<u8>)> {
    fn walk(dir: &std::path::Path, out: &mut Vec<(std::path::PathBuf, Vec<u8>)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "xml") {
                let body = std::fs::read(&path).unwrap();
                out.push((path, body));
            }
        }
    }
    let mut out = Vec::new();
    walk(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures"),
        &mut out,
    );
    out.sort();
    if let Some(filter) = std::env::var_os("AWS_QUERY_XML_FIXTURE") {
        let filter = filter.to_string_lossy().into_owned();
        out.retain(|(path, _)| path.to_string_lossy().contains(&filter));
        assert!(
            !out.is_empty(),
            "AWS_QUERY_XML_FIXTURE={filter} matches no fixture"
        );
        eprintln!(
            "AWS_QUERY_XML_FIXTURE={filter}: {} fixture(s): {:?}",
            out.len(),
            out.iter()
                .map(|(p, _)| p.file_name().unwrap_or_default())
                .collect::<Vec<_>>()
        );
    }
    out
}
