import type { Metadata } from "next";
import { RatingForm } from "@/components/conversations/rating-form";
import { isAppError } from "@/lib/platform/errors";
import { ratingPage } from "@/lib/conversations/satisfaction";

export const metadata: Metadata = { title: "Rate our help" };

// A GET never records anything: mail scanners open links before people do, and would use up the
// one-use link. The page marks the rating the link named; the customer's click records it.
export default async function RatePage({ searchParams }: { searchParams: Promise<{ token?: string; rating?: string }> }) {
  const { token = "", rating } = await searchParams;
  let survey: Awaited<ReturnType<typeof ratingPage>> | null = null;
  let problem: string | null = null;
  try {
    survey = await ratingPage(token);
  } catch (error) {
    if (!isAppError(error)) throw error;
    problem = error.message;
  }
  const chosen = Number(rating);
  return (
    <main className="mx-auto max-w-2xl px-4 py-10">
      <div className="card space-y-4">
        <h1 className="page-title">How did we do?</h1>
        {problem ? <p role="alert" className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800">{problem}</p> : null}
        {survey && survey.rated !== null ? <p role="status">You already rated {survey.reference} {survey.rated} out of 5. Thank you!</p> : null}
        {survey && survey.rated === null ? (
          <>
            <p className="text-slate-800">How satisfied are you with our help on request <strong>{survey.reference}</strong>?</p>
            <RatingForm token={token} chosen={Number.isInteger(chosen) && chosen >= 1 && chosen <= 5 ? chosen : null} />
          </>
        ) : null}
      </div>
    </main>
  );
}
