// Crafted requests that the production server once answered with a 500 (or worse, with
// success): names of Object's members as the login page's ?error, a session cookie on an
// API write with an Origin of "null" or garbage, a server action posted from another
// site, the image optimiser asked for a file of the server, and a session cookie replayed
// after its owner signed out. Against server/serve.ts over the production build.
import { describe, expect, it } from "vitest";
import { E2E_USERS } from "../e2e/users";
import { appForSuite, authCsrf, signIn, suitePort } from "./support/harness";

const PORT = suitePort(85);

describe("crafted requests: a 4xx, never a 500", () => {
  const suite = appForSuite({ port: PORT, tasks: 20, env: { WEB_CONCURRENCY: "1" } });

  it("GET /login?error= with the name of an Object member shows the calm message, anonymously", async () => {
    for (const code of ["constructor", "__proto__", "toString", "hasOwnProperty"]) {
      const res = await fetch(`${suite.app.url}/login?error=${code}`);
      expect(res.status, code).toBe(200);
      expect(await res.text()).toContain("Single sign-on did not complete");
    }
  });

  it("the image optimiser refuses to fetch the server's own paths", async () => {
    for (const url of ["/data/app.db", "/api/v1/openapi.json", "/icon.svg"]) {
      const res = await fetch(`${suite.app.url}/_next/image?url=${encodeURIComponent(url)}&w=64&q=75`);
      expect(res.status, url).toBe(400);
    }
  });

  it("an API write with a session cookie needs this site's Origin: null, garbage or none → 403", async () => {
    const cookie = await signIn(suite.app.url, E2E_USERS.agent.email);
    const post = (origin?: string) =>
      fetch(`${suite.app.url}/api/v1/tasks`, {
        method: "POST",
        headers: { cookie, "content-type": "application/json", ...(origin !== undefined ? { origin } : {}) },
        body: JSON.stringify({ account: { name: "Origin test" }, category: "Billing", text: "origin check request" }),
      });
    for (const origin of ["null", "http://[", "garbage", "https://evil.example", undefined]) {
      const res = await post(origin);
      expect(res.status, String(origin)).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("forbidden:origin");
    }
    expect((await post(suite.app.url)).status).toBe(201);
  });

  it("a server action posted from another site is refused with 403, not a 500", async () => {
    const cookie = await signIn(suite.app.url, E2E_USERS.supervisor.email);
    for (const origin of ["https://evil.example", "null"]) {
      const res = await fetch(`${suite.app.url}/review`, {
        method: "POST",
        redirect: "manual",
        headers: { cookie, origin, "next-action": "0123456789abcdef0123456789abcdef01234567", "content-type": "text/plain;charset=UTF-8" },
        body: "[]",
      });
      expect(res.status, origin).toBe(403);
    }
  });

  it("a session cookie replayed after sign-out opens neither pages nor the API", async () => {
    const cookie = await signIn(suite.app.url, E2E_USERS.agent.email);
    expect((await fetch(`${suite.app.url}/tasks`, { headers: { cookie }, redirect: "manual" })).status).toBe(200);
    expect((await fetch(`${suite.app.url}/api/v1/tasks`, { headers: { cookie } })).status).toBe(200);

    // Signed out through next-auth's endpoint (the portal's button calls the same sign-out).
    const csrf = await authCsrf(suite.app.url);
    const out = await fetch(`${suite.app.url}/api/auth/signout`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: `${cookie}; ${csrf.cookie}` },
      body: new URLSearchParams({ csrfToken: csrf.token }),
    });
    expect(out.status).toBeLessThan(400);

    const page = await fetch(`${suite.app.url}/tasks`, { headers: { cookie }, redirect: "manual" });
    expect(page.status).toBe(307);
    expect(page.headers.get("location")).toMatch(/\/login/);
    expect((await fetch(`${suite.app.url}/api/v1/tasks`, { headers: { cookie } })).status).toBe(401);

    // Signing in again works, and that new session is valid.
    const again = await signIn(suite.app.url, E2E_USERS.agent.email);
    expect((await fetch(`${suite.app.url}/api/v1/tasks`, { headers: { cookie: again } })).status).toBe(200);
  });
});
