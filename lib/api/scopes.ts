// What a signed-in person may do over the API: the scopes their role implies.
import { API_SCOPES, type ApiScope, type Role } from "@/db/schema";

export const ROLE_SCOPES: Record<Role, readonly ApiScope[]> = {
  agent: ["predict", "tasks:read", "tasks:write"],
  supervisor: ["predict", "tasks:read", "tasks:write", "review", "train", "trends:read", "rules"],
  admin: API_SCOPES,
};

export { API_SCOPES, type ApiScope };
