import { minute } from "@/components/format";
import type { Metadata } from "next";
import { ApiKeys } from "@/components/users/api-keys";
import { NewUserForm } from "@/components/users/new-user-form";
import { UserRowActions } from "@/components/users/user-row-actions";
import { Webhooks } from "@/components/users/webhooks";
import { API_SCOPES, WEBHOOK_EVENTS } from "@/db/schema";
import { webhooksOverview } from "@/lib/admin/webhooks";
import { requirePageRole } from "@/lib/auth/session";
import { usersOverview } from "@/lib/admin/users";
import { orgClock, timeZoneChoices } from "@/lib/platform/time-zone";
import { TimeZoneForm } from "@/components/users/time-zone-form";

export const metadata: Metadata = { title: "Users" };


export default async function UsersPage() {
  await requirePageRole("/users");
  const clock = await orgClock();
  const [{ users, audit, apiKeys }, { hooks, deliveries }] = await Promise.all([usersOverview(), webhooksOverview()]);
  return (
    <div className="space-y-6">
      <h1 className="page-title">Users</h1>
      <section className="card" aria-labelledby="time-zone-heading">
        <h2 id="time-zone-heading" className="mb-3 text-lg font-semibold">Organisation time zone</h2>
        <TimeZoneForm current={clock.zone} choices={timeZoneChoices()} />
      </section>
      <section className="card" aria-labelledby="new-user-heading">
        <h2 id="new-user-heading" className="mb-3 text-lg font-semibold">Add a user</h2>
        <NewUserForm />
      </section>
      <section className="card overflow-x-auto" aria-labelledby="users-heading">
        <h2 id="users-heading" className="mb-3 text-lg font-semibold">Everyone with access</h2>
        <table className="data-table">
          <thead>
            <tr><th scope="col">Name</th><th scope="col">E-mail</th><th scope="col">Role</th><th scope="col">Status</th><th scope="col">Sign-in methods</th><th scope="col">Last sign-in</th><th scope="col">Change</th></tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <td>{u.name}</td><td>{u.email}</td><td>{u.role}</td><td>{u.active ? "active" : u.approvalPending ? "waiting for approval" : "deactivated"}</td>
                <td data-testid="sign-in-methods">
                  {u.signInMethods.length === 0 ? "—" : (
                    <ul>
                      {u.signInMethods.map((m) => (
                        <li key={m.label} className="whitespace-nowrap">
                          {m.label}{m.lastSignInAt ? <span className="text-xs text-slate-600"> (last {minute(m.lastSignInAt, clock.minute)})</span> : null}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td>{minute(u.lastSignInAt, clock.minute)}</td>
                <td><UserRowActions id={u.id} email={u.email} role={u.role} active={u.active} approvalPending={u.approvalPending} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="card overflow-x-auto" aria-labelledby="keys-heading">
        <h2 id="keys-heading" className="mb-3 text-lg font-semibold">API keys</h2>
        <p className="mb-3 text-sm text-slate-700">
          Internal systems call <a className="text-blue-700 underline" href="/api-docs">the REST API</a> with these keys. Only a hash is stored: a key is shown once, when it is created.
        </p>
        <ApiKeys
          scopes={API_SCOPES}
          keys={apiKeys.map((k) => ({ id: k.id, name: k.name, prefix: k.prefix, scopes: k.scopes, lastUsed: k.lastUsedAt ? minute(k.lastUsedAt, clock.minute) : null, revoked: k.revokedAt !== null }))}
        />
      </section>
      <section className="card overflow-x-auto" aria-labelledby="webhooks-heading">
        <h2 id="webhooks-heading" className="mb-3 text-lg font-semibold">Webhooks</h2>
        <Webhooks
          events={WEBHOOK_EVENTS}
          hooks={hooks}
          deliveries={deliveries.map(({ createdAt, ...d }) => ({ ...d, created: minute(createdAt, clock.minute) }))}
        />
      </section>
      <section className="card overflow-x-auto" aria-labelledby="audit-heading">
        <h2 id="audit-heading" className="mb-3 text-lg font-semibold">Audit log</h2>
        <table className="data-table">
          <thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">Action</th><th scope="col">Target</th><th scope="col">Details</th></tr></thead>
          <tbody>
            {audit.map((a) => (
              <tr key={a.id}>
                <td className="whitespace-nowrap">{minute(a.createdAt, clock.minute)}</td><td>{a.actorEmail ?? "system"}</td><td>{a.action}</td><td>{a.target}</td>
                <td className="text-xs text-slate-700">{JSON.stringify(a.details)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
