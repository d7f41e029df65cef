import type { Metadata } from "next";
import Link from "@/components/link";

export const metadata: Metadata = { title: "Thank you" };

export default async function ThanksPage({ searchParams }: { searchParams: Promise<{ ref?: string }> }) {
  const { ref } = await searchParams;
  const reference = ref && /^REQ-\d{1,12}$/.test(ref) ? ref : null;
  return (
    <main className="mx-auto max-w-2xl px-4 py-10">
      <div className="card">
        <h1 className="page-title mb-2">Thank you — we received your message</h1>
        {reference ? <p className="mb-4 text-slate-800">Your reference is <strong data-testid="feedback-reference">{reference}</strong>.</p> : null}
        <p className="mb-6 text-sm text-slate-700">We will get back to you by e-mail.</p>
        <Link href="/feedback" className="btn-secondary">Send another message</Link>
      </div>
    </main>
  );
}
