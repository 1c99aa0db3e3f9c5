//! One case, every input path: the helpers every test uses to parse a body.

#![allow(dead_code)]

use aws_query_xml::{Options, Response};

/// An input path: how the body reaches the parser.
#[derive(Debug, Clone, Copy)]
pub enum Path {
    /// `Options::parse(&[u8])`, values borrowed from the body.
    Slice,
    /// `Options::parse(&[u8])`, then `Response::into_owned()` and the body dropped.
    Owned,
}

pub const PATHS: &[Path] = &[Path::Slice, Path::Owned];

/// The CLI's JSON for a body (or the error's text), through one path.
pub fn json(body: &[u8], options: Options, path: Path) -> Result<serde_json::Value, String> {
    let to_json = |r: &Response<'_>| serde_json::to_value(r).map_err(|e| e.to_string());
    match path {
        Path::Slice => {
            let response = options.parse(body).map_err(|e| e.to_string())?;
            to_json(&response)
        }
        Path::Owned => {
            let copy = body.to_vec();
            let response = options
                .parse(&copy)
                .map_err(|e| e.to_string())?
                .into_owned();
            drop(copy);
            to_json(&response)
        }
    }
}

/// The JSON through every path, checking that all paths agree.
pub fn json_all_paths(body: &[u8], options: Options) -> Result<serde_json::Value, String> {
    let first = json(body, options, PATHS[0]);
    for &path in &PATHS[1..] {
        let other = json(body, options, path);
        assert_eq!(
            first, other,
            "input path {path:?} disagrees with {:?}",
            PATHS[0]
        );
    }
    first
}
