// The breakdown in the reader's language (import "billcalc/messages"). Every line, fact and note
// of an answer's breakdown carries a stable `key` and its `figures`; its text is the key's
// template in one table per language, with `{name}` filled from the figures. A figure is a text
// (an amount, a date, a term: written as it is) or a message of its own (a word such as a unit, or
// an optional clause), rendered from that key's first template. The English table is written
// from the Rust one (src/domain/messages.rs), so `renderLine(line, "en")` gives the answer's own
// `label` and `formula`. A line without a key (or a key a table lacks) keeps its English text.

import { en } from "./messages-en.js";
import { zhCN, refusalsZhCN, valuesZhCN } from "./messages-zh-CN.js";

/** The languages with a table, by BCP 47 tag. */
export const LANGUAGES = ["en", "zh-CN"];

/** Each language's templates: key → [label or note or word, formula]. */
export const MESSAGES = { en, "zh-CN": zhCN };

/** Each language's sentence for a refusal, by its `code` (English has none: a refusal's own
 * `message` is its English). */
export const REFUSALS = { en: {}, "zh-CN": refusalsZhCN };

/** Each language's words for the stable words answers carry (`grace`, `failsEveryAttempt`,
 * `huaweiCloud`…; English has none: the value is the word). */
export const VALUES = { en: {}, "zh-CN": valuesZhCN };

/** A refusal (`{code, path, message}`) as a customer reads it in `lang`: the sentence of its
 * code; in English (or for a code without one) its own message. */
export function refusalText(error, lang = "en") {
  return REFUSALS[lang]?.[error?.code] ?? String(error?.message ?? "");
}

/** A stable word of an answer (`grace`) in `lang`; anything else (an amount, a date, an id) as
 * it is. */
export function valueText(value, lang = "en") {
  return typeof value === "string" && Object.hasOwn(VALUES[lang] ?? {}, value) ? VALUES[lang][value] : value;
}

/** The language of `LANGUAGES` closest to the preferred ones (`navigator.languages`): any `zh`
 * reads Chinese, anything else English. */
export function pickLanguage(preferred) {
  const list = Array.isArray(preferred) ? preferred : [preferred];
  for (const tag of list) {
    if (typeof tag !== "string") continue;
    const t = tag.toLowerCase();
    if (t.startsWith("zh")) return "zh-CN";
    if (t.startsWith("en")) return "en";
  }
  return "en";
}

function table(lang) {
  return MESSAGES[lang] ?? en;
}

function templateOf(key, which, lang) {
  const own = table(lang)[key];
  const t = own ?? en[key];
  return t === undefined ? undefined : t[which] ?? "";
}

/** Fill `text`'s `{name}` placeholders from `figures` in `lang`. */
export function fill(text, figures, lang = "en") {
  return text.replace(/\{([A-Za-z0-9_]+)\}/g, (_, name) => {
    const f = figures?.[name];
    if (f === undefined || f === null) return "";
    if (typeof f === "string") return f;
    return renderMessage(f, lang);
  });
}

/** A message (`{key, figures}`) as a word or a sentence: its first template filled. */
export function renderMessage(message, lang = "en") {
  const t = templateOf(message.key, 0, lang);
  return t === undefined ? "" : fill(t, message.figures, lang);
}

function partPrefix(item, label, lang) {
  if (!item.part) return label;
  const sep = lang === "zh-CN" ? "：" : ": ";
  return `${renderMessage(item.part, lang)}${sep}${label}`;
}

/** A breakdown line's `{label, formula}` in `lang` (its English text when it has no key). */
export function renderLine(line, lang = "en") {
  if (!line.key || templateOf(line.key, 0, lang) === undefined) return { label: line.label, formula: line.formula };
  const label = fill(templateOf(line.key, 0, lang), line.figures, lang);
  return { label: partPrefix(line, label, lang), formula: fill(templateOf(line.key, 1, lang), line.figures, lang) };
}

/** A breakdown fact's `{label, formula, value}` in `lang`. */
export function renderFact(fact, lang = "en") {
  if (!fact.key || templateOf(fact.key, 0, lang) === undefined) return { label: fact.label, formula: fact.formula, value: fact.value };
  const label = fill(templateOf(fact.key, 0, lang), fact.figures, lang);
  return {
    label: partPrefix(fact, label, lang),
    formula: fill(templateOf(fact.key, 1, lang), fact.figures, lang),
    value: fill("{value}", fact.figures, lang),
  };
}

/** A breakdown's notes in `lang`: each from its message in `noteMessages`, else as written. */
export function renderNotes(breakdown, lang = "en") {
  const messages = breakdown.noteMessages ?? [];
  return (breakdown.notes ?? []).map((n, i) => {
    const m = messages[i];
    return m && templateOf(m.key, 0, lang) !== undefined ? renderMessage(m, lang) : n;
  });
}

/** A whole breakdown in `lang`: `{facts, lines, notes}` with the texts rendered, amounts kept. */
export function renderBreakdown(breakdown, lang = "en") {
  return {
    facts: (breakdown.facts ?? []).map((f) => renderFact(f, lang)),
    lines: (breakdown.lines ?? []).map((l) => ({ ...renderLine(l, lang), amount: l.amount })),
    notes: renderNotes(breakdown, lang),
  };
}

/** The English text of a breakdown as the wasm module answers it (keys and figures; the module
 * ships no English templates, src/domain/messages.rs): every keyed line, fact and note gets its
 * text from the English table, in place. What it writes equals the native CLI's text (tested). */
export function withEnglish(breakdown) {
  if (!breakdown) return breakdown;
  for (const l of breakdown.lines ?? []) if (l.key) Object.assign(l, renderLine(l, "en"));
  for (const f of breakdown.facts ?? []) if (f.key) Object.assign(f, renderFact(f, "en"));
  if (breakdown.notes) breakdown.notes = renderNotes(breakdown, "en");
  return breakdown;
}

/** The English texts of an answer's members told by messages (a timeline's states and events):
 * an object with `messages` (member name → message) gets each member's text from the English
 * table, in place, as the native build writes it (the module ships no English templates). */
export function withEnglishTexts(answer) {
  const stack = [answer];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || typeof v !== "object") continue;
    if (Array.isArray(v)) {
      for (const x of v) stack.push(x);
      continue;
    }
    for (const [k, x] of Object.entries(v)) {
      if (k === "messages" && x && typeof x === "object") {
        for (const [name, m] of Object.entries(x)) if (m && typeof m === "object") v[name] = renderMessage(m, "en");
      } else if (k !== "breakdown" && x !== null && typeof x === "object") stack.push(x);
    }
  }
  return answer;
}

/** A member of an answer told by a message (`messages[name]`) in `lang`; else its text. */
export function renderText(item, name, lang = "en") {
  const m = item?.messages?.[name];
  return m && templateOf(m.key, 0, lang) !== undefined ? renderMessage(m, lang) : item?.[name];
}
