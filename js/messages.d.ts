// The breakdown in the reader's language (import "billcalc/messages"): each line, fact and note of
// an answer's breakdown carries a `key` and its `figures`; these render them from one table per
// language.
import type { ErrorCode, Figures, Message } from "./types.js";

/** A language with a table. */
export type Language = "en" | "zh-CN";

/** The languages with a table. */
export declare const LANGUAGES: readonly Language[];

/** Each language's templates: key → [label or note or word, formula]. */
export declare const MESSAGES: Record<Language, Record<string, [string, string]>>;

/** Each language's sentence for a refusal, by its code (English: none, the message is the English). */
export declare const REFUSALS: Record<Language, Partial<Record<ErrorCode, string>>>;

/** Each language's words for the stable words answers carry (English: none, the value is the word). */
export declare const VALUES: Record<Language, Record<string, string>>;

/** A refusal as a customer reads it in `lang`: its code's sentence, else its own message. */
export declare function refusalText(error: { code?: string; message?: string }, lang?: string): string;

/** A stable word of an answer (`grace`, `huaweiCloud`) in `lang`; any other value as it is. */
export declare function valueText<T>(value: T, lang?: string): T | string;

/** The language closest to the preferred ones (e.g. `navigator.languages`). */
export declare function pickLanguage(preferred: string | readonly string[]): Language;

/** Fill a template's `{name}` placeholders from `figures`. */
export declare function fill(text: string, figures: Figures | undefined, lang?: string): string;

/** A message (a word or a sentence) in `lang`. */
export declare function renderMessage(message: Message, lang?: string): string;

interface KeyedLine { label: string; formula: string; key?: string | null; figures?: Figures; part?: Message | null }
interface KeyedFact extends KeyedLine { value: string }
interface KeyedBreakdown {
  facts?: KeyedFact[];
  lines?: Array<KeyedLine & { amount: string }>;
  notes?: string[];
  noteMessages?: Array<Message | null>;
}

/** A breakdown line's label and formula in `lang` (its English text when it has no key). */
export declare function renderLine(line: KeyedLine, lang?: string): { label: string; formula: string };

/** A breakdown fact's label, formula and value in `lang`. */
export declare function renderFact(fact: KeyedFact, lang?: string): { label: string; formula: string; value: string };

/** A breakdown's notes in `lang`. */
export declare function renderNotes(breakdown: KeyedBreakdown, lang?: string): string[];

/** A whole breakdown's texts in `lang`, amounts kept. */
export declare function renderBreakdown(
  breakdown: KeyedBreakdown,
  lang?: string,
): {
  facts: Array<{ label: string; formula: string; value: string }>;
  lines: Array<{ label: string; formula: string; amount: string }>;
  notes: string[];
};

/** An answer's texts told by messages (`messages`: member name → message) written in English, in place. */
export declare function withEnglishTexts<T>(answer: T): T;

/** A member of an answer told by a message (`item.messages[name]`) in `lang`, else its own text. */
export declare function renderText(item: object & { messages?: Figures }, name: string, lang?: string): string;
