"use client";
import { useState } from "react";

export interface SortableCell {
  text: string;
  /** What the column sorts by (numbers sort numerically; null sorts last). */
  sort: number | string | null;
}

/** A table whose columns sort on click (ascending, then descending); the server renders the cells. */
export function SortableTable({
  label,
  headers,
  rows,
}: {
  label: string;
  headers: string[];
  rows: { key: string; cells: SortableCell[] }[];
}) {
  const [by, setBy] = useState<{ col: number; dir: 1 | -1 } | null>(null);
  const sorted =
    by === null ? rows : [...rows].sort((a, b) => compare(a.cells[by.col].sort, b.cells[by.col].sort) * by.dir);
  return (
    <table className="my-2 w-full text-left text-sm" aria-label={label}>
      <thead>
        <tr className="border-b text-slate-500">
          {headers.map((h, i) => (
            <th
              key={h}
              className="p-1.5"
              aria-sort={by?.col === i ? (by.dir === 1 ? "ascending" : "descending") : "none"}
            >
              <button
                type="button"
                className="font-medium hover:text-indigo-700"
                onClick={() => setBy(by?.col === i ? { col: i, dir: by.dir === 1 ? -1 : 1 } : { col: i, dir: 1 })}
              >
                {h}
                {by?.col === i ? (by.dir === 1 ? " ▲" : " ▼") : ""}
              </button>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {sorted.map((r) => (
          <tr key={r.key} className="border-b last:border-0">
            {r.cells.map((c, i) => (
              <td key={i} className="p-1.5 tabular-nums">
                {c.text}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function compare(a: number | string | null, b: number | string | null): number {
  if (a === null) return b === null ? 0 : 1;
  if (b === null) return -1;
  return typeof a === "number" && typeof b === "number" ? a - b : String(a).localeCompare(String(b));
}
