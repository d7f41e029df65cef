// Structured JSON logs on stdout, one line per event. Nothing secret reaches them:
// - fields whose names say they hold a secret (password, token, cookie, key, hash…) are
//   replaced whole, at any depth;
// - secrets that hide inside text (a bearer token in a message, an API key or a URL's
//   password in an error) are masked wherever a string is written, the message included;
// - errors are reduced to name, message, code and cause, without a stack, and Drizzle's
//   "Failed query: … params: …" messages lose their parameters (a password hash, an e-mail).
const SECRET_KEYS = /pass(word|wd|phrase)?|secret|token|authorization|cookie|api[-_]?key|credential|private[-_]?key|hash|session/i;
const LEVELS = { debug: 10, info: 20, warn: 30, error: 40 } as const;
type Level = keyof typeof LEVELS;

/** Secret-shaped text inside strings, each with what it becomes. */
const SECRET_TEXT: [RegExp, string][] = [
  // Drizzle appends the statement's bound values to its error messages.
  [/(\bparams: )[\s\S]*$/, "$1[redacted]"],
  // This app's API keys: csa_<prefix>_<secret>; the prefix alone identifies the key.
  [/\b(csa_[a-z0-9]{10})_[A-Za-z0-9_-]+/g, "$1_[redacted]"],
  [/\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]+/gi, "$1 [redacted]"],
  // user:password@host in URLs (a DATABASE_URL, a webhook target).
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@]+):[^\s/@]+@/gi, "$1:[redacted]@"],
  // key=value pairs in query strings, form bodies and messages.
  [/\b((?:pass(?:word)?|secret|token|api[-_]?key|auth[-_]?token|access[-_]?token|client[-_]?secret)=)[^\s&;,"']+/gi, "$1[redacted]"],
  // JSON Web Tokens (session tokens, OIDC id tokens).
  [/\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g, "[redacted-jwt]"],
];

function threshold(): number {
  const level = process.env.LOG_LEVEL as Level | undefined;
  return LEVELS[level ?? "info"] ?? LEVELS.info;
}

/** Masks secret-shaped text inside a string. */
export function redactText(text: string): string {
  return SECRET_TEXT.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);
}

function describeError(error: Error, depth: number): Record<string, unknown> {
  const { code, cause } = error as { code?: unknown; cause?: unknown };
  // The cause says why (ECONNREFUSED, SQLITE_BUSY) where the message says only what.
  const causeText = cause instanceof Error && depth < 2 ? describeError(cause, depth + 1) : undefined;
  return { name: error.name, message: redactText(error.message), code, ...(causeText ? { cause: causeText } : {}) };
}

export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return redactText(value);
  if (value instanceof Error) return describeError(value, 0);
  if (depth > 4 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.slice(0, 20).map((v) => redact(v, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, SECRET_KEYS.test(k) ? "[redacted]" : redact(v, depth + 1)]),
  );
}

/** One log line: time, level, message, then the fields (redacted). Exported for tests. */
export function formatLogLine(level: Level, message: string, fields?: Record<string, unknown>, now = new Date()): string {
  return JSON.stringify({ time: now.toISOString(), level, message: redactText(message), ...(redact(fields ?? {}) as object) });
}

function write(level: Level, message: string, fields?: Record<string, unknown>) {
  if (LEVELS[level] < threshold()) return;
  const line = formatLogLine(level, message, fields);
  if (level === "error" || level === "warn") console.error(line);
  else console.log(line);
}

export const logger = {
  debug: (message: string, fields?: Record<string, unknown>) => write("debug", message, fields),
  info: (message: string, fields?: Record<string, unknown>) => write("info", message, fields),
  warn: (message: string, fields?: Record<string, unknown>) => write("warn", message, fields),
  error: (message: string, fields?: Record<string, unknown>) => write("error", message, fields),
};
