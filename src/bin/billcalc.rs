//! `billcalc` command line: offline and batch what-ifs.
//!
//! `billcalc calc` reads JSON requests from standard input — one object, a JSON array of objects,
//! or one object per line (JSONL) — each with an `"op"` field, and prints one JSON answer per
//! request, one per line, in the order of the input. A refused request prints
//! `{"error": {"code", "path", "message"}}`; the exit code is non-zero only when the input cannot
//! be read at all, or the command line is not understood (2, with the usage on standard error).
//!
//! JSON lines stream: they are read in batches of at most [`BATCH_LINES`] lines or
//! [`BATCH_BYTES`] bytes (a batch also ends wherever the input has nothing more ready, so a person
//! typing sees each answer at once), and `--jobs N` threads (default: the cores available) answer
//! the batches. Order and memory are kept by one queue: the reader hands each batch to the workers
//! and, in input order, its answer's slot to the writer, which prints the slots one after the
//! other, waiting for the one it is at. The queue holds at most `2 × N` slots, so the reader waits
//! once that many batches are read and not yet printed: memory stays that many batches, whatever
//! the input's length. `--jobs 1` answers the batches on the reading thread, with no other thread.
//! A JSON array (a document, read whole) is answered in batches of items the same way.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::num::NonZeroUsize;
use std::process::ExitCode;
use std::sync::mpsc::{sync_channel, Receiver, SyncSender, TryRecvError};
use std::sync::Mutex;

use billcalc::io::json::{parse_syntax, Json};
use billcalc::io::ops::{calculate_json, OPERATIONS};
use billcalc::io::read::{refuse_repeated_members, At};
use billcalc::io::write::to_text;

const USAGE: &str = "usage: billcalc calc [--jobs N] [--pretty] < requests.json|requests.jsonl
       billcalc ops        (list the operations)
       billcalc --help     (this text)

calc reads one JSON request, a JSON array of requests, or one request per line (JSON lines)
and prints one JSON answer per request, one per line, in the input's order.
  --jobs N   answer with N threads (default: the number of cores available; 1: one thread);
             JSON lines stream in bounded batches, so memory stays flat at any input size
  --pretty   indent each answer, for a person reading

Each request is a JSON object with \"op\": one of the operations; see README.md.";

/// A batch of JSON lines ends after this many lines...
const BATCH_LINES: usize = 256;
/// ...or once it holds this many bytes (a longer line is kept whole, in a batch of its own).
const BATCH_BYTES: usize = 64 * 1024;

/// One request's answer as JSON text; a member given twice is refused here, request by request
/// (the input's syntax alone decides between one document and JSON lines).
fn respond(request: Json) -> String {
    let answer = refuse_repeated_members(At::root(&request)).and_then(|()| calculate_json(request));
    match answer {
        Ok(text) => text,
        Err(e) => format!("{{\"error\":{}}}", to_text(&e)),
    }
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

/// Append one answer and its newline (indented with `--pretty`, for a person reading); nothing
/// for a blank line.
fn push_answer(out: &mut String, answer: &str, pretty: bool) -> Result<(), String> {
    if answer.is_empty() {
        return Ok(());
    }
    if pretty {
        let value: serde_json::Value =
            serde_json::from_str(answer).map_err(|e| format!("cannot write: {e}"))?;
        let text =
            serde_json::to_string_pretty(&value).map_err(|e| format!("cannot write: {e}"))?;
        out.push_str(&text);
    } else {
        out.push_str(answer);
    }
    out.push('\n');
    Ok(())
}

/// A batch's answers, ready to print; `stop` when the input became unreadable within the batch
/// (the answers before that point are printed, then the run ends with the reason).
#[derive(Default)]
struct Answers {
    text: String,
    stop: Option<String>,
}

/// Consecutive JSON lines, as read (each with its `\n`, the last perhaps without), and the number
/// of the first.
struct Lines {
    first: usize,
    bytes: Vec<u8>,
}

impl Lines {
    fn answer(&self, pretty: bool) -> Answers {
        let mut answers = Answers::default();
        let body = self.bytes.strip_suffix(b"\n").unwrap_or(&self.bytes);
        for (i, line) in body.split(|&b| b == b'\n').enumerate() {
            let number = self.first + i;
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            let Ok(line) = std::str::from_utf8(line) else {
                answers.stop = Some(format!("line {number}: stream did not contain valid UTF-8"));
                break;
            };
            if let Err(e) = push_answer(&mut answers.text, &answer_line(line, number), pretty) {
                answers.stop = Some(e);
                break;
            }
        }
        answers
    }
}

/// The next batch of JSON lines, begun with `batch` (empty, or lines already read): `None` at the
/// end of the input. `next` is the number of the next line to read.
fn read_lines<R: Read>(
    input: &mut BufReader<R>,
    mut batch: Lines,
    next: &mut usize,
) -> Result<Option<Lines>, String> {
    let mut count = 0;
    while count < BATCH_LINES && batch.bytes.len() < BATCH_BYTES {
        // Nothing more is ready (a pipe between writes, a person typing): answer what there is
        // before waiting for more.
        if !batch.bytes.is_empty() && input.buffer().is_empty() {
            break;
        }
        let n = input
            .read_until(b'\n', &mut batch.bytes)
            .map_err(|e| format!("line {next}: {e}"))?;
        if n == 0 {
            break;
        }
        count += 1;
        *next += 1;
    }
    Ok((!batch.bytes.is_empty()).then_some(batch))
}

/// Answer the batches `feed` gives, in order, with `jobs` threads, printing each batch's answers
/// as soon as it and every batch before it are answered.
fn answer_batches<B: Send>(
    jobs: usize,
    mut feed: impl FnMut() -> Result<Option<B>, String>,
    answer: impl Fn(B) -> Answers + Sync,
) -> Result<(), String> {
    if jobs <= 1 {
        let stdout = io::stdout();
        let mut out = io::BufWriter::with_capacity(BATCH_BYTES, stdout.lock());
        while let Some(batch) = feed()? {
            let answers = answer(batch);
            out.write_all(answers.text.as_bytes()).map_err(write_err)?;
            out.flush().map_err(write_err)?;
            if let Some(e) = answers.stop {
                return Err(e);
            }
        }
        return Ok(());
    }
    // Work for the threads: a batch and where its answers go.
    let (work, todo) = sync_channel::<(B, SyncSender<Answers>)>(jobs);
    let todo = Mutex::new(todo);
    // Where each batch's answers will be, in input order: the bound on memory.
    let (slots, in_order) = sync_channel::<Receiver<Answers>>(2 * jobs);
    std::thread::scope(|scope| {
        for _ in 0..jobs {
            let (todo, answer) = (&todo, &answer);
            scope.spawn(move || loop {
                let next = todo
                    .lock()
                    .map_err(|_| ())
                    .and_then(|t| t.recv().map_err(|_| ()));
                let Ok((batch, slot)) = next else { break };
                // The writer has stopped if the slot is gone: nothing to do but go on emptying.
                let _ = slot.send(answer(batch));
            });
        }
        let writer = scope.spawn(move || write_in_order(in_order));
        let mut read = Ok(());
        loop {
            match feed() {
                Ok(Some(batch)) => {
                    let (slot, answers) = sync_channel(1);
                    // A refusal means the writer stopped (a write failed): its reason is returned.
                    if slots.send(answers).is_err() || work.send((batch, slot)).is_err() {
                        break;
                    }
                }
                Ok(None) => break,
                Err(e) => {
                    read = Err(e);
                    break;
                }
            }
        }
        drop((slots, work));
        // What was read before an unreadable part is printed, then the reason given.
        let written = writer
            .join()
            .unwrap_or_else(|_| Err("an answering thread stopped".into()));
        written.and(read)
    })
}

fn write_err(e: io::Error) -> String {
    format!("cannot write: {e}")
}

/// Print each batch's answers in the order the slots come, flushing whenever the next is not ready.
fn write_in_order(in_order: Receiver<Receiver<Answers>>) -> Result<(), String> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::with_capacity(BATCH_BYTES, stdout.lock());
    loop {
        let slot = match in_order.try_recv() {
            Ok(slot) => slot,
            Err(TryRecvError::Disconnected) => break,
            Err(TryRecvError::Empty) => {
                out.flush().map_err(write_err)?;
                match in_order.recv() {
                    Ok(slot) => slot,
                    Err(_) => break,
                }
            }
        };
        let answers = match slot.try_recv() {
            Ok(answers) => answers,
            Err(_) => {
                out.flush().map_err(write_err)?;
                slot.recv()
                    .map_err(|_| "an answering thread stopped".to_string())?
            }
        };
        out.write_all(answers.text.as_bytes()).map_err(write_err)?;
        if let Some(e) = answers.stop {
            out.flush().map_err(write_err)?;
            return Err(e);
        }
    }
    out.flush().map_err(write_err)
}

fn calc(pretty: bool, jobs: usize) -> Result<(), String> {
    let stdin = io::stdin();
    let mut input = BufReader::with_capacity(BATCH_BYTES, stdin.lock());
    let cannot_read = |e: io::Error| format!("cannot read standard input: {e}");
    // JSON lines stream, batch by batch; anything else (an object or an array over several
    // lines) is read whole as one document. The first line that is not blank decides.
    let mut first = String::new();
    let mut next = 1;
    loop {
        first.clear();
        if input.read_line(&mut first).map_err(cannot_read)? == 0 {
            return Err("no request on standard input".into());
        }
        next += 1;
        if !first.trim().is_empty() {
            break;
        }
    }
    let first_number = next - 1;
    // A document over several lines begins with `{` or `[` and is not whole on its first line;
    // an object on one line begins JSON lines, and so does a line that no document begins with.
    let starts_document = first.trim_start().starts_with(['{', '[']);
    if !starts_document || matches!(parse_syntax(&first), Ok(Json::Object(_))) {
        let mut batch = Some(Lines {
            first: first_number,
            bytes: first.into_bytes(),
        });
        let feed = || {
            let start = batch.take().unwrap_or(Lines {
                first: next,
                bytes: Vec::with_capacity(BATCH_BYTES),
            });
            read_lines(&mut input, start, &mut next)
        };
        return answer_batches(jobs, feed, |lines: Lines| lines.answer(pretty));
    }
    // One document (an object or an array of objects over several lines) or, when the whole is
    // not JSON, JSON lines after all, each answered or refused on its own.
    let mut text = first;
    input.read_to_string(&mut text).map_err(cannot_read)?;
    match parse_syntax(&text) {
        Ok(Json::Array(items)) => {
            let mut items = items.into_iter();
            let feed = || {
                let batch: Vec<Json> = items.by_ref().take(BATCH_LINES).collect();
                Ok((!batch.is_empty()).then_some(batch))
            };
            answer_batches(jobs, feed, |batch: Vec<Json>| {
                let mut answers = Answers::default();
                for item in batch {
                    if let Err(e) = push_answer(&mut answers.text, &respond(item), pretty) {
                        answers.stop = Some(e);
                        break;
                    }
                }
                answers
            })
        }
        Ok(other) => {
            let mut answer = String::new();
            push_answer(&mut answer, &respond(other), pretty)?;
            let mut out = io::stdout().lock();
            out.write_all(answer.as_bytes())
                .and_then(|()| out.flush())
                .map_err(write_err)
        }
        Err(_) => {
            let mut lines = BufReader::with_capacity(BATCH_BYTES, text.as_bytes());
            let mut next = first_number;
            let feed = || {
                let start = Lines {
                    first: next,
                    bytes: Vec::with_capacity(BATCH_BYTES),
                };
                read_lines(&mut lines, start, &mut next)
            };
            answer_batches(jobs, feed, |lines: Lines| lines.answer(pretty))
        }
    }
}

/// What the command line asks for.
enum Command {
    Calc { pretty: bool, jobs: usize },
    Ops,
    Help,
}

/// Read the command line (without the program's name); an unknown flag or a stray argument is
/// refused, never ignored.
fn parse_args(args: &[String]) -> Result<Command, String> {
    if args.iter().any(|a| a == "--help" || a == "-h") {
        return Ok(Command::Help);
    }
    let Some((command, rest)) = args.split_first() else {
        return Err("no command given".into());
    };
    match command.as_str() {
        "calc" => {
            let mut pretty = false;
            let mut jobs = None;
            let mut rest = rest.iter();
            while let Some(arg) = rest.next() {
                let value = match arg.as_str() {
                    "--pretty" => {
                        pretty = true;
                        continue;
                    }
                    "--jobs" => rest.next().map(String::as_str),
                    other => match other.strip_prefix("--jobs=") {
                        Some(value) => Some(value),
                        None => return Err(format!("unknown argument `{other}`")),
                    },
                };
                let n = value
                    .and_then(|v| v.parse::<NonZeroUsize>().ok())
                    .ok_or("--jobs takes a whole number of threads, 1 or more")?;
                jobs = Some(n.get());
            }
            let jobs = jobs.unwrap_or_else(|| {
                std::thread::available_parallelism().map_or(1, NonZeroUsize::get)
            });
            Ok(Command::Calc { pretty, jobs })
        }
        "ops" => match rest.first() {
            Some(arg) => Err(format!("unknown argument `{arg}`")),
            None => Ok(Command::Ops),
        },
        other => Err(format!("unknown command `{other}`")),
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match parse_args(&args) {
        Ok(Command::Calc { pretty, jobs }) => match calc(pretty, jobs) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("billcalc: {e}");
                ExitCode::from(2)
            }
        },
        Ok(Command::Ops) => {
            for op in OPERATIONS {
                println!("{:<24} {}", op.name, op.summary);
            }
            ExitCode::SUCCESS
        }
        Ok(Command::Help) => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("billcalc: {e}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}
