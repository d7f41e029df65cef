// Some of a table's columns by key, as a select() field map: a listing names the columns it
// shows once instead of writing `key: table.key` for each.
import { getTableColumns, type Table } from "drizzle-orm";

export function pickColumns<T extends Table, K extends keyof T["_"]["columns"] & string>(table: T, keys: readonly K[]): Pick<T["_"]["columns"], K> {
  const columns = getTableColumns(table);
  return Object.fromEntries(keys.map((key) => [key, columns[key]])) as Pick<T["_"]["columns"], K>;
}
