import { describe, expect, it } from "vitest";
import { hasRole, pageRole, pagesFor, requiredRoleForPath } from "@/lib/auth/roles";
import { isPublicPath } from "@/lib/auth/config";

describe("roles", () => {
  it("orders agent < supervisor < admin", () => {
    expect(hasRole("admin", "supervisor")).toBe(true);
    expect(hasRole("supervisor", "agent")).toBe(true);
    expect(hasRole("agent", "supervisor")).toBe(false);
    expect(hasRole("supervisor", "admin")).toBe(false);
    expect(hasRole(undefined, "agent")).toBe(false);
  });

  it("gives each role its own navigation", () => {
    expect(pagesFor("agent").map((p) => p.href)).toEqual(["/", "/tasks", "/api-docs"]);
    expect(pagesFor("supervisor").map((p) => p.href)).not.toContain("/users");
    expect(pagesFor("supervisor").map((p) => p.href)).toEqual(expect.arrayContaining(["/review", "/models", "/trends", "/accounts", "/emotions"]));
    expect(pagesFor("admin").map((p) => p.href)).toContain("/users");
  });

  it("maps paths, including nested ones, to the role they need", () => {
    expect(requiredRoleForPath("/models")).toBe("supervisor");
    expect(requiredRoleForPath("/models/12")).toBe("supervisor");
    expect(requiredRoleForPath("/users")).toBe("admin");
    expect(requiredRoleForPath("/tasks/5")).toBe("agent");
    expect(requiredRoleForPath("/modelsx")).toBe(null);
  });

  it("gives pages, their actions and their CSV downloads one role, from the same table", () => {
    expect(pageRole("/users")).toBe("admin");
    expect(pageRole("/trends")).toBe("supervisor");
    expect(pageRole("/tasks")).toBe("agent");
    expect(pageRole("/accounts")).toBe(requiredRoleForPath("/accounts/at-risk.csv"));
  });

  it("keeps only sign-in, feedback and the API public", () => {
    expect(isPublicPath("/login")).toBe(true);
    expect(isPublicPath("/feedback")).toBe(true);
    expect(isPublicPath("/api/v1/predictions")).toBe(true);
    expect(isPublicPath("/")).toBe(false);
    expect(isPublicPath("/tasks")).toBe(false);
  });
});
