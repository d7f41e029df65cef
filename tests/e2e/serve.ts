// The server the browser tests talk to: a fresh embedded database with the demo data,
// a known user per role, the production build (`next build` ran before), and the
// background worker and the emotion server — the same processes `npm start` runs.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrate } from "@/lib/ops/bootstrap";
import { createScoredTask } from "@/lib/intake/scored-task";
import { seedDemo } from "@/lib/demo/seed";
import { insertUser } from "@/db/queries/users";
import { createUser } from "@/lib/admin/users";
import { E2E_SSO_USERS, e2eSsoEnv } from "../support/oidc-e2e";
import { E2E_AT_RISK_ACCOUNT, E2E_INBOUND_SECRET, E2E_PASSWORD, E2E_USERS, e2eSmtpPort } from "./users";

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "csa-e2e-"));
  process.env.DATABASE_URL = `file:${path.join(dir, "e2e.db")}`;
  await migrate();
  for (const [role, u] of Object.entries(E2E_USERS)) {
    await createUser({ ...u, password: E2E_PASSWORD, role }, null);
  }
  // Staff without a password who sign in through the test identity provider (sso.spec.ts starts it).
  for (const { email, name, role, active } of Object.values(E2E_SSO_USERS)) {
    await insertUser({ email, name, role, active, passwordHash: null });
  }
  await seedDemo({ tasks: 400, quiet: true });
  // Scored by the demo model like any request; the at-risk test checks they came out negative.
  for (const text of E2E_AT_RISK_ACCOUNT.texts) {
    await createScoredTask({ account: { name: E2E_AT_RISK_ACCOUNT.name, email: E2E_AT_RISK_ACCOUNT.email }, category: "Billing", channel: "email", text });
  }

  const emotionPort = String(Number(process.env.E2E_PORT ?? 3100) + 1);
  const env = {
    ...process.env,
    EMOTION_SERVER_PORT: emotionPort,
    EMOTION_INFERENCE_URL: `http://127.0.0.1:${emotionPort}/`,
    // A model trained at start from the demo generator, not one left in data/ by npm start.
    EMOTION_BUILTIN_MODEL: path.join(dir, "emotion-model.json"),
    AUTH_SECRET: crypto.randomBytes(32).toString("hex"),
    AUTH_TRUST_HOST: "true",
    // support.spec.ts starts a real SMTP server here; other specs' mail waits and is retried.
    SMTP_HOST: "127.0.0.1",
    SMTP_PORT: String(e2eSmtpPort()),
    SMTP_TLS: "none",
    SMTP_FROM: "alerts@e2e.test",
    // conversations.spec.ts posts customers' e-mail replies to the inbound webhook with it.
    INBOUND_EMAIL_SECRET: E2E_INBOUND_SECRET,
    ...e2eSsoEnv(Number(process.env.E2E_PORT ?? 3100)),
    NODE_ENV: "production" as const,
  };
  // Node with tsx as a loader rather than the tsx command, which kills a child that does not
  // acknowledge a signal within 30 ms (a worker busy training cannot).
  const node = (args: string[], childEnv: NodeJS.ProcessEnv) => spawn(process.execPath, ["--import", "tsx", ...args], { stdio: "inherit", env: childEnv });
  const children = [
    // The web server npm start runs, with one Next.js worker: a second would answer a request
    // that follows a key revocation from its own 2 s cache of verified keys (lib/api/keys.ts).
    node(["server/serve.ts", "-p", process.env.E2E_PORT ?? "3100", "-H", "127.0.0.1"], { ...env, WEB_CONCURRENCY: "1" }),
    node(["scripts/worker.ts"], env),
    node(["scripts/emotion-server.ts"], env),
  ];
  const stop = () => {
    for (const c of children) c.kill("SIGTERM");
    setTimeout(() => process.exit(0), 3000).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  for (const c of children) c.on("exit", (code) => code && code !== 0 && process.exit(code));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
