// The users the end-to-end server creates, one per role, with known passwords.
export const E2E_PASSWORD = "e2e-password-123";
export const E2E_USERS = {
  admin: { email: "admin@e2e.test", name: "Erin Admin" },
  supervisor: { email: "supervisor@e2e.test", name: "Sol Supervisor" },
  agent: { email: "agent@e2e.test", name: "Ari Agent" },
} as const;

/**
 * An account the server gives four clearly negative requests, so the at-risk test has one of
 * its own: the demo data's at-risk accounts sit right at the threshold, and a correction or a
 * new request made by another test can take them off the list.
 */
export const E2E_AT_RISK_ACCOUNT = {
  name: "Harrowgate Fixtures Ltd",
  email: "ops@harrowgate.example",
  texts: [
    "My refund still has not arrived and nobody answers my emails. This is unacceptable.",
    "I was charged twice again and support keeps ignoring me. Terrible service.",
    "The app crashed and deleted my order, I am furious and want my money back.",
    "Still waiting after three weeks, worst experience ever, nobody helps.",
  ],
} as const;

/**
 * The SMTP server support.spec.ts starts and the e2e app sends to: E2E_SMTP_PORT, else 20 above
 * the app's port (set it when only a narrow range of ports is yours).
 */
export function e2eSmtpPort(): number {
  return Number(process.env.E2E_SMTP_PORT ?? Number(process.env.E2E_PORT ?? 3100) + 20);
}

/** The inbound-mail webhook's secret in the browser tests' server (INBOUND_EMAIL_SECRET). */
export const E2E_INBOUND_SECRET = "e2e-inbound-secret-0123456789abcdef";
