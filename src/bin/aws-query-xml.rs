//! `aws-query-xml parse [--whitespace auto|keep|trim] [FILE|-]`: prints what an
//! AWS Query response body says as one JSON object.
//!
//! Exit status: 0 when the body parsed (success or error outcome), 2 when it
//! is not an AWS response (one line on stderr: what and the byte offset), 1
//! for usage or I/O errors.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use aws_query_xml::{Options, Whitespace};
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "aws-query-xml",
    version,
    about = "Read AWS Query-protocol XML responses"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Parse a response body and print it as one JSON object.
    Parse {
        /// Whitespace policy for result values: auto, keep or trim.
        #[arg(long, default_value = "auto", value_parser = parse_whitespace)]
        whitespace: Whitespace,
        /// The body to read; `-` or nothing for standard input.
        file: Option<PathBuf>,
    },
}

fn parse_whitespace(s: &str) -> Result<Whitespace, String> {
    s.parse().map_err(|e| format!("{e}"))
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match cli.command {
        Command::Parse { whitespace, file } => parse(whitespace, file.as_ref()),
    }
}

fn read_input(file: Option<&PathBuf>) -> std::io::Result<Vec<u8>> {
    match file {
        Some(path) if path.as_os_str() != "-" => std::fs::read(path),
        _ => {
            let mut body = Vec::new();
            std::io::stdin().lock().read_to_end(&mut body)?;
            Ok(body)
        }
    }
}

fn parse(whitespace: Whitespace, file: Option<&PathBuf>) -> ExitCode {
    let name = file
        .filter(|p| p.as_os_str() != "-")
        .map_or_else(|| "standard input".to_owned(), |p| p.display().to_string());
    let body = match read_input(file) {
        Ok(body) => body,
        Err(e) => {
            eprintln!("aws-query-xml: cannot read {name}: {e}");
            return ExitCode::from(1);
        }
    };
    let options = Options::new().whitespace(whitespace);
    let response = match options.parse(&body) {
        Ok(response) => response,
        Err(e) => {
            eprintln!("aws-query-xml: {name}: {e}");
            return ExitCode::from(2);
        }
    };
    // Serializing builds the result tree; it fails only over a limit, so
    // ask `result()` for the typed error in that case.
    let json = match serde_json::to_vec(&response) {
        Ok(json) => json,
        Err(e) => {
            match response.result() {
                Err(err) => eprintln!("aws-query-xml: {name}: {err}"),
                Ok(_) => eprintln!("aws-query-xml: {name}: {e}"),
            }
            return ExitCode::from(2);
        }
    };
    let mut out = std::io::stdout().lock();
    if out
        .write_all(&json)
        .and_then(|()| out.write_all(b"\n"))
        .is_err()
    {
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}
