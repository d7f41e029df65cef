// Escalation rules (lib/support/rules.ts validates and runs them).
import { asc, eq } from "drizzle-orm";
import { getDb, type Database } from "../client";
import { escalationRules, type EscalationRule, type RuleActions, type RuleConditions } from "../schema";

export type RuleValues = { name: string; active: boolean; conditions: RuleConditions; actions: RuleActions };

export async function listRules(db: Database = getDb()): Promise<EscalationRule[]> {
  return db.select().from(escalationRules).orderBy(asc(escalationRules.id));
}

export async function listActiveRules(db: Database = getDb()): Promise<EscalationRule[]> {
  return db.select().from(escalationRules).where(eq(escalationRules.active, true)).orderBy(asc(escalationRules.id));
}

export async function getRule({ id }: { id: number }, db: Database = getDb()): Promise<EscalationRule | undefined> {
  const [row] = await db.select().from(escalationRules).where(eq(escalationRules.id, id)).limit(1);
  return row;
}

export async function insertRule(values: RuleValues & { authorId: number | null }, db: Database = getDb()): Promise<EscalationRule> {
  const [row] = await db.insert(escalationRules).values(values).returning();
  return row;
}

export async function updateRule({ id, values }: { id: number; values: RuleValues }, db: Database = getDb()): Promise<EscalationRule | undefined> {
  const [row] = await db.update(escalationRules).set(values).where(eq(escalationRules.id, id)).returning();
  return row;
}

export async function deleteRule({ id }: { id: number }, db: Database = getDb()): Promise<boolean> {
  const rows = await db.delete(escalationRules).where(eq(escalationRules.id, id)).returning({ id: escalationRules.id });
  return rows.length > 0;
}
