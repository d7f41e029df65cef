// The per-period table of a trend report (trends, emotions) for the chosen category, or all:
// a row per period of the range, beside the same rows as CSV (<report>/periods.csv).
import type { ReactNode } from "react";
import { TableSection } from "@/components/table-section";
import { rangeQuery, type TrendRange } from "@/lib/trends/reports";

type Props = {
  /** The report's page; its periods.csv export lies under it. */
  report: "/trends" | "/emotions";
  range: TrendRange;
  /** The chosen category's name, or "All categories". */
  scopeName: string;
  /** What each row gives, for the caption ("Sentiment" per week for …). */
  measure: string;
  testId: string;
  /** The header cells, "Period" first. */
  columns: ReactNode[];
  children: ReactNode;
};

export function PeriodsTable({ report, range, scopeName, measure, testId, columns, children }: Props) {
  return (
    <TableSection
      id="periods"
      title={<>Per {range.granularity} · {scopeName}</>}
      csvHref={`${report}/periods.csv?${rangeQuery(range)}`}
      caption={<>{measure} per {range.granularity} for {scopeName}</>}
      testId={testId}
      columns={columns}
    >
      {children}
    </TableSection>
  );
}
