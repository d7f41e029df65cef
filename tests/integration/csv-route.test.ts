// The portal's CSV downloads (lib/platform/csv-route.ts) against a real database, and against a
// real HTTP server answering as a libSQL server does when all its connections stay taken.
// The signed-in session is the one stand-in: next-auth reads it from a Next.js request
// scope, which does not exist in Vitest (the browser tests sign in for real), so
// requireRole is replaced by one that records the role asked for and lets a supervisor in.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { closeDb } from "@/db/client";
import type { Role } from "@/db/schema";
import { call, type Handler } from "../support/api";
import { freshDemoDatabase } from "../support/demo-db";

const asked: Role[] = [];
vi.mock("@/lib/auth/session", async (original) => ({
  ...(await original<typeof import("@/lib/auth/session")>()),
  requireRole: async (role: Role) => {
    asked.push(role);
    return { id: 1, email: "s@example.test", name: "Sue", role: "supervisor" };
  },
}));

const { GET: trendsCsv } = await import("@/app/(portal)/trends/categories.csv/route");
const { GET: atRiskCsv } = await import("@/app/(portal)/accounts/at-risk.csv/route");
const { GET: historyCsv } = await import("@/app/(portal)/review/history.csv/route");

let refusing: http.Server;

beforeAll(async () => {
  await freshDemoDatabase({ tasks: 40, examples: 300 });
  refusing = http.createServer((_req, res) => res.writeHead(429, { "content-type": "text/plain" }).end("Too many concurrent requests"));
  await new Promise<void>((resolve) => refusing.listen(0, "127.0.0.1", resolve));
});

afterAll(async () => {
  closeDb();
  refusing.closeAllConnections();
  await new Promise((resolve) => refusing.close(resolve));
});

describe("a CSV download", () => {
  it("is a file for the page's role, and a bad filter is a 422 naming the field", async () => {
    asked.length = 0;
    const ok = await call(trendsCsv as Handler, { path: "/trends/categories.csv?from=2026-01-01&to=2026-01-31" });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(ok.headers.get("content-disposition")).toContain("trends-by-category-2026-01-01-2026-01-31.csv");
    expect(asked).toEqual(["supervisor"]); // the Trends page's role in PORTAL_PAGES
    const bad = await call(historyCsv as Handler, { path: "/review/history.csv?model=abc" });
    expect(bad.status).toBe(422);
    expect(bad.json.error).toMatchObject({ code: "validation:review_history", details: { fieldErrors: { model: expect.any(String) } } });
  });

  it("answers 503 database_busy with Retry-After when the database refuses, not a bare 500", async () => {
    closeDb();
    process.env.DATABASE_URL = `http://127.0.0.1:${(refusing.address() as AddressInfo).port}`;
    const r = await call(atRiskCsv as Handler, { path: "/accounts/at-risk.csv" });
    expect(r.status).toBe(503);
    expect(r.json.error.code).toBe("unavailable:database_busy");
    expect(r.headers.get("retry-after")).toBe("1");
  });
});
