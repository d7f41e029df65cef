// The one wrapper for server actions: authenticates, checks the role, turns the FormData
// into plain fields and failures into a form state instead of a thrown error. What the
// fields mean is checked once, by the lib/ function the action calls (its AppError's
// field errors come back to the form); a schema here only turns a form's ids into numbers
// for lib/ functions that take them typed.
import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import type { Role } from "@/db/schema";
import { requireRole, type CurrentUser } from "@/lib/auth/session";
import { AppError, parseOrThrow, type FieldErrors } from "@/lib/platform/errors";
import { logger } from "@/lib/platform/logger";
import { currentRequestId } from "@/lib/platform/request-id";

export type ActionState<T = unknown> = { ok?: boolean; message?: string; error?: string; fieldErrors?: FieldErrors; data?: T };

/** A form's fields: each one's string, or the strings of a repeated field (a checkbox group). */
export type FormFields = Record<string, string | string[]>;

type Handler<D, T> = (data: D, user: CurrentUser) => Promise<ActionState<T> | void>;
type FormAction<T> = (previous: ActionState<T> | undefined, formData: FormData) => Promise<ActionState<T>>;

export function validatedAction<T = unknown>(role: Role, handler: Handler<FormFields, T>): FormAction<T>;
export function validatedAction<S extends z.ZodType, T = unknown>(role: Role, schema: S, handler: Handler<z.output<S>, T>): FormAction<T>;
export function validatedAction<T>(role: Role, ...args: [Handler<FormFields, T>] | [z.ZodType, Handler<unknown, T>]): FormAction<T> {
  const [schema, handler] = args.length === 1 ? [null, args[0] as Handler<unknown, T>] : args;
  return async (_previous, formData) => {
    try {
      const user = await requireRole(role);
      const form = formToObject(formData);
      return (await handler(schema ? parseOrThrow(schema, form, "validation:form", "Please correct the highlighted fields.") : form, user)) ?? { ok: true };
    } catch (error) {
      unstable_rethrow(error); // redirect() and notFound() are control flow, not failures
      if (error instanceof AppError) return { error: error.message, fieldErrors: error.details?.fieldErrors };
      logger.error("server action failed", { requestId: await currentRequestId(), error });
      return { error: "Something went wrong on our side. Nothing was changed." };
    }
  };
}

/** Repeated keys (checkbox groups) become arrays; everything else a single string. */
export function formToObject(formData: FormData): FormFields {
  const out: FormFields = {};
  for (const key of new Set(formData.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const values = formData.getAll(key).filter((v): v is string => typeof v === "string");
    out[key] = values.length > 1 || key.endsWith("[]") ? values : (values[0] ?? "");
  }
  return out;
}

/** A field that may be ticked once, many times or not at all, as a list. */
export function formList(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}
