// Every page × every kind of visitor, answered on the server: anonymous visitors are sent
// to sign-in, a role below the page's gets 403, the rest get the page. The table is
// written out here rather than read from lib/auth/roles.ts, so a wrong entry there fails.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { signIn } from "./helpers";

type Visitor = "anonymous" | "agent" | "supervisor" | "admin";
const RANK: Record<Visitor, number> = { anonymous: 0, agent: 1, supervisor: 2, admin: 3 };

// The least visitor each page admits. Detail pages use ids the demo seed always creates.
const PAGES: { path: string; least: Visitor }[] = [
  { path: "/login", least: "anonymous" },
  { path: "/feedback", least: "anonymous" },
  { path: "/feedback/thanks", least: "anonymous" },
  { path: "/", least: "agent" },
  { path: "/tasks", least: "agent" },
  { path: "/tasks/1", least: "agent" },
  { path: "/api-docs", least: "agent" },
  { path: "/review", least: "supervisor" },
  { path: "/models", least: "supervisor" },
  { path: "/models/1", least: "supervisor" },
  { path: "/trends", least: "supervisor" },
  { path: "/accounts", least: "supervisor" },
  { path: "/accounts/1", least: "supervisor" },
  { path: "/emotions", least: "supervisor" },
  { path: "/escalation", least: "supervisor" },
  { path: "/users", least: "admin" },
];

async function expectAnswer(request: APIRequestContext, path: string, visitor: Visitor, least: Visitor) {
  const response = await request.get(path, { maxRedirects: 0 });
  const what = `${visitor} GET ${path}`;
  if (RANK[visitor] >= RANK[least]) {
    expect(response.status(), what).toBe(200);
  } else if (visitor === "anonymous") {
    expect([302, 303, 307], what).toContain(response.status());
    expect(response.headers()["location"], what).toMatch(/\/login/);
  } else {
    expect(response.status(), what).toBe(403);
  }
}

test("an anonymous visitor gets only the public pages", async ({ request }) => {
  for (const { path, least } of PAGES) await expectAnswer(request, path, "anonymous", least);
});

for (const role of ["agent", "supervisor", "admin"] as const) {
  test(`${role}: each page answers as the role allows`, async ({ page }) => {
    await signIn(page, role);
    // page.request shares the signed-in browser context's cookies.
    for (const { path, least } of PAGES) {
      // A signed-in visitor on /login is sent on to the portal; only its public pages are skipped.
      if (path === "/login") continue;
      await expectAnswer(page.request, path, role, least);
    }
  });
}
