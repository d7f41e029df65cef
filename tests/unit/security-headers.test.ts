// The policy pages are served with. The browser suite (tests/e2e/security-headers.spec.ts)
// proves the same headers arrive and that pages still hydrate under them.
import path from "node:path";
import type { NextConfig } from "next";
import { describe, expect, it } from "vitest";
import { requestIdFrom } from "@/lib/platform/request-id";
import { isServedOverHttps, newNonce, NON_DOCUMENT_CONTENT_SECURITY_POLICY, pageContentSecurityPolicy, signInProviderOrigins } from "@/lib/platform/security-headers";

function directives(policy: string): Record<string, string[]> {
  return Object.fromEntries(policy.split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
}

describe("page Content-Security-Policy", () => {
  it("runs only scripts carrying this response's nonce, and allows no framing, plugins or foreign forms", () => {
    const policy = directives(pageContentSecurityPolicy({ nonce: "abc123==" }));
    expect(policy["script-src"]).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    expect(policy["script-src"]).not.toContain("'unsafe-inline'");
    expect(policy["script-src"]).not.toContain("'unsafe-eval'");
    expect(policy["frame-ancestors"]).toEqual(["'none'"]);
    expect(policy["object-src"]).toEqual(["'none'"]);
    expect(policy["base-uri"]).toEqual(["'self'"]);
    expect(policy["form-action"]).toEqual(["'self'"]);
    expect(policy["connect-src"]).toEqual(["'self'"]);
    expect(policy["upgrade-insecure-requests"]).toBeUndefined();
  });

  it("asks for https subresources only when served over https, and eval only in development", () => {
    expect(directives(pageContentSecurityPolicy({ nonce: "n", https: true }))["upgrade-insecure-requests"]).toEqual([]);
    expect(directives(pageContentSecurityPolicy({ nonce: "n", development: true }))["script-src"]).toContain("'unsafe-eval'");
  });

  it("lets sign-in forms lead only to the configured single sign-on providers", () => {
    const origins = signInProviderOrigins({
      AUTH_OIDC_ISSUER: "https://sso.example.com/realms/csa",
      AUTH_GOOGLE_ID: "id",
      AUTH_MICROSOFT_ENTRA_ID_ID: "id",
      AUTH_MICROSOFT_ENTRA_ID_ISSUER: "https://login.microsoftonline.com/tenant/v2.0",
    });
    expect(origins).toEqual(["https://sso.example.com", "https://accounts.google.com", "https://login.microsoftonline.com"]);
    expect(signInProviderOrigins({})).toEqual([]);
    const policy = directives(pageContentSecurityPolicy({ nonce: "n", formActionOrigins: ["https://sso.example.com"] }));
    expect(policy["form-action"]).toEqual(["'self'", "https://sso.example.com"]);
  });

  it("uses a fresh, unguessable nonce each time", () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    expect(Buffer.from([...nonces][0], "base64")).toHaveLength(16);
  });
});

describe("https detection (HSTS, Secure cookies)", () => {
  const http = new URL("http://app.local/tasks");
  it("trusts the URL, then X-Forwarded-Proto, then AUTH_URL", () => {
    expect(isServedOverHttps(new URL("https://app.local/"), new Headers(), undefined)).toBe(true);
    expect(isServedOverHttps(http, new Headers({ "x-forwarded-proto": "https" }), undefined)).toBe(true);
    expect(isServedOverHttps(http, new Headers({ "x-forwarded-proto": "http" }), "https://app.example.com")).toBe(false);
    expect(isServedOverHttps(http, new Headers(), "https://app.example.com")).toBe(true);
    expect(isServedOverHttps(http, new Headers(), undefined)).toBe(false);
  });
});

describe("request ids", () => {
  it("keeps a caller's plain id and replaces anything that could forge log text", () => {
    expect(requestIdFrom(new Headers({ "x-request-id": "lb-7f3a.42" }))).toBe("lb-7f3a.42");
    for (const bad of ['x"} {"level":"info', "a".repeat(65), "<script>"]) {
      const id = requestIdFrom(new Headers({ "x-request-id": bad }));
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(requestIdFrom(new Headers())).not.toBe(requestIdFrom(new Headers()));
  });
});

describe("headers on every response (next.config.js)", () => {
  it("forbids framing and sniffing, limits the referrer and device features, and locks the API down", async () => {
    // Loaded by path: next.config.js is plain JavaScript without type declarations.
    const configFile = path.join(process.cwd(), "next.config.js");
    const { default: nextConfig } = (await import(configFile)) as { default: NextConfig };
    const rules = await nextConfig.headers!();
    const everywhere = rules.find((r) => r.source === "/:path*")!;
    const byKey = Object.fromEntries(everywhere.headers.map((h) => [h.key.toLowerCase(), h.value]));
    expect(byKey["x-frame-options"]).toBe("DENY");
    expect(byKey["x-content-type-options"]).toBe("nosniff");
    expect(byKey["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(byKey["permissions-policy"]).toContain("camera=()");
    for (const source of ["/api/v1/:path*", "/api/health", "/api/ready"]) {
      const rule = rules.find((r) => r.source === source)!;
      expect(rule.headers).toEqual([{ key: "Content-Security-Policy", value: NON_DOCUMENT_CONTENT_SECURITY_POLICY }]);
    }
  });
});
