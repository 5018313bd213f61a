// BASELINE ONLY, NOT SHIPPED: the unsubscribe-refund and downgrade-refund rules as a JS team would
// write them with decimal.js, to compare speeds with the wasm package (npm run bench). Same
// arithmetic as the core's document policy for these two cases.
import Decimal from "decimal.js";

const DAY = 86400000;
const days = (a, b) => Math.round((Date.parse(b) - Date.parse(a)) / DAY) + 1;

export function unsubscribeRefund({ date, orders }) {
  const o = orders.find((x) => x.start <= date && date <= x.end);
  const paid = new Decimal(o.paidCash);
  const total = days(o.start, o.end);
  const consumedDays = days(o.start, date) - 1;
  const consumed = paid.times(consumedDays).div(total).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  const fee = paid.times("0.10").toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  const refund = Decimal.max(0, paid.minus(consumed).minus(fee)).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  return { refund: refund.toFixed(2), consumed: consumed.toFixed(2), handlingFee: fee.toFixed(2) };
}

export function downgradeRefund({ date, orders, newPrices }) {
  const o = orders[0];
  const paid = new Decimal(o.paidCash);
  const remainingDays = days(date, o.end);
  const value = paid.div(days(o.start, o.end)).times(remainingDays);
  // monthly remaining period: days after the change day / days of that month (single-month order)
  const dim = new Date(Date.UTC(+o.end.slice(0, 4), +o.end.slice(5, 7), 0)).getUTCDate();
  const r = new Decimal(remainingDays - 1).div(dim);
  const cost = new Decimal(newPrices["1M"]).times(r);
  const refund = Decimal.max(0, value.minus(cost)).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  return { refund: refund.toFixed(2) };
}
