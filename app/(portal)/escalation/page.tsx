import { minute } from "@/components/format";
import type { Metadata } from "next";
import Link from "@/components/link";
import { RuleForm } from "@/components/support/rule-form";
import { AlertEmailsForm, RoundRobinToggle, RuleRowActions, SlaTargetsForm } from "@/components/support/escalation-controls";
import { assignableUsers, listRouting, recentAlerts } from "@/db/queries/support";
import { requirePageRole } from "@/lib/auth/session";
import { filterChoices } from "@/lib/tasks/filter-choices";
import { mailConfigured } from "@/lib/mail/config";
import { alertEmails } from "@/lib/support/alert-emails";
import { allRules, describeActions, describeConditions } from "@/lib/support/rules";
import { slaTargets } from "@/lib/support/sla";
import { orgClock } from "@/lib/platform/time-zone";

export const metadata: Metadata = { title: "Escalation" };


export default async function EscalationPage() {
  await requirePageRole("/escalation");
  const when = (await orgClock()).minute;
  const [rules, choices, people, targets, routing, alerts, alertAddresses] = await Promise.all([allRules(), filterChoices(), assignableUsers(), slaTargets(), listRouting(), recentAlerts(), alertEmails()]);
  const categoryNames = new Map(choices.categories.map((c) => [c.id, c.name]));
  const userNames = new Map(people.map((p) => [p.id, p.name]));
  const roundRobin = new Set(routing.filter((r) => r.roundRobin).map((r) => r.categoryId));
  return (
    <div className="space-y-6">
      <h1 className="page-title">Escalation</h1>
      <p className="max-w-3xl text-sm text-slate-700">
        Rules raise a request&apos;s level of support from what the analysis says about it. They run when a request arrives, when it is re-scored or reviewed, and every
        few seconds for waiting times; each rule fires at most once per request, and every firing is on the request&apos;s timeline. They are only as good as the labels.
        {mailConfigured() ? null : " E-mail is not set up on this server yet, so e-mail actions are shown here and on the timeline instead of being sent; an administrator can set it up."}
      </p>
      <section className="card overflow-x-auto p-0" aria-labelledby="rules-heading">
        <h2 id="rules-heading" className="px-4 pt-4 text-lg font-semibold">Rules</h2>
        <table className="data-table">
          <caption className="sr-only">Escalation rules</caption>
          <thead>
            <tr><th scope="col">Rule</th><th scope="col">When</th><th scope="col">Then</th><th scope="col">State</th><th scope="col"><span className="sr-only">Actions</span></th></tr>
          </thead>
          <tbody>
            {rules.map((r) => (
              <tr key={r.id} data-testid="rule-row">
                <td className="font-medium">{r.name}</td>
                <td>{describeConditions(r.conditions, categoryNames)}</td>
                <td>{describeActions(r.actions, userNames)}</td>
                <td>{r.active ? "on" : "off"}</td>
                <td><RuleRowActions id={r.id} name={r.name} active={r.active} /></td>
              </tr>
            ))}
            {rules.length === 0 ? <tr><td colSpan={5} className="py-4 text-center text-slate-600">No rules yet.</td></tr> : null}
          </tbody>
        </table>
      </section>
      <RuleForm categories={choices.categories} people={people} emotions={choices.emotions} />
      <div className="grid gap-6 lg:grid-cols-2">
        <section className="card" aria-labelledby="sla-heading">
          <h2 id="sla-heading" className="mb-1 text-lg font-semibold">SLA targets</h2>
          <p className="mb-3 text-sm text-slate-700">
            Both from the request&apos;s arrival. A reply or closing is the first response; closing resolves it, and reopening starts a fresh resolution target. Each missed
            target fires task.sla_breached once, by webhook and e-mail to the owner (or, when nobody owns it, the alert addresses or else the supervisors).
          </p>
          <SlaTargetsForm targets={targets} />
          <h3 className="mb-2 mt-5 text-base font-semibold">Alert e-mail</h3>
          <AlertEmailsForm current={alertAddresses} mailOn={mailConfigured()} />
        </section>
        <section className="card space-y-2" aria-labelledby="rr-heading">
          <h2 id="rr-heading" className="text-lg font-semibold">Round-robin</h2>
          <p className="text-sm text-slate-700">New requests of a category can go to the active agents in turn.</p>
          {choices.categories.map((c) => <RoundRobinToggle key={c.id} categoryId={c.id} name={c.name} on={roundRobin.has(c.id)} />)}
        </section>
      </div>
      <section className="card" aria-labelledby="alerts-heading">
        <h2 id="alerts-heading" className="mb-3 text-lg font-semibold">Latest escalations and breaches</h2>
        {alerts.length === 0 ? <p className="text-sm text-slate-700">None yet.</p> : null}
        <ul className="space-y-1 text-sm">
          {alerts.map((a) => (
            <li key={a.id}>
              <span className="text-slate-600">{minute(a.createdAt, when)}</span> · <Link href={`/tasks/${a.taskId}`} className="text-blue-800 underline">#{a.taskId}</Link> {a.summary}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
