// Reading values off a chart the core drew: from a pointer position in the SVG's pixels to the
// data under it, the nearest point of each series, and the numbers formatted as the axis shows
// them. Pure, so it is tested without a window.
import type { Axis, Chart, Scale } from "./bindings";

/** The data x under SVG x `px`, or null outside the plot area. */
export function dataX(chart: Chart, px: number): number | null {
  const { left, width } = chart.plot;
  if (px < left || px > left + width) return null;
  return chart.x.min + ((px - left) / width) * (chart.x.max - chart.x.min);
}

/** The SVG x and y of a data point. */
export function toPixels(chart: Chart, x: number, y: number): [number, number] {
  const { left, top, width, height } = chart.plot;
  return [left + ((x - chart.x.min) / (chart.x.max - chart.x.min)) * width, top + ((chart.y.max - y) / (chart.y.max - chart.y.min)) * height];
}

/** The index of the point of `points` (sorted by x or not) whose x is nearest to `x`. */
export function nearest(points: [number, number][], x: number): number | null {
  let best: number | null = null;
  points.forEach((p, i) => {
    if (best === null || Math.abs(p[0] - x) < Math.abs(points[best]![0] - x)) best = i;
  });
  return best;
}

/** A line's value at `x`, straight between the points either side (a line's points rise in
 * x); null outside the line, whose value there is unknown rather than its nearest end's. */
export function along(points: [number, number][], x: number): number | null {
  for (let i = 0; i < points.length; i++) {
    const [x1, y1] = points[i]!;
    if (x1 === x) return y1;
    const next = points[i + 1];
    if (next && x1 < x && x < next[0]) return y1 + ((x - x1) / (next[0] - x1)) * (next[1] - y1);
  }
  return null;
}

export interface Reading {
  x: string;
  rows: { name: string; color: string; value: string; px: [number, number] }[];
  /** The SVG x of the crosshair. */
  at: number;
}

/** The data y under SVG y `py`, or null outside the plot area. */
export function dataY(chart: Chart, py: number): number | null {
  const { top, height } = chart.plot;
  if (py < top || py > top + height) return null;
  return chart.y.max - ((py - top) / height) * (chart.y.max - chart.y.min);
}

/** A heat map's cell under the pointer: "KO × PEP" and its value. Its series are its rows, top
 * first, while the y axis counts up from the bottom row. */
function readCell(chart: Chart, px: number, py: number): Reading | null {
  const x = dataX(chart, px);
  const y = dataY(chart, py);
  if (x === null || y === null) return null;
  const rows = chart.series.length;
  const column = Math.min(Math.max(Math.round(x), 0), chart.x.categories.length - 1);
  const row = rows - 1 - Math.min(Math.max(Math.round(y), 0), rows - 1);
  const series = chart.series[row];
  const point = series?.points[column];
  if (!series || !point) return null;
  const [cx, cy] = toPixels(chart, column, rows - 1 - row);
  return { x: `${series.name} × ${chart.x.categories[column]}`, rows: [{ name: "Correlation", color: series.point_colors[column] ?? series.color, value: point[1].toFixed(2), px: [cx, cy] }], at: cx };
}

/** What the crosshair at SVG x `px` (and y `py`, which a heat map needs) reads: the x there and
 * each series' value. For bars and categories, the category under the pointer. */
export function read(chart: Chart, px: number, py = 0): Reading | null {
  let x = dataX(chart, px);
  const first = chart.series[0];
  if (x === null || !first) return null;
  if (first.style === "cells") return readCell(chart, px, py);
  if (chart.x.scale === "category") x = Math.min(Math.max(Math.round(x), 0), chart.x.categories.length - 1);
  // Snap to the first series' nearest point so the readout names a real observation; a line
  // drawn on other x values is read along itself there, bars at the same category.
  const index = nearest(first.points as [number, number][], x);
  if (index === null) return null;
  const at = first.points[index]![0];
  const rows = chart.series.flatMap((s) => {
    const points = s.points as [number, number][];
    const i = s.style === "line" || s.style === "dashed" ? null : nearest(points, at);
    const y = i === null ? along(points, at) : points[i]![1];
    if (y === null) return [];
    const color = (i === null ? undefined : s.point_colors[i]) ?? s.color;
    return [{ name: s.name, color, value: format(chart.y, y), px: toPixels(chart, i === null ? at : points[i]![0], y) }];
  });
  return { x: format(chart.x, at), rows, at: toPixels(chart, at, 0)[0] };
}

const money = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: 2 });
const MINUS = "\u2212";

function signed(value: number, body: (abs: number) => string): string {
  return (value < 0 && Math.abs(value) >= 0.005 ? MINUS : "") + body(Math.abs(value));
}

/** A value as the readout shows it, by the axis's scale. */
export function format(axis: Axis, value: number): string {
  const scale: Scale = axis.scale;
  switch (scale) {
    case "money":
    case "price":
      return signed(value, (abs) => money.format(abs));
    case "percent":
      return signed(value, (abs) => `${(abs * 100).toFixed(1)}%`);
    case "number":
      return signed(value, (abs) => abs.toFixed(2));
    case "date":
      return new Date(Math.round(value) * 86_400_000).toLocaleDateString("en-US", { timeZone: "UTC", month: "short", day: "numeric", year: "numeric" });
    case "category":
      return axis.categories[Math.round(value)] ?? "";
  }
}
