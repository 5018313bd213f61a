//! One spelling per error code on every surface: the README's "Errors" list, `ErrorCode::ALL`
//! (`as_str`), the `ErrorCode` union of `js/types.d.ts` and what the CLI prints for a refused
//! request (the npm package's side is `tests/js/package.test.mjs`).

use std::io::Write;
use std::process::{Command, Stdio};

use billcalc::ErrorCode;
use serde_json::{json, Value};

fn read(path: &str) -> String {
    std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR")))
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn is_code(token: &str) -> bool {
    token.len() > 2
        && token.starts_with(|c: char| c.is_ascii_uppercase())
        && token
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
}

/// The codes the README's "Errors" section lists (every `CODE` in backticks up to the next
/// heading), sorted.
fn readme_codes() -> Vec<String> {
    let readme = read("README.md");
    let section = readme
        .split("\n### Errors\n")
        .nth(1)
        .expect("README has an \"### Errors\" section");
    let section = section.split("\n#").next().unwrap_or(section);
    let mut codes: Vec<String> = section
        .split('`')
        .skip(1)
        .step_by(2)
        .filter(|t| is_code(t))
        .map(str::to_string)
        .collect();
    codes.sort();
    codes.dedup();
    assert!(
        codes.len() >= 30,
        "only {} codes in the README",
        codes.len()
    );
    codes
}

/// The members of `export type ErrorCode = "…" | "…";` in `js/types.d.ts`, sorted.
fn typescript_codes() -> Vec<String> {
    let types = read("js/types.d.ts");
    let decl = types
        .split("export type ErrorCode = ")
        .nth(1)
        .and_then(|rest| rest.split(';').next())
        .expect("js/types.d.ts declares ErrorCode");
    let mut codes: Vec<String> = decl
        .split('|')
        .map(|c| c.trim().trim_matches('"').to_string())
        .collect();
    codes.sort();
    codes
}

fn all_codes() -> Vec<String> {
    let mut codes: Vec<String> = ErrorCode::ALL
        .iter()
        .map(|c| c.as_str().to_string())
        .collect();
    codes.sort();
    codes
}

#[test]
fn the_readme_lists_every_code_as_the_crate_and_the_typescript_types_spell_it() {
    let readme = readme_codes();
    assert_eq!(readme, all_codes(), "README \"Errors\" vs ErrorCode::ALL");
    assert_eq!(
        typescript_codes(),
        readme,
        "js/types.d.ts ErrorCode vs README"
    );
    assert!(readme.contains(&"RENEWAL_EXCEEDS_10_YEARS".to_string()));
}

/// Every refused vector through the CLI binary (one JSON array in, one line out per request):
/// the code it prints is the vector's and is spelled as the README lists it; the code only a
/// large generated request reaches (`TOO_MANY_ITEMS`) is added by hand.
#[test]
fn the_cli_prints_each_code_as_the_readme_lists_it() {
    let readme = readme_codes();
    let dir = format!("{}/tests/vectors", env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    let mut requests = Vec::new();
    let mut expected = Vec::new();
    for f in files {
        let vectors: Value = serde_json::from_str(&std::fs::read_to_string(f).unwrap()).unwrap();
        for v in vectors.as_array().unwrap() {
            if let Some(code) = v["error"]["code"].as_str() {
                requests.push(v["request"].clone());
                expected.push(code.to_string());
            }
        }
    }
    let orders: Vec<Value> = (0..1001)
        .map(|i| {
            let start = chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap() + chrono::Days::new(i * 2);
            json!({"start": start.to_string(), "end": (start + chrono::Days::new(1)).to_string(), "term": "1M", "paidCash": "1"})
        })
        .collect();
    requests.push(json!({"op": "unsubscribeRefund", "scenario": "inUse", "date": "2000-01-01", "orders": orders}));
    expected.push("TOO_MANY_ITEMS".into());

    let mut child = Command::new(env!("CARGO_BIN_EXE_billcalc"))
        .arg("calc")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn billcalc");
    let input = Value::Array(requests).to_string();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert!(out.status.success());
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), expected.len());
    let mut seen = std::collections::BTreeSet::new();
    for (line, want) in lines.iter().zip(&expected) {
        let code = line["error"]["code"].as_str().expect("a refusal");
        assert_eq!(code, want, "{line}");
        assert!(
            readme.iter().any(|c| c == code),
            "{code} is not in the README"
        );
        seen.insert(code.to_string());
    }
    // One refusal per reachable code: all but UNIFIED_GAP_TOO_SHORT (a guard no term reaches)
    // and INTERNAL (a defect).
    let unreached: Vec<&String> = readme.iter().filter(|c| !seen.contains(*c)).collect();
    assert_eq!(
        unreached,
        ["INTERNAL", "UNIFIED_GAP_TOO_SHORT"],
        "codes the CLI was not shown refusing"
    );
}
