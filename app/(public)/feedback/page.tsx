import type { Metadata } from "next";
import { FeedbackForm } from "@/components/feedback-form";
import { feedbackCategories } from "@/lib/intake/feedback-form";
import { MAX_TEXT_CHARS } from "@/lib/sentiment/analyze";

export const metadata: Metadata = { title: "Contact support" };
export const dynamic = "force-dynamic";

export default async function FeedbackPage() {
  const categories = await feedbackCategories();
  return (
    <main className="mx-auto max-w-2xl px-4 py-10">
      <div className="card">
        <h1 className="page-title mb-1">Contact support</h1>
        <p className="mb-6 text-sm text-slate-700">Tell us what happened or what you think. A member of our team reads every message.</p>
        <FeedbackForm categories={categories} maxChars={MAX_TEXT_CHARS} />
      </div>
    </main>
  );
}
