// What an operator relies on: every log line is one JSON object, and no password, key,
// token or cookie ever appears in it, however it was passed in.
import { afterEach, describe, expect, it, vi } from "vitest";
import { DrizzleQueryError } from "drizzle-orm/errors";
import { formatLogLine, logger, redactText } from "@/lib/platform/logger";

const PASSWORD = "correct-horse-battery-staple";
const API_KEY = "csa_0123456789_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefg";
const SESSION_JWT = "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2In0.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJlLXBhcnQ";
const SECRETS = [PASSWORD, API_KEY, "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefg", SESSION_JWT, "s3cr3t-db-pass", "hf_TokenValue123"];

function expectNoSecret(line: string) {
  for (const secret of SECRETS) expect(line).not.toContain(secret);
}

describe("log redaction", () => {
  it("replaces fields named like secrets, at any depth, and keeps the rest", () => {
    const line = formatLogLine("info", "user signed in", {
      requestId: "req-42",
      email: "agent@example.com",
      password: PASSWORD,
      user: { id: 7, passwordHash: "scrypt$abc", profile: { apiKey: API_KEY } },
      headers: { authorization: `Bearer ${API_KEY}`, cookie: `authjs.session-token=${SESSION_JWT}` },
      list: [{ token: "hf_TokenValue123" }],
    });
    expectNoSecret(line);
    expect(line).not.toContain("scrypt$abc");
    const parsed = JSON.parse(line);
    expect(parsed).toMatchObject({ level: "info", message: "user signed in", requestId: "req-42", email: "agent@example.com" });
    expect(parsed.password).toBe("[redacted]");
    expect(parsed.user.id).toBe(7);
    expect(parsed.user.profile.apiKey).toBe("[redacted]");
  });

  it("masks secrets hidden inside messages, error texts and ordinary fields", () => {
    const error = new Error(`connect failed for libsql://admin:s3cr3t-db-pass@db.internal:8080 with Authorization: Bearer ${SESSION_JWT}`);
    const line = formatLogLine("error", `request with key ${API_KEY} failed`, {
      error,
      detail: `POST /login body email=a@b.c&password=${PASSWORD}`,
      url: `https://hooks.example.com/in?token=hf_TokenValue123&x=1`,
    });
    expectNoSecret(line);
    const parsed = JSON.parse(line);
    // Enough is left to investigate: which key (its public prefix), which host, which field.
    expect(parsed.message).toContain("csa_0123456789_[redacted]");
    expect(parsed.error.message).toContain("db.internal:8080");
    expect(parsed.detail).toContain("password=[redacted]");
    expect(parsed.url).toContain("x=1");
  });

  it("reduces an error to name, message and code (no stack, no SQL parameters)", () => {
    const error = Object.assign(new Error("SQLITE_CONSTRAINT: UNIQUE failed"), { code: "SQLITE_CONSTRAINT", args: [PASSWORD] });
    const parsed = JSON.parse(formatLogLine("error", "insert failed", { error }));
    expect(parsed.error).toEqual({ name: "Error", message: "SQLITE_CONSTRAINT: UNIQUE failed", code: "SQLITE_CONSTRAINT" });
    expectNoSecret(JSON.stringify(parsed));
  });

  it("drops the bound values Drizzle puts in a failed query's message, and keeps the cause", () => {
    const cause = Object.assign(new Error("UNIQUE constraint failed: users.email"), { code: "SQLITE_CONSTRAINT_UNIQUE" });
    const error = new DrizzleQueryError("insert into users (email, password_hash) values (?, ?)", ["agent@example.com", `scrypt$${PASSWORD}`], cause);
    const parsed = JSON.parse(formatLogLine("error", "server action failed", { requestId: "r1", error }));
    expect(parsed.error.message).toContain("insert into users");
    expect(parsed.error.message).not.toContain("agent@example.com");
    expect(parsed.error.cause).toMatchObject({ message: "UNIQUE constraint failed: users.email", code: "SQLITE_CONSTRAINT_UNIQUE" });
    expectNoSecret(JSON.stringify(parsed));
  });

  it("leaves ordinary text alone", () => {
    const text = "Invoice 1142 is wrong; the token bucket refilled and the password reset page loaded";
    expect(redactText(text)).toBe(text);
  });
});

describe("logger output", () => {
  afterEach(() => {
    vi.restoreAllMocks();
    delete process.env.LOG_LEVEL;
  });

  it("writes one JSON line per event; errors and warnings to stderr", () => {
    const out = vi.spyOn(console, "log").mockImplementation(() => {});
    const err = vi.spyOn(console, "error").mockImplementation(() => {});
    logger.info("started", { port: 3000 });
    logger.error("api request failed", { requestId: "abc", error: new Error(`bad key ${API_KEY}`) });
    expect(out).toHaveBeenCalledTimes(1);
    expect(err).toHaveBeenCalledTimes(1);
    expect(JSON.parse(out.mock.calls[0][0] as string)).toMatchObject({ level: "info", message: "started", port: 3000 });
    const errorLine = err.mock.calls[0][0] as string;
    expect(JSON.parse(errorLine)).toMatchObject({ level: "error", requestId: "abc" });
    expectNoSecret(errorLine);
  });

  it("drops events below LOG_LEVEL", () => {
    process.env.LOG_LEVEL = "warn";
    const out = vi.spyOn(console, "log").mockImplementation(() => {});
    const err = vi.spyOn(console, "error").mockImplementation(() => {});
    logger.info("chatty");
    logger.debug("chattier");
    logger.warn("worth seeing");
    expect(out).not.toHaveBeenCalled();
    expect(err).toHaveBeenCalledTimes(1);
  });
});
