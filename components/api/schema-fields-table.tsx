import type { SchemaField } from "@/lib/api/schema-fields";
import { TableHead } from "@/components/table-head";

/** One request or response schema of the API page, a row per field. */
export function SchemaFieldsTable({ caption, fields }: { caption: string; fields: SchemaField[] }) {
  return (
    <table className="data-table mt-2 text-xs">
      <caption className="py-1 text-left text-sm font-semibold text-slate-800">{caption}</caption>
      <TableHead columns={["Field", "Type", "Notes"]} />
      <tbody>
        {fields.map((f) => (
          <tr key={f.path}>
            <th scope="row" className="font-mono">
              {f.path}
              {f.required ? null : <span className="ml-1 font-sans font-normal text-slate-600">(optional)</span>}
            </th>
            <td className="font-mono">{f.type}</td>
            <td>{[f.onlyWhen ? `Only when ${f.onlyWhen.field} is ${f.onlyWhen.values.map((v) => JSON.stringify(v)).join(" or ")}.` : "", f.notes].filter(Boolean).join(" ")}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
