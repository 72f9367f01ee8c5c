import type { Key, ReactNode } from "react";

/** One column: its header, what each row shows in it, and the classes its cells share. */
export interface Column<T> {
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /** Classes of the header and the cells (alignment: "text-right"). */
  className?: string;
  /** Classes of the cells only ("tabular-nums", "font-mono text-xs"). */
  cellClassName?: string;
  /** data-testid of every cell in the column. */
  testId?: string | ((row: T) => string);
}

/** The classes of a column of figures: right-aligned, digits of one width. Spread into a Column. */
export const FIGURES = { className: "text-right", cellClassName: "tabular-nums" } as const;

const TABLE_STYLE = {
  /** A white card of its own on the page. */
  card: "w-full rounded bg-white text-left text-sm shadow",
  /** Inside a card or a section that already has a background. */
  plain: "w-full text-left text-sm",
  /** As wide as its content (small figure tables). */
  inline: "text-left text-sm",
} as const;

const PADDING = { compact: "p-1.5", normal: "p-2", roomy: "p-3" } as const;

/**
 * The app's one table: a header row and a row per item, with the markup and Tailwind classes
 * every list page shares (admin users, models, prompt sets, prompts, import issues, join links,
 * campaign progress, leaderboards). Columns are declared, so pages say what they show, not how.
 */
export function DataTable<T>({
  rows,
  columns,
  rowKey,
  label,
  caption,
  testId,
  variant = "card",
  padding = "normal",
  rowClassName,
  rowTestId,
}: {
  rows: readonly T[];
  columns: readonly Column<T>[];
  rowKey: (row: T, index: number) => Key;
  /** aria-label of the table. */
  label?: string;
  /** A caption for screen readers. */
  caption?: string;
  testId?: string;
  variant?: keyof typeof TABLE_STYLE;
  padding?: keyof typeof PADDING;
  /** Extra classes of a row ("align-top", a colour by state). */
  rowClassName?: string | ((row: T) => string);
  rowTestId?: (row: T) => string;
}) {
  const pad = PADDING[padding];
  const classes = (...names: (string | undefined)[]) => names.filter(Boolean).join(" ");
  return (
    <table className={TABLE_STYLE[variant]} aria-label={label} data-testid={testId}>
      {caption && <caption className="sr-only">{caption}</caption>}
      <thead>
        <tr className="border-b text-slate-500">
          {columns.map((column, i) => (
            <th key={i} className={classes(pad, column.className)}>
              {column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, index) => (
          <tr
            key={rowKey(row, index)}
            className={classes(
              "border-b last:border-0",
              typeof rowClassName === "function" ? rowClassName(row) : rowClassName,
            )}
            data-testid={rowTestId?.(row)}
          >
            {columns.map((column, i) => (
              <td
                key={i}
                className={classes(pad, column.className, column.cellClassName)}
                data-testid={typeof column.testId === "function" ? column.testId(row) : column.testId}
              >
                {column.cell(row)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A small table of figures inside a results section: as wide as its content, compact cells. */
export function FigureTable<T>(props: Omit<Parameters<typeof DataTable<T>>[0], "variant" | "padding">) {
  return <DataTable {...props} variant="inline" padding="compact" />;
}
