//! Runs the built CLI (tests with feature `cli` only: the binary needs it).

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// `aws-query-xml ARGS` from the crate's folder, with `stdin` on its
/// standard input: its status and what it wrote.
pub fn cli(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_aws-query-xml"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    // a usage error exits before reading: a closed pipe is no failure here
    let _ = input.write_all(stdin.unwrap_or_default());
    drop(input);
    child.wait_with_output().unwrap()
}
