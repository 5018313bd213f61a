//! The breakdown every result carries: the line items and each formula with its numbers filled
//! in, so a user can check the result by hand.
//!
//! Invariant: the `amount`s of `lines` add up to the result's total. Facts (day counts, remaining
//! periods, matched prices) explain the lines but carry no amount.

use crate::domain::messages::{Figure, Msg};
use crate::domain::money::{Money, RoundingPolicy};
use billcalc_derive::{ToJson, Ts};

/// A message's figures by name (`{"price": "110.00", "unit": {"key": "unit.months", …}}`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Figures(pub Vec<(&'static str, Figure)>);

/// One money line: `label`, the formula with its numbers, and the signed amount it contributes.
#[derive(Debug, Clone, PartialEq, Eq, ToJson, Ts)]
pub struct Line {
    /// What the line is, in billing words ("consumed amount").
    pub label: String,
    /// The formula with the numbers put in ("110.00 × 14 / 32 = 48.125 → 48.13").
    pub formula: String,
    /// Signed contribution to the total.
    pub amount: Money,
    /// The message key of `label` and `formula` (`js/messages.js` renders it in other
    /// languages); null for a line not yet keyed.
    pub key: Option<&'static str>,
    /// The figures the message names.
    pub figures: Figures,
    /// The part of the result the line belongs to (a cart item, the tax), as a message.
    pub part: Option<Msg>,
}

/// A figure used by the lines (days, remaining period, matched price), with how it was obtained.
#[derive(Debug, Clone, PartialEq, Eq, ToJson, Ts)]
pub struct Fact {
    /// What the figure is ("remaining period").
    pub label: String,
    /// How it was obtained ("7/31 + 2 + 15/30").
    pub formula: String,
    /// The figure ("2.72580645…").
    pub value: String,
    /// The message key of `label`, `formula` and `value` (its figure `value`); null for a fact
    /// not yet keyed.
    pub key: Option<&'static str>,
    /// The figures the message names.
    pub figures: Figures,
    /// The part of the result the fact belongs to, as a message.
    pub part: Option<Msg>,
}

/// Lines, facts, notes and the rounding policy used.
#[derive(Debug, Clone, Default, PartialEq, Eq, ToJson, Ts)]
#[json(omit_if = "is_silent")]
pub struct Breakdown {
    /// The rounding policy the result was computed under.
    pub policy: RoundingPolicy,
    /// The figures the lines use.
    pub facts: Vec<Fact>,
    /// Money lines; their amounts add up to the total.
    pub lines: Vec<Line>,
    /// Rule notes: choices made, clamps, sources.
    pub notes: Vec<String>,
    /// Each note's message, in the order of `notes` (null for a note not yet keyed).
    pub note_messages: Vec<Option<Msg>>,
    /// Running sum of the line amounts (kept in silent mode too).
    #[json(skip)]
    total: Money,
    /// Silent breakdowns record only the sum: no text is formatted (what-if curves, fast paths).
    #[json(skip)]
    silent: bool,
}

// A silent breakdown (figures only) is left out of the answer it belongs to.

/// A member of an answer that only its explanation reads (per-order rows, where a refund goes):
/// built when the breakdown explains ([`Breakdown::detail`]), and in a figures-only answer
/// neither built nor written (the package gives it on first read, with `breakdown`). Never a
/// figure: what a caller compares or adds up stays a plain member.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Detail<T>(Option<T>);

impl<T> Detail<T> {
    /// The member, when the answer was explained; `None` in a figures-only answer.
    pub fn explained(&self) -> Option<&T> {
        self.0.as_ref()
    }

    /// The member by value, when the answer was explained.
    pub fn into_explained(self) -> Option<T> {
        self.0
    }
}

/// Written as the member itself; left out of a figures-only answer (next to the type rather than
/// in `io::write`, which writes the plain types).
impl<T: crate::io::write::ToJson> crate::io::write::ToJson for Detail<T> {
    #[inline]
    fn write_json(&self, out: &mut String) {
        match &self.0 {
            Some(v) => v.write_json(out),
            None => out.push_str("null"),
        }
    }

    #[inline]
    fn omitted(&self) -> bool {
        self.0.is_none()
    }
}

/// Declared as the member itself: the package's answer always has it (read on demand).
#[cfg(test)]
impl<T: crate::io::ts::Ts> crate::io::ts::Ts for Detail<T> {
    fn name() -> String {
        T::name()
    }

    fn declare(file: &mut crate::io::ts::TsFile) {
        T::declare(file);
    }
}

impl Breakdown {
    /// An empty breakdown under `policy`.
    pub fn new(policy: RoundingPolicy) -> Breakdown {
        Breakdown::explaining(true, policy)
    }

    /// A breakdown that formats nothing and keeps only the sum of its lines, for callers that need
    /// the figures alone (what-if curves).
    pub fn silent(policy: RoundingPolicy) -> Breakdown {
        Breakdown::explaining(false, policy)
    }

    /// An empty breakdown that explains, or a silent one (one out-of-line copy for every
    /// operation's entry).
    #[inline(never)]
    pub fn explaining(explain: bool, policy: RoundingPolicy) -> Breakdown {
        Breakdown {
            policy,
            silent: !explain,
            ..Breakdown::default()
        }
    }

    /// True when explanations are recorded.
    pub fn explains(&self) -> bool {
        !self.silent
    }

    /// An answer's [`Detail`] member: `build` runs (given this breakdown, for the notes it adds)
    /// only when the breakdown explains; a figures-only answer neither builds nor writes it.
    /// Always inlined: an out-of-line copy per member type costs the module more than the branch
    /// it is.
    #[inline(always)]
    pub fn detail<T>(&mut self, build: impl FnOnce(&mut Breakdown) -> T) -> Detail<T> {
        Detail(if self.silent { None } else { Some(build(self)) })
    }

    /// True for a figures-only breakdown, which an answer leaves out.
    pub fn is_silent(&self) -> bool {
        self.silent
    }

    /// Add a money line.
    pub fn line(&mut self, label: impl Into<String>, formula: impl Into<String>, amount: Money) {
        self.total += amount;
        if !self.silent {
            self.push_line(label.into(), formula.into(), amount);
        }
    }

    /// Add a money line whose label and formula are only formatted when the breakdown explains.
    pub fn line_with(&mut self, amount: Money, explain: impl FnOnce() -> (String, String)) {
        self.total += amount;
        if !self.silent {
            let (label, formula) = explain();
            self.push_line(label, formula, amount);
        }
    }

    /// Out of line: one copy for every caller of the generic adders above.
    #[inline(never)]
    fn push_line(&mut self, label: String, formula: String, amount: Money) {
        self.lines.push(Line {
            label,
            formula,
            amount,
            key: None,
            figures: Figures::default(),
            part: None,
        });
    }

    /// Add a money line told by a message (its label and formula the key's English templates),
    /// made only when the breakdown explains.
    pub fn line_msg(&mut self, amount: Money, explain: impl FnOnce() -> Msg) {
        self.total += amount;
        if !self.silent {
            self.push_msg_line(explain(), amount);
        }
    }

    /// Out of line, as [`Breakdown::push_line`].
    #[inline(never)]
    fn push_msg_line(&mut self, m: Msg, amount: Money) {
        self.lines.push(Line {
            label: m.english(0),
            formula: m.english(1),
            amount,
            key: Some(m.key),
            figures: Figures(m.figures),
            part: None,
        });
    }

    /// Add a fact told by a message: its value is the message's figure `value`.
    pub fn fact_msg(&mut self, explain: impl FnOnce() -> Msg) {
        if !self.silent {
            self.push_msg_fact(explain());
        }
    }

    /// Out of line, as [`Breakdown::push_line`].
    #[inline(never)]
    fn push_msg_fact(&mut self, m: Msg) {
        let mut value = String::new();
        crate::domain::messages::render(&mut value, "{value}", &m.figures);
        self.facts.push(Fact {
            label: m.english(0),
            formula: m.english(1),
            value,
            key: Some(m.key),
            figures: Figures(m.figures),
            part: None,
        });
    }

    /// Add a note told by a message.
    pub fn note_msg(&mut self, explain: impl FnOnce() -> Msg) {
        if !self.silent {
            self.push_msg_note(explain());
        }
    }

    /// Out of line, as [`Breakdown::push_line`].
    #[inline(never)]
    fn push_msg_note(&mut self, m: Msg) {
        self.notes.push(m.english(0));
        self.note_messages.push(Some(m));
    }

    /// Add a fact formatted only when the breakdown explains: `(label, formula, value)`.
    pub fn fact_with(&mut self, explain: impl FnOnce() -> (String, String, String)) {
        if !self.silent {
            let (label, formula, value) = explain();
            self.push_fact(label, formula, value);
        }
    }

    /// Out of line, as [`Breakdown::push_line`].
    #[inline(never)]
    fn push_fact(&mut self, label: String, formula: String, value: String) {
        self.facts.push(Fact {
            label,
            formula,
            value,
            key: None,
            figures: Figures::default(),
            part: None,
        });
    }

    /// Add a note formatted only when the breakdown explains.
    pub fn note_with(&mut self, explain: impl FnOnce() -> String) {
        if !self.silent {
            self.push_note(explain());
        }
    }

    /// Out of line, as [`Breakdown::push_line`]: a note not yet keyed.
    #[inline(never)]
    fn push_note(&mut self, note: String) {
        self.notes.push(note);
        self.note_messages.push(None);
    }

    /// Add a fact.
    pub fn fact(
        &mut self,
        label: impl Into<String>,
        formula: impl Into<String>,
        value: impl Into<String>,
    ) {
        if !self.silent {
            self.push_fact(label.into(), formula.into(), value.into());
        }
    }

    /// Add a note.
    pub fn note(&mut self, note: impl Into<String>) {
        if !self.silent {
            self.push_note(note.into());
        }
    }

    /// An empty breakdown for a part of this result (an inner rule's), explained or silent as
    /// this one is.
    pub fn part(&self) -> Breakdown {
        Breakdown {
            policy: self.policy,
            silent: self.silent,
            ..Breakdown::default()
        }
    }

    /// Take in a part's breakdown: its lines and facts labelled `prefix: label`, the notes not
    /// already here, its sum added. With `carried`, the part's first line is the amount this
    /// breakdown already counts (a tax's price before tax): it is left out and not added again.
    pub fn absorb(&mut self, part: Breakdown, prefix: &str, carried: Option<Money>) {
        if self.silent {
            self.total += part.total - carried.unwrap_or(Money::ZERO);
            return;
        }
        self.absorb_msg(part, crate::msg!("part.raw", name = prefix), carried);
    }

    /// [`Breakdown::absorb`] under a prefix told by a message: the lines' and facts' `part`
    /// (a part within a part: `part.nested`).
    #[inline(never)]
    pub fn absorb_msg(&mut self, part: Breakdown, prefix: Msg, carried: Option<Money>) {
        self.total += part.total - carried.unwrap_or(Money::ZERO);
        if self.silent {
            return;
        }
        let name = prefix.english(0);
        let within = |inner: Option<Msg>| match inner {
            None => prefix.clone(),
            Some(inner) => crate::msg!("part.nested", outer = prefix.clone(), inner = inner),
        };
        let skip = usize::from(carried.is_some());
        for mut l in part.lines.into_iter().skip(skip) {
            l.label = format!("{name}: {}", l.label);
            l.part = Some(within(l.part.take()));
            self.lines.push(l);
        }
        for mut f in part.facts {
            f.label = format!("{name}: {}", f.label);
            f.part = Some(within(f.part.take()));
            self.facts.push(f);
        }
        for (n, m) in part.notes.into_iter().zip(part.note_messages) {
            // The same note once: by its message where it has one (the wasm module writes no
            // English text, see `messages::ENGLISH`), else by its text.
            let here = match &m {
                Some(_) => self.note_messages.contains(&m),
                None => self.notes.contains(&n),
            };
            if !here {
                self.notes.push(n);
                self.note_messages.push(m);
            }
        }
    }

    /// Sum of the line amounts.
    pub fn sum(&self) -> Money {
        self.total
    }

    /// Close the breakdown on `total`: when the lines do not add up to it (final rounding, a clamp
    /// to zero), add the explaining line with the difference so that they do.
    pub fn settle(&mut self, total: Money, label: &str, formula: impl FnOnce() -> String) {
        let diff = total - self.sum();
        if !diff.0.is_zero() {
            self.total += diff;
            if !self.silent {
                self.push_line(label.to_string(), formula(), diff);
            }
        }
    }

    /// [`Breakdown::settle`] with the explaining line told by a message.
    pub fn settle_msg(&mut self, total: Money, explain: impl FnOnce() -> Msg) {
        let diff = total - self.sum();
        if !diff.0.is_zero() {
            self.line_msg(diff, explain);
        }
    }

    /// `final rounding`: `{value} → {total} (half up to cents, once: {policy} policy)`.
    pub fn settle_final(&mut self, total: Money, value: impl FnOnce() -> String) {
        let policy = self.policy;
        self.settle_msg(total, || {
            crate::msg!(
                "finalRounding",
                value = value(),
                total = total,
                policy = crate::domain::messages::policy_word(policy)
            )
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::write::{to_text, ToJson};

    /// An answer with a figure, a detail member and its breakdown.
    #[derive(ToJson)]
    struct Answer {
        refund: Money,
        rows: Detail<Vec<u32>>,
        breakdown: Breakdown,
    }

    fn answer(b: Breakdown, built: &mut bool) -> Answer {
        let mut b = b;
        let rows = b.detail(|b| {
            *built = true;
            b.note("rows made");
            vec![1, 2]
        });
        Answer {
            refund: Money::ZERO,
            rows,
            breakdown: b,
        }
    }

    #[test]
    fn a_detail_is_made_and_written_only_when_explained() {
        let mut built = false;
        let figures = answer(Breakdown::silent(RoundingPolicy::Console), &mut built);
        assert!(!built, "the closure did not run");
        assert_eq!(figures.rows.explained(), None);
        assert!(figures.rows.omitted());
        assert_eq!(to_text(&figures), r#"{"refund":"0.00"}"#);

        let explained = answer(Breakdown::new(RoundingPolicy::Console), &mut built);
        assert!(built);
        assert_eq!(explained.rows.explained(), Some(&vec![1, 2]));
        assert_eq!(explained.breakdown.notes, ["rows made"]);
        let text = to_text(&explained);
        assert!(
            text.starts_with(r#"{"refund":"0.00","rows":[1,2],"breakdown":{"#),
            "{text}"
        );
        assert_eq!(explained.rows.into_explained(), Some(vec![1, 2]));
    }

    #[test]
    fn detail_members_are_listed_by_their_json_names() {
        let mut names = Vec::new();
        Answer::json_details(&mut names);
        assert_eq!(names, ["rows"]);
    }
}
