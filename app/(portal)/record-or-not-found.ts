// What a portal page at /…/[id] shows: the record the id names, or the 404 page when the id is
// not a positive whole number or no such record exists. Any other error is a real failure and
// propagates to the error page.
import { notFound } from "next/navigation";
import { isAppError } from "@/lib/platform/errors";

export async function recordOrNotFound<T>(params: Promise<{ id: string }>, load: (id: number) => Promise<T>): Promise<T> {
  const id = Number((await params).id);
  if (!Number.isInteger(id) || id <= 0) notFound();
  try {
    return await load(id);
  } catch (error) {
    if (isAppError(error) && error.kind === "not_found") notFound();
    throw error;
  }
}
