// Every request of one account as CSV.
import { accountTasksCsv } from "@/lib/at-risk";
import { requireRole } from "@/lib/auth/session";
import { csvResponse } from "@/lib/csv";
import { AppError, isAppError } from "@/lib/errors";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    await requireRole("supervisor");
    const id = Number((await params).id);
    if (!Number.isInteger(id) || id <= 0) throw new AppError("not_found:account", "No such account.");
    return csvResponse(await accountTasksCsv(id), `account-${id}-requests.csv`);
  } catch (error) {
    if (isAppError(error)) return error.toResponse();
    throw error;
  }
}
