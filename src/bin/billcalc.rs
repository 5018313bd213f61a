//! `billcalc` command line: offline and batch what-ifs.
//!
//! `billcalc calc` reads JSON requests from standard input — one object, a JSON array of objects,
//! or one object per line (JSONL) — each with an `"op"` field, and prints one JSON answer per
//! request, one per line, as it reads them. A refused request prints
//! `{"error": {"code", "path", "message"}}`; the exit code is non-zero only when the input cannot
//! be read at all.

use std::io::{self, BufRead, Read, Write};
use std::process::ExitCode;

use billcalc::io::json::{parse_syntax, Json};
use billcalc::io::ops::{calculate_json, OPERATIONS};
use billcalc::io::read::{refuse_repeated_members, At};
use billcalc::io::write::to_text;

const USAGE: &str = "usage: billcalc calc [--pretty] < requests.json|requests.jsonl
       billcalc ops        (list the operations)

Each request is a JSON object with \"op\": one of the operations; see README.md.";

/// One request's answer as JSON text; a member given twice is refused here, request by request
/// (the input's syntax alone decides between one document and JSON lines).
fn respond(request: Json) -> String {
    let answer = refuse_repeated_members(At::root(&request)).and_then(|()| calculate_json(request));
    match answer {
        Ok(text) => text,
        Err(e) => format!("{{\"error\":{}}}", to_text(&e)),
    }
}

/// Write one answer and its newline (indented with `--pretty`, for a person reading); nothing for
/// a blank line.
fn print(out: &mut impl Write, answer: &str, pretty: bool) -> io::Result<()> {
    if answer.is_empty() {
        return Ok(());
    }
    if pretty {
        let value: serde_json::Value = serde_json::from_str(answer).map_err(io::Error::other)?;
        serde_json::to_writer_pretty(&mut *out, &value)?;
    } else {
        out.write_all(answer.as_bytes())?;
    }
    out.write_all(b"\n")
}

fn calc(pretty: bool) -> Result<(), String> {
    let stdin = io::stdin();
    let mut input = stdin.lock();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let write_err = |e: io::Error| format!("cannot write: {e}");
    // JSON lines are answered line by line as they arrive; anything else (an object or an array
    // over several lines) is read whole as one document.
    let mut first = String::new();
    loop {
        first.clear();
        if input
            .read_line(&mut first)
            .map_err(|e| format!("cannot read standard input: {e}"))?
            == 0
        {
            return Err("no request on standard input".into());
        }
        if !first.trim().is_empty() {
            break;
        }
    }
    if let Ok(request @ Json::Object(_)) = parse_syntax(&first) {
        print(&mut out, &respond(request), pretty).map_err(write_err)?;
        for (n, line) in input.lines().enumerate() {
            let line = line.map_err(|e| format!("line {}: {e}", n + 2))?;
            print(&mut out, &answer_line(&line, n + 2), pretty).map_err(write_err)?;
            out.flush().map_err(write_err)?;
        }
        return out.flush().map_err(write_err);
    }
    // One document (an object or an array of objects over several lines) or, when the whole is
    // not JSON, JSON lines after all, each answered or refused on its own.
    let mut text = first.clone();
    input
        .read_to_string(&mut text)
        .map_err(|e| format!("cannot read standard input: {e}"))?;
    match parse_syntax(&text) {
        Ok(Json::Array(items)) => {
            for item in items {
                print(&mut out, &respond(item), pretty).map_err(write_err)?;
            }
        }
        Ok(other) => print(&mut out, &respond(other), pretty).map_err(write_err)?,
        Err(_) => {
            for (n, line) in text.lines().enumerate() {
                print(&mut out, &answer_line(line, n + 1), pretty).map_err(write_err)?;
            }
        }
    }
    out.flush().map_err(write_err)
}

/// The answer to one JSON line (nothing for a blank one is written as an empty string).
fn answer_line(line: &str, number: usize) -> String {
    if line.trim().is_empty() {
        return String::new();
    }
    match parse_syntax(line) {
        Ok(request) => respond(request),
        Err(e) => format!(
            "{{\"error\":{{\"code\":\"{}\",\"path\":\"\",\"message\":{}}}}}",
            e.code,
            to_text(&format!("line {number}: {}", e.message))
        ),
    }
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
            for op in OPERATIONS {
                println!("{:<24} {}", op.name, op.summary);
            }
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}
