// What every start-up does before serving: migrate the database, create the first
// users when there are none, make sure an auth secret exists.
import { dbReady } from "@/db/client";
import { ConfigError, readDatabaseConfig } from "@/db/config";
import { migrateDatabase } from "@/db/migrate";
import { ensureAuthSecret } from "@/lib/platform/auth-secret";
import type { Env } from "@/lib/platform/env";
import { bootstrapUsers, type BootstrapCredential } from "@/lib/admin/users";

export async function migrate(): Promise<void> {
  try {
    await migrateDatabase(await dbReady());
  } catch (error) {
    // The first thing every start-up does: say plainly which database could not be used.
    const { url } = readDatabaseConfig();
    const shown = url.replace(/\/\/[^@/]*@/, "//***@");
    const cause = rootCause(error);
    throw new ConfigError(`Cannot use the database at ${shown} (DATABASE_URL): ${cause}`);
  }
}

function rootCause(error: unknown): string {
  let e: unknown = error;
  while (e instanceof Error && e.cause) e = e.cause;
  const code = (e as { code?: string })?.code;
  const message = e instanceof Error ? e.message.split("\n")[0] : String(e);
  return code && !message.includes(code) ? `${message} (${code})` : message;
}

export async function createFirstUsers(config: Env): Promise<BootstrapCredential[]> {
  return bootstrapUsers({ adminEmail: config.ADMIN_EMAIL, adminPassword: config.ADMIN_PASSWORD });
}

/** Printed once, when the users are created; never logged again. */
export function formatCredentials(credentials: BootstrapCredential[]): string {
  const lines = credentials.map((c) => `  ${c.role.padEnd(11)} ${c.email.padEnd(28)} ${c.password}`);
  return [
    "",
    "Demo sign-ins (shown only this once — note them down):",
    ...lines,
    "",
  ].join("\n");
}

/**
 * Everything before serving: secret, migrations, first users (printed once), and demo
 * data plus a first model when the database has no tasks yet. Returns the secret.
 */
export async function prepareForServing(config: Env, out: NodeJS.WriteStream = process.stdout): Promise<string> {
  const secret = ensureAuthSecret(config);
  await migrate();
  // Webhook secrets stored before they were encrypted are sealed now (lib/platform/secret-box.ts).
  const { sealPlainWebhookSecrets } = await import("@/lib/admin/webhooks");
  await sealPlainWebhookSecrets();
  const credentials = await createFirstUsers(config);
  if (credentials.length) out.write(formatCredentials(credentials) + "\n");
  const { countTasks } = await import("@/db/queries/tasks");
  if ((await countTasks()) === 0) {
    const { seedDemo } = await import("@/lib/demo/seed");
    await seedDemo({ tasks: config.SEED_TASKS });
  }
  return secret;
}
