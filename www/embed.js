// The embedding example's script part: a receipt given its request as a property, re-rendered as
// the customer edits the quantity. A refused cart comes as a `billcalc-error` event, a refused
// line in the answer of the `billcalc-receipt` event (each with code, path, message).
await customElements.whenDefined("billcalc-receipt");

const receipt = document.getElementById("live-receipt");
const quantity = document.getElementById("quantity");
const status = document.getElementById("live-error");

const request = (qty) => ({
  date: "2024-03-01",
  country: "MY",
  seller: "sparkooSingapore",
  items: [{ kind: "new", product: "ECS", quantity: qty, term: "1M", prices: { "1M": "30" } }],
  offers: { partner: "0.95", promotions: [] },
  vouchers: [],
  balance: { cash: "40", credit: "100" },
  display: { currency: "EUR", rate: "0.92" },
});

const say = (err) => `${err.code} at ${err.path}: ${err.message}`;
receipt.addEventListener("billcalc-error", (ev) => {
  status.textContent = say(ev.detail.error);
});
receipt.addEventListener("billcalc-receipt", (ev) => {
  status.textContent = ev.detail.answer.lines
    .filter((line) => line.error)
    .map((line) => say(line.error))
    .join("; ");
});

const update = () => {
  const raw = quantity.value.trim();
  receipt.checkout = request(/^\d+$/.test(raw) ? Number(raw) : raw);
};
quantity.addEventListener("input", update);
update();
