import { describe, expect, it } from "vitest";
import type { Chart } from "./bindings";
import { dataX, format, read, toPixels } from "./chart";

const line: Chart = {
  svg: "<svg></svg>",
  width: 800,
  height: 300,
  plot: { left: 80, top: 20, width: 700, height: 250 },
  x: { label: "", scale: "date", min: 20_757, max: 20_787, categories: [] },
  y: { label: "", scale: "money", min: -100, max: 100, categories: [] },
  series: [
    { name: "Realized", color: "#3b82f6", style: "line", points: [[20_757, 0], [20_772, -40.5], [20_787, 60]], point_colors: [] },
    { name: "Today", color: "#a86bf0", style: "dashed", points: [[20_757, 10], [20_787, 20]], point_colors: [] },
  ],
  marks: [],
};

describe("chart readout", () => {
  it("maps pixels to data and back over the plot area only", () => {
    expect(dataX(line, 80)).toBe(20_757);
    expect(dataX(line, 780)).toBe(20_787);
    expect(dataX(line, 79)).toBeNull();
    expect(toPixels(line, 20_772, 0)).toEqual([430, 145]);
  });

  it("snaps to the first series' nearest observation and reads every line along itself there", () => {
    const r = read(line, 420)!;
    expect(r.x).toBe("Nov 15, 2026");
    expect(r.rows.map((row) => [row.name, row.value])).toEqual([
      ["Realized", "\u2212$40.50"],
      // Today has no point on Nov 15: halfway along its line from 10 (Oct 31) to 20 (Nov 30).
      ["Today", "$15.00"],
    ]);
    expect(r.rows[1]?.px).toEqual(toPixels(line, 20_772, 15));
    expect(r.at).toBe(430);
    // A line that does not reach the x has no value there, rather than its nearest end's.
    const short: Chart = { ...line, series: [line.series[0]!, { ...line.series[1]!, points: [[20_780, 10], [20_787, 20]] }] };
    expect(read(short, 420)!.rows.map((row) => row.name)).toEqual(["Realized"]);
  });

  it("reads the category under the pointer on a bar chart", () => {
    const bars: Chart = {
      ...line,
      x: { label: "", scale: "category", min: -0.5, max: 2.5, categories: ["Sep 26", "Oct 26", "Nov 26"] },
      series: [{ name: "Realized", color: "#22a05a", style: "bars", points: [[0, 120], [1, -30], [2, 60]], point_colors: ["#22a05a", "#e5484d", "#22a05a"] }],
    };
    // 2/3 of the way across is the middle of the third category.
    const r = read(bars, 80 + (700 * 2.5) / 3)!;
    expect(r.x).toBe("Nov 26");
    expect(r.rows.map((row) => row.value)).toEqual(["$60.00"]);
    // The swatch is the bar's own colour: October's loss is red though the series is green.
    expect(read(bars, 80 + (700 * 1.5) / 3)!.rows[0]?.color).toBe("#e5484d");
  });

  it("reads the cell under the pointer on a heat map, first row at the top", () => {
    // Two rows over a 250-pixel-high plot: KO's row is the upper half, PEP's the lower.
    const heat: Chart = {
      ...line,
      x: { label: "", scale: "category", min: -0.5, max: 1.5, categories: ["KO", "PEP"] },
      y: { label: "", scale: "category", min: -0.5, max: 1.5, categories: ["PEP", "KO"] },
      series: [
        { name: "KO", color: "#8b98a5", style: "cells", points: [[0, 1], [1, 0.42]], point_colors: ["#e5484d", "#f0a3a5"] },
        { name: "PEP", color: "#8b98a5", style: "cells", points: [[0, 0.42], [1, 1]], point_colors: ["#f0a3a5", "#e5484d"] },
      ],
    };
    const upperRight = read(heat, 700, 60)!;
    expect(upperRight.x).toBe("KO × PEP");
    expect(upperRight.rows.map((r) => [r.value, r.color])).toEqual([["0.42", "#f0a3a5"]]);
    // The dot sits at the cell's centre: column 1 at x 605, the upper row at y 82.5.
    expect(upperRight.rows[0]?.px).toEqual([605, 82.5]);
    expect(read(heat, 200, 250)!.x).toBe("PEP × KO");
    expect(read(heat, 200, 10)).toBeNull();
  });

  it("formats by scale with a true minus sign", () => {
    expect(format({ ...line.y, scale: "percent" }, -0.1234)).toBe("\u221212.3%");
    expect(format({ ...line.y, scale: "price" }, 1234.5)).toBe("$1,234.50");
    expect(format(line.y, -0.001)).toBe("$0.00");
  });
});
