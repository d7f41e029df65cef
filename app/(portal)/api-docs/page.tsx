import type { Metadata } from "next";
import { headers } from "next/headers";
import { requirePageRole } from "@/lib/auth/session";
import { ApiOperations } from "@/components/api/api-operations";
import { SchemaFieldsTable } from "@/components/api/schema-fields-table";
import { OPERATIONS } from "@/app/api/v1/operations";
import { openApiDocument } from "@/lib/api/openapi";
import { schemaFields } from "@/lib/api/schema-fields";

type DocOperation = {
  parameters: { name: string; in: string; schema: object }[];
  requestBody?: { content: { "application/json": { schema: object } } };
  responses: Record<string, { description: string; content: { "application/json": { schema: object } } }>;
};

export const metadata: Metadata = { title: "API" };

export default async function ApiDocsPage() {
  await requirePageRole("/api-docs");
  const paths = openApiDocument(OPERATIONS).paths as Record<string, Record<string, DocOperation>>;
  // The example calls the address the reader reached this page at, so it works as pasted.
  const h = await headers();
  const origin = `${h.get("x-forwarded-proto")?.split(",")[0].trim() || "http"}://${h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000"}`;
  return (
    <div className="space-y-6">
      <h1 className="page-title">REST API v1</h1>
      <section className="card space-y-2 text-sm">
        <p>
          Base URL <code>/api/v1</code>. Authenticate with <code>Authorization: Bearer csa_…</code> (an admin creates keys on the Users page) or call from a
          signed-in browser session within your role. Bodies are JSON (<code>content-type: application/json</code>, at most 1 MB).
        </p>
        <p>
          Field names are snake_case, dates ISO 8601. Errors: <code>{`{"error": {"code", "message", "details"}}`}</code> — 400 malformed JSON, 401 missing or
          bad key, 403 missing scope, 404 unknown id or path, 405 method not served (see <code>Allow</code>), 413 too large, 415 wrong content type, 422
          validation (details list each field path), 429 rate limited and 503 database busy (both with <code>Retry-After</code>). Every response has an{" "}
          <code>x-request-id</code> header. Machine-readable: <a className="text-blue-700 underline" href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3.1).
        </p>
      </section>
      <section className="space-y-3" aria-labelledby="routes-heading">
        <h2 id="routes-heading" className="text-lg font-semibold">Routes</h2>
        <ApiOperations
          items={OPERATIONS.map((op) => {
            const doc = paths[op.path][op.method];
            const query = doc.parameters.filter((p) => p.in === "query");
            const body = doc.requestBody?.content["application/json"].schema;
            const success = op.success.map(String);
            const queryFields = query.flatMap((p) => schemaFields({ type: "object", properties: { [p.name]: p.schema } }));
            const bodyFields = body ? schemaFields(body) : [];
            const answerFields = schemaFields(doc.responses[success[0]].content["application/json"].schema);
            const statuses = Object.keys(doc.responses);
            return {
              id: anchor(op.method, op.path),
              method: op.method,
              path: op.path,
              scope: op.scope ?? "X-Inbound-Secret",
              summary: op.summary,
              searchText: [...queryFields, ...bodyFields, ...answerFields].map((f) => f.path).concat(statuses, op.description ?? "").join(" "),
              details: (
                <>
                  <p className="text-slate-700">
                    {op.summary}. {op.scope ? <>Scope <code>{op.scope}</code>.</> : <>Authenticated by the <code>X-Inbound-Secret</code> header, not an API key.</>}
                  </p>
                  {op.description ? <p className="mt-1 text-slate-700">{op.description}</p> : null}
                  {queryFields.length ? <SchemaFieldsTable caption="Query parameters" fields={queryFields} /> : null}
                  {body ? <SchemaFieldsTable caption="Request body" fields={bodyFields} /> : null}
                  <SchemaFieldsTable caption={`Answer: ${success.map((s) => `${s} ${doc.responses[s].description}`).join(", ")}`} fields={answerFields} />
                  <p className="mt-2 text-xs text-slate-700">Errors: {statuses.filter((s) => !success.includes(s)).join(", ")}.</p>
                </>
              ),
            };
          })}
        />
      </section>
      <section className="card text-sm">
        <h2 className="mb-2 text-lg font-semibold">Example</h2>
        <pre className="overflow-x-auto rounded bg-slate-900 p-3 text-slate-100">{`curl -s ${origin}/api/v1/predictions \\
  -H "Authorization: Bearer $CSA_KEY" -H "content-type: application/json" \\
  -d '{"persist": false, "inputs": ["My refund never arrived", "Thanks, all sorted!"]}'`}</pre>
      </section>
    </div>
  );
}

const anchor = (method: string, path: string) => `${method}-${path}`.replace(/[^a-z0-9]+/gi, "-").replace(/-+$/, "").toLowerCase();
