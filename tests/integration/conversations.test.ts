// Conversations (issue 20) on a real database and a real local SMTP server: follow-ups scored
// and the task's labels with them, the trend, replies e-mailed with threading headers,
// internal notes kept in the portal.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { emailOutbox, tasks } from "@/db/schema";
import { createScoredTask } from "@/lib/analysis";
import { resetEnvCache } from "@/lib/env";
import { addAgentMessage, addCustomerMessage, conversation } from "@/lib/conversations/messages";
import { deliverDueEmails } from "@/lib/mail/outbox";
import { seedDemo } from "@/lib/seed";
import { taskPage } from "@/lib/tasks";
import { createUser } from "@/lib/users";
import { startSmtpServer } from "../support/smtp";
import { useFreshDatabase, unique } from "../support/temp-db";

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let agent = { id: 0, name: "Avery Agent" };

const ANGRY = "This is unacceptable, I was charged twice and nobody answers. I am furious.";
const HAPPY = "Thank you so much, the refund arrived and everything works perfectly now. Great service!";

beforeAll(async () => {
  smtp = await startSmtpServer(0);
  Object.assign(process.env, { SMTP_HOST: "127.0.0.1", SMTP_PORT: String(smtp.port), SMTP_TLS: "none", SMTP_FROM: "Support <support@csa.test>" });
  resetEnvCache();
  await useFreshDatabase();
  await seedDemo({ tasks: 200, examples: 1500, quiet: true });
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
