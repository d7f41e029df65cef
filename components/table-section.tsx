// A card holding one data table: a heading (with an optional line under it), the CSV
// export of the same rows, optional controls such as filters, and the table with a
// caption for screen readers. The report pages (trends, emotions, accounts, review
// history) all show their numbers this way.
import type { ReactNode } from "react";
import { EmptyRow } from "@/components/empty-row";
import { TableHead } from "@/components/table-head";

type Props = {
  /** Prefix of the heading's id, which labels the section. */
  id: string;
  title: ReactNode;
  subtitle?: ReactNode;
  csvHref?: string;
  /** More links beside the CSV export (e.g. the same rows in the task list). */
  links?: ReactNode;
  /** What the table holds, read out by screen readers. */
  caption?: ReactNode;
  testId?: string;
  /** The header cells, left to right. */
  columns: ReactNode[];
  /** More classes for the table (e.g. max-w-xl for a narrow one). */
  tableClassName?: string;
  /** Shown between the heading and the table (filters). */
  controls?: ReactNode;
  /** Shown under the table (pagination). */
  footer?: ReactNode;
  /** The rows. */
  children: ReactNode;
  /** Given when there are no rows: what would be listed and how to get some. */
  empty?: ReactNode;
};

export function TableSection({ id, title, subtitle, csvHref, links, caption, testId, columns, tableClassName, controls, footer, children, empty }: Props) {
  const headingId = `${id}-heading`;
  return (
    <section className="card space-y-3" aria-labelledby={headingId}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div>
          <h2 id={headingId} className="text-lg font-semibold">{title}</h2>
          {subtitle}
        </div>
        {links || csvHref ? (
          <div className="flex flex-wrap gap-2">
            {links}
            {csvHref ? <a href={csvHref} className="btn-secondary">Export CSV</a> : null}
          </div>
        ) : null}
      </div>
      {controls}
      <div className="overflow-x-auto">
        <table className={tableClassName ? `data-table ${tableClassName}` : "data-table"} data-testid={testId}>
          {caption ? <caption className="sr-only">{caption}</caption> : null}
          <TableHead columns={columns} />
          <tbody>{empty ? <EmptyRow columns={columns.length}>{empty}</EmptyRow> : children}</tbody>
        </table>
      </div>
      {footer}
    </section>
  );
}
