//! `aws-query-xml parse [--whitespace auto|keep|trim] [FILE|-]`: prints what an
//! AWS Query response body says as one JSON object.
//!
//! Exit status: 0 when the body parsed (success or error outcome), 2 when it
//! is not an AWS response (one line on stderr: what and the byte offset), 1
//! for usage or I/O errors.

use std::io::{BufReader, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use aws_query_xml::{Category, Options, Response, Whitespace};
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
        /// Envelope only: print `"result": null` and read the body
        /// incrementally, in memory that does not grow with its size.
        #[arg(long)]
        no_result: bool,
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
        Command::Parse {
            whitespace,
            no_result,
            file,
        } => {
            let options = Options::new().whitespace(whitespace).skip_result(no_result);
            if no_result {
                parse_streaming(options, file.as_ref())
            } else {
                parse(options, file.as_ref())
            }
        }
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

fn display_name(file: Option<&PathBuf>) -> String {
    file.filter(|p| p.as_os_str() != "-")
        .map_or_else(|| "standard input".to_owned(), |p| p.display().to_string())
}

/// Prints the response as one JSON line.
fn print(response: &Response<'_>, name: &str) -> ExitCode {
    // Serializing builds the result tree; it fails only over a limit, so
    // ask `result()` for the typed error in that case.
    let json = match serde_json::to_vec(response) {
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

/// `--no-result`: reads the body through the push parser, 64 KiB at a time.
fn parse_streaming(options: Options, file: Option<&PathBuf>) -> ExitCode {
    let name = display_name(file);
    let result = match file.filter(|p| p.as_os_str() != "-") {
        Some(path) => match std::fs::File::open(path) {
            Ok(f) => options.parse_reader(BufReader::with_capacity(64 << 10, f)),
            Err(e) => {
                eprintln!("aws-query-xml: cannot read {name}: {e}");
                return ExitCode::from(1);
            }
        },
        None => options.parse_reader(BufReader::with_capacity(64 << 10, std::io::stdin().lock())),
    };
    match result {
        Ok(response) => print(&response, &name),
        Err(e) if e.category() == Category::Io => {
            eprintln!("aws-query-xml: cannot read {name}: {e}");
            ExitCode::from(1)
        }
        Err(e) => {
            eprintln!("aws-query-xml: {name}: {e}");
            ExitCode::from(2)
        }
    }
}

fn parse(options: Options, file: Option<&PathBuf>) -> ExitCode {
    let name = display_name(file);
    let body = match read_input(file) {
        Ok(body) => body,
        Err(e) => {
            eprintln!("aws-query-xml: cannot read {name}: {e}");
            return ExitCode::from(1);
        }
    };
    let response = match options.parse(&body) {
        Ok(response) => response,
        Err(e) => {
            eprintln!("aws-query-xml: {name}: {e}");
            return ExitCode::from(2);
        }
    };
    print(&response, &name)
}
