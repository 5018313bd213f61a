// The requests the same-process comparison (compare.mjs) and the instruction counts (icount.mjs)
// time: each operation's call, and each 1,096-day curve.
const order = (start, end, term, paidCash) => ({ start, end, term, paidCash });
const threeYears = [order("2020-01-01", "2022-12-31", "3Y", "3000")];
export const CURVES = {
  unsubscribeRefund: { scenario: "inUse", date: "2020-01-01", orders: threeYears },
  downgradeRefund: { date: "2020-01-01", orders: threeYears, newPrices: { "1Y": "600", "3Y": "1500" } },
  upgradeCost: { date: "2020-01-01", orders: threeYears, oldPrices: { "1Y": "1000", "3Y": "2500" }, newPrices: { "1Y": "1500", "3Y": "4000" } },
  switchToOnDemand: { mode: "immediate", date: "2020-01-01", orders: threeYears },
};
export const CALLS = {
  unsubscribeRefund: { scenario: "inUse", date: "2022-09-02", orders: [order("2022-08-19", "2022-09-19", "1M", "110.00")] },
  downgradeRefund: { date: "2018-11-24", orders: [order("2018-11-01", "2018-11-30", "1M", "120")], newPrices: { "1M": "90" } },
  upgradeCost: {
    date: "2019-03-31",
    orders: [order("2019-01-31", "2020-01-31", "1Y", "120"), order("2020-02-01", "2020-09-30", "8M", "88"), order("2020-10-01", "2021-09-30", "1Y", "120")],
    oldPrices: { "1M": "11", "1Y": "120" },
    newPrices: { "3Y": "400" },
  },
  switchToOnDemand: { mode: "immediate", date: "2022-09-02", orders: [order("2022-08-19", "2022-09-19", "1M", "110.00")] },
  quote: { kind: "renewal", date: "2023-03-20", currentExpiry: "2023-03-15", term: "1M", prices: { "1M": "30" } },
  unifiedExpiry: { currentExpiry: "2023-03-15", renewTerm: "1M", unifiedDay: 1, prices: { "1M": "30" } },
};
