// Every request of one account as CSV.
import { accountTasksCsv } from "@/lib/at-risk";
import { requireRole } from "@/lib/auth/session";
import { csvResponse } from "@/lib/csv";
import { isAppError } from "@/lib/errors";
import { parseId } from "@/lib/tasks";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    await requireRole("supervisor");
    const id = parseId((await params).id, "account");
    return csvResponse(await accountTasksCsv(id), `account-${id}-requests.csv`);
  } catch (error) {
    if (isAppError(error)) return error.toResponse();
    throw error;
  }
}
