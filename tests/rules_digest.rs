//! The project carries its own rules digest, `docs/rules.md`, and every citation points into it.
//!
//! **What is collected.** Citations of guide sections, `NNN §a.b.c` (document number, a space,
//! `§`, the section), from `src/**/*.rs`, `README.md`, `docs/*.md` (not `rules.md` itself) and
//! the `source` fields of `tests/vectors/*.json`. A `§a.b` without a document number in front is
//! read as document 003 (the main guide; lists such as `003 §3.2.3.1, §3.3.2` rely on it). A range
//! of the last component, `§3.2.4.1–2` (en dash), stands for each section in it. Interpretations
//! are collected where they are cited as `rules.md A<n>` (and the list that follows it:
//! `rules.md A10, A11`), and from the README's own list (`- **A<n> — …`).
//!
//! **What covers them.** A section heading of `docs/rules.md` is a line `## ` or `### `, then the
//! document number, a space and a list of sections, each `§a.b.c`, separated by `, `; the title
//! follows (`## 003 §3.2.2.3, §13.1.1.3 Unified expiry day`). A citation `NNN §s` is covered by
//! a heading of document NNN that lists `§s` itself, or a parent of it with at least two
//! components: `003 §3.4.2.2` is covered by `§3.4.2.2`, `§3.4.2` or `§3.4`, never by `§3` alone (a
//! one-component heading such as `003 §8` covers only `003 §8`). An interpretation `A<n>` is
//! covered by a heading `### A<n> — title`.
//!
//! The README must also point at nothing outside the repository: no `../shared`, no `RULES.md`
//! (only `docs/rules.md`), and its links into `docs/rules.md#…` must name a heading there.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// A guide section: document number and section components (`("003", [3, 2, 7])`).
type Section = (String, Vec<u32>);

fn read(rel: &str) -> String {
    let path = Path::new(ROOT).join(rel);
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("a directory entry").path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

fn files_with_ext(dir: &str, ext: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = fs::read_dir(Path::new(ROOT).join(dir))
        .expect("the directory")
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    v.sort();
    v
}

/// Every `source` string of a vector file, at any depth.
fn sources(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, x) in m {
                match x {
                    serde_json::Value::String(s) if k == "source" => out.push(s.clone()),
                    _ => sources(x, out),
                }
            }
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| sources(x, out)),
        _ => {}
    }
}

/// The texts to scan, each with the name to report.
fn cited_texts() -> Vec<(String, String)> {
    let mut texts = Vec::new();
    let mut rs = Vec::new();
    rust_files(&Path::new(ROOT).join("src"), &mut rs);
    for p in rs {
        let text = fs::read_to_string(&p).expect("a source file");
        texts.push((p.display().to_string(), text));
    }
    texts.push(("README.md".to_string(), read("README.md")));
    for p in files_with_ext("docs", "md") {
        if p.file_name().is_some_and(|n| n != "rules.md") {
            texts.push((
                p.display().to_string(),
                fs::read_to_string(&p).expect("a doc"),
            ));
        }
    }
    for p in files_with_ext("tests/vectors", "json") {
        let v: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(&p).expect("a vector file")).expect("JSON");
        let mut s = Vec::new();
        sources(&v, &mut s);
        for (i, src) in s.into_iter().enumerate() {
            texts.push((format!("{} source #{i}", p.display()), src));
        }
    }
    texts
}

/// `a.b.c` at the start of `s`: the components and the bytes read.
fn section_at(s: &str) -> Option<(Vec<u32>, usize)> {
    let mut comps = Vec::new();
    let mut i = 0;
    let b = s.as_bytes();
    loop {
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == start {
            return None;
        }
        comps.push(s[start..i].parse().ok()?);
        if i + 1 < b.len() && b[i] == b'.' && b[i + 1].is_ascii_digit() {
            i += 1;
        } else {
            return Some((comps, i));
        }
    }
}

/// The document number written just before byte `at` (`003 §…`), if any.
fn document_before(text: &str, at: usize) -> Option<String> {
    let before = text[..at].strip_suffix(' ')?;
    let b = before.as_bytes();
    if b.len() < 3 || !b[b.len() - 3..].iter().all(u8::is_ascii_digit) {
        return None;
    }
    if b.len() > 3 && (b[b.len() - 4].is_ascii_alphanumeric() || b[b.len() - 4] == b'.') {
        return None;
    }
    Some(before[before.len() - 3..].to_string())
}

/// Every `NNN §a.b.c` (or bare `§a.b.c`, read as 003) in `text`, ranges expanded.
fn section_citations(text: &str) -> Vec<Section> {
    let mut out = Vec::new();
    for (at, _) in text.match_indices('§') {
        let rest = &text[at + '§'.len_utf8()..];
        let Some((comps, len)) = section_at(rest) else {
            continue;
        };
        let doc = document_before(text, at).unwrap_or_else(|| "003".to_string());
        let after = &rest[len..];
        match after.strip_prefix('–').and_then(section_at) {
            Some((end, _)) if end.len() == 1 && comps.len() > 1 => {
                let (&first, parent) = comps.split_last().expect("a component");
                for last in first..=end[0] {
                    let mut s = parent.to_vec();
                    s.push(last);
                    out.push((doc.clone(), s));
                }
            }
            _ => out.push((doc, comps)),
        }
    }
    out
}

/// `A<n>` at the start of `s`: the number and the bytes read.
fn anchor_at(s: &str) -> Option<(u32, usize)> {
    let digits = s.strip_prefix('A')?;
    let n = digits.bytes().take_while(u8::is_ascii_digit).count();
    if n == 0 {
        return None;
    }
    Some((digits[..n].parse().ok()?, n + 1))
}

/// Every `rules.md A<n>` (with the `, A<m>` list after it) and README item `- **A<n> —`.
fn anchor_citations(text: &str) -> Vec<u32> {
    let mut out = Vec::new();
    for (at, m) in text.match_indices("rules.md A") {
        let mut rest = &text[at + m.len() - 1..];
        while let Some((n, len)) = anchor_at(rest) {
            out.push(n);
            rest = &rest[len..];
            match rest.strip_prefix(", ") {
                Some(r) if r.starts_with('A') => rest = r,
                _ => break,
            }
        }
    }
    for line in text.lines() {
        if let Some((n, len)) = line.strip_prefix("- **").and_then(anchor_at) {
            if line["- **".len() + len..].starts_with(" — ") {
                out.push(n);
            }
        }
    }
    out
}

/// The digest's headings: sections per document, and interpretation numbers.
fn digest_headings(digest: &str) -> (BTreeSet<Section>, BTreeSet<u32>) {
    let mut sections = BTreeSet::new();
    let mut anchors = BTreeSet::new();
    for line in digest.lines() {
        let Some(h) = line
            .strip_prefix("### ")
            .or_else(|| line.strip_prefix("## "))
        else {
            continue;
        };
        if let Some((n, len)) = anchor_at(h) {
            if h[len..].starts_with(" — ") {
                anchors.insert(n);
            }
            continue;
        }
        let b = h.as_bytes();
        if b.len() < 5 || !b[..3].iter().all(u8::is_ascii_digit) || &h[3..4] != " " {
            continue;
        }
        let doc = h[..3].to_string();
        let mut rest = &h[4..];
        while let Some(r) = rest.strip_prefix('§') {
            let Some((comps, len)) = section_at(r) else {
                break;
            };
            sections.insert((doc.clone(), comps));
            rest = &r[len..];
            match rest.strip_prefix(", ") {
                Some(r) if r.starts_with('§') => rest = r,
                _ => break,
            }
        }
    }
    (sections, anchors)
}

fn covered(s: &Section, headings: &BTreeSet<Section>) -> bool {
    let (doc, comps) = s;
    (1..=comps.len()).any(|k| {
        (k == comps.len() || k >= 2) && headings.contains(&(doc.clone(), comps[..k].to_vec()))
    })
}

fn show(s: &Section) -> String {
    let parts: Vec<String> = s.1.iter().map(u32::to_string).collect();
    format!("{} §{}", s.0, parts.join("."))
}

#[test]
fn every_cited_section_and_interpretation_has_its_heading() {
    let digest = read("docs/rules.md");
    let (headings, anchors) = digest_headings(&digest);
    assert!(
        headings.len() > 20,
        "docs/rules.md has too few section headings: {headings:?}"
    );
    let mut sections: BTreeMap<Section, BTreeSet<String>> = BTreeMap::new();
    let mut cited_anchors: BTreeMap<u32, BTreeSet<String>> = BTreeMap::new();
    for (name, text) in cited_texts() {
        for s in section_citations(&text) {
            sections.entry(s).or_default().insert(name.clone());
        }
        for a in anchor_citations(&text) {
            cited_anchors.entry(a).or_default().insert(name.clone());
        }
    }
    assert!(
        sections.len() > 40,
        "too few citations found: {}",
        sections.len()
    );
    assert!(
        cited_anchors.len() > 10,
        "too few interpretations found: {cited_anchors:?}"
    );
    let mut missing: Vec<String> = sections
        .iter()
        .filter(|(s, _)| !covered(s, &headings))
        .map(|(s, at)| format!("{} (cited in {})", show(s), join(at)))
        .collect();
    missing.extend(
        cited_anchors
            .iter()
            .filter(|(a, _)| !anchors.contains(a))
            .map(|(a, at)| format!("A{a} (cited in {})", join(at))),
    );
    assert!(
        missing.is_empty(),
        "docs/rules.md has no heading for:\n{}",
        missing.join("\n")
    );
    println!(
        "{} distinct sections and {} interpretations cited, all covered",
        sections.len(),
        cited_anchors.len()
    );
}

fn join(names: &BTreeSet<String>) -> String {
    let v: Vec<&str> = names
        .iter()
        .map(|n| n.strip_prefix(ROOT).unwrap_or(n))
        .collect();
    v.join(", ")
}

/// GitHub's anchor for a heading: lower case, letters, digits, `-` and `_` kept, spaces → `-`.
fn slug(heading: &str) -> String {
    heading
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

#[test]
fn the_readme_points_inside_the_repository() {
    let readme = read("README.md");
    assert!(
        !readme.contains("../shared"),
        "README.md points at ../shared"
    );
    assert!(
        !readme.contains("RULES.md"),
        "README.md cites RULES.md; the digest is docs/rules.md"
    );
    assert!(
        !readme.contains("RULES §"),
        "README.md cites RULES §…; the digest is docs/rules.md"
    );
    assert!(
        readme.contains("docs/rules.md"),
        "README.md does not name docs/rules.md"
    );
    let digest = read("docs/rules.md");
    let slugs: BTreeSet<String> = digest
        .lines()
        .filter_map(|l| {
            l.strip_prefix('#')
                .map(|h| slug(h.trim_start_matches('#').trim()))
        })
        .collect();
    for (at, m) in readme.match_indices("docs/rules.md#") {
        let frag: String = readme[at + m.len()..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '-' || *c == '_')
            .collect();
        assert!(
            slugs.contains(&frag),
            "README.md links docs/rules.md#{frag}: no such heading"
        );
    }
}

#[test]
fn citations_are_read_as_documented() {
    let s = |d: &str, c: &[u32]| (d.to_string(), c.to_vec());
    assert_eq!(
        section_citations("(003 §3.2.4.1–2, §13.1.3; 002 x; 1003 §9)"),
        vec![
            s("003", &[3, 2, 4, 1]),
            s("003", &[3, 2, 4, 2]),
            s("003", &[13, 1, 3]),
            s("003", &[9])
        ]
    );
    assert_eq!(section_citations("004 §2.3."), vec![s("004", &[2, 3])]);
    assert_eq!(
        anchor_citations("rules.md A10, A11, A12, B; rules.md A2."),
        vec![10, 11, 12, 2]
    );
    assert_eq!(anchor_citations("- **A7 — handling fee.**"), vec![7]);
    let (h, a) =
        digest_headings("## 003 §3.2.2.3, §13.1.1.3 Unified\n### A9 — unified\n## 002 pool");
    assert_eq!(
        h,
        [s("003", &[3, 2, 2, 3]), s("003", &[13, 1, 1, 3])]
            .into_iter()
            .collect()
    );
    assert_eq!(a, [9].into_iter().collect());
    let heads = [s("003", &[3, 4]), s("003", &[8])].into_iter().collect();
    assert!(covered(&s("003", &[3, 4, 2, 2]), &heads));
    assert!(covered(&s("003", &[8]), &heads));
    assert!(!covered(&s("003", &[8, 1]), &heads));
    assert!(!covered(&s("003", &[3, 2]), &heads));
    assert_eq!(
        slug("A2 — intermediate rounding"),
        "a2--intermediate-rounding"
    );
}
