// 简体中文 sentences of the package's refusals (re-exported by js/messages-zh-CN.js, used by
// "billcalc/messages" and the receipt's words): a module of its own, so that the receipt
// loads these and not the breakdown's templates.
/** 简体中文 sentences of the refusals, by their stable `code` (src/error.rs, `ErrorCode` in
 * js/types.d.ts; tests/js/i18n-tables.test.mjs checks every code has one and no other): what a
 * customer reads next to the field the refusal's `path` names, in the guide's words. The English
 * message, which names the offending value, goes on the details line with the code. */
export const refusalsZhCN = {
  INVALID_INPUT: "无法识别此处填写的内容，请检查格式。",
  MISSING_FIELD: "缺少必填的内容，请补充。",
  UNKNOWN_FIELD: "包含计算器不认识的项目，请删除该项。",
  UNKNOWN_OPERATION: "不支持此计算。",
  INVALID_DATE: "日期无效：请填写存在的日期，格式为 年-月-日（例如 2024-03-01）。",
  DATE_OUT_OF_RANGE: "日期超出范围：须在 1970-01-01 到 9999-12-31 之间。",
  INVALID_MONEY: "金额无效：请填写数字，例如 30 或 12.50。",
  NEGATIVE_MONEY: "金额不能为负数。",
  MONEY_OUT_OF_RANGE: "金额过大，超出了可精确计算的范围。",
  INVALID_NUMBER: "数值超出了允许的范围。",
  UNKNOWN_TERM: "购买时长无效：按月可选 1–120 个月，按年可选 1–10 年。",
  PRICE_NOT_FOUND: "价格表中没有所需时长的价格，请补充该时长的价格。",
  INVALID_PERIOD: "时间无效：请检查订单的开始和结束日期（订单不能重叠，须按日期排列）以及操作日期。",
  TOO_MANY_ITEMS: "项目太多，超出了一次计算的上限。",
  RENEWAL_NOT_ALLOWED: "该资源不能续费（例如保留期结束后资源已被删除）。",
  RENEWAL_EXCEEDS_10_YEARS: "续费后的到期时间距离续费操作时间不能超过 10 年。",
  UNIFIED_DAY_INVALID: "统一到期日只支持每月 1~28 号或每个月最后一天。",
  UNIFIED_GAP_TOO_SHORT: "统一到期日与当前计费周期到期日之间的间隔不能少于 1 个月。",
  SPEC_CHANGE_NOT_PREPAID: "只有包年/包月资源可以按此方式变更规格。",
  DISK_SHRINK_NOT_ALLOWED: "云硬盘只能扩容，不能缩小容量。",
  MODE_SWITCH_NOT_ALLOWED: "该资源不能转按需（例如资源包或已到期的资源）。",
  PACKAGE_NOT_UNSUBSCRIBABLE: "资源包不支持退订（CBR、DWS 资源包除外）。",
  RESOURCE_EXPIRED: "资源已到期，不能按“退订使用中的资源”退订。",
  UNSUBSCRIBE_NOT_ALLOWED: "该资源不支持退订（例如试用、免费或一次性产品）。",
  RENEWAL_PERIOD_NOT_UNSUBSCRIBABLE: "没有未使用的续费周期可以退订。",
  HANDLING_FEE_RATE_UNKNOWN: "退订手续费费率表中没有此时长和已使用时间对应的费率，请输入手续费费率。",
  PACKAGE_NOT_RENEWABLE: "该资源包不能续费（例如不可重置的资源包已用完且未开通自动续费，或包月资源包按年续费）。",
  AUTO_RENEW_NOT_ALLOWED: "无法设置自动续费（例如次日即到期、域名剩余不足 20 天、免费或试用产品）。",
  VOUCHER_NOT_APPLICABLE: "该代金券不能用于此订单（不在有效期内，不适用于该产品、区域或计费模式，包年/包月订单只能使用一张，或不能与折扣券同时使用）。",
  DISCOUNT_NOT_COMBINABLE: "这些优惠不能在同一订单中同时使用。",
  TAX_RATE_UNKNOWN: "指南未规定此国家/地区、签约主体和日期的税率，请输入适用的税率。",
  PAYMENT_LIMIT_EXCEEDED: "超出支付限额：合并支付勾选的订单数最多 30 个，银行卡单笔交易金额有上限。",
  PAYMENT_METHOD_NOT_ALLOWED: "您的客户类型不能使用这种支付方式。",
  REPAYMENT_TOO_HIGH: "还款金额超过了应还金额（提前还款不能超过未出账预估金额）。",
  NOT_SUPPORTED: "指南没有规定这种情况的计费规则，计算器无法计算。",
  INTERNAL: "计算器内部出错，请把此次输入报告给我们。",
};

