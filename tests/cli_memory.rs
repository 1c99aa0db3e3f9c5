//! The CLI's peak resident memory on the worst shape for a result tree, as
//! the kernel accounts it for a waited-for child (`getrusage`). A test
//! binary of its own: the figure is the largest child's of the process.
#![cfg(all(feature = "cli", target_os = "linux"))]

use std::io::Write;
use std::process::{Command, Stdio};

use nix::sys::resource::{UsageWho, getrusage};

#[test]
fn parse_of_a_million_elements_peaks_within_sixteen_times_the_body() {
    let mut body = b"<XResponse><XResult>".to_vec();
    for _ in 0..1_000_000 {
        body.extend_from_slice(b"<a/>");
    }
    body.extend_from_slice(b"</XResult></XResponse>");
    let dir = std::env::temp_dir().join(format!("aws-query-xml-cli-memory-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("many.xml");
    std::fs::File::create(&file)
        .and_then(|mut f| f.write_all(&body))
        .unwrap();

    let out = Command::new(env!("CARGO_BIN_EXE_aws-query-xml"))
        .args(["parse", file.to_str().unwrap()])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    std::fs::remove_dir_all(&dir).ok();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // the whole result is printed: a million empty strings
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        json["result"]["a"].as_array().map(Vec::len),
        Some(1_000_000)
    );

    // kibibytes on Linux
    let peak =
        usize::try_from(getrusage(UsageWho::RUSAGE_CHILDREN).unwrap().max_rss()).unwrap() * 1024;
    let max = 16 * body.len() + (9 << 20);
    eprintln!("peak RSS {peak} bytes, bound {max}");
    assert!(
        peak <= max,
        "the CLI peaked at {peak} bytes of RSS, over {max} ({}-byte body)",
        body.len()
    );
}
