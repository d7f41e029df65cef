// The public feedback form: a customer's request becomes a scored task at once.
// Rate-limited per e-mail address so one sender cannot flood the agents' queue.
import { z } from "zod";
import { findAccountByRef, listCategories } from "@/db/queries/catalog";
import { countAccountTasksSince } from "@/db/queries/tasks";
import { createScoredTask } from "@/lib/analysis";
import { AppError, fieldErrors } from "@/lib/errors";
import { MAX_TEXT_CHARS } from "@/lib/sentiment/analyze";

export const FEEDBACK_LIMIT = { requests: 5, windowMs: 10 * 60 * 1000 };

export const feedbackSchema = z.object({
  name: z.string().trim().min(1, "Enter your name.").max(120, "The name is too long (120 characters at most)."),
  email: z.string().trim().toLowerCase().pipe(z.email("Enter a valid e-mail address.")),
  category: z.string().trim().min(1, "Choose what your request is about."),
  text: z
    .string()
    .trim()
    .min(10, "Tell us a little more (at least 10 characters).")
    .max(MAX_TEXT_CHARS, `Please keep it under ${MAX_TEXT_CHARS} characters.`),
});

export async function feedbackCategories() {
  return (await listCategories()).map((c) => c.name);
}

export async function submitFeedback(input: unknown): Promise<{ reference: string }> {
  const parsed = feedbackSchema.safeParse(input);
  if (!parsed.success) throw new AppError("validation:feedback", "Please correct the highlighted fields.", { fieldErrors: fieldErrors(parsed.error.issues) });
  const { name, email, category, text } = parsed.data;
  const account = await findAccountByRef({ externalRef: `email:${email}` });
  if (account) {
    const recent = await countAccountTasksSince({ accountId: account.id, since: new Date(Date.now() - FEEDBACK_LIMIT.windowMs) });
    if (recent >= FEEDBACK_LIMIT.requests) {
      throw new AppError("rate_limited:feedback", "You have sent several requests in the last few minutes. Please wait a little before sending another.");
    }
  }
  const task = await createScoredTask({ account: { name, email }, category, channel: "web", text });
  return { reference: `REQ-${String(task.taskId).padStart(6, "0")}` };
}
