"use client";

import { useActionState } from "react";
import { createApiKeyAction, revokeApiKeyAction } from "@/app/(portal)/users/actions";
import { EmptyRow } from "@/components/empty-row";
import { ConfirmSubmit } from "@/components/confirm-submit";
import { ActionOutcome } from "@/components/action-outcome";
import { CheckboxGroup, InputField } from "@/components/form-fields";
import { SecretShownOnce } from "@/components/users/secret-shown-once";

/** `lastUsed`: already written in the organisation's time zone by the page (a client component has no org clock). */
type Key = { id: number; name: string; prefix: string; scopes: string[]; lastUsed: string | null; revoked: boolean };

export function ApiKeys({ keys, scopes }: { keys: Key[]; scopes: readonly string[] }) {
  const [state, action, pending] = useActionState(createApiKeyAction, undefined);
  const [revokeState, revoke] = useActionState(revokeApiKeyAction, undefined);
  return (
    <div className="space-y-4">
      <form action={action} className="grid gap-3 md:grid-cols-[16rem_1fr_auto] md:items-end">
        <InputField id="key-name" name="name" label="Name (the system using it)" maxLength={80} />
        <CheckboxGroup legend="Scopes" name="scopes" choices={scopes} />
        <button type="submit" className="btn-primary" disabled={pending}>Create key</button>
      </form>
      <ActionOutcome state={state} listFields errorsOnly />
      {state?.data ? <SecretShownOnce message={state.message} secret={state.data} testId="new-api-key" /> : null}
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
