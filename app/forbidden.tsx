import Link from "@/components/link";

export default function Forbidden() {
  return (
    <main className="flex min-h-[60vh] items-center justify-center px-4">
      <div className="card max-w-md text-center">
        <h1 className="page-title mb-2">Not allowed</h1>
        <p className="mb-4 text-sm text-slate-700">Your role does not give access to this page. Ask an administrator if you need it.</p>
        <Link href="/" className="btn-primary">Back to the dashboard</Link>
      </div>
    </main>
  );
}
