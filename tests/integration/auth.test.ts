import { beforeAll, describe, expect, it } from "vitest";
import { findUserByEmail } from "@/db/queries/users";
import { authenticate } from "@/lib/auth/credentials";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { delayForFailures } from "@/lib/auth/throttle";
import { AppError } from "@/lib/errors";
import { bootstrapUsers, createUser } from "@/lib/users";
import { useFreshDatabase, unique } from "../support/temp-db";
import { getDb } from "@/db/client";
import { loginThrottle, users } from "@/db/schema";
import { eq } from "drizzle-orm";

beforeAll(async () => {
  await useFreshDatabase();
});

describe("passwords", () => {
  it("are stored as salted scrypt hashes that verify", async () => {
    const hash = await hashPassword("correct horse battery");
    expect(hash).toMatch(/^scrypt\$/);
    expect(hash).not.toContain("correct horse");
    expect(await hashPassword("correct horse battery")).not.toBe(hash);
    expect(await verifyPassword("correct horse battery", hash)).toBe(true);
    expect(await verifyPassword("wrong horse battery", hash)).toBe(false);
    expect(await verifyPassword("anything", null)).toBe(false);
  });
});

describe("sign-in", () => {
  it("accepts the right password and refuses wrong, unknown and deactivated alike", async () => {
    const email = `${unique("u")}@example.test`;
    await createUser({ email, name: "Test", password: "a-long-password-1", role: "supervisor" }, null);
    const ok = await authenticate({ email: email.toUpperCase(), password: "a-long-password-1" }, "10.0.0.1");
    expect(ok).toMatchObject({ email, role: "supervisor" });

    expect(await authenticate({ email, password: "nope-nope-nope" }, "10.0.0.2")).toBeNull();
    expect(await authenticate({ email: `${unique("ghost")}@example.test`, password: "a-long-password-1" }, "10.0.0.3")).toBeNull();
    expect(await authenticate({ email: "not-an-email", password: "x" }, null)).toBeNull();

    await getDb().update(users).set({ active: false }).where(eq(users.email, email));
    expect(await authenticate({ email, password: "a-long-password-1" }, "10.0.0.4")).toBeNull();
  });

  it("counts failures per account and address, and slows down after a few", async () => {
    const email = `${unique("u")}@example.test`;
    await createUser({ email, name: "Test", password: "a-long-password-2", role: "agent" }, null);
    for (let i = 0; i < 3; i++) await authenticate({ email, password: `wrong-${i}` }, "10.9.9.9");
    const [row] = await getDb().select().from(loginThrottle).where(eq(loginThrottle.key, `email:${email}`));
    expect(row.failures).toBe(3);
    expect(delayForFailures(2)).toBe(0);
    expect(delayForFailures(3)).toBeGreaterThan(0);
    expect(delayForFailures(5)).toBeGreaterThan(delayForFailures(4));
    expect(delayForFailures(50)).toBe(8000);
    // A success clears the account's counter.
    const started = Date.now();
    expect(await authenticate({ email, password: "a-long-password-2" }, "10.9.9.9")).not.toBeNull();
    expect(Date.now() - started).toBeGreaterThanOrEqual(400); // it waited before checking
    const after = await getDb().select().from(loginThrottle).where(eq(loginThrottle.key, `email:${email}`));
    expect(after).toHaveLength(0);
  });
});

describe("first start", () => {
  it("creates one user per role once, with the admin's e-mail and password from the environment", async () => {
    await useFreshDatabase();
    const created = await bootstrapUsers({ adminEmail: "boss@example.test", adminPassword: "boss-password-123" });
    expect(created.map((c) => c.role).sort()).toEqual(["admin", "agent", "supervisor"]);
    expect(created.find((c) => c.role === "admin")).toMatchObject({ email: "boss@example.test", password: "boss-password-123" });
    const admin = await findUserByEmail({ email: "boss@example.test" });
    expect(admin?.role).toBe("admin");
    expect(admin?.passwordHash).not.toContain("boss-password-123");
    expect(await authenticate({ email: "boss@example.test", password: "boss-password-123" }, null)).not.toBeNull();
    expect(await bootstrapUsers()).toEqual([]);
  });

  it("refuses a duplicate e-mail with a message naming the field", async () => {
    const email = `${unique("dup")}@example.test`;
    await createUser({ email, name: "A", password: "a-long-password-3", role: "agent" }, null);
    await expect(createUser({ email, name: "B", password: "a-long-password-3", role: "agent" }, null)).rejects.toThrow(/already exists/);
    await expect(createUser({ email: "bad", name: "B", password: "short", role: "agent" }, null)).rejects.toThrow(/not valid/);
  });

  it("explains each refused field in plain words that name it", async () => {
    const refusal = async (input: Record<string, unknown>) => {
      const error = await createUser(input, null).then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      return (error as AppError).details?.fieldErrors;
    };
    const email = `${unique("fields")}@example.test`;
    expect(await refusal({ email, name: "Short", password: "elevenchars", role: "agent" })).toEqual({ password: "Password must be at least 12 characters." });
    expect(await refusal({ email: "not-an-address", name: "x".repeat(121), password: "p".repeat(201), role: "owner" })).toEqual({
      email: "E-mail must be a valid address, like name@example.com.",
      name: "Name must be at most 120 characters.",
      password: "Password must be at most 200 characters.",
      role: "Role must be one of agent, supervisor, admin.",
    });
    // A form post without the fields at all (not the portal's own form).
    expect(await refusal({})).toEqual({ email: "Enter an e-mail address.", name: "Enter a name.", password: "Enter a password.", role: "Role must be one of agent, supervisor, admin." });
    expect(await findUserByEmail({ email })).toBeUndefined();
  });
});

describe("role changes", () => {
  it("never leaves the system without an active admin, and audits each change", async () => {
    await useFreshDatabase();
    const [admin] = [await createUser({ email: "only-admin@example.test", name: "Only", password: "only-admin-pass", role: "admin" }, null)];
    const { changeUser } = await import("@/lib/users");
    await expect(changeUser({ id: admin.id, role: "supervisor" }, admin.id)).rejects.toThrow(/last active admin/);
    await expect(changeUser({ id: admin.id, active: "false" }, admin.id)).rejects.toThrow(/last active admin/);
    const second = await createUser({ email: "second-admin@example.test", name: "Second", password: "second-admin-pass", role: "agent" }, admin.id);
    await changeUser({ id: second.id, role: "admin" }, admin.id);
    const demoted = await changeUser({ id: admin.id, role: "supervisor" }, second.id);
    expect(demoted.role).toBe("supervisor");
    await expect(changeUser({ id: 424242, role: "agent" }, second.id)).rejects.toThrow(/does not exist/);
    const deactivated = await changeUser({ id: admin.id, active: "false" }, second.id);
    expect(deactivated.active).toBe(false);
    expect(await authenticate({ email: "only-admin@example.test", password: "only-admin-pass" }, null)).toBeNull();
    const { listAuditEntries } = await import("@/db/queries/audit");
    expect((await listAuditEntries()).map((a) => a.action)).toEqual(expect.arrayContaining(["user.role", "user.deactivate", "user.create"]));
  });
});

describe("two admins demoting each other at once", () => {
  it("leaves one admin", async () => {
    await useFreshDatabase();
    const { changeUser } = await import("@/lib/users");
    const a = await createUser({ email: "a-admin@example.test", name: "A", password: "a-admin-password", role: "admin" }, null);
    const b = await createUser({ email: "b-admin@example.test", name: "B", password: "b-admin-password", role: "admin" }, null);
    const results = await Promise.allSettled([changeUser({ id: a.id, role: "agent" }, b.id), changeUser({ id: b.id, role: "agent" }, a.id)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "conflict:last_admin" } });
    const { countActiveAdmins } = await import("@/db/queries/users");
    expect(await countActiveAdmins()).toBe(1);
  });
});
