// A workaround for a fault of the libSQL server (sqld 0.24): it stops answering writes when many
// write batches arrive at once. Used by db/client.ts for http(s):// and libsql:// databases.
import type { Client } from "@libsql/client";

/**
 * Sends a process's write batches to a libSQL server one at a time. Each batch is a
 * transaction (BEGIN … COMMIT in one request), and sqld 0.24 stops answering writes
 * altogether once enough of them run at once: with 4 processes sending 30 batches each at
 * a time it stalled in 4 of 7 runs; with each process sending one at a time, in 1 of 4
 * (and 0 of 4 with 2 processes), storing as many rows or more (RELIABILITY.md). Rarer, not
 * gone: the deadline in db/client.ts (fetchWithin) keeps a stall from hanging requests. Reads and single
 * statements are not queued. An embedded database needs none of this.
 */
export function oneBatchAtATime(client: Client): Client {
  const batch = client.batch.bind(client);
  let last: Promise<unknown> = Promise.resolve();
  client.batch = ((...args: Parameters<Client["batch"]>) => {
    const run = last.then(() => batch(...args));
    last = run.catch(() => undefined);
    return run;
  }) as Client["batch"];
  return client;
}
