// Waiting for another process's write lock on an embedded database without freezing this
// process.
import type { Client, InArgs, InStatement, ResultSet, TransactionMode } from "@libsql/client";
import { isSqliteBusy } from "../errors";
import { closeConnectionsOnBusy } from "./close-on-busy";

/** How long a writer waits for another process's write lock before the call fails busy (the API's 503). */
export const BUSY_TIMEOUT_MS = 10_000;
/** How long one attempt may wait for the lock inside SQLite, blocking the event loop meanwhile. */
export const BLOCKING_WAIT_MS = 25;
/** Pauses between attempts, doubling from the first to the longest. */
const FIRST_PAUSE_MS = 5;
const LONGEST_PAUSE_MS = 200;

/** Statements that only read: they never meet the write lock (WAL), so they never wait in line. */
const READ_ONLY = /^\s*(select|pragma\s+\w+\s*;?\s*$)/i;

/**
 * An embedded libSQL client whose writers wait for another process's write lock (an
 * import, the worker, a second web process) between attempts, with the process free.
 *
 * The embedded driver is synchronous. SQLite's own busy timeout, set to the full 10 s,
 * stopped the whole event loop while it waited: every other request of a web process,
 * reads and health checks included, stood still, and idle keep-alive connections whose
 * timer ran out meanwhile were reset under the client's next request (seen in a CI run).
 * So each attempt waits at most BLOCKING_WAIT_MS inside SQLite, and the waiting is done
 * between attempts. A connection whose statement failed busy is closed on the spot
 * (./close-on-busy.ts), so a retry always runs on a sound connection.
 *
 * A call retried here wrote nothing: a single statement either ran or did not; a batch or
 * migration runs in one transaction that the driver rolls back when a statement fails; an
 * interactive "write" transaction (Drizzle's default) fails at BEGIN IMMEDIATE, before its
 * first statement. Once one writer of this process is waiting, later writers wait in line
 * behind it instead of each trying (and blocking the process for BLOCKING_WAIT_MS) on its
 * own; reads never wait. After BUSY_TIMEOUT_MS the call fails with SQLITE_BUSY.
 */
export class LockWaitingClient implements Client {
  readonly #client: Client;
  /** This process's writers waiting for the lock, one attempt at a time. */
  #line: Promise<unknown> = Promise.resolve();
  #waiting = 0;

  constructor(client: Client) {
    closeConnectionsOnBusy();
    this.#client = client;
  }

  get closed(): boolean {
    return this.#client.closed;
  }

  get protocol(): string {
    return this.#client.protocol;
  }

  execute(stmt: InStatement): Promise<ResultSet>;
  execute(sql: string, args?: InArgs): Promise<ResultSet>;
  execute(stmtOrSql: InStatement | string, args?: InArgs) {
    const sql = typeof stmtOrSql === "string" ? stmtOrSql : stmtOrSql.sql;
    const run = () => (typeof stmtOrSql === "string" ? this.#client.execute(stmtOrSql, args) : this.#client.execute(stmtOrSql));
    return READ_ONLY.test(sql) ? run() : this.#write(run);
  }

  batch(stmts: Array<InStatement | [string, InArgs?]>, mode?: TransactionMode) {
    return this.#write(() => this.#client.batch(stmts, mode));
  }

  migrate(stmts: Array<InStatement>) {
    return this.#write(() => this.#client.migrate(stmts));
  }

  transaction(mode?: TransactionMode) {
    return this.#write(() => this.#client.transaction(mode));
  }

  /** Not retried: its statements run one by one outside a transaction, so a retry could repeat some. */
  executeMultiple(sql: string) {
    return this.#client.executeMultiple(sql);
  }

  sync() {
    return this.#client.sync();
  }

  reconnect(): void {
    this.#client.reconnect();
  }

  close(): void {
    this.#client.close();
  }

  async #write<R>(run: () => Promise<R>): Promise<R> {
    const deadline = Date.now() + BUSY_TIMEOUT_MS;
    let busy: unknown = null;
    if (this.#waiting === 0) {
      // Most writes never meet the lock: straight through.
      try {
        return await run();
      } catch (error) {
        if (!isSqliteBusy(error)) throw error;
        busy = error;
      }
    }
    this.#waiting++;
    const turn = this.#line.then(() => this.#retry(run, deadline, busy));
    this.#line = turn.catch(() => undefined);
    try {
      return await turn;
    } finally {
      this.#waiting--;
    }
  }

  /** Tries until the call succeeds or the deadline passes; `busy` is null when it has not tried yet. */
  async #retry<R>(run: () => Promise<R>, deadline: number, busy: unknown): Promise<R> {
    let lastBusy = busy;
    let pause = FIRST_PAUSE_MS;
    // A writer that queued without trying tries at once when its turn comes.
    if (lastBusy !== null) await sleep(pause);
    for (;;) {
      try {
        return await run();
      } catch (error) {
        if (!isSqliteBusy(error)) throw error;
        lastBusy = error;
      }
      if (Date.now() + pause >= deadline) throw lastBusy;
      await sleep(pause);
      pause = Math.min(pause * 2, LONGEST_PAUSE_MS);
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
