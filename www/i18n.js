// The page's language: English or 简体中文. Chosen from `?lang=` (tests, shared links), else the
// reader's earlier choice (localStorage `billcalc.lang`), else the browser's languages; a
// visible switch in the header changes it. The page's own words (its chrome) are in CHROME
// below; a breakdown's words come from the package's message tables (js/messages.js), by each
// line's key. Numbers and dates go through Intl in the chosen locale.
import { LANGUAGES, pickLanguage, renderBreakdown } from "../js/messages.js";

/** Where the reader's choice of language is kept (localStorage). */
export const STORE = "billcalc.lang";

/** The rule, declared once: the built page's head script runs this function's own text (with
 * `pickLanguage`, `LANGUAGES` and `STORE`, inlined by scripts/prerender.mjs) to show, before the
 * first paint, the prerendered sample in the language the page then draws in. So it names
 * nothing but those. */
export function chosenLanguage() {
  // Guarded: the page's modules are also loaded in Node (tests, the build's prerender).
  const asked = new URLSearchParams(globalThis.location?.search ?? "").get("lang");
  if (asked && LANGUAGES.includes(asked)) return asked;
  try {
    const kept = globalThis.localStorage?.getItem(STORE);
    if (kept && LANGUAGES.includes(kept)) return kept;
  } catch {
    // Storage refused (a private window): the browser's language.
  }
  const nav = globalThis.navigator;
  return pickLanguage(nav?.languages?.length ? nav.languages : [nav?.language]);
}

/** The page's language, `en` or `zh-CN`. */
export const lang = chosenLanguage();

/** The page's own words, by key, per language (the breakdown's are the package's); a sentence
 * with figures is a function of them. */
export const CHROME = {
  en: {
    title: "billcalc — what will I pay or get back?",
    tagline: "What you will pay or get back, to the cent, before you click — with every formula.",
    language: "Language",
    views: "Views",
    checkout: "Checkout",
    resource: "My resource",
    calculations: "All calculations",
    loading: "Loading the calculator…",
    orders: "Orders",
    ordersHint: "(purchase and renewals, in date order)",
    start: "start",
    end: "end",
    term: "term",
    paidCash: "paid cash",
    voucher: "voucher",
    remove: "remove",
    addOrder: "+ order",
    rounding: "Rounding",
    breakdown: "Breakdown",
    howComputed: "How it was computed",
    figure: "figure",
    how: "how",
    value: "value",
    line: "line",
    formula: "formula",
    amount: "amount",
    total: "total",
    policy: "policy",
    share: "Share this preview: the address bar holds the whole request. Works offline after the first visit.",
    embed: "Embedding the receipt in a checkout page",
    linkDeep: (max) => `The link is nested more than ${max} levels deep: it is not a request this page wrote.`,
    linkTooMany: (n, max) => `The link's cart has ${n} items; one payment holds at most ${max}.`,
    linkEmpty: "The link's cart is empty: there is nothing to price.",
    linkUnreadable: "The link's state could not be read.",
    linkRefused: (why) => `${why} The page opened its sample instead.`,
  },
  "zh-CN": {
    title: "billcalc — 我要付多少，能退多少？",
    tagline: "下单前就知道要付或能退的金额，精确到分，并附每一条公式。",
    language: "语言",
    views: "视图",
    checkout: "结算",
    resource: "我的资源",
    calculations: "全部计算",
    loading: "正在加载计算器…",
    orders: "订单",
    ordersHint: "（购买和续费，按日期排列）",
    start: "开始",
    end: "结束",
    term: "时长",
    paidCash: "实付现金",
    voucher: "代金券",
    remove: "删除",
    addOrder: "+ 订单",
    rounding: "舍入",
    breakdown: "计算明细",
    howComputed: "计算过程",
    figure: "数值",
    how: "计算方式",
    value: "值",
    line: "项目",
    formula: "公式",
    amount: "金额",
    total: "合计",
    policy: "策略",
    share: "分享此预览：地址栏包含完整的请求。首次访问后可离线使用。",
    embed: "在结算页面中嵌入收据",
    linkDeep: (max) => `链接的嵌套超过 ${max} 层：这不是本页面生成的请求。`,
    linkTooMany: (n, max) => `链接中的购物车有 ${n} 个项目；一次支付最多 ${max} 个。`,
    linkEmpty: "链接中的购物车是空的：没有可计价的项目。",
    linkUnreadable: "无法读取链接中的状态。",
    linkRefused: (why) => `${why}页面已改为打开示例。`,
  },
};

/** The page's word for `key` in its language (English when the table lacks it). */
export function t(key) {
  return CHROME[lang]?.[key] ?? CHROME.en[key] ?? key;
}

/** An amount (a decimal string) in the locale's format, every decimal kept (exact, no float). */
export function formatAmount(text) {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(String(text));
  if (!m) return String(text);
  const group = new Intl.NumberFormat(lang).format(0n + BigInt(m[2]));
  const point = new Intl.NumberFormat(lang).formatToParts(1.5).find((p) => p.type === "decimal")?.value ?? ".";
  return `${m[1] ? "-" : ""}${group}${m[3] ? point + m[3] : ""}`;
}

/** A day (`2024-03-01`) in the locale's format. */
export function formatDate(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(iso));
  if (!m) return String(iso);
  return new Intl.DateTimeFormat(lang, { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" }).format(
    new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])),
  );
}

/** A breakdown's texts in the page's language. */
export function localBreakdown(breakdown) {
  return renderBreakdown(breakdown, lang);
}

/** Puts the page's words in its language (`data-i18n` elements) and the language switch in the
 * header. */
export function applyChrome() {
  document.documentElement.lang = lang;
  document.title = t("title");
  for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
  for (const node of document.querySelectorAll("[data-i18n-label]")) node.setAttribute("aria-label", t(node.dataset.i18nLabel));
  const header = document.querySelector("header");
  if (!header || document.getElementById("lang-switch")) return;
  const select = document.createElement("select");
  select.id = "lang-switch";
  for (const [value, name] of [["en", "English"], ["zh-CN", "简体中文"]]) {
    const o = document.createElement("option");
    o.value = value;
    o.textContent = name;
    o.lang = value;
    o.selected = value === lang;
    select.append(o);
  }
  select.addEventListener("change", () => {
    try {
      localStorage.setItem(STORE, select.value);
    } catch {
      // Kept in the address only.
    }
    const url = new URL(location.href);
    url.searchParams.set("lang", select.value);
    location.replace(url);
  });
  const label = document.createElement("label");
  label.className = "lang";
  label.append(t("language"), " ", select);
  header.prepend(label);
}
