//! The code's layout: no function in `src/rules` or `src/domain` is longer than a screen (80
//! lines, issue 21). A rule that grows past it is split where the guide's section splits: the
//! checks, the figures, the explanation.

use std::path::{Path, PathBuf};

const SCREEN: usize = 80;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Each function's name and length in lines (from `fn` to the `}` at its own indentation),
/// outside `mod tests`.
fn function_lengths(text: &str) -> Vec<(String, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let tests_from = lines
        .iter()
        .position(|l| l.trim_start().starts_with("mod tests"))
        .unwrap_or(lines.len());
    let mut found = Vec::new();
    for (i, line) in lines.iter().enumerate().take(tests_from) {
        let body = line.trim_start();
        let indent = &line[..line.len() - body.len()];
        let after_vis = body
            .strip_prefix("pub(crate) ")
            .or_else(|| body.strip_prefix("pub "))
            .unwrap_or(body);
        let Some(rest) = after_vis
            .strip_prefix("const fn ")
            .or_else(|| after_vis.strip_prefix("fn "))
        else {
            continue;
        };
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let close = format!("{indent}}}");
        if let Some(end) = lines[i + 1..].iter().position(|l| *l == close) {
            found.push((name, end + 2));
        }
    }
    found
}

#[test]
fn no_function_in_the_rules_or_the_domain_is_longer_than_a_screen() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src/rules"), &mut files);
    rust_files(&root.join("src/domain"), &mut files);
    assert!(files.len() > 20, "found only {} files", files.len());
    let mut long = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        for (name, lines) in function_lengths(&text) {
            if lines > SCREEN {
                let at = file.strip_prefix(root).unwrap().display();
                long.push(format!("{at}: {name} ({lines} lines)"));
            }
        }
    }
    assert!(
        long.is_empty(),
        "longer than {SCREEN} lines:\n{}",
        long.join("\n")
    );
}

#[test]
fn a_function_is_measured_from_fn_to_its_closing_brace() {
    let text = "pub fn a() {\n    x();\n}\n\nimpl T {\n    pub(crate) fn b(\n        y: u8,\n    ) {\n    }\n}\n#[cfg(test)]\nmod tests {\n    fn c() {\n    }\n}\n";
    assert_eq!(
        function_lengths(text),
        [("a".to_string(), 3), ("b".to_string(), 4)]
    );
}
