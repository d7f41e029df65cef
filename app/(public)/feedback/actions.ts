"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { ActionState } from "@/lib/actions";
import { clientAddress } from "@/lib/client-address";
import { AppError } from "@/lib/errors";
import { submitFeedback } from "@/lib/feedback";
import { logger } from "@/lib/logger";
import { currentRequestId } from "@/lib/request-id";

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
