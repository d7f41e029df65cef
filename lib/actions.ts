// The one wrapper for server actions: authenticates, checks the role, validates the
// form with zod and turns failures into a form state instead of a thrown error.
import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import type { Role } from "@/db/schema";
import { requireRole, type CurrentUser } from "@/lib/auth/session";
import { AppError, fieldErrors } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { currentRequestId } from "@/lib/request-id";

export type ActionState<T = unknown> = { ok?: boolean; message?: string; error?: string; fieldErrors?: Record<string, string>; data?: T };

export function validatedAction<S extends z.ZodType, T = unknown>(
  role: Role,
  schema: S,
  handler: (data: z.infer<S>, user: CurrentUser) => Promise<ActionState<T> | void>,
) {
  return async (_previous: ActionState<T> | undefined, formData: FormData): Promise<ActionState<T>> => {
    try {
      const user = await requireRole(role);
      const parsed = schema.safeParse(formToObject(formData));
      if (!parsed.success) return { error: "Please correct the highlighted fields.", fieldErrors: fieldErrors(parsed.error.issues) };
      return (await handler(parsed.data, user)) ?? { ok: true };
    } catch (error) {
      unstable_rethrow(error); // redirect() and notFound() are control flow, not failures
      if (error instanceof AppError) return { error: error.message, fieldErrors: error.details?.fieldErrors };
      logger.error("server action failed", { requestId: await currentRequestId(), error });
      return { error: "Something went wrong on our side. Nothing was changed." };
    }
  };
}

/** Repeated keys (checkbox groups) become arrays; everything else a single string. */
export function formToObject(formData: FormData): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(formData.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const values = formData.getAll(key).filter((v): v is string => typeof v === "string");
    out[key] = values.length > 1 || key.endsWith("[]") ? values : (values[0] ?? "");
  }
  return out;
}
