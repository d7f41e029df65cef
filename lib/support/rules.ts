// Escalation rules: conditions on what the analysis says about a request, and actions that
// raise its level of support. They run when a task is created, re-scored or reviewed, and on
// the worker's timer (for "waiting longer than"). A rule fires at most once per task: the
// firing is claimed in the database (task_events_rule_once_idx) in the same write as all it
// does, so its notifications go out once however many web processes and workers run, and a
// crash never leaves a firing claimed without them.
import { z } from "zod";
import { insertAuditEntry } from "@/db/queries/audit";
import { listCategories } from "@/db/queries/catalog";
import { deleteRule, getRule, insertRule, listActiveRules, listRules, updateRule, type RuleValues } from "@/db/queries/escalation-rules";
import {
  activeUser,
  claimRuleFiring,
  firedRuleIds,
  taskFacts,
  taskFactsPage,
  type NewTaskEvent,
  type RuleChange,
  type TaskFacts,
} from "@/db/queries/support";
import { CHANNELS, PRIORITIES, SENTIMENTS, type EscalationRule, type RuleActions, type RuleConditions } from "@/db/schema";
import { DAY_MS } from "@/lib/platform/days";
import { AppError, invalid, parseOrThrow, type FieldErrors } from "@/lib/platform/errors";
import { logger } from "@/lib/platform/logger";
import { taskAnnouncement, type AnnouncedTask } from "@/lib/support/notify";
import { AT_RISK_RUN } from "@/lib/support/priority";
import { slaDueAt, slaTargets } from "@/lib/support/sla";

const MINUTE_MS = 60_000;
export const MAX_ACTIVE_RULES = 200;

const list = <T extends z.ZodType>(item: T, max: number) => z.array(item).min(1, "Choose at least one, or leave the condition out.").max(max).optional();

/** A rule as the API and the page send it (snake_case, as the REST API speaks). */
export const ruleInputSchema = z
  .object({
    name: z.string().trim().min(1, "Give the rule a name.").max(80, "The name is at most 80 characters."),
    active: z.boolean().default(true),
    conditions: z
      .object({
        sentiments: list(z.enum(SENTIMENTS), 3),
        min_confidence: z.number().min(0, "Confidence is between 0 and 1.").max(1, "Confidence is between 0 and 1.").optional().describe("The label's confidence is at least this (0–1)"),
        emotions: list(z.string().trim().min(1).max(40), 20),
        priorities: list(z.enum(PRIORITIES), 4),
        category_ids: list(z.number().int().positive(), 100),
        channels: list(z.enum(CHANNELS), 5),
        account_at_risk: z.boolean().optional().describe(`true: the account has ${AT_RISK_RUN} or more negative requests in a row; false: it has not`),
        phrases: list(z.string().trim().min(2, "A phrase has at least 2 characters.").max(100, "A phrase is at most 100 characters."), 50).describe("Any of these words or phrases appears in the text (any case)"),
        waiting_minutes: z.number().min(1, "Waiting time is at least 1 minute.").max(60 * 24 * 30, "Waiting time is at most 30 days.").optional().describe("No first response for at least this many minutes"),
      })
      .strict(),
    actions: z
      .object({
        set_priority: z.enum(PRIORITIES).optional(),
        assign_to: z.number().int().positive().optional().describe("A user id"),
        webhook: z.boolean().optional().describe("Send the webhook event task.escalated"),
        emails: list(z.email("Enter valid e-mail addresses."), 20),
        add_tag: z.string().trim().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/i, "A tag is 1–40 letters, digits, - or _.").optional(),
      })
      .strict(),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (Object.values(r.conditions).every((v) => v === undefined)) ctx.addIssue({ code: "custom", path: ["conditions"], message: "Give the rule at least one condition." });
    const a = r.actions;
    if (!a.set_priority && !a.assign_to && !a.webhook && !a.emails && !a.add_tag) ctx.addIssue({ code: "custom", path: ["actions"], message: "Give the rule at least one action." });
  });

const ruleProblems = (errors: FieldErrors) => `The rule is not valid: ${Object.entries(errors).map(([path, message]) => (path === "_" ? message : `${path}: ${message}`)).join(" ")}`;

/** Checks a rule completely — shape, then the users and categories it names — before anything is written. */
export async function validateRule(input: unknown): Promise<RuleValues> {
  const r = parseOrThrow(ruleInputSchema, input, "validation:rule", ruleProblems);
  const problems: { path: PropertyKey[]; message: string }[] = [];
  if (r.actions.assign_to !== undefined && !(await activeUser({ id: r.actions.assign_to }))) {
    problems.push({ path: ["actions", "assign_to"], message: `There is no active user ${r.actions.assign_to} to assign to.` });
  }
  if (r.conditions.category_ids) {
    const known = new Set((await listCategories()).map((c) => c.id));
    const unknown = r.conditions.category_ids.filter((id) => !known.has(id));
    if (unknown.length) problems.push({ path: ["conditions", "category_ids"], message: `Unknown category ${unknown.join(", ")}.` });
  }
  if (problems.length) throw invalid("validation:rule", problems, ruleProblems);
  const c = r.conditions;
  const a = r.actions;
  const conditions: RuleConditions = {
    sentiments: c.sentiments,
    minConfidence: c.min_confidence,
    emotions: c.emotions?.map((e) => e.toLowerCase()),
    priorities: c.priorities,
    categoryIds: c.category_ids,
    channels: c.channels,
    accountAtRisk: c.account_at_risk,
    phrases: c.phrases,
    waitingMinutes: c.waiting_minutes,
  };
  const actions: RuleActions = { setPriority: a.set_priority, assignTo: a.assign_to, webhook: a.webhook, emails: a.emails, addTag: a.add_tag?.toLowerCase() };
  return { name: r.name, active: r.active, conditions: dropUndefined(conditions), actions: dropUndefined(actions) };
}

const dropUndefined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

/** The stored rule in the API's shape (what ruleInputSchema takes). */
export function ruleJson(rule: EscalationRule) {
  const c = rule.conditions;
  const a = rule.actions;
  return {
    id: rule.id,
    name: rule.name,
    active: rule.active,
    conditions: dropUndefined({
      sentiments: c.sentiments,
      min_confidence: c.minConfidence,
      emotions: c.emotions,
      priorities: c.priorities,
      category_ids: c.categoryIds,
      channels: c.channels,
      account_at_risk: c.accountAtRisk,
      phrases: c.phrases,
      waiting_minutes: c.waitingMinutes,
    }),
    actions: dropUndefined({ set_priority: a.setPriority, assign_to: a.assignTo, webhook: a.webhook, emails: a.emails, add_tag: a.addTag }),
    created_at: rule.createdAt.toISOString(),
    updated_at: rule.updatedAt.toISOString(),
  };
}

export type CompiledRule = { id: number; name: string; conditions: RuleConditions; actions: RuleActions; matches: (t: TaskFacts, now: number) => boolean };

/** Turns a rule into one predicate, sets and lower-cased phrases prepared once. */
export function compileRule(rule: Pick<EscalationRule, "id" | "name" | "conditions" | "actions">): CompiledRule {
  const c = rule.conditions;
  const tests: ((t: TaskFacts, now: number) => boolean)[] = [];
  const inSet = <T>(values: T[] | undefined, get: (t: TaskFacts) => T | null) => {
    if (!values) return;
    const set = new Set(values);
    tests.push((t) => {
      const v = get(t);
      return v !== null && set.has(v);
    });
  };
  inSet(c.sentiments, (t) => t.sentiment);
  if (c.minConfidence !== undefined) tests.push((t) => (t.reviewed ? 1 : (t.confidence ?? 0)) >= c.minConfidence!);
  inSet(c.emotions, (t) => t.emotion);
  inSet(c.priorities, (t) => t.priority);
  inSet(c.categoryIds, (t) => t.categoryId);
  inSet(c.channels, (t) => t.channel);
  if (c.accountAtRisk !== undefined) tests.push((t) => t.streak >= AT_RISK_RUN === c.accountAtRisk);
  if (c.phrases) {
    const phrases = c.phrases.map((p) => p.toLowerCase());
    tests.push((t) => {
      const text = t.text.toLowerCase();
      return phrases.some((p) => text.includes(p));
    });
  }
  if (c.waitingMinutes !== undefined) {
    const ms = c.waitingMinutes * MINUTE_MS;
    // How long the customer waited for a first answer: until it came, or until now.
    tests.push((t, now) => (t.firstResponseAt?.getTime() ?? now) - t.createdAt.getTime() >= ms);
  }
  return { id: rule.id, name: rule.name, conditions: c, actions: rule.actions, matches: (t, now) => tests.every((test) => test(t, now)) };
}

export function describeConditions(c: RuleConditions, categoryNames: Map<number, string> = new Map()): string {
  const parts: string[] = [];
  if (c.sentiments) parts.push(`sentiment ${c.sentiments.join(" or ")}`);
  if (c.minConfidence !== undefined) parts.push(`confidence at least ${Math.round(c.minConfidence * 100)}%`);
  if (c.emotions) parts.push(`emotion ${c.emotions.join(" or ")}`);
  if (c.priorities) parts.push(`priority ${c.priorities.join(" or ")}`);
  if (c.categoryIds) parts.push(`category ${c.categoryIds.map((id) => categoryNames.get(id) ?? `#${id}`).join(" or ")}`);
  if (c.channels) parts.push(`channel ${c.channels.join(" or ")}`);
  if (c.accountAtRisk !== undefined) parts.push(c.accountAtRisk ? "account at risk" : "account not at risk");
  if (c.phrases) parts.push(`text mentions ${c.phrases.map((p) => `"${p}"`).join(" or ")}`);
  if (c.waitingMinutes !== undefined) parts.push(`no first response for ${c.waitingMinutes} min`);
  return parts.join(", ");
}

export function describeActions(a: RuleActions, userNames: Map<number, string> = new Map()): string {
  const parts: string[] = [];
  if (a.setPriority) parts.push(`set priority ${a.setPriority}`);
  if (a.assignTo) parts.push(`assign to ${userNames.get(a.assignTo) ?? `user #${a.assignTo}`}`);
  if (a.addTag) parts.push(`tag "${a.addTag}"`);
  if (a.webhook) parts.push("webhook task.escalated");
  if (a.emails) parts.push(`e-mail ${a.emails.join(", ")}`);
  return parts.join(", ");
}

async function compiledActiveRules(): Promise<CompiledRule[]> {
  return (await listActiveRules()).map(compileRule);
}

/**
 * Runs the active rules on these tasks; returns how many rules fired. `trigger` says why
 * ("created", "follow-up", "re-scored", "reviewed", "timer") on the timeline. Never throws: a rule that
 * cannot run must not fail the request that caused it.
 */
export async function runRules(taskIds: number[], trigger: string, now = Date.now()): Promise<number> {
  try {
    const rules = await compiledActiveRules();
    if (rules.length === 0 || taskIds.length === 0) return 0;
    return await fireMatching(rules, await taskFacts({ taskIds }), trigger, now);
  } catch (error) {
    logger.error("escalation rules failed", { taskIds: taskIds.slice(0, 20), trigger, error });
    return 0;
  }
}

/**
 * Tests every rule on every task; a match is claimed before anything is done, and a rule that
 * already fired on the task loses the claim. A task that matches some rule has the rules that
 * fired on it read once, so a rule that fired before builds no announcement (a request that
 * matches nothing costs two reads, the rules and its facts).
 */
async function fireMatching(rules: CompiledRule[], facts: TaskFacts[], trigger: string, now: number): Promise<number> {
  let count = 0;
  for (const task of facts) {
    const matching = rules.filter((rule) => rule.matches(task, now));
    if (matching.length === 0) continue;
    const fired = new Set(await firedRuleIds({ taskId: task.id }));
    for (const rule of matching) {
      if (!fired.has(rule.id) && (await fire(rule, task, trigger, now))) count++;
    }
  }
  return count;
}

/** A firing that sets the priority needs the task as read; contention on one task lasts a statement or two. */
const FIRE_ATTEMPTS = 10;

/**
 * Fires the rule: the claim and all it does in one write (claimRuleFiring), `task` updated in
 * place so later rules see the new priority. A firing that sets the priority is refused while
 * another process changes the task's SLA clock: then the task is read again, and fired if the
 * rule still matches and has not fired meanwhile.
 */
async function fire(rule: CompiledRule, task: TaskFacts, trigger: string, now: number): Promise<boolean> {
  for (let attempt = 0; attempt < FIRE_ATTEMPTS; attempt++) {
    const firing = await ruleFiring(rule, task, trigger);
    if (await claimRuleFiring(firing)) {
      Object.assign(task, firing.change);
      return true;
    }
    if (!firing.asRead || (await firedRuleIds({ taskId: task.id })).includes(rule.id)) return false;
    const [fresh] = await taskFacts({ taskIds: [task.id] });
    if (!fresh || !rule.matches(fresh, now)) return false;
    Object.assign(task, fresh);
  }
  throw new Error(`Task ${task.id} kept changing while rule ${rule.id} fired on it.`);
}

/** Everything a firing writes, built from the task as read: its timeline rows, its change to the task, its e-mail and webhook. */
async function ruleFiring(rule: CompiledRule, task: TaskFacts, trigger: string) {
  const a = rule.actions;
  const assignee = a.assignTo ? await activeUser({ id: a.assignTo }) : null;
  const did = describeActions(a, new Map(assignee ? [[assignee.id, assignee.name]] : []));
  const summary = `Escalation rule "${rule.name}" fired (${trigger}): ${did}`;
  const change: RuleChange = {};
  const after: AnnouncedTask = {};
  const events: NewTaskEvent[] = [];
  const priority = a.setPriority !== task.priority ? a.setPriority : undefined;
  if (priority) {
    const targets = await slaTargets();
    // Only a running clock moves: a task made before clocks existed has none.
    const clock = task.slaDueAt ? { slaDueAt: slaDueAt({ ...task, priority }, targets) } : {};
    Object.assign(change, { priority, priorityReasons: [...task.priorityReasons, `rule "${rule.name}"`], prioritySource: "rule", ...clock });
    Object.assign(after, { priority, priorityReasons: change.priorityReasons, ...clock });
  }
  if (assignee && assignee.id !== task.assignedTo) {
    change.assignedTo = assignee.id;
    Object.assign(after, { ownerId: assignee.id, ownerName: assignee.name });
    events.push({ taskId: task.id, kind: "assigned", ruleId: null, summary: `Assigned to ${assignee.name} by rule "${rule.name}"` });
  }
  if (a.addTag && !task.tags.includes(a.addTag)) change.tags = [...task.tags, a.addTag];
  // The alert addresses hear of every firing, so this is built even without a notify action.
  const announcement = await taskAnnouncement("task.escalated", task.id, { summary, webhook: !!a.webhook, emails: a.emails ?? [], extra: { rule_id: rule.id, rule: rule.name, trigger }, after });
  return {
    event: { taskId: task.id, ruleId: rule.id, kind: "escalated" as const, summary, details: { trigger, actions: a } },
    asRead: priority ? task : undefined,
    change,
    events,
    announcement,
  };
}

/**
 * The timer: rules that wait ("no first response for N minutes") look at the tasks whose
 * wait crossed N since the last sweep — a range of created_at read by index — so each tick
 * reads only the requests that just became due. `since` is when the previous sweep ran.
 */
export async function runTimedRules({ now = Date.now(), since }: { now?: number; since: number }): Promise<number> {
  const rules = (await compiledActiveRules()).filter((r) => r.conditions.waitingMinutes !== undefined);
  let count = 0;
  for (const rule of rules) {
    const wait = rule.conditions.waitingMinutes! * MINUTE_MS;
    let afterId = 0;
    for (;;) {
      const page = await taskFactsPage({ from: new Date(since - wait), to: new Date(now - wait + 1), afterId, limit: 500, openOnly: true });
      if (page.length === 0) break;
      count += await fireMatching([rule], page, "timer", now);
      afterId = page[page.length - 1].id;
      if (page.length < 500) break;
    }
  }
  return count;
}

export const DRY_RUN_DAYS = 30;

/** How many requests of the last 30 days the rule would have matched, without saving it. */
export async function dryRunRule(input: unknown, now = Date.now()): Promise<{ matched: number; examined: number; sampleTaskIds: number[]; days: number }> {
  const values = await validateRule(input);
  const rule = compileRule({ id: 0, ...values });
  let matched = 0;
  let examined = 0;
  const sample: number[] = [];
  let afterId = 0;
  for (;;) {
    const page = await taskFactsPage({ from: new Date(now - DRY_RUN_DAYS * DAY_MS), afterId, limit: 5000 });
    for (const t of page) {
      examined++;
      if (rule.matches(t, now)) {
        matched++;
        if (sample.length < 10) sample.push(t.id);
      }
    }
    if (page.length < 5000) break;
    afterId = page[page.length - 1].id;
  }
  return { matched, examined, sampleTaskIds: sample, days: DRY_RUN_DAYS };
}

export async function allRules() {
  return listRules();
}

export async function createRule(input: unknown, actorId: number | null): Promise<EscalationRule> {
  const values = await validateRule(input);
  if (values.active && (await listActiveRules()).length >= MAX_ACTIVE_RULES) {
    throw new AppError("validation:rule", `At most ${MAX_ACTIVE_RULES} rules can be on at once; switch one off first.`);
  }
  const rule = await insertRule({ ...values, authorId: actorId });
  await insertAuditEntry({ actorId, action: "rule.create", target: `rule:${rule.id}`, details: { name: rule.name } });
  return rule;
}

/** Changes a rule: the patch is merged with the stored rule and the whole is checked again. */
export async function changeRule(id: number, patch: unknown, actorId: number | null): Promise<EscalationRule> {
  const existing = await getRule({ id });
  if (!existing) throw new AppError("not_found:rule", `Escalation rule ${id} does not exist.`);
  if (!patch || typeof patch !== "object" || Array.isArray(patch)) throw new AppError("validation:rule", "Send the fields to change as a JSON object.");
  const current = ruleJson(existing);
  const merged = { name: current.name, active: current.active, conditions: current.conditions, actions: current.actions, ...(patch as Record<string, unknown>) };
  const values = await validateRule(merged);
  const rule = (await updateRule({ id, values }))!;
  await insertAuditEntry({ actorId, action: "rule.update", target: `rule:${id}`, details: { name: rule.name, active: rule.active } });
  return rule;
}

export async function removeRule(id: number, actorId: number | null): Promise<void> {
  if (!(await deleteRule({ id }))) throw new AppError("not_found:rule", `Escalation rule ${id} does not exist.`);
  await insertAuditEntry({ actorId, action: "rule.delete", target: `rule:${id}` });
}
