//! The fixture walker, std only: the integration tests and the crate's
//! own unit tests (`src/de/pull_tests.rs`) both read the fixtures with it.

/// Every fixture body (`fixtures/**/*.xml`), sorted by path.
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
    out
}
