// A data table's header row: one column header per entry, left to right. Pages that count
// their columns (an empty row spanning them all) count this same list.
import type { ReactNode } from "react";

export function TableHead({ columns }: { columns: readonly ReactNode[] }) {
  return (
    <thead>
      <tr>
        {columns.map((column, i) => <th key={i} scope="col">{column}</th>)}
      </tr>
    </thead>
  );
}
