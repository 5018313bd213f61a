// A what-if chart: one or more series of integer cents per day (the package's `curve` answers),
// a dashed line on the picked day, a click picks a day. Drawing only: no figure is computed here
// beyond placing the package's cents on the axes.
const SVG = "http://www.w3.org/2000/svg";
const W = 640;
const H = 220;
const L = 56;
const R = 10;
const T = 10;
const B = 26;

function node(tag, attrs, text) {
  const n = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, v);
  if (text !== undefined) n.textContent = text;
  return n;
}

/** series: [{ name, className, cents: (number|null)[] }] over the days from..to; `day` the picked
 * day's index. Returns the x → day index mapping for clicks. */
export function drawChart(svg, { from, to, series, day }) {
  const n = Math.max(1, ...series.map((s) => s.cents.length));
  const max = Math.max(1, ...series.flatMap((s) => s.cents.filter((v) => v !== null)));
  const x = (i) => L + ((W - L - R) * i) / Math.max(1, n - 1);
  const y = (v) => T + (H - T - B) * (1 - v / max);
  const nodes = [
    node("line", { x1: L, y1: H - B, x2: W - R, y2: H - B, class: "axis" }),
    node("line", { x1: L, y1: T, x2: L, y2: H - B, class: "axis" }),
    // Axis labels: the largest amount (cents written as units and cents) and the first and last day.
    node("text", { x: L - 4, y: T + 10, "text-anchor": "end" }, `${Math.floor(max / 100)}.${String(max % 100).padStart(2, "0")}`),
    node("text", { x: L - 4, y: H - B, "text-anchor": "end" }, "0.00"),
    node("text", { x: L, y: H - 8 }, from),
    node("text", { x: W - R, y: H - 8, "text-anchor": "end" }, to),
  ];
  for (const s of series) {
    let seg = [];
    const flush = () => {
      if (seg.length) nodes.push(node("polyline", { points: seg.join(" "), class: `curve ${s.className ?? ""}` }));
      seg = [];
    };
    s.cents.forEach((v, i) => {
      if (v === null) flush();
      else seg.push(`${x(i).toFixed(1)},${y(v).toFixed(1)}`);
    });
    flush();
  }
  if (day >= 0 && day < n) {
    nodes.push(node("line", { x1: x(day), y1: T, x2: x(day), y2: H - B, class: "mark" }));
    for (const s of series) {
      const v = s.cents[day];
      if (v !== null && v !== undefined) nodes.push(node("circle", { cx: x(day), cy: y(v), r: 3.5, class: `dot ${s.className ?? ""}` }));
    }
  }
  svg.replaceChildren(...nodes);
  svg.dataset.points = String(n);
  return (clientX) => {
    const r = svg.getBoundingClientRect();
    const px = ((clientX - r.left) / r.width) * W;
    return Math.min(n - 1, Math.max(0, Math.round(((px - L) / (W - L - R)) * (n - 1))));
  };
}
