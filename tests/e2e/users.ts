// The users the end-to-end server creates, one per role, with known passwords.
export const E2E_PASSWORD = "e2e-password-123";
export const E2E_USERS = {
  admin: { email: "admin@e2e.test", name: "Erin Admin" },
  supervisor: { email: "supervisor@e2e.test", name: "Sol Supervisor" },
  agent: { email: "agent@e2e.test", name: "Ari Agent" },
} as const;
