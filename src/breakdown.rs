//! The breakdown every result carries: the line items and each formula with its numbers filled
//! in, so a user can check the result by hand.
//!
//! Invariant: the `amount`s of `lines` add up to the result's total. Facts (day counts, remaining
//! periods, matched prices) explain the lines but carry no amount.

use serde::Serialize;

use crate::money::{Money, RoundingPolicy};

/// One money line: `label`, the formula with its numbers, and the signed amount it contributes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Line {
    /// What the line is, in billing words ("consumed amount").
    pub label: String,
    /// The formula with the numbers put in ("110.00 × 14 / 32 = 48.125 → 48.13").
    pub formula: String,
    /// Signed contribution to the total.
    pub amount: Money,
}

/// A figure used by the lines (days, remaining period, matched price), with how it was obtained.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Fact {
    /// What the figure is ("remaining period").
    pub label: String,
    /// How it was obtained ("7/31 + 2 + 15/30").
    pub formula: String,
    /// The figure ("2.72580645…").
    pub value: String,
}

/// Lines, facts, notes and the rounding policy used.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Breakdown {
    /// The rounding policy the result was computed under.
    pub policy: RoundingPolicy,
    /// The figures the lines use.
    pub facts: Vec<Fact>,
    /// Money lines; their amounts add up to the total.
    pub lines: Vec<Line>,
    /// Rule notes: choices made, clamps, sources.
    pub notes: Vec<String>,
}

impl Breakdown {
    /// An empty breakdown under `policy`.
    pub fn new(policy: RoundingPolicy) -> Breakdown {
        Breakdown {
            policy,
            ..Breakdown::default()
        }
    }

    /// Add a money line.
    pub fn line(&mut self, label: impl Into<String>, formula: impl Into<String>, amount: Money) {
        self.lines.push(Line {
            label: label.into(),
            formula: formula.into(),
            amount,
        });
    }

    /// Add a fact.
    pub fn fact(
        &mut self,
        label: impl Into<String>,
        formula: impl Into<String>,
        value: impl Into<String>,
    ) {
        self.facts.push(Fact {
            label: label.into(),
            formula: formula.into(),
            value: value.into(),
        });
    }

    /// Add a note.
    pub fn note(&mut self, note: impl Into<String>) {
        self.notes.push(note.into());
    }

    /// Sum of the line amounts.
    pub fn sum(&self) -> Money {
        self.lines.iter().map(|l| l.amount).sum()
    }

    /// Close the breakdown on `total`: when the lines do not add up to it (final rounding, a clamp
    /// to zero), add the explaining line with the difference so that they do.
    pub fn settle(&mut self, total: Money, label: &str, formula: impl Into<String>) {
        let diff = total - self.sum();
        if !diff.0.is_zero() {
            self.line(label, formula, diff);
        }
    }
}
