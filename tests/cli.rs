//! The `billcalc calc` command line: JSON, JSON arrays and JSON lines in, one JSON line out per
//! request; refusals as `{"error": …}` with exit code 0; unreadable input exits non-zero.

use std::io::Write;
use std::process::{Command, Stdio};

fn run(input: &str) -> (i32, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_billcalc"))
        .arg("calc")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn billcalc");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
    )
}

const UNSUBSCRIBE: &str = r#"{"op":"unsubscribeRefund","scenario":"inUse","date":"2022-09-02","orders":[{"start":"2022-08-19","end":"2022-09-19","term":"1M","paidCash":"110.00","voucher":"0"}]}"#;
const DOWNGRADE: &str = r#"{"op":"downgradeRefund","date":"2018-11-24","orders":[{"start":"2018-11-01","end":"2018-11-30","term":"1M","paidCash":"120"}],"newPrices":{"1M":"90"}}"#;
const UNIFIED: &str =
    r#"{"op":"unifiedExpiry","currentExpiry":"2023-03-15","renewTerm":"1M","unifiedDay":1}"#;

#[test]
fn jsonl_in_one_line_out_per_request() {
    let (code, out) = run(&format!("{UNSUBSCRIBE}\n\n{DOWNGRADE}\n{UNIFIED}\n"));
    assert_eq!(code, 0);
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["refund"], "50.87");
    assert_eq!(lines[0]["consumed"], "48.13");
    assert_eq!(lines[0]["handlingFee"], "11.00");
    assert_eq!(lines[1]["refund"], "10.00");
    assert_eq!(lines[2]["unifiedExpiry"], "2023-05-01");
    assert_eq!(lines[2]["paddingDays"], 16);
}

#[test]
fn single_object_and_array() {
    let (code, out) = run(UNSUBSCRIBE);
    assert_eq!(code, 0);
    assert!(out.contains("\"refund\":\"50.87\""));
    let (code, out) = run(&format!("[{UNSUBSCRIBE},{DOWNGRADE}]"));
    assert_eq!(code, 0);
    assert_eq!(out.lines().count(), 2);
}

#[test]
fn refusals_are_json_errors_with_exit_zero() {
    let (code, out) = run(&format!("{{\"op\":\"nope\"}}\nnot json\n{UNSUBSCRIBE}\n"));
    assert_eq!(code, 0);
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines[0]["error"]["code"], "UNKNOWN_OPERATION");
    assert_eq!(lines[0]["error"]["path"], "op");
    assert_eq!(lines[1]["error"]["code"], "INVALID_INPUT");
    assert_eq!(lines[2]["refund"], "50.87");
}

#[test]
fn empty_input_exits_non_zero() {
    let (code, _) = run("  \n");
    assert_ne!(code, 0);
}

/// Every CLI example in the README runs, and every amount its comment promises (after `→`) is in
/// the answer.
#[test]
fn readme_cli_examples_hold() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let lines: Vec<&str> = readme.lines().collect();
    let mut checked = 0;
    for (i, line) in lines.iter().enumerate() {
        let Some(json) = line
            .strip_prefix("echo '")
            .and_then(|l| l.strip_suffix("' | billcalc calc"))
        else {
            continue;
        };
        let comment = lines[i - 1];
        let out = billcalc::calculate(serde_json::from_str(json).unwrap())
            .unwrap_or_else(|e| panic!("README example {comment}: {e}"));
        let text = out.to_string();
        let promised = comment.split('→').nth(1).unwrap_or("");
        for token in promised.split(|c: char| !(c.is_ascii_digit() || c == '.' || c == ',')) {
            let t = token.trim_end_matches(['.', ',']).replace(',', "");
            if t.contains('.') && t.split('.').nth(1).is_some_and(|f| f.len() == 2) {
                assert!(
                    text.contains(&format!("\"{t}\"")) || text.contains(&t),
                    "README example {comment}: {t} not in {text}"
                );
            }
        }
        checked += 1;
    }
    assert!(checked >= 20, "only {checked} README examples found");
}

#[test]
fn a_repeated_member_is_refused_as_in_the_package() {
    // The last `date` winning silently would change the answer; the CLI refuses it as the npm
    // package does, in a whole document and in a JSON line.
    let twice = UNSUBSCRIBE.replace(
        r#""date":"2022-09-02""#,
        r#""date":"2022-09-02","date":"2022-09-19""#,
    );
    for input in [twice.clone(), format!("{UNSUBSCRIBE}\n{twice}\n")] {
        let (code, out) = run(&input);
        assert_eq!(code, 0);
        let last: serde_json::Value = serde_json::from_str(out.lines().last().unwrap()).unwrap();
        assert_eq!(last["error"]["code"], "INVALID_INPUT", "{out}");
        assert!(
            last["error"]["message"]
                .as_str()
                .unwrap()
                .contains("duplicate field `date`"),
            "{out}"
        );
    }
}

#[test]
fn a_repeated_member_refuses_only_its_own_request() {
    // The first of two JSON lines repeats `date`: it is refused, the second still answered; in an
    // array, likewise only the item that repeats a member.
    let twice = UNSUBSCRIBE.replace(
        r#""date":"2022-09-02""#,
        r#""date":"2022-09-02","date":"2022-09-19""#,
    );
    for input in [
        format!("{twice}\n{DOWNGRADE}\n"),
        format!("[{twice},{DOWNGRADE}]"),
    ] {
        let (code, out) = run(&input);
        assert_eq!(code, 0);
        let lines: Vec<serde_json::Value> = out
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 2, "{out}");
        assert_eq!(lines[0]["error"]["code"], "INVALID_INPUT");
        assert_eq!(lines[0]["error"]["path"], "date");
        assert_eq!(lines[1]["refund"], "10.00");
    }
}
