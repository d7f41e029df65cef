// How this app runs sqld, the libSQL server used when one machine is not enough
// (README "Scaling out"). Every launch here uses these flags: `npm run db:server` and the
// tests that run against a libSQL server.

/**
 * sqld (0.24.1-pre.42) lets 128 connections run at once by default. With several app
 * processes writing concurrently it then stops answering writes altogether after a few
 * SQLITE_BUSY refusals (reads still work; measured in RELIABILITY.md, "libSQL server
 * under concurrent writes"). With at most 8 connections the same load never stalled, and
 * ran faster: writes queue in sqld instead of contending for SQLite's one write lock.
 */
export const SQLD_MAX_CONCURRENT_CONNECTIONS = 8;

export function sqldArgs({ dbPath, listen }: { dbPath: string; listen: string }): string[] {
  return ["--db-path", dbPath, "--http-listen-addr", listen, "--no-welcome", "--max-concurrent-connections", String(SQLD_MAX_CONCURRENT_CONNECTIONS)];
}
