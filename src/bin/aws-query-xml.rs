//! `aws-query-xml parse [OPTIONS] [FILE|-]`: prints what an AWS Query
//! response body says as one JSON object.
//! `aws-query-xml render [OPTIONS] [FILE|-]`: the other way, writes the body
//! that such a JSON object describes.
//!
//! Exit status: 0 when the body parsed (success or error outcome) or was
//! written, 2 when it is not an AWS response or the JSON cannot be rendered
//! (one line on stderr: why), 1 for usage or I/O errors.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use aws_query_xml::{
    ActionForm, Arrays, Category, Draft, Envelope, Error, HttpParts, HttpResponse, Limits, Options,
    RenderOptions, Response, SoapVersion, Whitespace,
};
use clap::{Parser, Subcommand};

/// What `--help` says after the options: the exit codes and the JSON.
const AFTER_HELP: &str = "\
Output: one JSON object on standard output:
  {\"outcome\": \"success|error\", \"envelope\": \"action_response|error_response|...\",
   \"soap\": false, \"action\": \"SendEmail\"|null, \"request_id\": \"...\"|null,
   \"errors\": [{\"type\", \"code\", \"message\", \"detail\", \"http_status\", \"retryable\"}],
   \"result\": {...}|null,
   \"http_status\": 503|null, \"retry_after_s\": 20|null, \"body_snippet\": \"...\"|null}
With --status (and --header), the body is judged with the status and headers:
a 4xx/5xx status makes an error of a success envelope, and of an empty,
non-XML or broken body (envelope \"none\", code from the status; such a body's
start in \"body_snippet\"); an empty 2xx body is a success with no result.
The whole contract (every field, the envelopes, the result's shape) is in the
README, section \"The CLI\".

Exit status:
  0  the body parsed: a success or an error envelope (an error outcome is data),
     or an error built from --status
  2  the body is not an AWS response (one line on stderr: what, and the byte offset)
  1  usage error, or the input could not be read";

/// What `render --help` says after the options.
const RENDER_AFTER_HELP: &str = "\
Input: the JSON object `parse` prints (its HTTP fields, `http_status` and
`retryable` are ignored). Output: the body, parsing to the same JSON (with
`soap` true under --soap). Without --style, the JSON's own `envelope` and
`soap` are used. STYLE is an envelope's JSON name: action_response,
error_response, response_errors, action_error_response, soap_fault, error,
exception (`none` has no body). A style that cannot carry the response
exactly refuses it: several errors in a SOAP fault or a bare `error`, an
error type other than Sender/Receiver in a SOAP fault, an action in an error
envelope, a character XML cannot carry... The README, section \"Writing
responses\", has the rules.

Exit status:
  0  the body was written
  2  the JSON cannot be rendered in the style (one line on stderr: why),
     or it is not the JSON `parse` prints
  1  usage error, or the input could not be read or the output written";

#[derive(Parser)]
#[command(
    name = "aws-query-xml",
    version,
    about = "Read AWS Query-protocol XML responses, and write them",
    after_help = AFTER_HELP
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Parse a response body and print it as one JSON object.
    #[command(after_help = AFTER_HELP, args_override_self = true)]
    Parse {
        /// Whitespace policy for result values: auto, keep or trim.
        #[arg(long, default_value = "auto", value_parser = parse_whitespace)]
        whitespace: Whitespace,
        /// Envelope only: print `"result": null` and read the body
        /// incrementally, in memory that does not grow with its size.
        #[arg(long)]
        no_result: bool,
        /// Print the JSON indented, over several lines.
        #[arg(long)]
        pretty: bool,
        /// The HTTP status the body came with: judge them together.
        #[arg(long, value_name = "N")]
        status: Option<u16>,
        /// A response header, `Name: value` (repeatable; needs --status).
        #[arg(long = "header", value_name = "NAME: VALUE", requires = "status", value_parser = parse_header)]
        headers: Vec<(String, String)>,
        #[command(flatten)]
        limits: LimitArgs,
        /// The body to read; `-` or nothing for standard input.
        file: Option<PathBuf>,
    },
    /// Write the body that a JSON object (as `parse` prints it) describes.
    #[command(after_help = RENDER_AFTER_HELP, args_override_self = true)]
    Render {
        /// The envelope style, by its JSON name [default: the JSON's `envelope`].
        #[arg(long, value_name = "STYLE", value_parser = parse_style)]
        style: Option<Envelope>,
        /// Wrap in a SOAP envelope: 1.1 or 1.2 [default: as the JSON's `soap`, 1.1].
        #[arg(long, value_name = "VERSION", value_parser = parse_soap)]
        soap: Option<SoapVersion>,
        /// One element a line, indented by two spaces.
        #[arg(long)]
        pretty: bool,
        /// CRLF line ends.
        #[arg(long)]
        crlf: bool,
        /// The form of an action response: modern, 2007 or ec2 [default: modern].
        #[arg(long, value_name = "FORM", value_parser = parse_form)]
        form: Option<ActionForm>,
        /// Arrays as member lists, item lists or flattened repeats [default: member].
        #[arg(long, value_name = "member|item|flattened", value_parser = parse_arrays)]
        arrays: Option<Arrays>,
        /// Text as CDATA sections instead of entities.
        #[arg(long)]
        cdata: bool,
        /// Start with an XML declaration.
        #[arg(long)]
        declaration: bool,
        /// Declare this namespace on the response's root.
        #[arg(long, value_name = "URI")]
        namespace: Option<String>,
        /// Write every element with this prefix (bound to --namespace).
        #[arg(long, value_name = "PREFIX")]
        prefix: Option<String>,
        /// The JSON to read; `-` or nothing for standard input.
        file: Option<PathBuf>,
    },
}

fn parse_style(s: &str) -> Result<Envelope, String> {
    s.parse()
        .map_err(|e: aws_query_xml::UnknownEnvelope| e.to_string())
}

fn parse_soap(s: &str) -> Result<SoapVersion, String> {
    match s {
        "1.1" => Ok(SoapVersion::V1_1),
        "1.2" => Ok(SoapVersion::V1_2),
        _ => Err("expected `1.1` or `1.2`".to_owned()),
    }
}

fn parse_form(s: &str) -> Result<ActionForm, String> {
    match s {
        "modern" => Ok(ActionForm::Modern),
        "2007" => Ok(ActionForm::ResponseStatus),
        "ec2" => Ok(ActionForm::Ec2),
        _ => Err("expected `modern`, `2007` or `ec2`".to_owned()),
    }
}

fn parse_arrays(s: &str) -> Result<Arrays, String> {
    match s {
        "member" => Ok(Arrays::Member),
        "item" => Ok(Arrays::Item),
        "flattened" => Ok(Arrays::Flattened),
        _ => Err("expected `member`, `item` or `flattened`".to_owned()),
    }
}

/// The limits on untrusted input, each defaulting to the library's.
#[derive(clap::Args)]
#[allow(clippy::struct_field_names)] // named as the limits they set
struct LimitArgs {
    /// Largest element nesting depth [default: 128, at most 512].
    #[arg(long, value_name = "N")]
    max_depth: Option<usize>,
    /// Largest token (tag, text run, comment, CDATA) in bytes [default: 8 MiB].
    #[arg(long, value_name = "BYTES")]
    max_token_bytes: Option<usize>,
    /// Largest text value in source bytes [default: 8 MiB].
    #[arg(long, value_name = "BYTES")]
    max_value_bytes: Option<usize>,
    /// Largest envelope field (code, message, request id...) in source bytes [default: 64 KiB].
    #[arg(long, value_name = "BYTES")]
    max_field_bytes: Option<usize>,
    /// Most `<Error>` elements in one body [default: 1000].
    #[arg(long, value_name = "N")]
    max_errors: Option<usize>,
    /// Most elements in the result tree [default: 1000000].
    #[arg(long, value_name = "N")]
    max_nodes: Option<usize>,
}

impl LimitArgs {
    fn limits(&self) -> Limits {
        let mut limits = Limits::new();
        if let Some(n) = self.max_depth {
            limits = limits.max_depth(n);
        }
        if let Some(n) = self.max_token_bytes {
            limits = limits.max_token_bytes(n);
        }
        if let Some(n) = self.max_value_bytes {
            limits = limits.max_value_bytes(n);
        }
        if let Some(n) = self.max_field_bytes {
            limits = limits.max_field_bytes(n);
        }
        if let Some(n) = self.max_errors {
            limits = limits.max_errors(n);
        }
        if let Some(n) = self.max_nodes {
            limits = limits.max_nodes(n);
        }
        limits
    }
}

fn parse_header(s: &str) -> Result<(String, String), String> {
    match s.split_once(':') {
        Some((name, value)) if !name.trim().is_empty() => {
            Ok((name.trim().to_owned(), value.trim().to_owned()))
        }
        _ => Err("expected `Name: value`".to_owned()),
    }
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
            pretty,
            status,
            headers,
            limits,
            file,
        } => {
            let parts = status.map(|status| {
                headers
                    .iter()
                    .fold(HttpParts::new(status), |p, (n, v)| p.header(n, v))
            });
            let options = Options::new()
                .whitespace(whitespace)
                .limits(limits.limits())
                .skip_result(no_result)
                // the JSON holds the result: one pass builds it
                .build_result(!no_result);
            if no_result {
                parse_streaming(options, file.as_ref(), pretty, parts.as_ref())
            } else {
                parse(options, file.as_ref(), pretty, parts.as_ref())
            }
        }
        Command::Render {
            style,
            soap,
            pretty,
            crlf,
            form,
            arrays,
            cdata,
            declaration,
            namespace,
            prefix,
            file,
        } => {
            let mut options = RenderOptions::new()
                .pretty(pretty)
                .crlf(crlf)
                .cdata(cdata)
                .declaration(declaration)
                .action_form(form.unwrap_or_default())
                .arrays(arrays.unwrap_or_default());
            if let Some(style) = style {
                options = options.style(style);
            }
            if let Some(version) = soap {
                options = options.soap(version);
            }
            if let Some(uri) = namespace {
                options = options.namespace(uri);
            }
            if let Some(prefix) = prefix {
                options = options.prefix(prefix);
            }
            render(&options, file.as_ref())
        }
    }
}

/// `render`: the JSON in, the body out.
fn render(options: &RenderOptions, file: Option<&PathBuf>) -> ExitCode {
    let name = display_name(file);
    let json = match read_input(file) {
        Ok(json) => json,
        Err(e) => return cannot_read(&name, &e),
    };
    let body = serde_json::from_slice::<Draft>(&json)
        .map_err(|e| e.to_string())
        .and_then(|draft| options.render_draft(&draft).map_err(|e| e.to_string()));
    match body {
        Ok(body) => {
            let mut out = std::io::stdout().lock();
            if out.write_all(&body).and_then(|()| out.flush()).is_err() {
                return ExitCode::from(1);
            }
            ExitCode::SUCCESS
        }
        Err(reason) => {
            eprintln!("aws-query-xml: {name}: cannot render: {reason}");
            ExitCode::from(2)
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

/// The one wording of a failed read, on every path.
fn cannot_read(name: &str, error: &std::io::Error) -> ExitCode {
    eprintln!("aws-query-xml: cannot read {name}: {error}");
    ExitCode::from(1)
}

/// A response and its HTTP fields, as the CLI prints them: every field is
/// there, `null` when absent.
#[derive(serde::Serialize)]
#[serde(untagged)]
enum Judged<'r, 'a> {
    Http(&'r HttpResponse<'a>),
    Body {
        #[serde(flatten)]
        response: &'r Response<'a>,
        http_status: Option<u16>,
        retry_after_s: Option<u64>,
        body_snippet: Option<&'r str>,
    },
}

impl<'r, 'a> Judged<'r, 'a> {
    fn body(response: &'r Response<'a>) -> Self {
        Judged::Body {
            response,
            http_status: None,
            retry_after_s: None,
            body_snippet: None,
        }
    }

    fn response(&self) -> &'r Response<'a> {
        match self {
            Judged::Http(r) => r.response(),
            Judged::Body { response, .. } => response,
        }
    }
}

/// Prints the response as one JSON line, or indented, written as it is
/// serialized (the result's tree is never copied into a JSON value).
fn print(judged: &Judged<'_, '_>, name: &str, pretty: bool) -> ExitCode {
    let response = judged.response();
    let mut out = std::io::BufWriter::with_capacity(64 << 10, std::io::stdout().lock());
    // The result's tree is made before the first byte is written: a tree
    // over a limit fails with nothing written; ask `result()` for its error.
    let written = if pretty {
        serde_json::to_writer_pretty(&mut out, judged)
    } else {
        serde_json::to_writer(&mut out, judged)
    };
    match written {
        Ok(()) => {}
        Err(e) if e.is_io() => return ExitCode::from(1),
        Err(e) => {
            match response.result() {
                Err(err) => eprintln!("aws-query-xml: {name}: {err}"),
                Ok(_) => eprintln!("aws-query-xml: {name}: {e}"),
            }
            return ExitCode::from(2);
        }
    }
    if out.write_all(b"\n").and_then(|()| out.flush()).is_err() {
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}

/// Not an AWS response: one line, exit 2.
fn refused(name: &str, error: &Error) -> ExitCode {
    eprintln!("aws-query-xml: {name}: {error}");
    ExitCode::from(2)
}

/// `--no-result`: reads the body through the push parser, a chunk at a time.
fn parse_streaming(
    options: Options,
    file: Option<&PathBuf>,
    pretty: bool,
    parts: Option<&HttpParts>,
) -> ExitCode {
    let name = display_name(file);
    let reader: Box<dyn Read> = match file.filter(|p| p.as_os_str() != "-") {
        Some(path) => match std::fs::File::open(path) {
            Ok(f) => Box::new(f),
            Err(e) => return cannot_read(&name, &e),
        },
        None => Box::new(std::io::stdin().lock()),
    };
    let result = match parts {
        Some(parts) => options
            .parse_http_reader(parts, reader)
            .map(|r| print(&Judged::Http(&r), &name, pretty)),
        None => options
            .parse_reader(reader)
            .map(|r| print(&Judged::body(&r), &name, pretty)),
    };
    match result {
        Ok(code) => code,
        Err(e) if e.category() == Category::Io => match e.io_error() {
            Some(io) => cannot_read(&name, io),
            None => refused(&name, &e),
        },
        Err(e) => refused(&name, &e),
    }
}

fn parse(
    options: Options,
    file: Option<&PathBuf>,
    pretty: bool,
    parts: Option<&HttpParts>,
) -> ExitCode {
    let name = display_name(file);
    let body = match read_input(file) {
        Ok(body) => body,
        Err(e) => return cannot_read(&name, &e),
    };
    let printed = match parts {
        Some(parts) => options
            .parse_http(parts, &body)
            .map(|r| print(&Judged::Http(&r), &name, pretty)),
        None => options
            .parse(&body)
            .map(|r| print(&Judged::body(&r), &name, pretty)),
    };
    printed.unwrap_or_else(|e| refused(&name, &e))
}
