import { beforeAll, describe, expect, it } from "vitest";
import { findUserByEmail } from "@/db/queries/users";
import { authenticate } from "@/lib/auth/credentials";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { MAX_DELAY_MS, SignInThrottled } from "@/lib/auth/throttle";
import { AppError } from "@/lib/platform/errors";
import { bootstrapUsers, createUser } from "@/lib/admin/users";
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

  it("counts attempts per account, lets a few through, then refuses early ones with the wait; a success clears the account", async () => {
    const email = `${unique("u")}@example.test`;
    await createUser({ email, name: "Test", password: "a-long-password-2", role: "agent" }, null);
    const t = new Date(Date.UTC(2030, 0, 1));
    const at = (ms: number) => new Date(t.getTime() + ms);
    for (let i = 0; i < 3; i++) expect(await authenticate({ email, password: `wrong-${i}` }, `10.9.9.${i}`, t)).toBeNull();
    const [row] = await getDb().select().from(loginThrottle).where(eq(loginThrottle.key, `email:${email}`));
    expect(row.failures).toBe(3);
    // The fourth comes too soon: refused before any password check, even the right one, with the wait.
    await expect(authenticate({ email, password: "a-long-password-2" }, "10.9.9.9", at(100))).rejects.toMatchObject({ waitSeconds: 1, code: "throttled_1" });
    // Each later attempt waits twice as long, up to 8 s.
    expect(await authenticate({ email, password: "wrong-3" }, "10.9.9.9", at(500))).toBeNull();
    await expect(authenticate({ email, password: "wrong" }, "10.9.9.9", at(1400))).rejects.toBeInstanceOf(SignInThrottled);
    expect(await authenticate({ email, password: "wrong-4" }, "10.9.9.9", at(1500))).toBeNull();
    expect(await authenticate({ email, password: "wrong-5" }, "10.9.9.9", at(3500))).toBeNull();
    expect(await authenticate({ email, password: "wrong-6" }, "10.9.9.9", at(7500))).toBeNull();
    await expect(authenticate({ email, password: "wrong" }, "10.9.9.9", at(7600))).rejects.toMatchObject({ waitSeconds: 8 });
    expect(await authenticate({ email, password: "wrong-7" }, "10.9.9.9", at(7500 + MAX_DELAY_MS))).toBeNull();
    await expect(authenticate({ email, password: "wrong" }, "10.9.9.9", at(7500 + MAX_DELAY_MS + 1))).rejects.toMatchObject({ waitSeconds: 8 });
    // Its owner, once the wait is over: in, and the account's count is gone.
    expect(await authenticate({ email, password: "a-long-password-2" }, "10.9.9.9", at(7500 + 2 * MAX_DELAY_MS))).not.toBeNull();
    expect(await getDb().select().from(loginThrottle).where(eq(loginThrottle.key, `email:${email}`))).toHaveLength(0);
    // After a quiet quarter of an hour the count starts afresh.
    for (let i = 0; i < 3; i++) await authenticate({ email, password: "wrong" }, "10.9.8.1", at(60_000));
    expect(await authenticate({ email, password: "wrong" }, "10.9.8.2", at(60_000 + 16 * 60_000))).toBeNull();
  });

  it("lets in at most the free attempts of 60 concurrent guesses on one account, from 60 addresses", async () => {
    const email = `${unique("u")}@example.test`;
    await createUser({ email, name: "Test", password: "a-long-password-5", role: "agent" }, null);
    const t = new Date(Date.UTC(2030, 1, 1));
    const guesses = await Promise.allSettled(Array.from({ length: 60 }, (_, i) => authenticate({ email, password: `guess-${i}` }, `10.60.0.${i}`, t)));
    const checked = guesses.filter((g) => g.status === "fulfilled");
    const refused = guesses.filter((g) => g.status === "rejected");
    expect(checked).toHaveLength(3);
    expect(refused).toHaveLength(57);
    for (const r of refused) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(SignInThrottled);
    // Once the first wait is over, 60 more at once: one password check, as for one guesser.
    const later = new Date(t.getTime() + 500);
    const next = await Promise.allSettled(Array.from({ length: 60 }, (_, i) => authenticate({ email, password: `again-${i}` }, `10.61.0.${i}`, later)));
    expect(next.filter((g) => g.status === "fulfilled")).toHaveLength(1);
  });

  it("lets in at most the address's free attempts of 60 concurrent guesses from one address at 60 accounts", async () => {
    const t = new Date(Date.UTC(2030, 2, 1));
    const address = `10.62.${Math.floor(Math.random() * 250)}.1`;
    const guesses = await Promise.allSettled(Array.from({ length: 60 }, (_, i) => authenticate({ email: `${unique(`spray${i}`)}@example.test`, password: "Summer2030!" }, address, t)));
    expect(guesses.filter((g) => g.status === "fulfilled")).toHaveLength(10);
  });

  it("a successful sign-in gives the address its attempt back but not its wait", async () => {
    const email = `${unique("u")}@example.test`;
    await createUser({ email, name: "Test", password: "a-long-password-6", role: "agent" }, null);
    const address = `10.63.${Math.floor(Math.random() * 250)}.1`;
    const t = new Date(Date.UTC(2030, 3, 1));
    for (let i = 0; i < 10; i++) await authenticate({ email: `${unique("other")}@example.test`, password: "x-wrong-password" }, address, t);
    await expect(authenticate({ email, password: "a-long-password-6" }, address, t)).rejects.toBeInstanceOf(SignInThrottled);
    expect(await authenticate({ email, password: "a-long-password-6" }, address, new Date(t.getTime() + 500))).not.toBeNull();
    const [row] = await getDb().select().from(loginThrottle).where(eq(loginThrottle.key, `ip:${address}`));
    expect(row.failures).toBe(10);
    await expect(authenticate({ email: `${unique("other")}@example.test`, password: "x-wrong-password" }, address, new Date(t.getTime() + 600))).rejects.toBeInstanceOf(SignInThrottled);
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
    const { changeUser } = await import("@/lib/admin/users");
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
    const { changeUser } = await import("@/lib/admin/users");
    const a = await createUser({ email: "a-admin@example.test", name: "A", password: "a-admin-password", role: "admin" }, null);
    const b = await createUser({ email: "b-admin@example.test", name: "B", password: "b-admin-password", role: "admin" }, null);
    const results = await Promise.allSettled([changeUser({ id: a.id, role: "agent" }, b.id), changeUser({ id: b.id, role: "agent" }, a.id)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "conflict:last_admin" } });
    const { countActiveAdmins } = await import("@/db/queries/users");
    expect(await countActiveAdmins()).toBe(1);
  });
});
