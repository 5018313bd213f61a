//! `billcalc calc` over a whole customer base: JSON lines stream through `--jobs N` threads, the
//! answers come out in input order and as they are ready, memory stays flat at any input size,
//! and the command line refuses what it does not know.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

fn billcalc(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_billcalc"));
    command.args(args);
    command
}

/// Run with `input` on standard input: exit code, standard output, standard error.
fn run(args: &[&str], input: &[u8]) -> (i32, Vec<u8>, String) {
    let mut child = billcalc(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn billcalc");
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    // Written from a thread: the answers are read while the requests are still going in.
    let feeder = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().unwrap();
    // A refused command line exits without reading: its input may find the pipe closed.
    let written = feeder.join().unwrap();
    assert!(
        written.is_ok() || out.status.code() == Some(2),
        "{written:?}"
    );
    (
        out.status.code().unwrap_or(-1),
        out.stdout,
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// The README's one-line examples: every operation, each as one JSON line.
fn readme_requests() -> Vec<String> {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let requests: Vec<String> = readme
        .lines()
        .filter_map(|l| {
            l.strip_prefix("echo '")
                .and_then(|l| l.strip_suffix("' | billcalc calc"))
        })
        .map(str::to_string)
        .collect();
    assert!(requests.len() >= 20, "{} README examples", requests.len());
    requests
}

/// Every operation, refusals (unknown operation, not JSON, a repeated member, an unknown member, a
/// request that is not an object), blank lines and a CRLF line, repeated until the input spans
/// many batches.
fn mixed_lines() -> String {
    let mut requests = readme_requests();
    let unsubscribe = requests[0].clone();
    requests.extend([
        r#"{"op":"nope"}"#.to_string(),
        "not json".to_string(),
        String::new(),
        "   ".to_string(),
        unsubscribe.replace(
            r#""date":"2022-09-02""#,
            r#""date":"2022-09-02","date":"2022-09-19""#,
        ),
        unsubscribe.replace(r#""op":"#, r#""opp":1,"op":"#),
        "[1, 2]".to_string(),
        format!("{unsubscribe}\r"),
    ]);
    let mut text = String::new();
    for round in 0..300 {
        // Rotated from round to round, so that batches differ in what they hold.
        for i in 0..requests.len() {
            text.push_str(&requests[(i + round) % requests.len()]);
            text.push('\n');
        }
    }
    text
}

#[test]
fn more_jobs_answer_byte_for_byte_as_one() {
    let input = mixed_lines();
    let (code, one, _) = run(&["calc", "--jobs", "1"], input.as_bytes());
    assert_eq!(code, 0);
    let one_text = String::from_utf8(one.clone()).unwrap();
    let answers = one_text.lines().count();
    // One answer per line that is not blank, each a JSON object.
    let expected = input.lines().filter(|l| !l.trim().is_empty()).count();
    assert_eq!(answers, expected);
    for line in one_text.lines().take(200) {
        let value: serde_json::Value = serde_json::from_str(line).unwrap();
        assert!(value.is_object(), "{line}");
    }
    assert!(one_text.contains("UNKNOWN_OPERATION") && one_text.contains("UNKNOWN_FIELD"));
    assert!(one_text.contains("duplicate field `date`"));
    for jobs in ["2", "3", "8"] {
        let (code, many, _) = run(&["calc", "--jobs", jobs], input.as_bytes());
        assert_eq!(code, 0);
        assert!(many == one, "--jobs {jobs} answers differ from --jobs 1");
    }
    let (code, default, _) = run(&["calc"], input.as_bytes());
    assert_eq!(code, 0);
    assert!(
        default == one,
        "the default --jobs answers differ from --jobs 1"
    );

    // A JSON array over several lines: the same answers, whatever the jobs.
    let requests = readme_requests();
    let mut items = Vec::new();
    for _ in 0..40 {
        items.extend(requests.iter().cloned());
        items.push(r#"{"op":"nope"}"#.to_string());
    }
    let array = format!("[\n{}\n]\n", items.join(",\n"));
    let (code, one, _) = run(&["calc", "--jobs", "1"], array.as_bytes());
    assert_eq!(code, 0);
    assert_eq!(String::from_utf8_lossy(&one).lines().count(), items.len());
    let (code, two, _) = run(&["calc", "--jobs", "2"], array.as_bytes());
    assert_eq!(code, 0);
    assert!(two == one, "an array's answers differ with --jobs 2");
}

#[test]
fn unknown_flags_and_stray_arguments_are_refused() {
    let request = readme_requests()[0].clone() + "\n";
    for args in [
        &["calc", "--bogus"][..],
        &["calc", "--jobs", "2", "--bogus"],
        &["calc", "--jobs"],
        &["calc", "--jobs", "0"],
        &["calc", "--jobs", "two"],
        &["calc", "requests.jsonl"],
        &["calc", "-j", "2"],
        &["ops", "--pretty"],
        &["quote"],
        &[],
    ] {
        let (code, out, err) = run(args, request.as_bytes());
        assert_eq!(code, 2, "{args:?}");
        assert!(out.is_empty(), "{args:?} answered");
        assert!(err.contains("usage: billcalc calc"), "{args:?}: {err}");
    }
    for args in [&["--help"][..], &["calc", "--help"], &["-h"]] {
        let (code, out, _) = run(args, b"");
        assert_eq!(code, 0, "{args:?}");
        let out = String::from_utf8(out).unwrap();
        assert!(out.contains("--jobs") && out.contains("--pretty"), "{out}");
    }
    // The flags it knows, in any order and either spelling.
    for args in [
        &["calc", "--pretty", "--jobs", "2"][..],
        &["calc", "--jobs=2", "--pretty"],
    ] {
        let (code, out, _) = run(args, request.as_bytes());
        assert_eq!(code, 0, "{args:?}");
        let answer: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(answer["refund"], "50.87");
    }
}

#[test]
fn answers_come_as_the_lines_do() {
    // A person typing: each answer is printed before the next line is sent, with several jobs.
    let request = readme_requests()[0].clone() + "\n";
    let mut child = billcalc(&["calc", "--jobs", "2"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let (tx, rx) = mpsc::channel();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let reader = std::thread::spawn(move || loop {
        let mut line = String::new();
        if out.read_line(&mut line).unwrap() == 0 || tx.send(line).is_err() {
            break;
        }
    });
    for _ in 0..3 {
        stdin.write_all(request.as_bytes()).unwrap();
        stdin.flush().unwrap();
        let answer = rx
            .recv_timeout(Duration::from_secs(30))
            .expect("an answer before the input ends");
        assert!(answer.contains("\"refund\":\"50.87\""), "{answer}");
    }
    drop(stdin);
    assert!(child.wait().unwrap().success());
    reader.join().unwrap();
}

/// The peak resident memory so far (`VmHWM`, in kB) of a running process, where the system tells.
fn peak_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find_map(|l| l.strip_prefix("VmHWM:"))?;
    line.trim().strip_suffix("kB")?.trim().parse().ok()
}

/// A million JSON lines through a pipe, read as they come: every answer, in order, and the
/// process's peak memory a few megabytes, far below the input's 70 MB or the output's 280 MB.
#[test]
fn a_million_lines_stream_in_order_in_flat_memory() {
    const LINES: usize = 1_000_000;
    const PEAK_BOUND_KB: u64 = 32 * 1024;
    let started = Instant::now();
    let mut child = billcalc(&["calc", "--jobs", "2"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id();
    let mut stdin = child.stdin.take().unwrap();
    let feeder = std::thread::spawn(move || {
        let mut chunk = String::with_capacity(1 << 17);
        for i in 0..LINES {
            chunk.push_str(&format!(
                "{{\"op\":\"convertCurrency\",\"amount\":\"{i}.00\",\"rate\":\"1\",\"currency\":\"EUR\"}}\n"
            ));
            if chunk.len() >= 1 << 16 {
                stdin.write_all(chunk.as_bytes()).unwrap();
                chunk.clear();
            }
        }
        stdin.write_all(chunk.as_bytes()).unwrap();
        // Dropping `stdin` closes the pipe: the end of the input.
    });
    let mut out = BufReader::with_capacity(1 << 16, child.stdout.take().unwrap());
    let mut line = String::new();
    let mut n = 0;
    let mut peak = None;
    while out.read_line(&mut line).unwrap() > 0 {
        // Every answer is the one to its own line: the order is kept.
        let expected = format!("{{\"converted\":\"{n}.00\",");
        assert!(line.starts_with(&expected), "answer {n}: {line}");
        if n % 50_000 == 0 || n == LINES - 1 {
            let answer: serde_json::Value = serde_json::from_str(&line).unwrap();
            assert_eq!(answer["exact"], format!("{n}.00"));
            assert_eq!(answer["currency"], "EUR");
            // While the process runs (an exited one has no memory to read).
            peak = peak_kb(pid).or(peak);
        }
        n += 1;
        line.clear();
    }
    feeder.join().unwrap();
    let mut rest = Vec::new();
    out.read_to_end(&mut rest).unwrap();
    assert!(child.wait().unwrap().success());
    assert_eq!(n, LINES);
    let elapsed = started.elapsed();
    if cfg!(target_os = "linux") {
        let peak = peak.expect("/proc/<pid>/status has VmHWM on Linux");
        eprintln!(
            "{LINES} lines in {:.1} s, peak memory {:.1} MB",
            elapsed.as_secs_f64(),
            peak as f64 / 1024.0
        );
        assert!(
            peak < PEAK_BOUND_KB,
            "peak memory {peak} kB over {PEAK_BOUND_KB} kB"
        );
    } else {
        eprintln!("peak memory not checked: no /proc/<pid>/status here");
    }
}
