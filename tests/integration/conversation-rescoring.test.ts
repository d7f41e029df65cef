// A customer's follow-up re-scores the task (issues 19 and 20), on a real database, a real
// local SMTP server and the project's real emotion server: the priority is computed again with
// its reasons and the escalation rules look again (each firing once per task); a supervisor's
// correction trains on the text of the message it corrected; emotions left pending on any
// message are filled from that message's own text.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { ensureDataset, selectExamples } from "@/db/queries/datasets";
import { listTaskEvents } from "@/db/queries/support";
import { examples, predictions, taskMessages, tasks } from "@/db/schema";
import { createScoredTask } from "@/lib/intake/scored-task";
import { addAgentMessage, addCustomerMessage, conversation } from "@/lib/conversations/messages";
import { receiveInboundEmail } from "@/lib/conversations/inbound";
import { backfillPendingEmotions } from "@/lib/emotion/backfill";
import { createEmotionClient } from "@/lib/emotion/client";
import { resetEnvCache } from "@/lib/platform/env";
import { deliverDueEmails } from "@/lib/mail/outbox";
import { reviewTasks, undoReviews } from "@/lib/tasks/reviews";
import { listTaskQueue } from "@/lib/tasks/queue";
import { seedDemo } from "@/lib/demo/seed";
import { createRule } from "@/lib/support/rules";
import { setPriorityByHand } from "@/lib/support/task-priority";
import { CORRECTIONS_DATASET } from "@/lib/training/runs";
import { createApiKey } from "@/lib/api/keys";
import { resetRateLimits } from "@/lib/api/rate-limit";
import { createUser } from "@/lib/admin/users";
import * as taskMessagesRoute from "@/app/api/v1/tasks/[id]/messages/route";
import * as taskDetailRoute from "@/app/api/v1/tasks/[id]/route";
import { call } from "../support/api";
import { demoEmotionBackend, startEmotionServer, unusedPort, type RunningServer } from "../support/emotion-servers";
import { startSmtpServer } from "../support/smtp";
import { useFreshDatabase, unique } from "../support/temp-db";

const CALM = "Hello, could you tell me when my new card will arrive? Thanks.";
const FURIOUS = "This is unacceptable, I was charged twice and nobody answers. I am furious.";
const FURIOUS_AGAIN = "Still nothing. I am furious, charged twice and ignored, this is outrageous.";
const THANKS = "Thank you so much, the refund arrived and everything works perfectly now. Great service!";

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let emotionServer: RunningServer | undefined;
let emotionPort = 0;
let agent = { id: 0, name: "Avery Agent" };
let supervisor = { id: 0, name: "Sam Supervisor" };

const task = async (id: number) => (await getDb().select().from(tasks).where(eq(tasks.id, id)))[0];
const newRequest = async (email: string, text = CALM) => (await createScoredTask({ account: { name: "Casey Customer", email }, category: "Billing", channel: "web", text })).taskId;
const escalations = async (id: number) => (await listTaskEvents({ taskId: id })).filter((e) => e.kind === "escalated");

beforeAll(async () => {
  smtp = await startSmtpServer(0);
  // New requests and follow-ups ask the project's emotion server (demo-trained built-in model).
  emotionPort = await unusedPort();
  emotionServer = await startEmotionServer({ backend: await demoEmotionBackend() }, emotionPort);
  Object.assign(process.env, {
    SMTP_HOST: "127.0.0.1",
    SMTP_PORT: String(smtp.port),
    SMTP_TLS: "none",
    SMTP_FROM: "Support <support@csa.test>",
    EMOTION_INFERENCE_URL: emotionServer.url,
  });
  resetEnvCache();
  await useFreshDatabase();
  await seedDemo({ tasks: 100, examples: 1500, quiet: true });
  const mk = async (role: "agent" | "supervisor", name: string) => ({ id: (await createUser({ email: `${unique(role)}@example.test`, name, password: "password-long-1", role }, null)).id, name });
  agent = await mk("agent", "Avery Agent");
  supervisor = await mk("supervisor", "Sam Supervisor");
});

afterAll(async () => {
  await smtp.close();
  await emotionServer?.close();
  for (const k of ["SMTP_HOST", "SMTP_PORT", "SMTP_TLS", "SMTP_FROM", "EMOTION_INFERENCE_URL"]) delete process.env[k];
  resetEnvCache();
});

describe("a follow-up re-scores the task", () => {
  it("a calm request, a reply, then a furious e-mail: the priority rises with its reasons and the rule fires — once", async () => {
    const alerts = `${unique("alerts")}@example.test`;
    // Its phrase is in the follow-up only: the rules read what the customer said last.
    const rule = await createRule({ name: unique("Furious customer"), conditions: { sentiments: ["negative"], phrases: ["furious"] }, actions: { emails: [alerts], add_tag: "furious" } }, supervisor.id);
    const email = `${unique("calm")}@example.test`;
    const id = await newRequest(email);
    const opened = await task(id);
    expect(opened.sentiment).not.toBe("negative");
    expect(["normal", "low"]).toContain(opened.priority);
    expect(await escalations(id)).toEqual([]);

    await addAgentMessage(id, { text: "We are looking into it and will write again soon." }, agent);
    const replyId = (await conversation(id)).messages.find((m) => m.author === "agent")!.emailMessageId!;
    const threaded = await receiveInboundEmail({ from: `Casey Customer <${email}>`, subject: "Re: your request", text: FURIOUS, message_id: `<${unique("m")}@mail.example.test>`, in_reply_to: replyId });
    expect(threaded).toMatchObject({ status: "threaded", taskId: id });

    const after = await task(id);
    expect(after).toMatchObject({ sentiment: "negative", emotion: "anger", status: "open", priority: "urgent", prioritySource: "computed" });
    expect(after.priorityReasons[0]).toMatch(/^negative \d+%$/);
    expect(after.priorityReasons).toContain("anger");
    expect(after.tags).toContain("furious");
    const events = await listTaskEvents({ taskId: id });
    expect(events.find((e) => e.kind === "priority" && e.summary.includes("the customer's follow-up"))?.summary).toMatch(new RegExp(`^Priority ${opened.priority} → urgent: negative \\d+%, anger`));
    const fired = await escalations(id);
    expect(fired).toHaveLength(1);
    expect(fired[0]).toMatchObject({ ruleId: rule.id });
    expect(fired[0].summary).toContain("(follow-up)");

    // Another furious message: still urgent, and the rule, having fired, stays quiet.
    await receiveInboundEmail({ from: email, subject: "Re: your request", text: FURIOUS_AGAIN, message_id: `<${unique("m")}@mail.example.test>`, in_reply_to: replyId });
    expect((await task(id)).priority).toBe("urgent");
    expect(await escalations(id)).toHaveLength(1);
    await deliverDueEmails();
    const alerted = smtp.received.filter((m) => m.to.includes(alerts) && m.subject.includes(`#${id}`));
    expect(alerted).toHaveLength(1);
    // The alert quotes the message that escalated it, not the calm opening.
    expect(alerted[0].body).toContain("I am furious");
    expect(alerted[0].body).not.toContain("when my new card will arrive");
  });

  it("through the API as well; a priority set by hand is kept", async () => {
    const admin = await createUser({ email: `${unique("admin")}@example.test`, name: "Admin", password: "admin-pass-123", role: "admin" }, null);
    const key = (await createApiKey({ name: unique("rescoring"), scopes: ["tasks:read", "tasks:write"] }, admin.id)).secret;
    const id = await newRequest(`${unique("api")}@example.test`);
    resetRateLimits();
    const posted = await call(taskMessagesRoute.POST, { method: "POST", key, params: { id: String(id) }, path: `/api/v1/tasks/${id}/messages`, body: { author: "customer", text: FURIOUS } });
    expect(posted.status).toBe(201);
    const detail = await call(taskDetailRoute.GET, { key, params: { id: String(id) }, path: `/api/v1/tasks/${id}` });
    expect(detail.json.task).toMatchObject({ sentiment: "negative", priority: "urgent" });
    expect(detail.json.task.priority_reasons).toContain("anger");

    const manual = await newRequest(`${unique("manual")}@example.test`);
    await setPriorityByHand(manual, "low", supervisor);
    await addCustomerMessage(manual, { text: FURIOUS, channel: "api" });
    expect(await task(manual)).toMatchObject({ sentiment: "negative", priority: "low", prioritySource: "manual" });
  });
});

describe("a supervisor's correction after a follow-up", () => {
  it("trains on the follow-up's text; the opening's own correction stays; undo returns to the follow-up's model label", async () => {
    const id = await newRequest(`${unique("review")}@example.test`);
    const corrections = await ensureDataset({ name: CORRECTIONS_DATASET, kind: "corrections" });
    const examplesOf = async () =>
      getDb()
        .select({ text: examples.text, label: examples.label, occurredAt: examples.occurredAt })
        .from(examples)
        .where(and(eq(examples.datasetId, corrections.id), eq(examples.sourceTaskId, id)))
        .orderBy(asc(examples.id));

    // A correction before conversations existed looked like this: one message, the task's text.
    await reviewTasks({ taskIds: [id], label: "positive" }, supervisor.id);
    expect((await examplesOf()).map((e) => [e.text, e.label])).toEqual([[CALM, "positive"]]);

    await addCustomerMessage(id, { text: FURIOUS, channel: "api" });
    const followUp = (await conversation(id)).messages.at(-1)!;
    expect(await task(id)).toMatchObject({ sentiment: "negative", reviewed: false });
    // The review queue shows the reviewer the message the label is about, not the calm opening.
    const [row] = (await listTaskQueue({ account: String((await task(id)).accountId) })).rows;
    expect(row).toMatchObject({ id, text: CALM, labelledText: FURIOUS, sentiment: "negative" });
    const [{ reviewId, labelBefore }] = await reviewTasks({ taskIds: [id], label: "neutral" }, supervisor.id);
    expect(labelBefore).toBe("negative");
    const both = await examplesOf();
    expect(both.map((e) => [e.text, e.label])).toEqual([
      [CALM, "positive"],
      [FURIOUS, "neutral"],
    ]);
    expect(both[1].occurredAt).toEqual(followUp.createdAt);
    // What a training run on the corrections reads.
    const training = await selectExamples({ datasetIds: [corrections.id] });
    expect(training).toContainEqual(expect.objectContaining({ text: FURIOUS, label: "neutral" }));
    expect(training).not.toContainEqual(expect.objectContaining({ text: CALM, label: "neutral" }));

    // Taking the follow-up's correction back leaves the opening's alone, and the task gets the
    // model's label for the follow-up — not the opening's correction.
    await undoReviews({ reviewIds: [reviewId] }, supervisor.id);
    expect(await task(id)).toMatchObject({ sentiment: "negative", reviewed: false });
    expect((await examplesOf()).map((e) => [e.text, e.label])).toEqual([[CALM, "positive"]]);
  });
});

describe("emotions that arrive later", () => {
  it("fill every message from its own text, an older follow-up's too, and re-score the task from the latest", async () => {
    // The emotion server goes down: everything that arrives now waits for its emotion.
    await emotionServer!.close();
    emotionServer = undefined;
    const three = await newRequest(`${unique("pending")}@example.test`);
    await addCustomerMessage(three, { text: FURIOUS });
    await addCustomerMessage(three, { text: THANKS });
    const two = await newRequest(`${unique("pending")}@example.test`);
    await addCustomerMessage(two, { text: FURIOUS });
    const before = await task(two);
    expect(before).toMatchObject({ sentiment: "negative", emotion: null });
    expect(before.priorityReasons).not.toContain("anger");
    const messagesOf = async (id: number) => getDb().select({ text: taskMessages.text, emotion: taskMessages.emotion }).from(taskMessages).where(eq(taskMessages.taskId, id)).orderBy(asc(taskMessages.id));
    expect((await messagesOf(three)).map((m) => m.emotion)).toEqual([null, null, null]);

    // Back up (on another port: the app's client is still cooling down); the worker's backfill runs.
    emotionServer = await startEmotionServer({ backend: await demoEmotionBackend() });
    expect(await backfillPendingEmotions({ client: createEmotionClient({ url: emotionServer.url }) })).toBeGreaterThan(0);

    const backend = await demoEmotionBackend();
    const expected = (await backend.classify([CALM, FURIOUS, THANKS])).map((labels) => labels[0].label);
    expect(expected[1]).toBe("anger");
    expect((await messagesOf(three)).map((m) => m.emotion)).toEqual(expected);
    expect((await task(three)).emotion).toBe(expected[2]);
    const stored = await getDb().select({ emotion: predictions.emotion, status: predictions.emotionStatus }).from(predictions).where(eq(predictions.taskId, three)).orderBy(asc(predictions.id));
    expect(stored).toEqual(expected.map((emotion) => ({ emotion, status: "done" })));

    // The latest message's anger re-scores its task.
    const after = await task(two);
    expect(after.emotion).toBe("anger");
    expect(after.priorityReasons).toContain("anger");
    expect(after.priority).toBe("urgent");
    expect((await listTaskEvents({ taskId: two })).some((e) => e.kind === "priority" && e.summary.includes("(emotion arrived)"))).toBe(true);
  });
});
