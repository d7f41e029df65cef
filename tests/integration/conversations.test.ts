// Conversations (issue 20) on a real database and a real local SMTP server: follow-ups scored
// and the task's labels with them, the trend, replies e-mailed with threading headers,
// internal notes kept in the portal.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { emailOutbox, tasks } from "@/db/schema";
import { createScoredTask } from "@/lib/intake/scored-task";
import { resetEnvCache } from "@/lib/platform/env";
import { addAgentMessage, addCustomerMessage, conversation } from "@/lib/conversations/messages";
import { deliverDueEmails } from "@/lib/mail/outbox";
import { parseEml } from "@/lib/conversations/eml";
import { ratingPage, ratingToken, readRatingToken, satisfactionReport, submitRating } from "@/lib/conversations/satisfaction";
import { receiveInboundEmail } from "@/lib/conversations/inbound";
import * as inbound from "@/app/api/v1/inbound-email/route";
import * as taskMessages from "@/app/api/v1/tasks/[id]/messages/route";
import * as taskDetail from "@/app/api/v1/tasks/[id]/route";
import * as taskList from "@/app/api/v1/tasks/route";
import { createApiKey } from "@/lib/api/keys";
import { resetRateLimits } from "@/lib/api/rate-limit";
import { call, type Handler } from "../support/api";
import { documentChecker } from "../support/openapi-check";
import { listTaskQueue, taskPage } from "@/lib/tasks/queue";
import { createUser } from "@/lib/admin/users";
import { startSmtpServer } from "../support/smtp";
import { unique } from "../support/temp-db";
import { freshDemoDatabase } from "../support/demo-db";

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let agent = { id: 0, name: "Avery Agent" };

const ANGRY = "This is unacceptable, I was charged twice and nobody answers. I am furious.";
const HAPPY = "Thank you so much, the refund arrived and everything works perfectly now. Great service!";

beforeAll(async () => {
  smtp = await startSmtpServer(0);
  Object.assign(process.env, { SMTP_HOST: "127.0.0.1", SMTP_PORT: String(smtp.port), SMTP_TLS: "none", SMTP_FROM: "Support <support@csa.test>" });
  resetEnvCache();
  await freshDemoDatabase({ tasks: 200, examples: 1500 });
  agent = { id: (await createUser({ email: `${unique("agent")}@example.test`, name: "Avery Agent", password: "agent-pass-123", role: "agent" }, null)).id, name: "Avery Agent" };
});

afterAll(async () => {
  await smtp.close();
  for (const k of ["SMTP_HOST", "SMTP_PORT", "SMTP_TLS", "SMTP_FROM"]) delete process.env[k];
  resetEnvCache();
});

async function newRequest(email: string | undefined, text = ANGRY) {
  return (await createScoredTask({ account: { name: "Casey Customer", email }, category: "Billing", channel: "web", text })).taskId;
}

describe("messages", () => {
  it("a new request is a one-message conversation whose labels are the task's", async () => {
    const id = await newRequest(`${unique("c")}@example.test`);
    const talk = await conversation(id);
    const [task] = await getDb().select().from(tasks).where(eq(tasks.id, id));
    expect(talk.messages).toHaveLength(1);
    expect(talk.messages[0]).toMatchObject({ author: "customer", text: ANGRY, sentiment: task.sentiment, confidence: task.confidence });
    expect(talk.trend).toEqual({ opening: "negative", latest: "negative", change: "steady" });
  });

  it("a follow-up is scored, becomes the task's sentiment, and turns the trend", async () => {
    const id = await newRequest(`${unique("c")}@example.test`);
    await changeStatusTo(id, "replied");
    const reply = await addCustomerMessage(id, { text: HAPPY, channel: "email" });
    expect(reply.sentiment).toBe("positive");
    const [task] = await getDb().select().from(tasks).where(eq(tasks.id, id));
    expect(task).toMatchObject({ sentiment: "positive", openingSentiment: "negative", status: "open", reviewed: false });
    const talk = await conversation(id);
    expect(talk.messages.map((m) => [m.author, m.sentiment])).toEqual([["customer", "negative"], ["customer", "positive"]]);
    expect(talk.trend).toEqual({ opening: "negative", latest: "positive", change: "improving" });
    // The page explains the latest message, whose words set the current label.
    const page = await taskPage(id);
    expect(page.explainedMessageId).toBe(talk.messages[1].id);
    expect(page.explanation.every((t) => HAPPY.slice(t.start, t.end) === t.text)).toBe(true);
    // Sour again: negative against the frozen negative opening is steady, not worsening.
    await addCustomerMessage(id, { text: "Now it is broken again and I am angry, this is terrible." });
    expect((await conversation(id)).trend.change).toBe("steady");
  });

  it("refuses an empty follow-up and writes nothing", async () => {
    const id = await newRequest(`${unique("c")}@example.test`);
    await expect(addCustomerMessage(id, { text: "   " })).rejects.toThrow();
    expect((await conversation(id)).messages).toHaveLength(1);
  });
});

async function changeStatusTo(id: number, status: "replied" | "closed") {
  const { changeStatus } = await import("@/lib/support/ownership");
  await changeStatus(id, status, agent);
}

describe("replies", () => {
  it("e-mails a reply with the reference in the subject and threading ids, and counts as the first response", async () => {
    const email = `${unique("reply")}@example.test`;
    const id = await newRequest(email);
    const { emailed } = await addAgentMessage(id, { text: "Sorry about that — the second charge is refunded." }, agent);
    expect(emailed).toBe(true);
    const [task] = await getDb().select().from(tasks).where(eq(tasks.id, id));
    expect(task.status).toBe("replied");
    expect(task.firstResponseAt).not.toBeNull();
    await deliverDueEmails();
    const mail = smtp.received.find((m) => m.to.includes(email));
    expect(mail).toBeDefined();
    expect(mail!.subject).toContain(`[REQ-${String(id).padStart(6, "0")}]`);
    expect(mail!.body).toContain("the second charge is refunded");
    const talk = await conversation(id);
    const sent = talk.messages.find((m) => m.author === "agent")!;
    expect(mail!.headers["message-id"]).toBe(sent.emailMessageId);
    expect(sent.emailStatus).toBe("sent");

    // The next reply threads under the first.
    await addAgentMessage(id, { text: "And a credit for the trouble." }, agent);
    await deliverDueEmails();
    const second = smtp.received.filter((m) => m.to.includes(email))[1];
    expect(second.headers["in-reply-to"]).toBe(sent.emailMessageId);
    expect(second.headers.references).toContain(sent.emailMessageId!);
  });

  it("keeps an internal note in the portal: nothing queued, status unchanged", async () => {
    const email = `${unique("note")}@example.test`;
    const id = await newRequest(email);
    const outboxBefore = (await getDb().select().from(emailOutbox)).length;
    const { emailed } = await addAgentMessage(id, { text: "Customer called too; waiting on finance.", internal: "true" }, agent);
    expect(emailed).toBe(false);
    expect((await getDb().select().from(emailOutbox)).length).toBe(outboxBefore);
    const [task] = await getDb().select().from(tasks).where(eq(tasks.id, id));
    expect(task.status).toBe("open");
    expect((await conversation(id)).messages.at(-1)).toMatchObject({ author: "agent", internal: true, emailMessageId: null });
  });

  it("refuses a reply to a customer without an e-mail address, writing nothing", async () => {
    const id = await newRequest(undefined);
    await expect(addAgentMessage(id, { text: "Hello" }, agent)).rejects.toThrow(/no e-mail address/);
    expect((await conversation(id)).messages).toHaveLength(1);
  });
});

describe("inbound e-mail", () => {
  async function repliedTask(email: string) {
    const id = await newRequest(email);
    await addAgentMessage(id, { text: "We are looking into it." }, agent);
    const ours = (await conversation(id)).messages.at(-1)!.emailMessageId!;
    return { id, ours };
  }

  it("threads a reply by In-Reply-To, scores it, strips the quoted thread, and ignores a provider's retry", async () => {
    const email = `${unique("dana")}@example.test`;
    const { id, ours } = await repliedTask(email);
    const mail = { from: `Dana <${email}>`, to: "support@csa.test", subject: "Re: your request", text: `${HAPPY}\n\nOn Tue, 3 Mar 2026, Support wrote:\n> We are looking into it.`, message_id: `<${unique("m")}@example.test>`, in_reply_to: ours };
    expect(await receiveInboundEmail(mail)).toMatchObject({ status: "threaded", taskId: id });
    const last = (await conversation(id)).messages.at(-1)!;
    expect(last).toMatchObject({ author: "customer", channel: "email", text: HAPPY, sentiment: "positive", emailMessageId: mail.message_id });
    expect((await conversation(id)).trend.change).toBe("improving");
    expect(await receiveInboundEmail(mail)).toEqual({ status: "duplicate", taskId: id });
    expect((await conversation(id)).messages.filter((m) => m.author === "customer")).toHaveLength(2);
  });

  it("threads by References when In-Reply-To is missing, and by the subject's reference only from the task's own customer", async () => {
    const email = `${unique("ref")}@example.test`;
    const { id, ours } = await repliedTask(email);
    expect(await receiveInboundEmail({ from: email, subject: "more", text: "Still waiting for an answer here.", references: `<other@x.test> ${ours}` })).toMatchObject({ status: "threaded", taskId: id });
    const reference = `REQ-${String(id).padStart(6, "0")}`;
    expect(await receiveInboundEmail({ from: email, subject: `About ${reference}`, text: "One more thing about my bill." })).toMatchObject({ status: "threaded", taskId: id });
    // Someone else quoting the reference opens a task of their own.
    const stranger = await receiveInboundEmail({ from: `${unique("stranger")}@example.test`, subject: `About ${reference}`, text: "I want to see this customer's conversation." });
    expect(stranger.status).toBe("created");
    expect((stranger as { taskId: number }).taskId).not.toBe(id);
  });

  it("opens a new task for mail that answers nothing, with the sender as the customer", async () => {
    const email = `${unique("new")}@example.test`;
    const messageId = `<${unique("n")}@example.test>`;
    const result = await receiveInboundEmail({ from: `"New Person" <${email}>`, subject: "Help", text: ANGRY, message_id: messageId });
    expect(result.status).toBe("created");
    const page = await taskPage((result as { taskId: number }).taskId);
    expect(page.account).toMatchObject({ name: "New Person", email });
    expect(page.task.channel).toBe("email");
    expect(page.conversation.messages[0].emailMessageId).toBe(messageId); // our reply will thread under it
  });

  it("ignores auto-replies, bounces and our own mail, writing nothing", async () => {
    const email = `${unique("auto")}@example.test`;
    const { id, ours } = await repliedTask(email);
    const base = { from: email, subject: "Out of office", text: "I am away until Monday.", in_reply_to: ours };
    const ignored = [
      { ...base, headers: { "Auto-Submitted": "auto-replied" } },
      { ...base, headers: { Precedence: "bulk" } },
      { ...base, headers: { "X-Autoreply": "yes" } },
      { ...base, from: "MAILER-DAEMON@mx.example.test", subject: "Undelivered Mail Returned to Sender" },
      { ...base, from: "postmaster@example.test" },
      { ...base, from: "Support <support@csa.test>" },
    ];
    for (const mail of ignored) expect((await receiveInboundEmail(mail)).status, JSON.stringify(mail)).toBe("ignored");
    expect((await conversation(id)).messages).toHaveLength(2);
    // "Auto-Submitted: no" is a person's mail.
    expect(await receiveInboundEmail({ ...base, text: "Actually I am back, any news?", headers: { "Auto-Submitted": "no" } })).toMatchObject({ status: "threaded", taskId: id });
  });

  it("POST /api/v1/inbound-email needs its own secret, compared whole, and names bad input", async () => {
    const email = `${unique("http")}@example.test`;
    const { id, ours } = await repliedTask(email);
    const body = { from: email, subject: "Re", text: "Thanks, that fixed it, very happy now.", in_reply_to: ours };
    process.env.INBOUND_EMAIL_SECRET = "inbound-secret-for-tests-0123456789";
    resetEnvCache();
    try {
      expect((await call(inbound.POST, { method: "POST", body })).status).toBe(401);
      expect((await call(inbound.POST, { method: "POST", body, headers: { "x-inbound-secret": "inbound-secret-for-tests-012345678" } })).status).toBe(401);
      const ok = await call(inbound.POST, { method: "POST", body, headers: { "x-inbound-secret": "inbound-secret-for-tests-0123456789" } });
      expect(ok.status).toBe(200);
      expect(ok.json).toEqual({ status: "threaded", task_id: id });
      const bad = await call(inbound.POST, { method: "POST", body: { subject: "x" }, headers: { "x-inbound-secret": "inbound-secret-for-tests-0123456789" } });
      expect(bad.status).toBe(422);
      expect(bad.json.error.message).toMatch(/^from:/);
    } finally {
      delete process.env.INBOUND_EMAIL_SECRET;
      resetEnvCache();
    }
    expect((await call(inbound.POST, { method: "POST", body, headers: { "x-inbound-secret": "anything" } })).status).toBe(503);
  });

  it("reads a saved .eml file: encoded headers, multipart, quoted-printable, quoted thread dropped", async () => {
    const email = "dana@example.test";
    const id = await newRequest(email);
    await addAgentMessage(id, { text: "Refunded." }, agent);
    const ours = (await conversation(id)).messages.at(-1)!.emailMessageId!;
    const raw = fs
      .readFileSync(path.join(__dirname, "../fixtures/mail/reply.eml"), "utf8")
      .replaceAll("__IN_REPLY_TO__", ours)
      .replaceAll("__UNIQUE__", unique("eml"));
    const mail = parseEml(Buffer.from(raw.replace(/\n/g, "\r\n")));
    expect(mail.from).toBe("Dana Müller <Dana@Example.test>");
    expect(mail.subject).toBe("Re: [REQ-__ID__] Your request");
    expect(await receiveInboundEmail(mail)).toMatchObject({ status: "threaded", taskId: id });
    expect((await conversation(id)).messages.at(-1)!.text).toBe(`${HAPPY} 😀`);
    expect(() => parseEml(Buffer.from("this is not\nan e-mail"))).toThrow(/line 1: .* is not a header line/);
    expect(() => parseEml(Buffer.from("Subject: hi\r\n\r\nbody"))).toThrow(/no From: header/);
  });
});

describe("finding the customer", () => {
  it("finds a task by its reference, the customer's name, e-mail and external reference, and the task's external id", async () => {
    const email = `${unique("find")}@example.test`;
    const name = `Quinn ${unique("Zebulon")}`;
    const id = (await createScoredTask({ account: { name, email }, category: "Billing", text: ANGRY, externalId: unique("ext") })).taskId;
    const apiTask = await createScoredTask({ account: { name: "Other", externalRef: unique("crm") }, category: "Billing", text: ANGRY });
    const [{ externalId }] = await getDb().select({ externalId: tasks.externalId }).from(tasks).where(eq(tasks.id, id));
    const ids = async (q: string) => (await listTaskQueue({ q })).rows.map((r) => r.id);
    expect(await ids(`REQ-${String(id).padStart(6, "0")}`)).toEqual([id]);
    expect(await ids(`req${id}`)).toEqual([id]);
    expect(await ids(email.toUpperCase())).toEqual([id]);
    expect(await ids(name.split(" ")[1].toLowerCase())).toEqual([id]);
    expect(await ids(externalId!)).toEqual([id]);
    const [{ ref }] = await getDb().all<{ ref: string }>(sql`select external_ref as ref from customer_accounts a join tasks t on t.account_id = a.id where t.id = ${apiTask.taskId}`);
    expect(await ids(ref)).toEqual([apiTask.taskId]);
    // Words of the request still find it, alongside the customer fields.
    expect(await ids("charged twice")).toContain(id);
  });

  it("filters by trend: improving lists the improved conversation, not a steady one", async () => {
    const improved = await newRequest(`${unique("imp")}@example.test`);
    await addCustomerMessage(improved, { text: HAPPY });
    const steady = await newRequest(`${unique("st")}@example.test`);
    const improving = (await listTaskQueue({ trend: "improving", limit: 200 })).rows.map((r) => r.id);
    expect(improving).toContain(improved);
    expect(improving).not.toContain(steady);
    expect((await listTaskQueue({ trend: "steady", limit: 200 })).rows.map((r) => r.id)).toContain(steady);
    expect((await listTaskQueue({ trend: "steady", limit: 200 })).rows.map((r) => r.id)).not.toContain(improved);
    await expect(listTaskQueue({ trend: "sideways" })).rejects.toThrow(/not valid/);
  });
});

describe("satisfaction", () => {
  it("closing e-mails a signed one-use link; the rating is recorded once and compared with the closing sentiment", async () => {
    process.env.AUTH_SECRET ??= "a-test-secret-that-is-at-least-32-chars-long";
    const email = `${unique("rate")}@example.test`;
    const id = await newRequest(email, HAPPY);
    await changeStatusTo(id, "closed");
    await deliverDueEmails();
    const mail = smtp.received.find((m) => m.to.includes(email) && m.subject.includes("How did we do"));
    expect(mail).toBeDefined();
    const token = /\/feedback\/rate\?token=([^&\s]+)&rating=5/.exec(mail!.body)![1];
    // Closing again (reopened and closed) sends no second link.
    await changeStatusTo(id, "replied");
    await changeStatusTo(id, "closed");
    await deliverDueEmails();
    expect(smtp.received.filter((m) => m.to.includes(email) && m.subject.includes("How did we do"))).toHaveLength(1);

    expect(await ratingPage(token)).toEqual({ reference: `REQ-${String(id).padStart(6, "0")}`, rated: null });
    await expect(submitRating(token, 9)).rejects.toThrow(/1 to 5/);
    await expect(submitRating(`${token.slice(0, -2)}xx`, 5)).rejects.toThrow(/not valid/);
    expect(await submitRating(token, 5)).toMatchObject({ rating: 5 });
    await expect(submitRating(token, 1)).rejects.toThrow(/already been used/);
    expect((await taskPage(id)).survey).toMatchObject({ rating: 5, closingSentiment: "positive" });
    const report = await satisfactionReport();
    expect(report.overall).toMatchObject({ rated: 1, mean: 5, agreement: 1 });
    expect(report.categories).toEqual([expect.objectContaining({ key: "Billing", rated: 1 })]);
  });

  it("refuses an expired link", async () => {
    process.env.AUTH_SECRET ??= "a-test-secret-that-is-at-least-32-chars-long";
    const token = ratingToken(1, new Date(Date.now() - 1000));
    expect(() => readRatingToken(token)).toThrow(/expired/);
  });
});

describe("API", () => {
  const documented = documentChecker();
  async function answer(operation: string, handler: Handler, options: Parameters<typeof call>[1]) {
    resetRateLimits();
    const result = await call(handler, options);
    expect(documented(operation, result.status, result.json), JSON.stringify(result.json).slice(0, 400)).toEqual([]);
    return result;
  }

  it("GET /tasks/{id} has messages and sentiment_trend; POST /tasks/{id}/messages adds either side; the list filters by q and trend — each answer as documented", async () => {
    const admin = await createUser({ email: `${unique("admin")}@example.test`, name: "Admin", password: "admin-pass-123", role: "admin" }, null);
    const key = (await createApiKey({ name: "conversations", scopes: ["tasks:read", "tasks:write"] }, admin.id)).secret;
    const email = `${unique("api")}@example.test`;
    const id = await newRequest(email);
    const params = { id: String(id) };
    const path = `/api/v1/tasks/${id}/messages`;

    const followUp = await answer("POST /tasks/{id}/messages", taskMessages.POST, { method: "POST", key, params, path, body: { author: "customer", text: HAPPY } });
    expect(followUp.status).toBe(201);
    expect(followUp.json.message).toMatchObject({ author: "customer", sentiment: "positive", internal: false });
    expect(followUp.json.sentiment_trend).toEqual({ opening: "negative", latest: "positive", change: "improving" });

    const reply = await answer("POST /tasks/{id}/messages", taskMessages.POST, { method: "POST", key, params, path, body: { author: "agent", text: "Glad it worked out." } });
    expect(reply.json).toMatchObject({ emailed: true, message: { author: "agent", author_name: "Admin", email_status: "pending" } });
    const note = await answer("POST /tasks/{id}/messages", taskMessages.POST, { method: "POST", key, params, path, body: { author: "agent", text: "Closing soon.", internal: true } });
    expect(note.json).toMatchObject({ emailed: false, message: { internal: true, email_status: null } });
    const bad = await answer("POST /tasks/{id}/messages", taskMessages.POST, { method: "POST", key, params, path, body: { author: "customer", text: "x", internal: true } });
    expect(bad.status).toBe(422);
    expect((await answer("POST /tasks/{id}/messages", taskMessages.POST, { method: "POST", key, params: { id: "99999999" }, path, body: { author: "customer", text: "Hello there" } })).status).toBe(404);

    const detail = await answer("GET /tasks/{id}", taskDetail.GET, { key, params, path: `/api/v1/tasks/${id}` });
    expect(detail.json.messages.map((m: { author: string; internal: boolean }) => [m.author, m.internal])).toEqual([["customer", false], ["customer", false], ["agent", false], ["agent", true]]);
    expect(detail.json.sentiment_trend.change).toBe("improving");

    const byEmail = await answer("GET /tasks", taskList.GET, { key, path: `/api/v1/tasks?q=${encodeURIComponent(email)}&trend=improving` });
    expect(byEmail.json.tasks.map((t: { id: number }) => t.id)).toEqual([id]);
    expect((await answer("GET /tasks", taskList.GET, { key, path: `/api/v1/tasks?q=${encodeURIComponent(email)}&trend=worsening` })).json.tasks).toEqual([]);
    expect((await answer("GET /tasks", taskList.GET, { key, path: "/api/v1/tasks?trend=up" })).status).toBe(422);
  });

  it("POST /inbound-email answers as documented", async () => {
    process.env.INBOUND_EMAIL_SECRET = "inbound-secret-for-tests-0123456789";
    resetEnvCache();
    try {
      const headers = { "x-inbound-secret": "inbound-secret-for-tests-0123456789" };
      const created = await answer("POST /inbound-email", inbound.POST, { method: "POST", headers, body: { from: `${unique("doc")}@example.test`, subject: "Hi", text: ANGRY } });
      expect(created.status).toBe(201);
      const ignored = await answer("POST /inbound-email", inbound.POST, { method: "POST", headers, body: { from: "postmaster@example.test", text: "bounce" } });
      expect(ignored.json).toMatchObject({ status: "ignored", task_id: null });
      expect((await answer("POST /inbound-email", inbound.POST, { method: "POST", body: { from: "x@example.test", text: "hi" } })).status).toBe(401);
    } finally {
      delete process.env.INBOUND_EMAIL_SECRET;
      resetEnvCache();
    }
  });
});
