// The public feedback form: a customer's request becomes a scored task at once.
// Rate-limited per e-mail address and per client address, so one sender cannot flood the
// agents' queue by changing either; the counters are in the database (lib/api/rate-limit.ts),
// so the limits hold across every web process.
import { z } from "zod";
import { listCategories } from "@/db/queries/catalog";
import { createScoredTask } from "@/lib/intake/scored-task";
import { formatReference } from "@/db/reference";
import { takeToken } from "@/lib/api/rate-limit";
import { env } from "@/lib/platform/env";
import { AppError, parseOrThrow } from "@/lib/platform/errors";
import { MAX_TEXT_CHARS } from "@/lib/sentiment/analyze";
import { isBlankText } from "@/models/validation";

export const FEEDBACK_LIMIT = { requests: 5, windowMs: 10 * 60 * 1000 };

export const feedbackSchema = z.object({
  name: z.string().trim().min(1, "Enter your name.").max(120, "The name is too long (120 characters at most)."),
  email: z.string().trim().toLowerCase().pipe(z.email("Enter a valid e-mail address.")),
  category: z.string().trim().min(1, "Choose what your request is about."),
  text: z
    .string()
    .trim()
    .min(10, "Tell us a little more (at least 10 characters).")
    .max(MAX_TEXT_CHARS, `Please keep it under ${MAX_TEXT_CHARS} characters.`)
    .refine((t) => !isBlankText(t), "Tell us in words what your request is about."),
});

export async function feedbackCategories() {
  return (await listCategories()).map((c) => c.name);
}

const TOO_MANY = "You have sent several requests in the last few minutes. Please wait a little before sending another.";

export async function submitFeedback(input: unknown, from: { clientAddress?: string | null } = {}): Promise<{ reference: string }> {
  const { name, email, category, text } = parseOrThrow(feedbackSchema, input, "validation:feedback", "Please correct the highlighted fields.");
  if (from.clientAddress) {
    // A bucket of N refilled at N per hour.
    const perHour = env().FEEDBACK_LIMIT_PER_ADDRESS_PER_HOUR;
    if ((await takeToken(`feedback:${from.clientAddress}`, { perMinute: perHour / 60, burst: perHour })) > 0) {
      throw new AppError("rate_limited:feedback", TOO_MANY);
    }
  }
  // FEEDBACK_LIMIT.requests at once, refilled over FEEDBACK_LIMIT.windowMs.
  const perEmail = { perMinute: (FEEDBACK_LIMIT.requests * 60_000) / FEEDBACK_LIMIT.windowMs, burst: FEEDBACK_LIMIT.requests };
  if ((await takeToken(`feedback-email:${email}`, perEmail)) > 0) throw new AppError("rate_limited:feedback", TOO_MANY);
  const task = await createScoredTask({ account: { name, email }, category, channel: "web", text });
  return { reference: formatReference(task.taskId) };
}
