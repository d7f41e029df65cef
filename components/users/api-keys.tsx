"use client";

import { useActionState } from "react";
import { createApiKeyAction, revokeApiKeyAction } from "@/app/(portal)/users/actions";
import { EmptyRow } from "@/components/empty-row";
import { ConfirmSubmit } from "@/components/confirm-submit";
import { ActionOutcome } from "@/components/action-outcome";

/** `lastUsed`: already written in the organisation's time zone by the page (a client component has no org clock). */
type Key = { id: number; name: string; prefix: string; scopes: string[]; lastUsed: string | null; revoked: boolean };

export function ApiKeys({ keys, scopes }: { keys: Key[]; scopes: readonly string[] }) {
  const [state, action, pending] = useActionState(createApiKeyAction, undefined);
  const [revokeState, revoke] = useActionState(revokeApiKeyAction, undefined);
  return (
    <div className="space-y-4">
      <form action={action} className="grid gap-3 md:grid-cols-[16rem_1fr_auto] md:items-end">
        <div>
          <label htmlFor="key-name" className="field-label">Name (the system using it)</label>
          <input id="key-name" name="name" className="field-input" maxLength={80} />
        </div>
        <fieldset>
          <legend className="field-label">Scopes</legend>
          <div className="flex flex-wrap gap-3">
            {scopes.map((s) => (
              <label key={s} className="flex items-center gap-1 text-sm"><input type="checkbox" name="scopes" value={s} /> {s}</label>
            ))}
          </div>
        </fieldset>
        <button type="submit" className="btn-primary" disabled={pending}>Create key</button>
      </form>
      <ActionOutcome state={state} listFields errorsOnly />
      {state?.data ? (
        <div role="status" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm">
          <p className="font-medium">{state.message}</p>
          <code data-testid="new-api-key" className="mt-1 block break-all rounded bg-white p-2">{String(state.data)}</code>
        </div>
      ) : null}
      <ActionOutcome state={revokeState} />
      <table className="data-table">
        <thead><tr><th scope="col">Name</th><th scope="col">Key</th><th scope="col">Scopes</th><th scope="col">Last used</th><th scope="col">State</th></tr></thead>
        <tbody>
          {keys.map((k) => (
            <tr key={k.id}>
              <td>{k.name}</td>
              <td><code>csa_{k.prefix}_…</code></td>
              <td className="text-xs">{k.scopes.join(", ")}</td>
              <td>{k.lastUsed ?? "never"}</td>
              <td>
                {k.revoked ? (
                  "revoked"
                ) : (
                  <form action={revoke}>
                    <input type="hidden" name="id" value={k.id} />
                    <ConfirmSubmit label="Revoke" confirmLabel="Confirm revoke" subject={k.name} question="Systems using this key are refused from now on." />
                  </form>
                )}
              </td>
            </tr>
          ))}
          {keys.length === 0 ? <EmptyRow columns={5}>No API keys yet. Create one above for each system that calls the REST API; it is shown once.</EmptyRow> : null}
        </tbody>
      </table>
    </div>
  );
}
