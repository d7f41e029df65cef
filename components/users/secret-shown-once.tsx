// A new secret (API key, webhook signing secret) as the server returns it once: it is not
// stored in a form anyone can read back, so the page says so and shows it whole to copy now.
import type { ReactNode } from "react";

export function SecretShownOnce({ message, secret, testId, children }: { message?: string; secret: unknown; testId?: string; children?: ReactNode }) {
  return (
    <div role="status" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm">
      <p className="font-medium">{message}</p>
      <code data-testid={testId} className="mt-1 block break-all rounded bg-white p-2">{String(secret)}</code>
      {children}
    </div>
  );
}
