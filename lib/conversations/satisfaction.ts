// Customer satisfaction as ground truth (issue 20): closing a task e-mails the customer a
// rating link. The link's token is signed (HMAC with AUTH_SECRET) and carries its survey and
// expiry, so nobody can make one up; the survey row makes it one use.
import crypto from "node:crypto";
import { getTaskDetail } from "@/db/queries/task-detail";
import { getSurvey, insertSurvey, ratingSummary, recordSurveyRating } from "@/db/queries/satisfaction";
import { formatReference } from "@/db/reference";
import { env } from "@/lib/platform/env";
import { AppError } from "@/lib/platform/errors";
import { logger } from "@/lib/platform/logger";
import { queueEmail } from "@/lib/mail/outbox";

export const RATINGS = [1, 2, 3, 4, 5] as const;
const DAY_MS = 86_400_000;

function signingKey(): Buffer | null {
  const secret = process.env.AUTH_SECRET;
  return secret ? crypto.createHash("sha256").update(`satisfaction-link:${secret}`).digest() : null;
}

const sign = (key: Buffer, payload: string) => crypto.createHmac("sha256", key).update(payload).digest("base64url");

export function ratingToken(surveyId: number, expiresAt: Date): string {
  const key = signingKey();
  if (!key) throw new AppError("unavailable:auth_secret", "AUTH_SECRET is not set, so rating links cannot be signed.");
  const payload = `${surveyId}.${expiresAt.getTime()}`;
  return `${payload}.${sign(key, payload)}`;
}

/** The survey a token names, once its signature and expiry hold; AppError otherwise (the page shows the message). */
export function readRatingToken(token: string, now = new Date()): number {
  const key = signingKey();
  const m = /^(\d{1,12})\.(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(token);
  const invalid = new AppError("bad_request:rating_link", "This rating link is not valid. Please use the link from your e-mail as it is.");
  if (!key || !m) throw invalid;
  const expected = Buffer.from(sign(key, `${m[1]}.${m[2]}`));
  if (!crypto.timingSafeEqual(expected, Buffer.from(m[3]))) throw invalid;
  if (Number(m[2]) <= now.getTime()) throw new AppError("bad_request:rating_link_expired", "This rating link has expired. Thank you all the same.");
  return Number(m[1]);
}

export function publicUrl(path: string): string {
  const base = env().APP_PUBLIC_URL ?? process.env.AUTH_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
  return new URL(path, base.endsWith("/") ? base : `${base}/`).toString();
}

/**
 * On a task's first close: its survey (the closing sentiment and owner as they are now) and the
 * e-mail with the link. Nothing when the customer left no address or mail is not set up; never
 * throws — closing must not fail for it.
 */
export async function offerRating(taskId: number, now = new Date()): Promise<void> {
  try {
    const detail = await getTaskDetail({ id: taskId });
    if (!detail?.account.email || !signingKey()) return;
    const expiresAt = new Date(now.getTime() + env().SATISFACTION_LINK_DAYS * DAY_MS);
    const surveyId = await insertSurvey({ taskId, expiresAt });
    if (surveyId === null) return;
    const link = publicUrl(`feedback/rate?token=${ratingToken(surveyId, expiresAt)}`);
    await queueEmail({
      to: [detail.account.email],
      reason: "task.rating",
      subject: `[${formatReference(taskId)}] How did we do?`,
      text: [
        `Hello ${detail.account.name},`,
        "",
        `Your request ${formatReference(taskId)} is closed. How satisfied are you with our help? One click is enough:`,
        "",
        ...RATINGS.map((r) => `${"★".repeat(r)}${"☆".repeat(5 - r)}  ${link}&rating=${r}`),
        "",
        `The link works once and for ${env().SATISFACTION_LINK_DAYS} days.`,
      ].join("\n"),
    });
  } catch (error) {
    logger.error("rating link not offered", { taskId, error });
  }
}

/** The rating page's survey: what it is about, and whether it can still be rated. */
export async function ratingPage(token: string) {
  const id = readRatingToken(token);
  const survey = await getSurvey({ id });
  if (!survey) throw new AppError("bad_request:rating_link", "This rating link is not valid. Please use the link from your e-mail as it is.");
  return { reference: formatReference(survey.taskId), rated: survey.rating };
}

export async function submitRating(token: string, rawRating: unknown): Promise<{ reference: string; rating: number }> {
  const rating = Number(rawRating);
  if (!Number.isInteger(rating) || rating < 1 || rating > 5) throw new AppError("validation:rating", "Choose a rating from 1 to 5.");
  const id = readRatingToken(token);
  const survey = await getSurvey({ id });
  if (!survey) throw new AppError("bad_request:rating_link", "This rating link is not valid.");
  if (!(await recordSurveyRating({ id, rating, now: new Date() }))) {
    throw new AppError("conflict:rating_used", "This link has already been used to rate the request. Thank you!");
  }
  return { reference: formatReference(survey.taskId), rating };
}

/** Rating 1–2 agrees with a negative closing sentiment, 3 with neutral, 4–5 with positive. */
export async function satisfactionReport() {
  const [all, agents, categoriesRows] = await Promise.all([ratingSummary({ by: "all" }), ratingSummary({ by: "agent" }), ratingSummary({ by: "category" })]);
  const shape = (r: { key: string | null; rated: number; mean: number; agrees: number; scored: number }) => ({
    key: r.key,
    rated: r.rated,
    mean: r.mean,
    agreement: r.scored ? r.agrees / r.scored : null,
  });
  return { overall: all[0] ? shape(all[0]) : null, agents: agents.map(shape), categories: categoriesRows.map(shape) };
}
