// Errors of the database layer that callers above it recognise (lib/platform/errors.ts).

/** The code of the error a libSQL server call fails with when it takes too long. */
export const DATABASE_TIMEOUT = "DATABASE_TIMEOUT";

export class DatabaseTimeoutError extends Error {
  readonly code = DATABASE_TIMEOUT;
  constructor(ms: number) {
    super(`The database server did not answer within ${ms} ms.`);
    this.name = "DatabaseTimeoutError";
  }
}

/** SQLite's "another connection holds the lock" (SQLITE_BUSY and its extended codes). */
export function isSqliteBusy(error: unknown): boolean {
  const { code, extendedCode } = (error ?? {}) as { code?: unknown; extendedCode?: unknown };
  return [code, extendedCode].some((c) => typeof c === "string" && c.startsWith("SQLITE_BUSY"));
}
