import { describe, expect, it } from "vitest";
import { ConfigError, readDatabaseConfig } from "@/db/config";
import { parseEnv } from "@/lib/platform/env";

describe("environment validation", () => {
  it("defaults to an embedded database under data/", () => {
    expect(parseEnv({}).DATABASE_URL).toBe("file:data/app.db");
    expect(parseEnv({}).PORT).toBe(3000);
  });

  it("accepts libSQL server URLs", () => {
    expect(readDatabaseConfig({ DATABASE_URL: "http://127.0.0.1:8080" }).url).toBe("http://127.0.0.1:8080");
    expect(readDatabaseConfig({ DATABASE_URL: "libsql://db.example.com", DATABASE_AUTH_TOKEN: "t" }).authToken).toBe("t");
  });

  it("gives calls to a libSQL server a time limit, 20 s unless DATABASE_TIMEOUT_MS says otherwise", () => {
    expect(readDatabaseConfig({ DATABASE_URL: "http://127.0.0.1:8080" }).timeoutMs).toBe(20_000);
    expect(readDatabaseConfig({ DATABASE_URL: "http://127.0.0.1:8080", DATABASE_TIMEOUT_MS: "5000" }).timeoutMs).toBe(5000);
    expect(() => readDatabaseConfig({ DATABASE_TIMEOUT_MS: "soon" })).toThrow(/DATABASE_TIMEOUT_MS/);
  });

  it("names the variable when DATABASE_URL is wrong", () => {
    expect(() => parseEnv({ DATABASE_URL: "postgres://localhost/db" })).toThrow(ConfigError);
    expect(() => parseEnv({ DATABASE_URL: "postgres://localhost/db" })).toThrow(/DATABASE_URL: must start with file:/);
  });

  it("names PORT when it is not a port", () => {
    expect(() => parseEnv({ PORT: "http" })).toThrow(/PORT/);
    expect(() => parseEnv({ PORT: "70000" })).toThrow(/PORT/);
  });

  it("refuses a short ADMIN_PASSWORD and a bad emotion server URL", () => {
    expect(() => parseEnv({ ADMIN_PASSWORD: "short" })).toThrow(/ADMIN_PASSWORD: must be at least 12 characters/);
    expect(() => parseEnv({ EMOTION_INFERENCE_URL: "ftp://x" })).toThrow(/EMOTION_INFERENCE_URL/);
  });

  it("treats empty strings as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", PORT: "" }).DATABASE_URL).toBe("file:data/app.db");
  });
});
