import type { Metadata } from "next";
import { requirePageRole } from "@/lib/auth/session";
import { OPERATIONS } from "@/lib/api/openapi";

export const metadata: Metadata = { title: "API" };

export default async function ApiDocsPage() {
  await requirePageRole("agent");
  return (
    <div className="space-y-6">
      <h1 className="page-title">REST API v1</h1>
      <section className="card space-y-2 text-sm">
        <p>
          Base URL <code>/api/v1</code>. Authenticate with <code>Authorization: Bearer csa_…</code> (an admin creates keys on the Users page) or call from a
          signed-in browser session within your role. Bodies are JSON (<code>content-type: application/json</code>, at most 1 MB).
        </p>
        <p>
          Errors: <code>{`{"error": {"code", "message", "details"}}`}</code> — 400 malformed JSON, 401 missing or bad key, 403 missing scope, 404, 413 too large, 415
          wrong content type, 422 validation (details list each field path), 429 rate limited (see <code>Retry-After</code>). Every response has an{" "}
          <code>x-request-id</code> header. Machine-readable: <a className="text-blue-700 underline" href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3.1).
        </p>
      </section>
      <section className="card overflow-x-auto">
        <table className="data-table">
          <thead><tr><th scope="col">Method</th><th scope="col">Path</th><th scope="col">Scope</th><th scope="col">What it does</th></tr></thead>
          <tbody>
            {OPERATIONS.map((op) => (
              <tr key={`${op.method} ${op.path}`}>
                <td className="font-mono uppercase">{op.method}</td>
                <td className="font-mono">{op.path}</td>
                <td><code>{op.scope}</code></td>
                <td>{op.summary}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="card text-sm">
        <h2 className="mb-2 text-lg font-semibold">Example</h2>
        <pre className="overflow-x-auto rounded bg-slate-900 p-3 text-slate-100">{`curl -s http://localhost:3000/api/v1/predictions \\
  -H "Authorization: Bearer $CSA_KEY" -H "content-type: application/json" \\
  -d '{"persist": false, "inputs": ["My refund never arrived", "Thanks, all sorted!"]}'`}</pre>
      </section>
    </div>
  );
}
