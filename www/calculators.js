// The "All calculations" view: one form per operation of the package, each opening on one of the guides'
// worked examples; the result, the breakdown, errors next to their field, a rounding-policy
// switch and the what-if chart. No billing rule lives here — every figure, formula and refusal
// comes from the package (the same build users import). User input is only ever written with
// textContent / value, never as HTML. No box takes JSON: lists are rows with add and remove
// buttons, records are groups of labelled inputs (FORMS below), and every word the customer reads
// is in TEXT_EN / TEXT_ZH (the page's language from ./i18n.js).
//
// Loaded on demand (its own chunk with the sample catalog, scripts/bundle-page.mjs): the package
// and the page's helpers come in `mountCalculators`' hooks, so nothing is shared with the first
// view's module.
import { VIEWS } from "./sample.js";
import { TEXT_BY_LANG as SELLERS_BY_LANG } from "./sellers.js";
import { lang, localBreakdown, t } from "./i18n.js";
import { renderText, valueText } from "../js/messages.js";
import { formatMoney, wordsFor } from "../js/receipt-model.js";

const $ = (sel) => document.querySelector(sel);
const SVG = "http://www.w3.org/2000/svg";
let current = VIEWS[0];
let hooks;
let billcalc;

function el(tag, props = {}, text) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === "dataset") Object.assign(e.dataset, v);
    else e[k] = v;
  }
  if (text !== undefined) e.textContent = text;
  return e;
}

// A figure's name in words: `handlingFee` → "handling fee", `chosen.kind` → "chosen kind".
const words = (key) => key.replace(/\./g, " ").replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();

// ---------- the forms: what replaces a JSON box or a coded text ----------

// A price table (`{"1M": "90"}`) as rows of term and price.
const PRICES = { kind: "map", keyKind: "term", keyLabel: "term", valueLabel: "price", noun: "price" };

/** Per `op.field`, the form that builds the member (merged over the field of ./sample.js). */
const FORMS = {
  "usageCharge.tiers": {
    kind: "records",
    noun: "tier",
    columns: [
      { key: "from", label: "from", kind: "money" },
      { key: "to", label: "to (blank: no limit)", kind: "money", optional: true },
      { key: "price", label: "unit price", kind: "money", optional: true },
      { key: "total", label: "tier total", kind: "money", optional: true },
    ],
    blank: { from: "0", price: "1.00" },
  },
  "unifiedExpiry.unifiedDay": { kind: "day", label: "unified expiry day" },
  "reservedPoolIdleFee.start": { kind: "datetime", label: "package start" },
  "reservedPoolIdleFee.end": { kind: "datetime" },
  "reservedPoolIdleFee.until": { kind: "datetime" },
  "reservedPoolIdleFee.events": {
    kind: "records",
    noun: "event",
    columns: [
      { key: "at", label: "when", kind: "datetime" },
      { key: "action", label: "action", kind: "select", options: ["draw", "release"] },
      { key: "count", label: "instances", kind: "int" },
    ],
    blank: { action: "draw", count: 1 },
  },
  "autoRenewalSchedule.manualRenewal": {
    kind: "object",
    label: "renewed by hand before the first attempt",
    fields: [
      { key: "term", label: "renewed for (1M, 1Y)", kind: "term" },
      { key: "on", label: "renewed on (blank: before the first attempt)", kind: "datetime", optional: true },
    ],
    blank: { term: "1M" },
  },
  "resourceTimeline.autoRenewal": {
    kind: "object",
    label: "auto-renewal on",
    fields: [
      { key: "term", label: "auto-renewal term (blank: as bought)", kind: "term", optional: true },
      { key: "deductionDaysBefore", label: "custom deduction day (days before expiry)", kind: "int", optional: true },
    ],
    blank: {},
  },
  "packageUsage.packages": {
    kind: "records",
    noun: "package",
    columns: [
      { key: "id", label: "name" },
      { key: "kind", label: "kind", kind: "select", options: ["nonResettable", "resettable"] },
      { key: "quota", label: "quota", kind: "money" },
      { key: "resetCycle", label: "reset every (resettable)", kind: "select", optional: true, options: ["", "month", "week", "day", "hour"] },
      { key: "start", label: "first valid day", kind: "date" },
      { key: "end", label: "last valid day", kind: "date" },
      { key: "billingItem", label: "billing item it pays" },
      { key: "covers", label: "also pays (comma-separated)", kind: "list", optional: true },
      { key: "regions", label: "regions (blank: all)", kind: "list", optional: true },
      { key: "storageClass", label: "storage class (blank: any)", optional: true },
      { key: "redundancy", label: "redundancy (blank: any)", optional: true },
      { key: "scu", label: "storage capacity unit (SCU)", kind: "flag", optional: true },
    ],
    blank: { kind: "nonResettable", quota: "100", start: "2024-05-01", end: "2024-10-31", billingItem: "outboundTraffic" },
  },
  "packageUsage.usage": {
    kind: "records",
    noun: "usage record",
    columns: [
      { key: "date", label: "day", kind: "date" },
      { key: "hour", label: "hour (hourly cycles)", kind: "int", optional: true },
      { key: "billingItem", label: "billing item" },
      { key: "amount", label: "quantity", kind: "money" },
      { key: "region", label: "region", optional: true },
      { key: "storageClass", label: "storage class", optional: true },
      { key: "redundancy", label: "redundancy", optional: true },
    ],
    blank: { date: "2024-05-20", billingItem: "outboundTraffic", amount: "1" },
  },
  "packageUsage.prices": { kind: "map", keyKind: "text", keyLabel: "billing item", valueLabel: "price per unit", noun: "price" },
  "postpaidCalendar.bills": {
    kind: "records",
    noun: "bill",
    columns: [
      { key: "month", label: "month", kind: "month" },
      { key: "amount", label: "amount", kind: "money" },
      { key: "repaid", label: "already repaid", kind: "money", optional: true },
    ],
    blank: { amount: "0.00" },
  },
  "postpaidCalendar.orders": {
    kind: "records",
    noun: "order",
    columns: [
      { key: "date", label: "day", kind: "date" },
      { key: "amount", label: "amount", kind: "money" },
    ],
    blank: { amount: "0.00" },
  },
  "postpaidCalendar.repayment": {
    kind: "object",
    label: "repay now",
    fields: [
      { key: "month", label: "the bill's month (blank: early, of the estimate)", kind: "month", optional: true },
      { key: "amount", label: "amount (blank: all that is due)", kind: "money", optional: true },
    ],
    blank: {},
  },
  // The contracting entity: one of the sellers the Tax calculator lists.
  "invoice.seller": { kind: "select", label: "contracting entity", options: ["", ...(VIEWS.find((v) => v.op === "taxInvoice")?.fields.find((f) => f.name === "seller")?.options ?? [])] },
  "invoice.whtCertificate": {
    kind: "object",
    label: "a withholding-tax certificate",
    fields: [
      { key: "total", label: "certificate total", kind: "money" },
      {
        key: "invoices",
        kind: "records",
        label: "invoices it covers",
        noun: "invoice",
        columns: [
          { key: "id", label: "invoice number" },
          { key: "amountWithoutVat", label: "amount without VAT", kind: "money" },
          { key: "certificateAmount", label: "amount on the certificate (blank: split)", kind: "money", optional: true },
        ],
        blank: { amountWithoutVat: "0.00" },
      },
    ],
    blank: { total: "0.00", invoices: [{ id: "INV-1", amountWithoutVat: "0.00" }] },
  },
};

/** A field of a view with its form: a `prices` box becomes rows, a JSON box becomes FORMS'. */
function spec(op, f) {
  const form = FORMS[`${op}.${f.name}`];
  if (form) return { ...f, ...form };
  if (f.kind === "prices") return { ...f, ...PRICES };
  return f;
}

// ---------- the words, per language ----------

// The English words: the sample catalog's titles, labels and figure names (./sample.js) with the
// forms' (FORMS), and the view's own (UI_EN). TEXT_ZH has exactly these keys (tests/js/i18n-tables):
// it is the one Chinese of the catalog (./sample.js is English only).
const UI_EN = {
  operations: "Operations",
  add: (noun) => `+ ${noun}`,
  remove: (name) => `remove ${name}`,
  numbered: (noun, i) => `${noun} ${i}`,
  yes: "yes",
  no: "no",
  keyMissing: (what, price) => `the price ${price} has no ${what}`,
  keyTwice: (what, key) => `${what} ${key} is listed twice: keep one row`,
  day: (n) => `day ${n}`,
  lastDay: "last day of the month",
  none: "none",
  source: (s) => `From the guides: ${s}`,
  cartHint: "The cart has its own form, with its receipt: ",
  cartLink: "Edit this cart in the Checkout form",
  chart: (main, from, to) => `${main} for every day ${from} … ${to} (click to pick a day; the dashed line is the chosen day)`,
  daysOf: (n, of) => `${n} of ${of} days`,
  daysAbout: (n, period, unit) => `${n} days (≈ ${period} ${unit})`,
  hoursOf: (n, of) => `${n} of ${of} hours`,
  share: (pct) => `${pct} % of the term`,
  policies: {
    console: "console (what you are charged)",
    document: "document (the guides' worked examples)",
    exact: "exact (round once, everything)",
  },
};

// The members of the records a figure may hold (a bill's `dueOn`, an overage's `quantity`).
const MEMBERS = ("id amount balanceLeft billingItem quantity price uploadOpen amounts proposed month periodStart periodEnd issuedOn dueOn " +
  "overdueFrom remaining paidByTopUp paidByRepayment remainingAfter status estimate repaidEarly date billMonth chargedOn billed " +
  "toBills toArrears toBalance state label from to days works costToKeep howToKeep at what").split(" ");

function englishTable() {
  // The sellers (a select of the Tax and Invoice calculators) by their names, www/sellers.js.
  const T = { ui: UI_EN, titles: {}, labels: {}, nouns: {}, hints: {}, options: { ...SELLERS_BY_LANG.en }, figures: {} };
  T.members = Object.fromEntries(MEMBERS.map((k) => [k, words(k)]));
  const collect = (op, f, at) => {
    T.labels[`${op}.${at}`] = f.label ?? words(f.key ?? f.name);
    for (const o of f.options ?? []) {
      const [v, text] = Array.isArray(o) ? o : [o, words(o)];
      if (v !== "") T.options[v] ??= text;
    }
    if (f.noun) T.nouns[`${op}.${at}`] = f.noun;
    if (f.hint && f.kind === "amounts") T.hints[`${op}.${at}`] = f.hint;
    if (f.kind === "map") {
      T.labels[`${op}.${at}.key`] = f.keyLabel;
      T.labels[`${op}.${at}.value`] = f.valueLabel;
    }
    for (const c of f.columns ?? f.fields ?? []) collect(op, c, `${at}.${c.key}`);
  };
  for (const v of VIEWS) {
    T.titles[v.op] = v.title;
    if (!v.form) for (const f of v.fields) collect(v.op, spec(v.op, f), f.name);
    for (const k of v.figures) T.figures[k] = words(k);
  }
  return T;
}

const TEXT_EN = englishTable();

// 简体中文: the guide's own words (003: 包年/包月, 续费, 退订, 代金券, 按需, 资源包; 002: 预扣资源池,
// 单次抵扣包, 循环抵扣包, 空置费用).
const TEXT_ZH = {
  ui: {
    operations: "计算类型",
    add: (noun) => `+ 添加${noun}`,
    remove: (name) => `删除${name}`,
    numbered: (noun, i) => `${noun} ${i}`,
    yes: "是",
    no: "否",
    keyMissing: (what, price) => `价格 ${price} 缺少${what}`,
    keyTwice: (what, key) => `${what} ${key} 重复出现：请只保留一行`,
    day: (n) => `${n} 日`,
    lastDay: "月末最后一天",
    none: "无",
    source: (s) => `依据指南：${s}`,
    cartHint: "购物车有自己的表单和收据：",
    cartLink: "在结算表单中编辑此购物车",
    chart: (main, from, to) => `${from} … ${to} 每一天的${main}（点击图表选择日期；虚线为所选日期）`,
    daysOf: (n, of) => `${of} 天中的 ${n} 天`,
    daysAbout: (n, period, unit) => `${n} 天（≈ ${period} ${unit}）`,
    hoursOf: (n, of) => `${of} 小时中的 ${n} 小时`,
    share: (pct) => `剩余时长的 ${pct} %`,
    policies: {
      console: "控制台（实际扣费）",
      document: "文档（指南中的计算示例）",
      exact: "精确（全部只舍入一次）",
    },
  },
  titles: {
    unsubscribeRefund: "退订",
    downgradeRefund: "降配",
    upgradeCost: "升配",
    expansionCost: "磁盘扩容",
    unifiedExpiry: "统一到期日",
    quote: "新购 / 续费",
    switchToOnDemand: "转按需",
    reservedInstanceRefund: "预留实例",
    usageCharge: "用量（阶梯计价）",
    convertCurrency: "币种换算",
    bestDiscount: "最优折扣",
    selectVoucher: "代金券",
    paymentSplit: "支付",
    consumptionQuota: "消费额度",
    mergedPayment: "合并支付",
    billSummary: "账单汇总",
    reservedPoolIdleFee: "预扣资源池",
    taxInvoice: "税费",
    autoRenewalSchedule: "自动续费",
    resourceTimeline: "接下来会怎样",
    billRounding: "账单精度",
    packageUsage: "资源包",
    packageRenewal: "资源包续费",
    compareTerms: "比较购买时长",
    checkout: "购物车",
    postpaidCalendar: "账单与还款",
    invoice: "发票",
  },
  labels: {
    "unsubscribeRefund.scenario": "退订场景",
    "unsubscribeRefund.date": "退订日期",
    "unsubscribeRefund.resourceKind": "资源类型",
    "unsubscribeRefund.handlingFeeRate": "手续费率（留空：按表 3-5）",
    "downgradeRefund.date": "变更日期",
    "downgradeRefund.newPrices": "新配置价格",
    "downgradeRefund.newPrices.key": "时长",
    "downgradeRefund.newPrices.value": "价格",
    "downgradeRefund.discount": "折扣系数（0.9 = 9 折）",
    "upgradeCost.date": "变更日期",
    "upgradeCost.oldPrices": "原配置价格",
    "upgradeCost.oldPrices.key": "时长",
    "upgradeCost.oldPrices.value": "价格",
    "upgradeCost.newPrices": "新配置价格",
    "upgradeCost.newPrices.key": "时长",
    "upgradeCost.newPrices.value": "价格",
    "expansionCost.date": "扩容日期",
    "expansionCost.capacityBefore": "扩容前容量（GB）",
    "expansionCost.capacityAfter": "扩容后容量（GB）",
    "expansionCost.unitPrices": "每 GB 价格",
    "expansionCost.unitPrices.key": "时长",
    "expansionCost.unitPrices.value": "价格",
    "expansionCost.discount": "折扣系数",
    "unifiedExpiry.currentExpiry": "当前到期日",
    "unifiedExpiry.renewTerm": "续费时长（1M…、1Y…）",
    "unifiedExpiry.unifiedDay": "统一到期日（每月几日）",
    "unifiedExpiry.prices": "价格",
    "unifiedExpiry.prices.key": "时长",
    "unifiedExpiry.prices.value": "价格",
    "quote.kind": "类型",
    "quote.date": "下单日期",
    "quote.currentExpiry": "当前到期日（续费）",
    "quote.term": "购买时长（1M…120M、1Y…10Y）",
    "quote.quantity": "数量",
    "quote.prices": "价格",
    "quote.prices.key": "时长",
    "quote.prices.value": "价格",
    "quote.discount": "折扣系数",
    "switchToOnDemand.mode": "转换方式",
    "switchToOnDemand.date": "转换日期",
    "reservedInstanceRefund.payment": "付款方式",
    "reservedInstanceRefund.remainingRatio": "剩余小时数 / 总小时数",
    "reservedInstanceRefund.totalHours": "总小时数（无预付）",
    "reservedInstanceRefund.upfrontCash": "预付现金",
    "reservedInstanceRefund.upfrontVoucher": "预付代金券",
    "reservedInstanceRefund.hourlyAmount": "每小时金额（无预付）",
    "usageCharge.pricing": "计价方式",
    "usageCharge.rawUsage": "计量用量（原始单位）",
    "usageCharge.conversionRatio": "每计价单位的原始单位数（留空：1）",
    "usageCharge.unitPrice": "单价（固定单价）",
    "usageCharge.tiers": "阶梯",
    "usageCharge.tiers.from": "起始用量",
    "usageCharge.tiers.to": "截止用量（留空：不限）",
    "usageCharge.tiers.price": "单价",
    "usageCharge.tiers.total": "阶梯总价",
    "convertCurrency.amount": "金额（美元）",
    "convertCurrency.rate": "汇率",
    "convertCurrency.currency": "币种（ISO 代码）",
    "bestDiscount.listAmount": "目录价金额",
    "bestDiscount.date": "下单日期",
    "bestDiscount.business": "商务折扣系数",
    "bestDiscount.partner": "伙伴授予折扣系数",
    "bestDiscount.promotions": "促销折扣",
    "bestDiscount.promotions.id": "名称",
    "bestDiscount.promotions.factor": "折扣系数",
    "bestDiscount.promotions.effective": "生效日期",
    "bestDiscount.promotions.expires": "失效日期",
    "bestDiscount.promotions.usedOn": "本资源最近使用日期",
    "selectVoucher.amountDue": "应付金额（折扣后）",
    "selectVoucher.date": "支付日期",
    "selectVoucher.rule": "规则",
    "selectVoucher.accountBalance": "账户余额（旧规则）",
    "selectVoucher.order.product": "订单的产品（代金券适用范围）",
    "selectVoucher.order.region": "订单的区域",
    "selectVoucher.order.billingMode": "订单的计费模式",
    "selectVoucher.vouchers": "代金券",
    "selectVoucher.vouchers.id": "代金券",
    "selectVoucher.vouchers.balance": "余额",
    "selectVoucher.vouchers.validFrom": "生效日期",
    "selectVoucher.vouchers.validTo": "失效日期",
    "selectVoucher.voucherId": "客户选择的代金券",
    "paymentSplit.flow": "支付流程",
    "paymentSplit.listAmount": "目录价金额",
    "paymentSplit.date": "支付日期",
    "paymentSplit.discounts": "订单的折扣",
    "paymentSplit.discounts.kind": "类型",
    "paymentSplit.discounts.factor": "折扣系数",
    "paymentSplit.offers.business": "或从可享受的折扣中选择：商务折扣",
    "paymentSplit.offers.partner": "伙伴授予折扣",
    "paymentSplit.offers.promotions": "该资源此前享受过的促销折扣",
    "paymentSplit.offers.promotions.id": "名称",
    "paymentSplit.offers.promotions.factor": "折扣系数",
    "paymentSplit.offers.promotions.effective": "生效日期",
    "paymentSplit.offers.promotions.usedOn": "最近使用日期",
    "paymentSplit.vouchers": "代金券",
    "paymentSplit.vouchers.id": "代金券",
    "paymentSplit.vouchers.balance": "余额",
    "paymentSplit.vouchers.validFrom": "生效日期",
    "paymentSplit.vouchers.validTo": "失效日期",
    "paymentSplit.cashBalance": "现金余额",
    "paymentSplit.creditBalance": "信用额度",
    "paymentSplit.cardBound": "已绑定银行卡",
    "paymentSplit.monthlySettlement": "月结",
    "paymentSplit.customerType": "客户类型（留空：按所填信息）",
    "consumptionQuota.billedUnpaid": "已出账未还款",
    "consumptionQuota.unbilledEstimate": "未出账预估",
    "consumptionQuota.cashBalance": "现金余额",
    "consumptionQuota.voucherBalance": "代金券余额",
    "consumptionQuota.totalQuota": "总额度",
    "consumptionQuota.exhaustedOn": "用满 100 % 的日期（宽限期 / 保留期日期）",
    "mergedPayment.orders": "订单（最多 30 个）",
    "mergedPayment.orders.id": "订单号",
    "mergedPayment.orders.amount": "金额",
    "mergedPayment.orders.thirdParty": "其中第三方金额",
    "mergedPayment.method": "支付方式",
    "mergedPayment.currency": "币种（银行卡限额）",
    "billSummary.realTime": "实时结算费用",
    "billSummary.monthlySettlement": "月结费用",
    "billSummary.marketplace": "云商店费用",
    "billSummary.paid": "本期已支付",
    "billSummary.refunds": "退款",
    "billSummary.creditRefunds": "退回信用额度的退款",
    "billSummary.creditConsumption": "以信用额度支付的消费",
    "reservedPoolIdleFee.packageType": "预扣资源包类型",
    "reservedPoolIdleFee.size": "预扣实例数",
    "reservedPoolIdleFee.start": "资源包开始时间",
    "reservedPoolIdleFee.end": "资源包结束时间",
    "reservedPoolIdleFee.payAsYouGoPrice": "每实例小时的按量计费价格",
    "reservedPoolIdleFee.idleFactor": "空置系数（留空：0.3）",
    "reservedPoolIdleFee.events": "抵扣与退还",
    "reservedPoolIdleFee.events.at": "时间",
    "reservedPoolIdleFee.events.action": "操作",
    "reservedPoolIdleFee.events.count": "实例数",
    "reservedPoolIdleFee.until": "计算截至（留空：资源包结束）",
    "taxInvoice.price": "税前价格",
    "taxInvoice.country": "国家/地区（ISO 两位代码）",
    "taxInvoice.seller": "签约主体",
    "taxInvoice.date": "开票日期",
    "taxInvoice.registered": "已注册为增值税（VAT/GST）纳税人",
    "taxInvoice.subdivision": "邦（印度：HR = 哈里亚纳邦）",
    "taxInvoice.withholdingRate": "代扣税率（0.08 = 8 %）",
    "taxInvoice.indirectTaxRate": "间接税率（代替税率表）",
    "autoRenewalSchedule.provider": "云服务商",
    "autoRenewalSchedule.rules": "规则",
    "autoRenewalSchedule.productKind": "产品类型",
    "autoRenewalSchedule.expiry": "到期时间（年-月-日，或年-月-日T时:分:秒）",
    "autoRenewalSchedule.purchaseTerm": "购买时长（8M、2Y）",
    "autoRenewalSchedule.renewalTerm": "自动续费时长（留空：按购买时长）",
    "autoRenewalSchedule.deductionDaysBefore": "自定义扣款日（到期前天数）",
    "autoRenewalSchedule.deductionDaySetOn": "自定义扣款日的设置时间",
    "autoRenewalSchedule.manualRenewal": "首次扣款前已手动续费",
    "autoRenewalSchedule.manualRenewal.term": "续费时长（1M、1Y）",
    "autoRenewalSchedule.manualRenewal.on": "续费时间（留空：首次扣款前）",
    "autoRenewalSchedule.now": "当前时间（阿里云校验）",
    "resourceTimeline.billing": "计费模式",
    "resourceTimeline.customer": "客户类型",
    "resourceTimeline.expiry": "到期日（包年/包月：最后一天）",
    "resourceTimeline.purchaseTerm": "购买时长（1M、1Y）",
    "resourceTimeline.autoRenewal": "已开通自动续费",
    "resourceTimeline.autoRenewal.term": "自动续费时长（留空：按购买时长）",
    "resourceTimeline.autoRenewal.deductionDaysBefore": "自定义扣款日（到期前天数）",
    "resourceTimeline.doNotRenew": "到期不续费",
    "resourceTimeline.prices": "价格（用于计算保留费用）",
    "resourceTimeline.prices.key": "时长",
    "resourceTimeline.prices.value": "价格",
    "resourceTimeline.renewTerm": "计价的续费时长",
    "resourceTimeline.cashBalance": "现金余额",
    "resourceTimeline.cardBound": "已绑定银行卡",
    "resourceTimeline.arrearsSince": "按需：欠费开始日期",
    "resourceTimeline.arrears": "按需：欠费金额",
    "resourceTimeline.today": "今天",
    "billRounding.provider": "云服务商",
    "billRounding.customerType": "客户类型",
    "billRounding.billMonth": "账期（年-月）",
    "billRounding.amounts": "精确金额",
    "packageUsage.packages": "资源包",
    "packageUsage.packages.id": "名称",
    "packageUsage.packages.kind": "类型",
    "packageUsage.packages.quota": "额度",
    "packageUsage.packages.resetCycle": "重置周期（可重置）",
    "packageUsage.packages.start": "生效日期",
    "packageUsage.packages.end": "最后有效日期",
    "packageUsage.packages.billingItem": "抵扣的计费项",
    "packageUsage.packages.covers": "还可抵扣（逗号分隔）",
    "packageUsage.packages.regions": "区域（留空：全部）",
    "packageUsage.packages.storageClass": "存储类型（留空：任意）",
    "packageUsage.packages.redundancy": "冗余类型（留空：任意）",
    "packageUsage.packages.scu": "存储容量单位（SCU）",
    "packageUsage.usage": "用量",
    "packageUsage.usage.date": "日期",
    "packageUsage.usage.hour": "小时（按小时重置）",
    "packageUsage.usage.billingItem": "计费项",
    "packageUsage.usage.amount": "用量",
    "packageUsage.usage.region": "区域",
    "packageUsage.usage.storageClass": "存储类型",
    "packageUsage.usage.redundancy": "冗余类型",
    "packageUsage.prices": "按需价格",
    "packageUsage.prices.key": "计费项",
    "packageUsage.prices.value": "单价",
    "packageRenewal.action": "操作",
    "packageRenewal.kind": "类型",
    "packageRenewal.quota": "额度",
    "packageRenewal.remaining": "剩余量（不可重置）",
    "packageRenewal.end": "当前最后有效日期（续费）",
    "packageRenewal.purchasedBy": "购买方式（1M、1Y）",
    "packageRenewal.product": "产品（对象存储可按年续费）",
    "packageRenewal.autoRenewal": "已开通自动续费",
    "packageRenewal.date": "操作日期",
    "packageRenewal.term": "时长（6M、1Y）",
    "packageRenewal.startAt": "生效日期（重新购买）",
    "compareTerms.prices": "价格",
    "compareTerms.prices.key": "时长",
    "compareTerms.prices.value": "价格",
    "compareTerms.quantity": "数量",
    "compareTerms.discount": "折扣系数",
    "compareTerms.payPerUseHourly": "按需计费每小时价格",
    "postpaidCalendar.date": "今天",
    "postpaidCalendar.bills": "已出账单",
    "postpaidCalendar.bills.month": "账期",
    "postpaidCalendar.bills.amount": "金额",
    "postpaidCalendar.bills.repaid": "已还款",
    "postpaidCalendar.estimate": "未出账预估",
    "postpaidCalendar.orders": "月结订单",
    "postpaidCalendar.orders.date": "日期",
    "postpaidCalendar.orders.amount": "金额",
    "postpaidCalendar.topUp": "充值",
    "postpaidCalendar.repayment": "立即还款",
    "postpaidCalendar.repayment.month": "账单账期（留空：提前还款，按预估）",
    "postpaidCalendar.repayment.amount": "金额（留空：全部应还）",
    "postpaidCalendar.cashBalance": "现金余额",
    "postpaidCalendar.arrears": "欠费金额",
    "invoice.event": "事件",
    "invoice.date": "日期",
    "invoice.amount": "税前金额",
    "invoice.voucher": "其中以代金券支付",
    "invoice.customerType": "客户类型",
    "invoice.country": "国家/地区（ISO 代码，用于计税）",
    "invoice.seller": "签约主体",
    "invoice.invoiceDate": "退款：原发票日期",
    "invoice.whtCertificate": "代扣税（WHT）扣缴凭证",
    "invoice.whtCertificate.total": "凭证总额",
    "invoice.whtCertificate.invoices": "凭证对应的发票",
    "invoice.whtCertificate.invoices.id": "发票号",
    "invoice.whtCertificate.invoices.amountWithoutVat": "不含增值税金额",
    "invoice.whtCertificate.invoices.certificateAmount": "凭证上的金额（留空：自动分摊）",
  },
  nouns: {
    "downgradeRefund.newPrices": "价格",
    "upgradeCost.oldPrices": "价格",
    "upgradeCost.newPrices": "价格",
    "expansionCost.unitPrices": "价格",
    "unifiedExpiry.prices": "价格",
    "quote.prices": "价格",
    "usageCharge.tiers": "阶梯",
    "bestDiscount.promotions": "促销折扣",
    "selectVoucher.vouchers": "代金券",
    "paymentSplit.discounts": "折扣",
    "paymentSplit.offers.promotions": "促销折扣",
    "paymentSplit.vouchers": "代金券",
    "mergedPayment.orders": "订单",
    "reservedPoolIdleFee.events": "操作",
    "resourceTimeline.prices": "价格",
    "packageUsage.packages": "资源包",
    "packageUsage.usage": "用量记录",
    "packageUsage.prices": "价格",
    "compareTerms.prices": "价格",
    "postpaidCalendar.bills": "账单",
    "postpaidCalendar.orders": "订单",
    "invoice.whtCertificate.invoices": "发票",
  },
  hints: {
    "billSummary.realTime": "金额以逗号分隔：6651.53",
    "billSummary.monthlySettlement": "金额以逗号分隔：8261.84",
    "billSummary.marketplace": "金额以逗号分隔：31280.00",
    "billSummary.refunds": "金额以逗号分隔：3.71, 41.22",
    "billRounding.amounts": "金额以逗号分隔：100.12501236",
  },
  options: {
    inUse: "使用中",
    notYetEffective: "未生效",
    renewalPeriod: "续费周期内",
    creationFailed: "创建失败",
    standard: "标准",
    resourcePackage: "资源包",
    trial: "试用",
    free: "免费",
    oneOff: "一次性",
    new: "新购",
    renewal: "续费",
    immediate: "立即",
    atExpiry: "到期时",
    fullUpfront: "全预付",
    noUpfront: "无预付",
    excessProgressive: "超额累进单价",
    fullTierProgressive: "全额累进单价",
    fullTierTotal: "全额累进总价",
    fixed: "固定单价",
    current: "现行规则",
    old: "旧规则",
    monthly: "包月",
    yearly: "包年",
    payPerUse: "按需",
    autoRenewal: "自动续费",
    orderPayment: "订单支付",
    oldAutoRenewal: "自动续费（旧规则）",
    business: "商务折扣",
    partner: "伙伴授予折扣",
    promotion: "促销折扣",
    coupon: "优惠券",
    prepaid: "预付费",
    postpaidOnline: "后付费（线上）",
    postpaidOffline: "后付费（线下）",
    resaleSubCustomer: "转售子客户",
    enterpriseSubPrepaid: "企业子账号（预付费）",
    enterpriseSubPostpaid: "企业子账号（后付费）",
    enterpriseSubUnified: "企业子账号（统一结算）",
    balance: "账户余额",
    card: "银行卡",
    cyclic: "循环抵扣包",
    singleUse: "单次抵扣包",
    draw: "抵扣",
    release: "退还",
    ...SELLERS_BY_LANG["zh-CN"],
    huawei: "华为云",
    aliyun: "阿里云",
    default: "默认",
    domain: "域名",
    hkDomain: "香港域名",
    virtualHosting: "虚拟主机",
    website: "网站",
    enterpriseMail: "企业邮箱",
    testVoucher: "测试代金券",
    monthlySettlement: "月结",
    volcengine: "火山引擎",
    tencent: "腾讯云",
    nonMonthly: "非月结",
    nonResettable: "不可重置",
    resettable: "可重置",
    month: "每月",
    week: "每周",
    day: "每天",
    hour: "每小时",
    renew: "续费",
    repurchase: "重新购买",
    onlinePayment: "在线支付",
    balancePayment: "余额支付",
    topUp: "充值",
    withdrawal: "提现",
    refund: "退款",
  },
  members: {
    id: "名称",
    amount: "金额",
    balanceLeft: "剩余余额",
    billingItem: "计费项",
    quantity: "数量",
    price: "单价",
    uploadOpen: "可上传",
    amounts: "各发票金额",
    proposed: "系统建议",
    month: "账期",
    periodStart: "账期开始",
    periodEnd: "账期结束",
    issuedOn: "出账日期",
    dueOn: "还款截止日",
    overdueFrom: "逾期开始",
    remaining: "剩余应还",
    paidByTopUp: "充值抵扣",
    paidByRepayment: "还款抵扣",
    remainingAfter: "还款后剩余",
    status: "状态",
    estimate: "预估",
    repaidEarly: "提前还款",
    date: "日期",
    billMonth: "账期",
    chargedOn: "扣款日期",
    billed: "已出账",
    toBills: "用于账单",
    toArrears: "用于欠费",
    toBalance: "存入余额",
    state: "状态",
    label: "说明",
    from: "从",
    to: "至",
    days: "天数",
    works: "可用",
    costToKeep: "保留费用",
    howToKeep: "如何保留",
    at: "时间",
    what: "事件",
  },
  figures: {
    refund: "退款",
    consumed: "已消费",
    handlingFee: "手续费",
    voucherReturned: "退还代金券",
    requiresApproval: "需要审批",
    billMonth: "账期",
    remainingValue: "剩余价值",
    newConfigCost: "新配置费用",
    remainingPeriod: "剩余时长",
    periodUnit: "时长单位",
    matchedTerm: "对应时长",
    cost: "费用",
    cheaperByPrice: "按价格更便宜",
    addedCapacity: "新增容量",
    unifiedExpiry: "统一到期日",
    plainExpiry: "普通续费到期日",
    paddingDays: "补齐天数",
    total: "合计",
    expiresAt: "到期时间",
    payable: "应付",
    listAmount: "目录价金额",
    start: "开始",
    end: "结束",
    daysAfterExpiry: "到期后天数",
    latestAllowedExpiry: "最晚允许到期日",
    payPerUseFrom: "按需计费开始",
    customerPays: "客户需付",
    remainingRatio: "剩余比例",
    rounded: "舍入后",
    amount: "金额",
    usage: "用量",
    tier: "阶梯",
    converted: "换算后",
    exact: "精确值",
    decimals: "小数位",
    currency: "币种",
    discount: "折扣",
    "chosen.kind": "所选折扣类型",
    "chosen.factor": "所选折扣系数",
    "chosen.id": "所选折扣名称",
    remaining: "剩余",
    voucherTotal: "代金券合计",
    applied: "已使用",
    paymentSucceeds: "支付成功",
    amountDue: "应付金额",
    cash: "现金",
    credit: "信用额度",
    monthlySettlement: "月结",
    card: "银行卡",
    unpaid: "未支付",
    shortfall: "差额",
    status: "状态",
    used: "已使用",
    usedPercent: "已使用比例",
    state: "状态",
    retentionStarts: "保留期开始",
    releaseOn: "释放日期",
    reminders: "提醒",
    due: "应付",
    thirdParty: "第三方",
    cloudFees: "云服务费用",
    marketplaceFees: "云商店费用",
    remainingDue: "剩余应付",
    refundTotal: "退款合计",
    overflow: "溢出",
    idleFee: "空置费用",
    idleRate: "空置单价",
    netPayable: "净应付",
    invoice: "发票",
    indirectTax: "间接税",
    withholding: "代扣税",
    reverseCharge: "反向征收",
    firstAttempt: "首次扣款",
    attempts: "扣款尝试",
    lastAttempt: "最后一次扣款",
    attemptCount: "扣款次数",
    expiryOnSuccess: "成功后的到期时间",
    failsAfter: "失败时间",
    renewalTerm: "续费时长",
    renewalWindowDays: "续费窗口天数",
    keepUntil: "保留至",
    usableUntil: "可用至",
    costToKeep: "保留费用",
    stateToday: "今日状态",
    "autoRenewal.outcome": "自动续费结果",
    "autoRenewal.firstAttempt": "自动续费首次扣款",
    "autoRenewal.lastAttempt": "自动续费最后一次扣款",
    periods: "阶段",
    events: "事件",
    exactTotal: "精确合计",
    roundingOff: "舍入差额",
    lineAmounts: "各行金额",
    rule: "规则",
    assumed: "假定",
    charge: "费用",
    overage: "超出部分",
    quota: "额度",
    notYetEffective: "未生效",
    cheapestMonthly: "按月最便宜",
    listTotal: "目录价合计",
    discountTotal: "折扣合计",
    stillDue: "仍需支付",
    billedRemaining: "已出账未还",
    overdue: "逾期",
    repayment: "还款",
    bills: "账单",
    unbilled: "未出账",
    orders: "订单",
    topUp: "充值",
    available: "可用",
    kind: "类型",
    issuer: "开票方",
    issuedOn: "开票日期",
    invoiced: "已开票",
    notInvoiced: "未开票",
    taxAmount: "税额",
    certificate: "凭证",
  },
};

export const TEXT_BY_LANG = { en: TEXT_EN, "zh-CN": TEXT_ZH };
const TEXT = String(lang).startsWith("zh") ? TEXT_ZH : TEXT_EN;

// ---------- fields: one widget per member, `read()` gives its value (undefined: left out) ----------

const label = (op, at, fallback) => TEXT.labels[`${op}.${at}`] ?? fallback ?? words(at.split(".").pop());
const INPUT_TYPE = { date: "date", datetime: "datetime-local", month: "month" };

// The value an input gives the request: text as typed (trimmed), whole numbers as numbers; any
// other number (a fraction, one no JSON integer can be) is sent as typed, never through a float,
// for the package to refuse next to its field.
function scalar(kind, raw, optional) {
  if (raw === "") return optional ? undefined : "";
  if ((kind === "int" || kind === "number") && /^-?\d+$/.test(raw) && Number.isSafeInteger(Number(raw))) return Number(raw);
  if (kind === "day" && /^\d+$/.test(raw)) return Number(raw);
  if (kind === "list") return raw.split(/\s*,\s*/).filter(Boolean);
  return raw;
}

function input(f, value) {
  let e;
  if (f.kind === "select") {
    e = el("select");
    for (const o of f.options) {
      const [v, text] = Array.isArray(o) ? o : [o];
      e.append(el("option", { value: v }, v === "" ? "—" : TEXT.options[v] ?? text ?? words(v)));
    }
    e.value = value ?? f.options.map((o) => (Array.isArray(o) ? o[0] : o))[0];
  } else if (f.kind === "day") {
    // The unified expiry day: 1–28 or the month's last day.
    e = el("select");
    for (let d = 1; d <= 28; d++) e.append(el("option", { value: String(d) }, TEXT.ui.day(d)));
    e.append(el("option", { value: "last" }, TEXT.ui.lastDay));
    e.value = String(value ?? 1);
  } else if (f.kind === "bool") {
    e = el("select");
    e.append(el("option", { value: "false" }, TEXT.ui.no), el("option", { value: "true" }, TEXT.ui.yes));
    e.value = String(value ?? false);
  } else if (f.kind === "flag") {
    e = el("input", { type: "checkbox", checked: value === true });
  } else {
    const text = Array.isArray(value) ? value.join(", ") : value ?? "";
    e = el("input", { type: INPUT_TYPE[f.kind] ?? (f.kind === "number" || f.kind === "int" ? "number" : "text"), value: String(text) });
    if (f.kind === "datetime") e.step = "1";
    if (f.kind === "money" || f.kind === "amounts") e.inputMode = "decimal";
    if (f.kind === "term") e.setAttribute("list", "terms");
    e.spellcheck = false;
  }
  e.addEventListener(e.tagName === "SELECT" || e.type === "checkbox" ? "change" : "input", compute);
  return e;
}

/** A labelled field for `f` at `path` (`events[0].count`), `at` naming its label (`events.count`). */
function widget(op, f, path, at, value) {
  if (f.kind === "records") return recordsWidget(op, f, path, at, value);
  if (f.kind === "object") return objectWidget(op, f, path, at, value);
  if (f.kind === "map") return mapWidget(op, f, path, at, value);
  const e = input(f, value);
  e.dataset.path = path;
  e.name = path;
  const text = label(op, at, f.label);
  const lab = el("label", { className: f.kind === "flag" ? "check" : "" });
  if (f.kind === "flag") lab.append(e, el("span", {}, text));
  else lab.append(el("span", { className: "label" }, text), e);
  const hint = TEXT.hints[`${op}.${at}`];
  if (hint) lab.append(el("span", { className: "hint" }, hint));
  const read = () => {
    if (f.kind === "flag") return e.checked ? true : undefined;
    if (f.kind === "bool") return e.value === "true";
    const raw = e.value.trim();
    if (f.kind === "amounts") return raw === "" ? (f.optional ? undefined : []) : raw.split(/[,;\s]+/).filter(Boolean);
    if (f.kind === "select" && raw === "") return undefined;
    return scalar(f.kind, raw, f.optional);
  };
  return { node: lab, read, input: e, setName: (name) => e.setAttribute("aria-label", `${name}: ${text}`) };
}

// A list of records: a group of labelled inputs per record, each with its remove button, and an
// add button. Adding or removing draws the rows again from what they hold.
function recordsWidget(op, f, path, at, value) {
  const box = el("fieldset", { className: "records" });
  box.dataset.name = path;
  box.dataset.path = path;
  const noun = TEXT.nouns[`${op}.${at}`] ?? f.noun;
  const rowsBox = el("div", { className: "records-rows" });
  let rows = [];
  const render = (list) => {
    rows = list.map((r, i) => {
      const row = el("div", { className: "record" });
      row.setAttribute("role", "group");
      const name = TEXT.ui.numbered(noun, i + 1);
      row.setAttribute("aria-label", name);
      const cells = f.columns.map((c) => [c.key, widget(op, c, `${path}[${i}].${c.key}`, `${at}.${c.key}`, r?.[c.key])]);
      for (const [, w] of cells) {
        w.setName?.(name);
        w.node.classList.add("record-field");
        row.append(w.node);
      }
      const rm = el("button", { type: "button", className: "remove" }, "×");
      rm.setAttribute("aria-label", TEXT.ui.remove(name));
      rm.addEventListener("click", (ev) => {
        const now = read() ?? [];
        now.splice(i, 1);
        render(now);
        compute(ev);
      });
      row.append(rm);
      return { row, cells };
    });
    rowsBox.replaceChildren(...rows.map((r) => r.row));
  };
  const read = () => {
    const list = rows.map(({ cells }) => {
      const r = {};
      for (const [k, w] of cells) {
        const v = w.read();
        if (v !== undefined) r[k] = v;
      }
      return r;
    });
    return list.length || !f.optional ? list : undefined;
  };
  const add = el("button", { type: "button", className: "add" }, TEXT.ui.add(noun));
  add.addEventListener("click", (ev) => {
    render([...(read() ?? []), structuredClone(f.blank ?? {})]);
    rowsBox.lastElementChild?.querySelector("input, select")?.focus();
    compute(ev);
  });
  render(Array.isArray(value) ? value : []);
  box.append(el("legend", {}, label(op, at, f.label)), rowsBox, add);
  return { node: box, read };
}

// A record given or not: its legend is a check box ("repay now"); ticked, its fields are sent.
function objectWidget(op, f, path, at, value) {
  const box = el("fieldset", { className: "records object" });
  box.dataset.name = path;
  box.dataset.path = path;
  const on = el("input", { type: "checkbox", checked: value !== undefined && value !== null });
  const legend = el("legend");
  const lab = el("label", { className: "check" });
  lab.append(on, el("span", {}, label(op, at, f.label)));
  legend.append(lab);
  const inner = el("div", { className: "record" });
  let cells = [];
  const render = (v) => {
    cells = f.fields.map((c) => [c.key, widget(op, c, `${path}.${c.key}`, `${at}.${c.key}`, v?.[c.key])]);
    for (const [, w] of cells) if (w.node.tagName === "LABEL") w.node.classList.add("record-field");
    inner.replaceChildren(...cells.map(([, w]) => w.node));
    inner.hidden = !on.checked;
  };
  on.addEventListener("change", (ev) => {
    render(on.checked ? structuredClone(f.blank ?? {}) : undefined);
    compute(ev);
  });
  render(value);
  const read = () => {
    if (!on.checked) return undefined;
    const o = {};
    for (const [k, w] of cells) {
      const v = w.read();
      if (v !== undefined) o[k] = v;
    }
    return o;
  };
  box.append(legend, inner);
  return { node: box, read };
}

// A table of prices by term (or billing item): rows of name and price; an error about one price
// (`prices.1M`) lands next to it.
function mapWidget(op, f, path, at, value) {
  const box = el("fieldset", { className: "records map" });
  box.dataset.name = path;
  box.dataset.path = path;
  const noun = TEXT.nouns[`${op}.${at}`] ?? f.noun;
  const keyText = label(op, `${at}.key`, f.keyLabel);
  const valueName = label(op, `${at}.value`, f.valueLabel);
  const rowsBox = el("div", { className: "records-rows" });
  let rows = [];
  const render = (pairs) => {
    rows = pairs.map(([k, v], i) => {
      const row = el("div", { className: "record" });
      row.setAttribute("role", "group");
      const name = TEXT.ui.numbered(noun, i + 1);
      row.setAttribute("aria-label", name);
      const key = input({ kind: f.keyKind }, k);
      const price = input({ kind: "money" }, v);
      key.dataset.key = "key";
      key.setAttribute("aria-label", `${name}: ${keyText}`);
      price.setAttribute("aria-label", `${name}: ${valueName}`);
      const follow = () => (price.dataset.path = `${path}.${key.value.trim()}`);
      key.addEventListener("input", follow, { capture: true });
      follow();
      const kl = el("label", { className: "record-field" });
      kl.append(el("span", { className: "label" }, keyText), key);
      const vl = el("label", { className: "record-field" });
      vl.append(el("span", { className: "label" }, valueName), price);
      const rm = el("button", { type: "button", className: "remove" }, "×");
      rm.setAttribute("aria-label", TEXT.ui.remove(name));
      rm.addEventListener("click", (ev) => {
        const now = pairsNow();
        now.splice(i, 1);
        render(now);
        compute(ev);
      });
      row.append(kl, vl, rm);
      return { row, key, price };
    });
    rowsBox.replaceChildren(...rows.map((r) => r.row));
  };
  const pairsNow = () => rows.map((r) => [r.key.value, r.price.value]);
  // A name given twice, or a price without its name, is refused next to the list (the package
  // would only see one of them).
  const read = () => {
    const o = {};
    for (const [k0, v] of pairsNow()) {
      const k = k0.trim();
      if (!k && v.trim()) throw Object.assign(new Error(TEXT.ui.keyMissing(keyText, v.trim())), { code: "MISSING_FIELD", path });
      if (k && Object.hasOwn(o, k)) throw Object.assign(new Error(TEXT.ui.keyTwice(keyText, k)), { code: "INVALID_INPUT", path });
      if (k) o[k] = v.trim();
    }
    return Object.keys(o).length || !f.optional ? o : undefined;
  };
  const add = el("button", { type: "button", className: "add" }, TEXT.ui.add(noun));
  add.addEventListener("click", (ev) => {
    render([...pairsNow(), ["", ""]]);
    rowsBox.lastElementChild?.querySelector("input")?.focus();
    compute(ev);
  });
  render(Object.entries(value ?? {}));
  box.append(el("legend", {}, label(op, at, f.label)), rowsBox, add);
  return { node: box, read };
}

// A member at a dotted name (`offers.business`) of a request.
const getName = (obj, name) => name.split(".").reduce((o, k) => (o == null ? undefined : o[k]), obj);
function setName(obj, name, v) {
  const ks = name.split(".");
  let o = obj;
  for (const k of ks.slice(0, -1)) o = o[k] ??= {};
  o[ks[ks.length - 1]] = v;
}

// ---------- tabs ----------

function renderTabs() {
  const nav = $("#tabs");
  if (!nav.childElementCount) {
    nav.setAttribute("aria-label", TEXT.ui.operations);
    nav.append(
      ...VIEWS.map((v) => {
        const b = el("button", { type: "button", role: "tab" }, TEXT.titles[v.op] ?? v.title);
        b.dataset.op = v.op;
        b.setAttribute("aria-controls", "view");
        b.addEventListener("click", () => {
          if (v !== current) selectView(v, structuredClone(v.sample));
        });
        return b;
      }),
    );
  }
  for (const b of nav.children) {
    const on = b.dataset.op === current.op;
    b.setAttribute("aria-selected", String(on));
    b.tabIndex = on ? 0 : -1;
  }
}

// ---------- the orders (a resource's purchase and renewals) ----------

const ORDER_KEYS = ["start", "end", "term", "paidCash", "voucher"];
const orderName = (i, key) => `${TEXT.ui.numbered(t("orders"), i + 1)}: ${t(key)}`;

function orderRow(o, i) {
  const tr = el("tr");
  for (const key of ORDER_KEYS) {
    const input = el("input", {
      type: key === "start" || key === "end" ? "date" : "text",
      value: o[key] ?? "",
      name: `orders.${i}.${key}`,
    });
    input.setAttribute("aria-label", orderName(i, key));
    input.dataset.path = `orders[${i}].${key}`;
    input.dataset.key = key;
    if (key === "term") input.setAttribute("list", "terms");
    input.addEventListener("input", compute);
    const td = el("td");
    td.dataset.label = t(key);
    td.append(input);
    tr.append(td);
  }
  // The end follows the start and term while it is empty or still the one they gave.
  const [start, end, term] = ["start", "end", "term"].map((k) => tr.querySelector(`[data-key="${k}"]`));
  let auto = hooks.orderEnd(start.value, term.value);
  const follow = () => {
    const next = hooks.orderEnd(start.value.trim(), term.value.trim());
    if (next && (!end.value || end.value === auto)) end.value = next;
    auto = next;
  };
  start.addEventListener("input", follow, { capture: true });
  term.addEventListener("input", follow, { capture: true });
  const rm = el("button", { type: "button", className: "remove", title: TEXT.ui.remove(TEXT.ui.numbered(t("orders"), i + 1)) }, "×");
  rm.setAttribute("aria-label", TEXT.ui.remove(TEXT.ui.numbered(t("orders"), i + 1)));
  rm.addEventListener("click", (ev) => {
    tr.remove();
    renumberOrders();
    compute(ev);
  });
  const td = el("td");
  td.append(rm);
  tr.append(td);
  return tr;
}

function renumberOrders() {
  [...$("#orders tbody").rows].forEach((tr, i) => {
    for (const input of tr.querySelectorAll("input")) {
      input.dataset.path = `orders[${i}].${input.dataset.key}`;
      input.setAttribute("aria-label", orderName(i, input.dataset.key));
    }
    const name = TEXT.ui.remove(TEXT.ui.numbered(t("orders"), i + 1));
    tr.querySelector(".remove")?.setAttribute("aria-label", name);
    if (tr.querySelector(".remove")) tr.querySelector(".remove").title = name;
  });
}

// ---------- a view: its fields, read back into its request ----------

let widgets = [];
let formless = null;

function selectView(view, req) {
  current = view;
  renderTabs();
  const fields = $("#fields");
  formless = view.form ? structuredClone(req) : null;
  widgets = view.form ? [] : view.fields.map((f0) => {
    const f = spec(view.op, f0);
    return [f, widget(view.op, f, f.name, f.name, getName(req, f.name))];
  });
  const inputs = view.form ? [checkoutLink(req)] : widgets.map(([, w]) => w.node);
  fields.replaceChildren(el("h2", {}, `${TEXT.titles[view.op] ?? view.title} `), ...inputs);
  // The guide's sections belong with the formulas, under "How it was computed".
  $("#source").textContent = TEXT.ui.source(view.source);
  const withOrders = view.orders !== false;
  $("#orders-block").hidden = !withOrders;
  $("#orders tbody").replaceChildren(...(withOrders ? (req.orders ?? []).map(orderRow) : []));
  $("#policy").value = req.policy ?? "console";
  compute();
}

// The cart's calculator: its form is the Checkout view, opened on the same request.
function checkoutLink(req) {
  const a = el("a", { className: "open-checkout", href: `#${encodeURIComponent(JSON.stringify({ view: "checkout", request: req }))}` }, TEXT.ui.cartLink);
  const p = el("p", { className: "hint" }, TEXT.ui.cartHint);
  p.append(a);
  return p;
}

function readRequest() {
  if (formless) return structuredClone(formless);
  const req = {};
  for (const [f, w] of widgets) {
    const v = w.read();
    if (v !== undefined) setName(req, f.name, v);
  }
  if (current.orders !== false) {
    req.orders = [...$("#orders tbody").rows].map((tr) => {
      const o = {};
      for (const input of tr.querySelectorAll("input")) {
        const v = input.value.trim();
        if (v !== "" || input.dataset.key !== "voucher") o[input.dataset.key] = v;
      }
      return o;
    });
  }
  const policy = $("#policy").value;
  if (policy !== "console") req.policy = policy;
  return req;
}

// ---------- results ----------

function clearErrors() {
  $("#form-error").textContent = "";
  for (const e of document.querySelectorAll("#view-calculations .field-error")) e.remove();
  for (const e of document.querySelectorAll("#view-calculations .invalid")) {
    e.classList.remove("invalid");
    e.removeAttribute("aria-invalid");
  }
}

// The element a request path names, or the nearest one above it (`events[2].count` →
// `events[2]` → `events`).
function errorTarget(path) {
  let p = path;
  while (p) {
    const hit = document.querySelector(`#form [data-path="${CSS.escape(p)}"]`);
    if (hit) return hit;
    const cut = p.replace(/(\.[^.[\]]*|\[\d+\])$/, "");
    if (cut === p) break;
    p = cut;
  }
  return null;
}

function showError(err) {
  const code = err.code ?? "ERROR";
  const path = err.path ?? "";
  const target = errorTarget(path);
  const plain = hooks.plainError(err, wordsFor(lang));
  const msg = el("span", { className: "field-error", role: "alert" }, plain.text);
  msg.append(el("span", { className: "error-code" }, plain.details));
  msg.dataset.errorFor = path;
  if (target) {
    target.classList.add("invalid");
    if (target.matches("input, select")) {
      target.setAttribute("aria-invalid", "true");
      (target.closest("td") ?? target.closest("label") ?? target.parentNode).append(msg);
    } else target.append(msg);
  } else {
    $("#form-error").append(msg);
  }
  const figs = $("#figures");
  figs.className = "error";
  figs.replaceChildren(figure(current.main, code, {}, true));
  for (const s of ["#facts tbody", "#lines tbody", "#notes"]) $(s).replaceChildren();
  $("#lines-total").textContent = "";
  $("#policy-used").textContent = "";
}

// A ratio or period comes as {fraction, decimal}: the formula stays under "How it was computed";
// the figure says it in days or hours.
const isFraction = (v) => v !== null && typeof v === "object" && "fraction" in v && "decimal" in v;
const fractionText = (v) => (v.fraction === v.decimal ? v.decimal : `${v.fraction} ≈ ${v.decimal}`);

// A decimal string half up to `places` decimals, as text (never through a float).
function roundText(v, places = 2) {
  const m = /^(-?)(\d+)(?:\.(\d*))?$/.exec(String(v ?? ""));
  if (!m) return String(v ?? "");
  const frac = (m[3] ?? "").padEnd(places + 1, "0");
  const n = BigInt(m[2] + frac.slice(0, places)) + (frac[places] >= "5" ? 1n : 0n);
  const s = n.toString().padStart(places + 1, "0");
  return `${m[1]}${places ? `${s.slice(0, -places)}.${s.slice(-places)}` : s}`;
}

/** "17 of 30 days" — the remaining days of the month or year they are a share of; past one
 * period, "913 days (≈ 2.50 years)". */
function periodWords(res) {
  const f = res.remainingPeriod;
  const n = res.remainingDays;
  const m = /^(\d+)(?:\/(\d+))?$/.exec(f?.fraction ?? "");
  if (!m || typeof n !== "number") return fractionText(f);
  const [num, den] = [BigInt(m[1]), BigInt(m[2] ?? 1)];
  const of = num === 0n ? null : (BigInt(n) * den) % num === 0n ? Number((BigInt(n) * den) / num) : null;
  if (of !== null && n <= of) return TEXT.ui.daysOf(n, of);
  return TEXT.ui.daysAbout(n, roundText(f.decimal), valueText(res.periodUnit ?? "", lang));
}

/** The share of a reserved instance's term left: in hours when the package gives them. */
function ratioWords(res) {
  const r = res.remainingRatio;
  const h = res.remainingHours;
  const hours = isFraction(h) ? h.decimal : h;
  if (hours !== null && hours !== undefined && res.totalHours) return TEXT.ui.hoursOf(roundText(hours, 0), res.totalHours);
  const m = /^(\d+)(?:\.(\d*))?$/.exec(String(r?.decimal ?? r ?? ""));
  if (!m) return fractionText(r);
  const frac = (m[2] ?? "").padEnd(2, "0");
  const pct = roundText(`${BigInt(m[1] + frac.slice(0, 2))}.${frac.slice(2) || "0"}`, 0);
  return TEXT.ui.share(pct);
}

// Figures that are money: shown to the cent with the currency (the exact amount in data-value).
const MONEY = new Set(
  ("refund consumed handlingFee voucherReturned remainingValue newConfigCost cost total payable listAmount rounded converted " +
    "remaining voucherTotal amountDue cash credit card unpaid shortfall used due thirdParty cloudFees marketplaceFees remainingDue " +
    "refundTotal overflow idleFee netPayable indirectTax withholding costToKeep charge stillDue billedRemaining overdue available " +
    "invoiced notInvoiced taxAmount customerPays listTotal discountTotal amount discount idleRate repayment").split(" "),
);
const MONEY_BY_OP = { selectVoucher: new Set(["remaining", "voucherTotal"]), paymentSplit: new Set(["monthlySettlement"]) };
const NOT_MONEY = { bestDiscount: new Set(["discount"]), consumptionQuota: new Set(["remaining"]) };

function moneyText(key, value, req) {
  if (typeof value !== "string" || !/^-?\d+(\.\d+)?$/.test(value)) return null;
  if (NOT_MONEY[current.op]?.has(key)) return null;
  if (!MONEY.has(key) && !MONEY_BY_OP[current.op]?.has(key)) return null;
  const currency = current.op === "convertCurrency" && key === "converted" ? req?.currency : "USD";
  const locale = document.documentElement.lang || undefined;
  const exact = /^-?\d+(\.\d{0,2})?$/.test(value);
  const shown = formatMoney(exact ? value : roundText(value), { currency, locale });
  return exact ? shown : `≈ ${shown}`;
}

// A value in words: yes/no for a flag, a record as "name value" pairs, a list one after another;
// `asWords`: a stable word of the package (`grace`, `huaweiCloud`) in the page's language (the
// data-value attribute keeps it as the package wrote it).
function readable(value, asWords = false) {
  if (value === true) return TEXT.ui.yes;
  if (value === false) return TEXT.ui.no;
  if (value === null || value === undefined) return "—";
  if (isFraction(value)) return fractionText(value);
  if (Array.isArray(value)) return value.length ? value.map((v) => readable(v, asWords)).join("; ") : TEXT.ui.none;
  if (typeof value === "object") {
    // In words, a member told by a message (a timeline state's label) is that message in the
    // page's language, and the messages themselves are not shown.
    const told = asWords && value.messages ? value.messages : {};
    return Object.entries(value)
      .filter(([k, v]) => v !== null && v !== undefined && k !== "breakdown" && !(asWords && k === "messages"))
      .map(([k, v]) => `${TEXT.members[k] ?? TEXT.figures[k] ?? words(k)} ${told[k] ? renderText(value, k, lang) : readable(v, asWords)}`)
      .join(", ");
  }
  return asWords ? String(valueText(value, lang)) : String(value);
}

function figure(key, value, res, main = false, req) {
  const d = el("div", { className: main ? "figure main" : "figure" });
  d.dataset.figure = key;
  let text;
  if (key === "remainingPeriod" && isFraction(value)) text = periodWords(res);
  else if (key === "remainingRatio" && isFraction(value)) text = ratioWords(res);
  else text = moneyText(key, value, req) ?? readable(value, true);
  d.dataset.value = readable(value);
  const json = typeof value === "object" && value !== null && !isFraction(value);
  d.append(el("div", { className: "k" }, TEXT.figures[key] ?? words(key)), el("div", { className: json ? "v json" : "v" }, text));
  return d;
}

function showResult(res, req) {
  const figs = $("#figures");
  figs.className = "";
  figs.replaceChildren(
    ...current.figures
      .map((k) => [k, getName(res, k)])
      .filter(([, v]) => v !== undefined && v !== null)
      .map(([k, v]) => figure(k, v, res, k === current.main, req)),
  );
  const b = { ...localBreakdown(res.breakdown ?? {}), policy: res.breakdown?.policy };
  $("#facts tbody").replaceChildren(
    ...b.facts.map((f) => {
      const tr = el("tr");
      tr.append(el("td", {}, f.label), el("td", {}, f.formula), el("td", {}, f.value));
      return tr;
    }),
  );
  $("#lines tbody").replaceChildren(
    ...b.lines.map((l) => {
      const tr = el("tr");
      tr.append(el("td", {}, l.label), el("td", {}, l.formula), el("td", { className: "num" }, l.amount));
      return tr;
    }),
  );
  const total = getName(res, current.main);
  $("#lines-total").textContent = b.lines.length ? String(total ?? "") : "";
  // A result without money lines (Compare terms) shows no empty "line / formula / total" table.
  $("#lines").hidden = !b.lines.length;
  $("#facts").hidden = !b.facts.length;
  $("#notes").replaceChildren(...b.notes.map((n) => el("li", {}, n)));
  $("#policy-used").textContent = `${t("policy")}: ${valueText(b.policy, lang)}`;
}
// ---------- what-if chart ----------

function drawChart(req) {
  const box = $("#chart-box");
  const svg = $("#chart");
  if (!current.curve) {
    box.hidden = true;
    return;
  }
  let c;
  try {
    c = billcalc.curve({ op: current.op, ...req });
  } catch {
    box.hidden = true;
    return;
  }
  box.hidden = false;
  const W = 640, H = 220, L = 56, R = 10, T = 10, B = 26;
  const n = c.cents.length;
  const vals = c.cents.filter((v) => v !== null);
  const max = Math.max(1, ...vals);
  const x = (i) => L + ((W - L - R) * i) / Math.max(1, n - 1);
  const y = (v) => T + (H - T - B) * (1 - v / max);
  const parts = [];
  let seg = [];
  c.cents.forEach((v, i) => {
    if (v === null) {
      if (seg.length) parts.push(seg);
      seg = [];
    } else seg.push(`${x(i).toFixed(1)},${y(v).toFixed(1)}`);
  });
  if (seg.length) parts.push(seg);
  const nodes = [];
  const line = (x1, y1, x2, y2, cls) => {
    const l = document.createElementNS(SVG, "line");
    for (const [k, v] of Object.entries({ x1, y1, x2, y2 })) l.setAttribute(k, v);
    l.setAttribute("class", cls);
    return l;
  };
  const text = (tx, ty, s, anchor = "start") => {
    const t = document.createElementNS(SVG, "text");
    t.setAttribute("x", tx);
    t.setAttribute("y", ty);
    t.setAttribute("text-anchor", anchor);
    t.textContent = s;
    return t;
  };
  nodes.push(line(L, H - B, W - R, H - B, "axis"), line(L, T, L, H - B, "axis"));
  nodes.push(text(L - 4, T + 10, (max / 100).toFixed(2), "end"), text(L - 4, H - B, "0.00", "end"));
  nodes.push(text(L, H - 8, c.from), text(W - R, H - 8, c.to, "end"));
  for (const p of parts) {
    const pl = document.createElementNS(SVG, "polyline");
    pl.setAttribute("points", p.join(" "));
    pl.setAttribute("class", "curve");
    nodes.push(pl);
  }
  const day = Math.round((Date.parse(req.date) - Date.parse(c.from)) / 86400000);
  if (day >= 0 && day < n) {
    nodes.push(line(x(day), T, x(day), H - B, "mark"));
    if (c.cents[day] !== null) {
      const dot = document.createElementNS(SVG, "circle");
      dot.setAttribute("cx", x(day));
      dot.setAttribute("cy", y(c.cents[day]));
      dot.setAttribute("r", 3.5);
      dot.setAttribute("class", "dot");
      nodes.push(dot);
    }
  }
  svg.replaceChildren(...nodes);
  svg.dataset.points = String(n);
  svg.onclick = (ev) => {
    const r = svg.getBoundingClientRect();
    const px = ((ev.clientX - r.left) / r.width) * W;
    const i = Math.min(n - 1, Math.max(0, Math.round(((px - L) / (W - L - R)) * (n - 1))));
    const d = new Date(Date.parse(c.from) + i * 86400000).toISOString().slice(0, 10);
    $('#fields [name="date"]').value = d;
    compute(ev);
  };
  $("#chart-caption").textContent = TEXT.ui.chart(TEXT.figures[current.main] ?? words(current.main), c.from, c.to);
}


// ---------- main loop ----------

function compute(ev) {
  clearErrors();
  let req;
  try {
    req = readRequest();
  } catch (e) {
    showError(e);
    return;
  }
  hooks.saveHash({ op: current.op, request: req });
  try {
    showResult(billcalc[current.op](req), req);
  } catch (e) {
    if (e && typeof e === "object" && "code" in e) showError(e);
    else showError({ code: "ERROR", path: "", message: String(e) });
  }
  drawChart(req);
  hooks.measureRedraw(ev, "calculations");
  hooks.firstFigure();
}

/** Mount the view (its markup is in index.html); `show(op, request)` opens an operation.
 * hooks: { billcalc (the package), saveHash, firstFigure, measureRedraw, tabKeys, plainError,
 * orderEnd }. */
export function mountCalculators(_root, h) {
  hooks = h;
  billcalc = h.billcalc;
  h.tabKeys($("#tabs"));
  // The rounding switch's words (its markup is the page's).
  const policy = $("#policy");
  const policyLabel = policy.closest("label")?.firstChild;
  if (policyLabel?.nodeType === Node.TEXT_NODE) policyLabel.textContent = `${t("rounding")} `;
  for (const o of policy.options) o.textContent = TEXT.ui.policies[o.value] ?? o.textContent;
  $("#add-order").addEventListener("click", (ev) => {
    const rows = $("#orders tbody").rows.length;
    $("#orders tbody").append(orderRow({ term: "1M", voucher: "0" }, rows));
    compute(ev);
  });
  policy.addEventListener("change", compute);
  const stateNow = () => {
    try {
      return { op: current.op, request: readRequest() };
    } catch {
      return null;
    }
  };
  return {
    show(op, request) {
      const view = VIEWS.find((v) => v.op === op) ?? VIEWS[0];
      selectView(view, request && typeof request === "object" ? request : structuredClone(view.sample));
    },
    hashState: stateNow,
    sameAs: (op, request) => {
      const s = stateNow();
      return s !== null && s.op === op && JSON.stringify(s.request) === JSON.stringify(request);
    },
  };
}
