//! `billcalc` command line: offline and batch what-ifs.
//!
//! `billcalc calc` reads JSON requests from standard input — one object, a JSON array of objects,
//! or one object per line (JSONL) — each with an `"op"` field, and prints one JSON response per
//! request, one per line. A refused request prints `{"error": {"code", "path", "message"}}`; the
//! exit code is non-zero only when the input cannot be read at all.

use std::io::{self, BufRead, Read, Write};
use std::process::ExitCode;

use billcalc::io::input::{parse_syntax, refuse_repeated_members, At, Json};
use serde_json::{json, Value};

const USAGE: &str = "usage: billcalc calc [--pretty] < requests.json|requests.jsonl
       billcalc ops        (list the operations)

Each request is a JSON object with \"op\": one of the operations; see README.md.";

/// One request's answer; a member given twice is refused here, request by request (the input's
/// syntax alone decides between one document and JSON lines).
fn respond(request: Json) -> Value {
    let answer = refuse_repeated_members(At::root(&request))
        .and_then(|()| billcalc::io::ops::calculate_json(request));
    match answer {
        Ok(v) => v,
        Err(e) => json!({ "error": e }),
    }
}

fn print(out: &mut impl Write, v: &Value, pretty: bool) -> io::Result<()> {
    if pretty {
        serde_json::to_writer_pretty(&mut *out, v)?;
    } else {
        serde_json::to_writer(&mut *out, v)?;
    }
    out.write_all(b"\n")
}

fn calc(pretty: bool) -> Result<(), String> {
    let mut text = String::new();
    io::stdin()
        .lock()
        .read_to_string(&mut text)
        .map_err(|e| format!("cannot read standard input: {e}"))?;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let write_err = |e: io::Error| format!("cannot write: {e}");
    // One JSON document (an object or an array of objects) …
    if let Ok(doc) = parse_syntax(&text) {
        match doc {
            Json::Array(items) => {
                for item in items {
                    print(&mut out, &respond(item), pretty).map_err(write_err)?;
                }
            }
            other => print(&mut out, &respond(other), pretty).map_err(write_err)?,
        }
        return out.flush().map_err(write_err);
    }
    // … or JSON lines: every non-blank line is one request.
    let mut any = false;
    for (n, line) in text.as_bytes().lines().enumerate() {
        let line = line.map_err(|e| format!("line {}: {e}", n + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        any = true;
        let v = match parse_syntax(&line) {
            Ok(request) => respond(request),
            Err(e) => {
                json!({ "error": { "code": e.code, "path": e.path, "message": format!("line {}: {}", n + 1, e.message) } })
            }
        };
        print(&mut out, &v, pretty).map_err(write_err)?;
    }
    if !any {
        return Err("no request on standard input".into());
    }
    out.flush().map_err(write_err)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let pretty = args.iter().any(|a| a == "--pretty");
    match args.first().map(String::as_str) {
        Some("calc") => match calc(pretty) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("billcalc: {e}");
                ExitCode::from(2)
            }
        },
        Some("ops") => {
            for op in billcalc::io::ops::OPERATIONS {
                println!("{op}");
            }
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}
