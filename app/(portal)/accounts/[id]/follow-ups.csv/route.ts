// One account's follow-ups as CSV.
import { requireRole } from "@/lib/auth/session";
import { csvResponse } from "@/lib/csv";
import { isAppError } from "@/lib/errors";
import { parseId } from "@/lib/tasks";
import { accountFollowUpsCsv } from "@/lib/follow-ups";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    await requireRole("supervisor");
    const id = parseId((await params).id, "account");
    return csvResponse(await accountFollowUpsCsv(id), `account-${id}-follow-ups.csv`);
  } catch (error) {
    if (isAppError(error)) return error.toResponse();
    throw error;
  }
}
