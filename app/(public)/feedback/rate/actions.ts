"use server";

import type { ActionState } from "@/lib/platform/server-action";
import { submitRating } from "@/lib/conversations/satisfaction";
import { AppError } from "@/lib/platform/errors";
import { logger } from "@/lib/platform/logger";
import { currentRequestId } from "@/lib/platform/request-id";

// Public: no role to check. The signed, one-use token is the permission (lib/conversations/satisfaction.ts).
export async function rateAction(_previous: ActionState | undefined, formData: FormData): Promise<ActionState> {
  try {
    const { reference, rating } = await submitRating(String(formData.get("token") ?? ""), formData.get("rating"));
    return { ok: true, message: `Thank you! You rated ${reference} ${rating} out of 5.` };
  } catch (error) {
    if (error instanceof AppError) return { error: error.message };
    logger.error("rating failed", { requestId: await currentRequestId(), error });
    return { error: "We could not save your rating just now. Please try again in a minute." };
  }
}
