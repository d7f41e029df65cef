// Errors of the database layer that callers above it recognise (lib/errors.ts).

/** The code of the error a libSQL server call fails with when it takes too long. */
export const DATABASE_TIMEOUT = "DATABASE_TIMEOUT";

export class DatabaseTimeoutError extends Error {
  readonly code = DATABASE_TIMEOUT;
  constructor(ms: number) {
    super(`The database server did not answer within ${ms} ms.`);
    this.name = "DatabaseTimeoutError";
  }
}
