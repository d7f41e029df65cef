import type { ReactNode } from "react";

/**
 * The one row of an empty table: what would be listed here and how to get some. A table
 * with a header and nothing under it reads as broken.
 */
export function EmptyRow({ columns, children }: { columns: number; children: ReactNode }) {
  return (
    <tr>
      <td colSpan={columns} className="py-6 text-center text-slate-600" data-testid="empty-table">
        {children}
      </td>
    </tr>
  );
}
