// Users: creation with validation and auditing, and the first-start bootstrap that
// makes one user per role so a fresh install can be signed into at once.
import { z } from "zod";
import { listApiKeys } from "@/db/queries/api-keys";
import { insertAuditEntry, listAuditEntries } from "@/db/queries/audit";
import { listIdentities } from "@/db/queries/user-identities";
import { countActiveAdmins, countUsers, findUserByEmail, findUserById, insertUser, listUsers, updateUser } from "@/db/queries/users";
import { ROLES, type Role, type User } from "@/db/schema";
import { forgetVerifiedApiKeys } from "@/lib/api/keys";
import { generatePassword, hashPassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/auth/password";
import { passwordLoginEnabled, providerLabel } from "@/lib/auth/sso-providers";
import { AppError, parseOrThrow } from "@/lib/platform/errors";

const NAME_MAX_LENGTH = 120;

// The new-user form shows these next to the field, so each one names its field in plain words
// (zod's own, "Too small: expected string to have >=12 characters", would reach the admin).
export const newUserSchema = z.object({
  email: z.string("Enter an e-mail address.").trim().toLowerCase().pipe(z.email("E-mail must be a valid address, like name@example.com.")),
  name: z.string("Enter a name.").trim().min(1, "Enter a name.").max(NAME_MAX_LENGTH, `Name must be at most ${NAME_MAX_LENGTH} characters.`),
  password: z
    .string("Enter a password.")
    .min(PASSWORD_MIN_LENGTH, `Password must be at least ${PASSWORD_MIN_LENGTH} characters.`)
    .max(PASSWORD_MAX_LENGTH, `Password must be at most ${PASSWORD_MAX_LENGTH} characters.`),
  role: z.enum(ROLES, `Role must be one of ${ROLES.join(", ")}.`),
});

export async function createUser(input: unknown, actorId: number | null): Promise<User> {
  const { email, name, password, role } = parseOrThrow(newUserSchema, input, "validation:user", "The user is not valid.");
  if (await findUserByEmail({ email })) {
    throw new AppError("conflict:user", "A user with this e-mail already exists.", { fieldErrors: { email: "E-mail is already used by another user." } });
  }
  const user = await insertUser({ email, name, role, passwordHash: await hashPassword(password) });
  await insertAuditEntry({ actorId, action: "user.create", target: `user:${user.id}`, details: { email, role } });
  return user;
}

export type BootstrapCredential = { role: Role; email: string; password: string };

/**
 * On first start (no users at all) creates an admin, a supervisor and an agent.
 * Returns their passwords so the caller can print them once; they are not stored
 * anywhere in plain text. ADMIN_EMAIL / ADMIN_PASSWORD choose the admin's.
 */
export async function bootstrapUsers(options: { adminEmail?: string; adminPassword?: string } = {}): Promise<BootstrapCredential[]> {
  if ((await countUsers()) > 0) return [];
  const wanted: { role: Role; email: string; name: string; password: string }[] = [
    { role: "admin", email: options.adminEmail ?? "admin@example.com", name: "Ada Admin", password: options.adminPassword ?? generatePassword() },
    { role: "supervisor", email: "supervisor@example.com", name: "Sam Supervisor", password: generatePassword() },
    { role: "agent", email: "agent@example.com", name: "Alex Agent", password: generatePassword() },
  ];
  for (const u of wanted) await createUser(u, null);
  return wanted.map(({ role, email, password }) => ({ role, email, password }));
}

/** The users page: everyone, and the latest audit entries with who made them. */
export async function usersOverview() {
  const [all, audit, keys, identities] = await Promise.all([listUsers(), listAuditEntries({ limit: 100 }), listApiKeys(), listIdentities()]);
  const emailById = new Map(all.map((u) => [u.id, u.email]));
  const password = passwordLoginEnabled();
  return {
    users: all.map(({ passwordHash, ...u }) => ({
      ...u,
      // How this user can sign in: a password (when password sign-in is on) and each linked provider.
      signInMethods: [
        ...(passwordHash && password ? [{ label: "Password", lastSignInAt: null as Date | null }] : []),
        ...identities.filter((i) => i.userId === u.id).map((i) => ({ label: providerLabel(i.provider), lastSignInAt: i.lastSignInAt })),
      ],
    })),
    audit: audit.map((a) => ({ ...a, actorEmail: a.actorId !== null ? emailById.get(a.actorId) ?? null : null })),
    apiKeys: keys,
  };
}

/** Id and e-mail of every user, for filter drop-downs. */
export async function listUsersForFilter() {
  return (await listUsers()).map((u) => ({ id: u.id, email: u.email }));
}

const userChange = z.object({
  id: z.coerce.number().int().positive(),
  role: z.enum(ROLES).optional(),
  active: z.preprocess((v) => (v === undefined ? undefined : v === true || v === "true"), z.boolean().optional()),
});

/**
 * Changes a user's role or active flag. The system is never left without an active
 * admin. Takes effect at the user's next request (sessions re-read the user).
 */
export async function changeUser(input: unknown, actorId: number): Promise<User> {
  const { id, role, active } = parseOrThrow(userChange, input, "validation:user", "The change is not valid.");
  const user = await findUserById({ id });
  if (!user) throw new AppError("not_found:user", `User ${id} does not exist.`);
  const losesAdmin = user.role === "admin" && user.active && ((role !== undefined && role !== "admin") || active === false);
  const lastAdmin = new AppError("conflict:last_admin", "This is the last active admin; make someone else an admin first.");
  if (losesAdmin && (await countActiveAdmins()) <= 1) throw lastAdmin;
  const values: Partial<Pick<User, "role" | "active" | "approvalPending">> = {};
  if (role !== undefined && role !== user.role) values.role = role;
  if (active !== undefined && active !== user.active) values.active = active;
  if (Object.keys(values).length === 0) return user;
  if (values.active && user.approvalPending) values.approvalPending = false; // an admin's activation is the approval
  const updated = await updateUser({ id, values, keepAnAdmin: losesAdmin });
  if (!updated) throw lastAdmin; // another admin was demoted in the meantime
  // API keys act for the admin who issued them: a demotion or deactivation stops them now.
  forgetVerifiedApiKeys();
  await insertAuditEntry({
    actorId,
    action: values.role ? "user.role" : values.active ? "user.activate" : "user.deactivate",
    target: `user:${id}`,
    details: { email: user.email, before: { role: user.role, active: user.active }, after: values },
  });
  return updated;
}
