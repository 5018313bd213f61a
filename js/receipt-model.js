// What a receipt shows, in a customer's words: a checkout answer turned into rows of label and
// amount (exact decimal strings, and the same figure formatted with its currency), the offers
// each line considered and why, tax, the total, who pays and why a payment cannot go through.
// No DOM and no .wasm here: <billcalc-receipt> (js/receipt.js) draws it, and the package's tests
// check on random carts that the rows it draws add up.
//
// Every sentence a customer reads is in WORDS (one table, so that it can be translated); figures
// go into them as arguments, already formatted.

import { refusalsZhCN } from "./refusals-zh-CN.js";

/** The receipt's words, in English. Functions take figures already formatted. */
export const WORDS = {
  receipt: "Receipt",
  item: "Item",
  amount: "Amount",
  kind: { new: "New purchase", renewal: "Renewal", unifiedRenewal: "Renewal to the unified day", upgrade: "Upgrade" },
  discount: { business: "Business discount", partner: "Partner discount", promotion: "Promotion", coupon: "Coupon" },
  term: (n, unit) => `${n} ${unit === "Y" ? (n === 1 ? "year" : "years") : n === 1 ? "month" : "months"}`,
  quantity: (term, q) => `${term} × ${q}`,
  factor: (name, factor) => `${name} × ${factor}`,
  offersTitle: "Offers considered",
  offer: {
    chosen: (amt) => `chosen: charges ${amt}, the lowest amount`,
    higherAmount: (amt, won) => `not chosen: it would charge ${amt}, more than the ${won} charged`,
    sameAmountOtherFirst: (amt) => `not chosen: the same ${amt}; on a tie a business discount goes first, then a partner one, then a promotion`,
    twoYearsOrLonger: (amt) => `not eligible: a partner discount does not apply to products of two years or longer (it would charge ${amt})`,
    neverUsedHere: (amt) => `not eligible: a promotion applies only to a resource whose earlier order used it, and this one's did not (it would charge ${amt})`,
    usedAfterThisOrder: (amt) => `not eligible: its use is dated after this order, so it is not an earlier order of this resource (it would charge ${amt})`,
    notYetInEffect: (amt) => `not eligible: not yet in effect on the order day (it would charge ${amt})`,
    expired: (amt) => `not eligible: expired before the order day (it would charge ${amt})`,
    otherPromotionCompetes: (amt) =>
      `not eligible: of the promotions this resource used, only the one that took effect last competes (on the same day, the one used last) (it would charge ${amt})`,
  },
  coupon: "the coupon you chose (no voucher can be used with it)",
  voucher: (id) => `Voucher ${id}`,
  expires: (when) => `expires ${when}`,
  autoRenews: (when) => `renews automatically: first attempt ${when}`,
  due: "Due for this item",
  refused: "left out",
  listPrice: "List price",
  discounts: "Discounts",
  vouchers: "Vouchers",
  subtotal: "Subtotal",
  tax: (name, rate, from) => `${name} ${rate}${from ? ` (from ${from})` : ""}`,
  givenRate: (rate) => `Tax ${rate} (the rate you entered)`,
  reverseCharge: (label) => `${label}: reverse charge, you self-assess`,
  withholding: "Withholding tax (you withhold it)",
  vatCollector: "VAT you pay to the tax authority yourself",
  noCountry: "No tax: no country chosen",
  noRate: {
    country: (c) => `No tax: the guides state no tax for ${c}. The total is shown without tax; enter a rate if one applies.`,
    seller: (c) => `No tax: the guides state no tax for ${c} with this seller. The total is shown without tax; enter a rate if one applies.`,
    date: (c) => `No tax: the guides state no tax for ${c} on this date. The total is shown without tax; enter a rate if one applies.`,
  },
  toPay: "To pay",
  shownIn: (cur, rate) => `In ${cur} (rate ${rate})`,
  whoPays: "Who pays",
  payer: { cash: "Cash balance", credit: "Credit line", monthlySettlement: "Month-end settlement", card: "Card", unpaid: "Not paid yet" },
  status: {
    paid: "Paid.",
    failed: "The payment fails: nothing is taken; it is retried the next day.",
    pendingPayment: "Not paid yet: the order waits for payment.",
  },
  balance: (cash, credit) => `cash ${cash}, credit ${credit}`,
  unpaidBecause: {
    balanceShort: (short, bal) => `The balance (${bal}) is ${short} short. Top it up, or pay the order by hand.`,
    cardNotForOrders: (short, bal) =>
      `The balance (${bal}) is ${short} short, and an order's automatic payment takes only the balance or month-end settlement, never the bound card. Pay the order by hand on the payment page, for example with the bound card.`,
    cardOverLimit: (short, bal) => `The balance (${bal}) is ${short} short, and the rest is above what one card payment may take.`,
  },
  howComputed: "How it was computed",
  error: "The cart cannot be priced",
  refusal: (code, plain) => plain,
  errorDetails: (code, plain) => `Details: ${code}`,
  tooLarge: "a number too large",
  atLeast: (n) => `of ${n} or more`,
};

/** The receipt's words in Simplified Chinese: the same keys as WORDS, the same functions. */
export const WORDS_ZH = {
  receipt: "收据",
  item: "项目",
  amount: "金额",
  kind: { new: "新购", renewal: "续费", unifiedRenewal: "统一到期日续费", upgrade: "升级规格" },
  discount: { business: "商务折扣", partner: "伙伴折扣", promotion: "促销", coupon: "优惠券" },
  term: (n, unit) => `${n} ${unit === "Y" ? "年" : "个月"}`,
  quantity: (term, q) => `${term} × ${q}`,
  factor: (name, factor) => `${name} × ${factor}`,
  offersTitle: "比较过的优惠",
  offer: {
    chosen: (amt) => `已选用：应付 ${amt}，金额最低`,
    higherAmount: (amt, won) => `未选用：应付 ${amt}，高于实收的 ${won}`,
    sameAmountOtherFirst: (amt) => `未选用：金额同为 ${amt}；金额相同时依次优先商务折扣、伙伴折扣、促销`,
    twoYearsOrLonger: (amt) => `不适用：伙伴折扣不适用于两年及以上时长的产品（应付 ${amt}）`,
    neverUsedHere: (amt) => `不适用：促销仅适用于此前订单已享受该促销的资源，本资源此前的订单未享受（应付 ${amt}）`,
    usedAfterThisOrder: (amt) => `不适用：其使用日期晚于本订单，不属于本资源此前的订单（应付 ${amt}）`,
    notYetInEffect: (amt) => `不适用：下单当日尚未生效（应付 ${amt}）`,
    expired: (amt) => `不适用：下单日前已过期（应付 ${amt}）`,
    otherPromotionCompetes: (amt) =>
      `不适用：本资源享受过的促销中，只有最后生效的一个参与比较（同日生效的，取最后使用的一个）（应付 ${amt}）`,
  },
  coupon: "您选择的优惠券（不可与代金券同时使用）",
  voucher: (id) => `代金券 ${id}`,
  expires: (when) => `到期时间 ${when}`,
  autoRenews: (when) => `自动续费：首次扣费 ${when}`,
  due: "本项应付",
  refused: "未计入",
  listPrice: "目录价",
  discounts: "折扣",
  vouchers: "代金券",
  subtotal: "小计",
  tax: (name, rate, from) => `${name} ${rate}${from ? `（自 ${from} 起）` : ""}`,
  givenRate: (rate) => `税费 ${rate}（您输入的税率）`,
  reverseCharge: (label) => `${label}：反向征收，由您自行申报`,
  withholding: "代扣税（由您代扣代缴）",
  vatCollector: "由您自行向税务机关缴纳的增值税",
  noCountry: "不计税：未选择国家/地区",
  noRate: {
    country: (c) => `不计税：指南未规定 ${c} 的税率。总额按不含税显示；如适用税率，请输入。`,
    seller: (c) => `不计税：指南未规定 ${c} 在该签约主体下的税率。总额按不含税显示；如适用税率，请输入。`,
    date: (c) => `不计税：指南未规定 ${c} 在该日期的税率。总额按不含税显示；如适用税率，请输入。`,
  },
  toPay: "应付金额",
  shownIn: (cur, rate) => `以 ${cur} 计（汇率 ${rate}）`,
  whoPays: "支付方式",
  payer: { cash: "现金余额", credit: "信用额度", monthlySettlement: "月结", card: "绑定的银行卡", unpaid: "待支付" },
  status: {
    paid: "已支付。",
    failed: "扣费失败：不扣除任何款项；次日重试。",
    pendingPayment: "待支付：订单等待支付。",
  },
  balance: (cash, credit) => `现金 ${cash}，信用额度 ${credit}`,
  unpaidBecause: {
    balanceShort: (short, bal) => `余额（${bal}）不足，还差 ${short}。请充值，或手动支付订单。`,
    cardNotForOrders: (short, bal) =>
      `余额（${bal}）不足，还差 ${short}；订单自动扣费只使用余额或月结，不会从绑定的银行卡扣款。请在支付页面手动支付订单，例如使用绑定的银行卡。`,
    cardOverLimit: (short, bal) => `余额（${bal}）不足，还差 ${short}，且差额超过单笔银行卡支付的限额。`,
  },
  howComputed: "计算过程",
  error: "无法为购物车计价",
  refusal: (code, plain) => refusalsZhCN[code] ?? "无法按此输入计算，请检查填写的内容。",
  errorDetails: (code, plain) => (plain ? `详情：${plain}（${code}）` : `详情：${code}`),
  tooLarge: "过大的数值",
  atLeast: (n) => `${n} 或以上`,
};

/** The receipt's words by language (the package's LANGUAGES: `en`, `zh-CN`). */
export const WORDS_BY_LANG = { en: WORDS, "zh-CN": WORDS_ZH };

/** The words for a BCP 47 tag: Chinese for any `zh…`, else English. */
export function wordsFor(lang) {
  return /^zh\b/i.test(String(lang ?? "")) ? WORDS_ZH : WORDS;
}

// ---------- money, exactly ----------

const MINOR = new Map();
function minorDigits(currency) {
  if (!currency) return 2;
  if (!MINOR.has(currency)) {
    let d = 2;
    try {
      d = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits;
    } catch {
      d = 2;
    }
    MINOR.set(currency, d);
  }
  return MINOR.get(currency);
}

const isCode = (c) => typeof c === "string" && /^[A-Za-z]{3}$/.test(c);

// Formatters are costly to build: one per locale, currency and number of decimals, kept.
const FORMATTERS = new Map();
function formatters(locale, code, digits, options) {
  const key = `${locale ?? ""}|${code}|${digits}`;
  let f = FORMATTERS.get(key);
  if (!f) {
    let nf;
    try {
      nf = new Intl.NumberFormat(locale, options);
    } catch {
      nf = new Intl.NumberFormat(undefined, options);
    }
    const integers = new Intl.NumberFormat(nf.resolvedOptions().locale, { numberingSystem: "latn", maximumFractionDigits: 0 });
    f = { nf, integers };
    if (FORMATTERS.size > 64) FORMATTERS.clear();
    FORMATTERS.set(key, f);
  }
  return f;
}

/**
 * An exact decimal string (`"1819.5"`, `"-0.50"`) in the locale's format, with its currency
 * (`"USD"`, or none): the integer part is formatted as a BigInt and the fraction kept digit for
 * digit (padded to the currency's minor unit, never rounded), so no cent changes.
 */
export function formatMoney(amount, { currency = "", locale } = {}) {
  const m = /^([-−]?)(\d+)(?:\.(\d+))?$/.exec(String(amount ?? "").trim());
  if (!m) return String(amount ?? "");
  const [, sign, int, frac0 = ""] = m;
  const code = isCode(currency) ? currency.toUpperCase() : "";
  const minor = minorDigits(code);
  const significant = frac0.replace(/0+$/, "");
  const digits = Math.min(Math.max(minor, significant.length), 100);
  const frac = frac0.padEnd(digits, "0").slice(0, digits);
  const base = { numberingSystem: "latn", minimumFractionDigits: digits, maximumFractionDigits: digits };
  const options = code ? { ...base, style: "currency", currency: code } : base;
  const { nf, integers } = formatters(locale, code, digits, options);
  const negative = sign !== "" && /[1-9]/.test(int + frac);
  const whole = integers.formatToParts(BigInt(int));
  let out = "";
  let integerDone = false;
  // A template (1 with the fraction's digits) gives the sign, symbol and separators' places.
  for (const p of nf.formatToParts(negative ? -1 : 1)) {
    if (p.type === "integer") {
      if (!integerDone) out += whole.filter((w) => w.type === "integer" || w.type === "group").map((w) => w.value).join("");
      integerDone = true;
    } else if (p.type === "group") {
      continue;
    } else if (p.type === "fraction") out += frac;
    else out += p.value;
  }
  // A label that is no ISO code ("US$") goes after the figure as given.
  return !code && currency ? `${out} ${currency}` : out;
}

/** `"0.09"` → `"9 %"`: the decimal point moved, as text. */
export function percent(rate) {
  const m = /^(\d*)(?:\.(\d*))?$/.exec(String(rate));
  if (!m) return String(rate);
  const frac = (m[2] ?? "").padEnd(2, "0");
  const whole = `${m[1]}${frac.slice(0, 2)}`.replace(/^0+(?=\d)/, "");
  const rest = frac.slice(2).replace(/0+$/, "");
  return `${whole}${rest ? `.${rest}` : ""} %`;
}

export const isZero = (m) => typeof m === "string" && /^-?0(\.0*)?$/.test(m);
const neg = (m) => (isZero(m) ? m : String(m).startsWith("-") ? String(m).slice(1) : `-${m}`);
const when = (instant) => String(instant).replace("T", " ");

/** A term code (`1M`, `3Y`) in words. */
export function termWords(term, words = WORDS) {
  const m = /^(\d+)([MY])$/.exec(String(term ?? ""));
  return m ? words.term(Number(m[1]), m[2]) : String(term ?? "");
}

// ---------- errors in words ----------

/**
 * A refusal in a customer's words: the guide's section references and JSON member names taken
 * out (`items[0].term` → "item 1 term", `indirectTaxRate` → "indirect tax rate"), a number no
 * input can hold replaced with words; the code is kept apart for a details line. In another
 * language than English (`words.refusal`), the text is the code's sentence in it (a refusal the
 * page wrote in that language stays as written) and the details line holds the English and the code.
 */
export function plainError(err, words = WORDS) {
  let text = String(err?.message ?? err ?? "");
  text = text
    .replace(/\s*\((?:see )?\d{3} §[^()]*(?:\([^()]*\)[^()]*)*\)/g, "")
    .replace(/[;,:]?\s*\d{3} §[\d.]+(?:\s*(?:ex\.|example|table|step|note)\s*[\w.-]+)*/g, "")
    .replace(/\bfrom (\d+) to \d{16,}/g, words.atLeast("$1"))
    .replace(/\b\d{16,}\b/g, words.tooLarge)
    .replace(/([A-Za-z]+)\[(\d+)\]\.?/g, (_, name, i) => `${name.replace(/s$/, "")} ${Number(i) + 1} `)
    .replace(/\b([a-z]+(?:[A-Z][a-z0-9]*)+)\b/g, (w) => w.replace(/([A-Z])/g, " $1").toLowerCase())
    .replace(/`/g, "")
    .replace(/\s+/g, " ")
    .trim();
  if (text) text = text[0].toUpperCase() + text.slice(1);
  const code = err?.code ?? "ERROR";
  // A refusal the page wrote itself is already in its language; the package's is English: in
  // another language its code's sentence, the English on the details line.
  const said = words.refusal?.(code, text) ?? text;
  if (said === text || /[\u4e00-\u9fff]/.test(text)) return { text, code, details: words.errorDetails(code) };
  return { text: said, code, details: words.errorDetails(code, text) };
}

// ---------- the receipt ----------

function describe(item, line, i, words) {
  const parts = [`${i + 1}`, words.kind[line?.kind ?? item?.kind ?? "new"] ?? String(item?.kind ?? "")];
  if (item?.product) parts.push(String(item.product));
  if (item?.region) parts.push(String(item.region));
  const term = line?.term ?? (item?.kind === "unifiedRenewal" ? item?.renewTerm : item?.term);
  if (term) parts.push(item?.quantity > 1 ? words.quantity(termWords(term, words), item.quantity) : termWords(term, words));
  return parts.join(" · ");
}

function offerName(o, words) {
  return words.factor(`${words.discount[o.kind] ?? o.kind}${o.id ? ` ${o.id}` : ""}`, o.factor);
}

/**
 * The receipt of a checkout answer as rows: `{lines, sums, total, display, payers, status,
 * unpaidWhy}`. A row is `{key, label, amount, text}`: `amount` the exact signed decimal (a
 * deduction negative), `text` it formatted. Item rows add up to their item's due, the sums to
 * the total, the payers to the total.
 */
export function receiptModel(request, answer, { currency = "", locale, words = WORDS } = {}) {
  const money = (m) => (m === null || m === undefined ? "" : formatMoney(m, { currency, locale }));
  const row = (key, label, amount, extra = {}) => ({ key, label, amount, text: money(amount), ...extra });
  const items = Array.isArray(request?.items) ? request.items : [];
  const lines = answer.lines.map((line, i) => {
    const head = describe(items[i], line, i, words);
    if (line.error) return { index: i, head, error: plainError(line.error, words), rows: [] };
    const rows = [row(`line-${i}-list`, head, line.listAmount)];
    const charged = line.discount ? null : line.listAmount;
    const offers = (line.offers ?? []).map((o) => {
      const amt = money(o.amount);
      const won = line.discount ? money(subtract(line.listAmount, line.discount.amount)) : money(charged);
      const why = words.offer[o.because]?.(amt, won) ?? o.reason;
      return { name: offerName(o, words), why, chosen: o.because === "chosen" };
    });
    if (line.discount) {
      const d = line.discount;
      const why = d.kind === "coupon" ? words.coupon : "";
      rows.push(row(`line-${i}-discount`, offerName(d, words), neg(d.amount), { why }));
    }
    if (line.voucher) rows.push(row(`line-${i}-voucher`, words.voucher(line.voucher.id), neg(line.voucher.amount)));
    const notes = [];
    if (line.expiresAt) notes.push(words.expires(when(line.expiresAt)));
    if (line.autoRenewal) notes.push(words.autoRenews(when(line.autoRenewal)));
    return { index: i, head, rows, offers, notes, due: row(`line-${i}-due`, words.due, line.amountDue) };
  });
  const sums = [row("listTotal", words.listPrice, answer.listTotal)];
  if (!isZero(answer.discountTotal)) sums.push(row("discountTotal", words.discounts, neg(answer.discountTotal)));
  if (!isZero(answer.voucherTotal)) sums.push(row("voucherTotal", words.vouchers, neg(answer.voucherTotal)));
  const subtotal = row("subtotal", words.subtotal, answer.total);
  const taxes = [];
  const tax = answer.tax;
  const country = String(request?.country ?? "").trim().toUpperCase();
  let taxNote = null;
  if (!tax) taxNote = words.noCountry;
  else {
    if (tax.noRateStated) taxNote = words.noRate[tax.noRateStated](country);
    for (const r of tax.rates ?? []) {
      let label = r.source === "given" ? words.givenRate(percent(r.rate)) : words.tax(r.tax, percent(r.rate), r.from);
      if (tax.reverseCharge) label = words.reverseCharge(label);
      taxes.push(row("tax", label, r.amount));
    }
    if (!isZero(tax.withholding)) taxes.push(row("withholding", words.withholding, neg(tax.withholding)));
    const collected = subtract(subtract(add(answer.total, tax.indirectTax), tax.withholding), tax.netPayable);
    if (!isZero(collected)) taxes.push(row("vatCollector", words.vatCollector, neg(collected)));
  }
  const toPay = tax ? tax.netPayable : answer.total;
  const total = row("total", words.toPay, toPay);
  const display = answer.display ? { label: words.shownIn(answer.display.currency, answer.display.rate), text: `≈ ${formatMoney(answer.display.amount, { currency: answer.display.currency, locale })}` } : null;
  const p = answer.payment;
  const payers = [];
  let status = null;
  let unpaidWhy = null;
  if (p) {
    for (const [k, key] of [["cash", "pay-cash"], ["credit", "pay-credit"], ["monthlySettlement", "pay-settlement"], ["card", "pay-card"], ["unpaid", "pay-unpaid"]]) {
      if (!isZero(p[k])) payers.push(row(key, words.payer[k], p[k]));
    }
    status = words.status[p.status] ?? p.status;
    if (p.unpaidBecause) {
      const b = request?.balance ?? {};
      const bal = words.balance(money(b.cash || "0"), money(b.credit || "0"));
      unpaidWhy = words.unpaidBecause[p.unpaidBecause]?.(money(p.shortfall), bal) ?? null;
    }
  }
  return { lines, sums, subtotal, taxes, taxNote, total, display, payers, status, unpaidWhy };
}

// ---------- exact decimal arithmetic on strings (for the rows above and the tests) ----------

function scaled(a) {
  const m = /^([-−]?)(\d+)(?:\.(\d+))?$/.exec(String(a ?? "0"));
  if (!m) throw new Error(`not a decimal: ${a}`);
  return { sign: m[1] ? -1n : 1n, digits: m[2] + (m[3] ?? ""), scale: (m[3] ?? "").length };
}

/** Exact sum of decimal strings, as a decimal string with the largest scale given. */
export function add(...xs) {
  const v = xs.map(scaled);
  const scale = Math.max(0, ...v.map((x) => x.scale));
  const sum = v.reduce((s, x) => s + x.sign * BigInt(x.digits) * 10n ** BigInt(scale - x.scale), 0n);
  const neg = sum < 0n;
  const abs = (neg ? -sum : sum).toString().padStart(scale + 1, "0");
  const text = scale ? `${abs.slice(0, -scale)}.${abs.slice(-scale)}` : abs;
  return neg ? `-${text}` : text;
}

export const subtract = (a, b) => add(a, neg(b));
