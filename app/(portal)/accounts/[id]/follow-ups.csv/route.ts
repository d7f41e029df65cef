// One account's follow-ups as CSV.
import { requireRole } from "@/lib/auth/session";
import { csvResponse } from "@/lib/csv";
import { AppError, isAppError } from "@/lib/errors";
import { accountFollowUpsCsv } from "@/lib/follow-ups";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    await requireRole("supervisor");
    const id = Number((await params).id);
    if (!Number.isInteger(id) || id <= 0) throw new AppError("not_found:account", "No such account.");
    return csvResponse(await accountFollowUpsCsv(id), `account-${id}-follow-ups.csv`);
  } catch (error) {
    if (isAppError(error)) return error.toResponse();
    throw error;
  }
}
