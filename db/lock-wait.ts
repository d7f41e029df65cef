// Waiting for another process's write lock on an embedded database without freezing this
// process, and without the connection damage a failed write leaves behind.
import type { Client, InArgs, InStatement, ResultSet, TransactionMode } from "@libsql/client";
import { isSqliteBusy } from "./errors";

/** How long a writer waits for another process's write lock before the call fails busy (the API's 503). */
export const BUSY_TIMEOUT_MS = 10_000;
/** How long one attempt may wait for the lock inside SQLite, blocking the event loop meanwhile. */
export const BLOCKING_WAIT_MS = 25;
/** Pauses between attempts, doubling from the first to the longest. */
const FIRST_PAUSE_MS = 5;
const LONGEST_PAUSE_MS = 200;
/** A discarded client is closed this long after, when no call can still be running on it. */
const CLOSE_DISCARDED_AFTER_MS = 30_000;

/**
 * An embedded libSQL client whose writers wait for another process's write lock (an
 * import, the worker, a second web process) between attempts, with the process free.
 *
 * Two faults of the embedded driver shape it:
 * - It is synchronous. SQLite's own busy timeout, set to the full 10 s, stopped the whole
 *   event loop while it waited: every other request of a web process, reads and health
 *   checks included, stood still, and idle keep-alive connections whose timer ran out
 *   meanwhile were reset under the client's next request (seen in a CI run). So each
 *   attempt waits at most BLOCKING_WAIT_MS inside SQLite.
 * - A statement that fails with SQLITE_BUSY is left in progress until the garbage
 *   collector finalizes it (libsql 0.5.29; tursodatabase/libsql-client-ts#352, fix in
 *   libsql-js#237/#238 not released). Until then nothing on that connection can commit:
 *   the next write "succeeds" but keeps the write lock, and every other writer of every
 *   process waits on it. So a client that saw SQLITE_BUSY is never used again: calls go to
 *   a fresh one (opening one costs about 0.4 ms) and the old one is closed later.
 *
 * A call retried here wrote nothing: a single statement either ran or did not; a batch or
 * migration runs in one transaction that the driver rolls back when a statement fails; an
 * interactive transaction fails at BEGIN IMMEDIATE, before its first statement. Once this
 * process has a writer waiting, the next ones wait behind it rather than each trying on
 * its own, so a long lock costs a fresh client per retry of one writer, not of all.
 * After BUSY_TIMEOUT_MS the call fails with SQLITE_BUSY.
 */
export class LockWaitingClient implements Client {
  #current: Client;
  #discarded = new Set<Client>();
  /** This process's writers waiting for the lock, one attempt at a time. */
  #line: Promise<unknown> = Promise.resolve();

  constructor(private readonly open: () => Client) {
    this.#current = open();
  }

  get closed(): boolean {
    return this.#current.closed;
  }

  get protocol(): string {
    return this.#current.protocol;
  }

  execute(stmt: InStatement): Promise<ResultSet>;
  execute(sql: string, args?: InArgs): Promise<ResultSet>;
  execute(stmtOrSql: InStatement | string, args?: InArgs) {
    return this.#call((c) => (typeof stmtOrSql === "string" ? c.execute(stmtOrSql, args) : c.execute(stmtOrSql)));
  }

  batch(stmts: Array<InStatement | [string, InArgs?]>, mode?: TransactionMode) {
    return this.#call((c) => c.batch(stmts, mode));
  }

  migrate(stmts: Array<InStatement>) {
    return this.#call((c) => c.migrate(stmts));
  }

  transaction(mode?: TransactionMode) {
    return this.#call((c) => c.transaction(mode));
  }

  /** Not retried: its statements run one by one outside a transaction, so a retry could repeat some. */
  executeMultiple(sql: string) {
    return this.#current.executeMultiple(sql);
  }

  sync() {
    return this.#current.sync();
  }

  reconnect(): void {
    this.#current.reconnect();
  }

  close(): void {
    this.#current.close();
    for (const old of this.#discarded) old.close();
    this.#discarded.clear();
  }

  async #call<R>(run: (client: Client) => Promise<R>): Promise<R> {
    const deadline = Date.now() + BUSY_TIMEOUT_MS;
    // Reads never meet the lock (WAL), and most writes do not: straight through.
    const first = await this.#attempt(run);
    if ("value" in first) return first.value;
    const turn = this.#line.then(() => this.#retry(run, deadline, first.busy));
    this.#line = turn.catch(() => undefined);
    return turn;
  }

  async #retry<R>(run: (client: Client) => Promise<R>, deadline: number, busy: unknown): Promise<R> {
    let lastBusy = busy;
    for (let pause = FIRST_PAUSE_MS; Date.now() + pause < deadline; pause = Math.min(pause * 2, LONGEST_PAUSE_MS)) {
      await new Promise((resolve) => setTimeout(resolve, pause));
      const next = await this.#attempt(run);
      if ("value" in next) return next.value;
      lastBusy = next.busy;
    }
    throw lastBusy;
  }

  /** One attempt on the current client: its result, or the busy error (the client replaced). */
  async #attempt<R>(run: (client: Client) => Promise<R>): Promise<{ value: R } | { busy: unknown }> {
    const client = this.#current;
    try {
      return { value: await run(client) };
    } catch (error) {
      if (!isSqliteBusy(error)) throw error;
      this.#discard(client);
      return { busy: error };
    }
  }

  /**
   * Replaces a client that saw SQLITE_BUSY (see above), unless another call already did.
   * It is closed once no call can still be running on it; an interactive transaction
   * (command-line imports only) holds the lock, so none is open on a client that saw busy.
   */
  #discard(old: Client): void {
    if (old !== this.#current) return;
    this.#current = this.open();
    this.#discarded.add(old);
    setTimeout(() => {
      if (this.#discarded.delete(old)) old.close();
    }, CLOSE_DISCARDED_AFTER_MS).unref();
  }
}
