//! The data-driven fixture test: every `fixtures/**/NAME.xml` beside its
//! expected output, run through every input path.
//!
//! - `NAME.expected.json`: the CLI's JSON with the default options;
//! - `NAME.keep.expected.json`, `NAME.trim.expected.json`: with
//!   `--whitespace keep` / `trim`;
//! - `NAME.error.txt`: the exact error message (one line) when the body is
//!   not an AWS response.
//!
//! Every body must have at least one expectation. All fixtures run; the test
//! then fails naming every fixture that did not match. One alone:
//! `AWS_QUERY_XML_FIXTURE=soap12-with-subcode cargo test --test fixtures`
//! (any part of its path; every fixture walker of the tests takes it).

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use aws_query_xml::{Options, Whitespace};

/// Every fixture's path (one alone with `AWS_QUERY_XML_FIXTURE=NAME`).
fn bodies() -> Vec<PathBuf> {
    common::fixture_bodies()
        .into_iter()
        .map(|(path, _)| path)
        .collect()
}

fn sibling(body: &Path, suffix: &str) -> PathBuf {
    let stem = body.file_stem().unwrap().to_str().unwrap();
    body.with_file_name(format!("{stem}.{suffix}"))
}

fn check(body_path: &Path) -> Vec<String> {
    let body = fs::read(body_path).unwrap();
    let mut failures = Vec::new();
    let mut expectations = 0;
    for (suffix, policy) in [
        ("expected.json", Whitespace::Auto),
        ("keep.expected.json", Whitespace::Keep),
        ("trim.expected.json", Whitespace::Trim),
    ] {
        let path = sibling(body_path, suffix);
        let Ok(text) = fs::read_to_string(&path) else {
            continue;
        };
        expectations += 1;
        let expected: serde_json::Value = match serde_json::from_str(&text) {
            Ok(v) => v,
            Err(e) => {
                failures.push(format!("{}: not JSON: {e}", path.display()));
                continue;
            }
        };
        match common::json_all_paths(&body, Options::new().whitespace(policy)) {
            Ok(got) if got == expected => {}
            Ok(got) => failures.push(format!(
                "{} ({}):\n  expected {expected}\n  got      {got}",
                body_path.display(),
                policy.as_str()
            )),
            Err(e) => failures.push(format!(
                "{} ({}): error `{e}`",
                body_path.display(),
                policy.as_str()
            )),
        }
    }
    let path = sibling(body_path, "error.txt");
    if let Ok(text) = fs::read_to_string(&path) {
        expectations += 1;
        let expected = text.trim_end_matches('\n');
        match common::json_all_paths(&body, Options::new()) {
            Err(got) if got == expected => {}
            Err(got) => failures.push(format!(
                "{}:\n  expected error `{expected}`\n  got error      `{got}`",
                body_path.display()
            )),
            Ok(got) => failures.push(format!(
                "{}: expected error `{expected}`, got {got}",
                body_path.display()
            )),
        }
    }
    if expectations == 0 {
        failures.push(format!(
            "{}: no expected output beside it",
            body_path.display()
        ));
    }
    failures
}

#[test]
fn readme_indexes_every_fixture() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let readme = fs::read_to_string(root.join("README.md")).unwrap();
    let all = bodies();
    let missing: Vec<_> = all
        .iter()
        .map(|p| p.file_stem().unwrap().to_str().unwrap())
        .filter(|stem| !readme.contains(&format!("`{stem}")))
        .collect();
    assert!(
        missing.is_empty(),
        "fixtures/README.md does not index {missing:?}"
    );
}

#[test]
fn fixtures() {
    let all = bodies();
    assert!(!all.is_empty(), "no fixture under fixtures/");
    let failures: Vec<String> = all.iter().flat_map(|p| check(p)).collect();
    assert!(
        failures.is_empty(),
        "{} of {} fixtures failed:\n{}",
        failures.len(),
        all.len(),
        failures.join("\n")
    );
}
