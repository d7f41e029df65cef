"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { ActionState } from "@/lib/platform/server-action";
import { clientAddress } from "@/lib/platform/client-address";
import { AppError } from "@/lib/platform/errors";
import { submitFeedback } from "@/lib/intake/feedback-form";
import { logger } from "@/lib/platform/logger";
import { currentRequestId } from "@/lib/platform/request-id";

// Public: no role to check. Validation, rate limiting and storage live in lib/feedback.
export type FeedbackState = ActionState & { values?: Record<string, string> };

export async function submitFeedbackAction(_previous: FeedbackState | undefined, formData: FormData): Promise<FeedbackState> {
  // An unchosen <select> sends nothing at all; treat every missing field as empty.
  const values = Object.fromEntries(["name", "email", "category", "text"].map((k) => [k, String(formData.get(k) ?? "")]));
  let reference: string;
  try {
    ({ reference } = await submitFeedback(values, { clientAddress: clientAddress(await headers()) }));
  } catch (error) {
    // The values go back so the form keeps what the customer typed.
    if (error instanceof AppError) return { error: error.message, fieldErrors: error.details?.fieldErrors, values };
    logger.error("feedback submission failed", { requestId: await currentRequestId(), error });
    return { error: "We could not save your request just now. Please try again in a minute.", values };
  }
  redirect(`/feedback/thanks?ref=${encodeURIComponent(reference)}`);
}
