import Link from "@/components/link";

export default function NotFound() {
  return (
    <main className="flex min-h-[60vh] items-center justify-center px-4">
      <div className="card max-w-md text-center">
        <h1 className="page-title mb-2">Page not found</h1>
        <Link href="/" className="btn-primary">Back to the dashboard</Link>
      </div>
    </main>
  );
}
