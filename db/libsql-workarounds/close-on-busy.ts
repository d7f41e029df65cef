// A workaround for a fault of the embedded libSQL driver (libsql 0.5.29, the one
// @libsql/client 0.18 loads): a statement that fails with SQLITE_BUSY is left in progress
// until the garbage collector finalizes it (tursodatabase/libsql-client-ts#352; the fix,
// libsql-js#237/#238, is not released). Until then nothing on that connection can commit:
// the next write there "succeeds" but keeps the write lock from every other connection of
// every process. @libsql/client's pool hands that connection to the very next call.
//
// Closing the connection at the moment of the failure fixes both: closing finalizes the
// statement, and the pool drops a closed connection instead of reusing it (its `release`),
// opening a fresh one (about 0.4 ms) for the next call. Remove this once libsql resets a
// failed statement itself.
import Database from "libsql";
import { isSqliteBusy } from "../errors";

type Statement = object;
type StatementCall = (this: Statement, ...params: unknown[]) => unknown;

const connectionOf = new WeakMap<object, Database.Database>();
// Marked on the driver itself, not in a module variable: the production build can hold several
// copies of this module (the app's routes, instrumentation, the proxy) but one driver.
const INSTALLED = Symbol.for("customer-sentiment-analyzer.closeConnectionsOnBusy");

/** Installs the workaround for every embedded connection of this process (idempotent). */
export function closeConnectionsOnBusy(): void {
  const marked = Database.prototype as unknown as Record<symbol, boolean>;
  if (marked[INSTALLED]) return;
  marked[INSTALLED] = true;
  const prepare = Database.prototype.prepare;
  Database.prototype.prepare = function (this: Database.Database, sql: string) {
    const statement = prepare.call(this, sql);
    connectionOf.set(statement, this);
    return statement;
  } as typeof prepare;

  // The statement class is not exported: take it from a statement.
  const probe = new Database(":memory:");
  const statementClass = Object.getPrototypeOf(probe.prepare("select 1")) as Record<"run" | "get" | "all", StatementCall>;
  probe.close();
  // @libsql/client runs statements with run() and all(); get() for completeness.
  for (const method of ["run", "get", "all"] as const) {
    const original = statementClass[method];
    statementClass[method] = function (this: Statement, ...params: unknown[]) {
      try {
        return original.apply(this, params);
      } catch (error) {
        if (isSqliteBusy(error)) connectionOf.get(this)?.close();
        throw error;
      }
    };
  }
}
