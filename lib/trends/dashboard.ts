// The numbers on the home dashboard, for every role.
import { dailySentiment, openFollowUpCount, volumeSince } from "@/db/queries/dashboard";
import { getActiveModelId, getModelVersion } from "@/db/queries/models";
import { agreementByModelVersion } from "@/db/queries/agreement";
import { atRiskAccounts } from "@/lib/accounts/at-risk";
import { DAY_MS, isoDay } from "@/lib/platform/days";
import { orgClock } from "@/lib/platform/time-zone";

export async function dashboardSummary(now = new Date()) {
  // The organisation's calendar day (lib/platform/time-zone.ts), as on every other page, not the
  // server's own midnight: a server in another zone would count a different "today".
  const clock = await orgClock();
  const startOfDay = clock.dayStart(clock.dayOf(now.getTime()));
  const weekAgo = new Date(now.getTime() - 7 * DAY_MS);
  const monthAgo = new Date(now.getTime() - 30 * DAY_MS);
  const [today, week, daily, followUps, activeId, atRisk, agreement] = await Promise.all([
    volumeSince({ since: startOfDay }),
    volumeSince({ since: weekAgo }),
    dailySentiment({ since: monthAgo }),
    openFollowUpCount(),
    getActiveModelId({ task: "sentiment" }),
    atRiskAccounts({}, { now, limit: 1 }),
    agreementByModelVersion(),
  ]);
  const activeModel = activeId !== null ? await getModelVersion({ id: activeId }) : undefined;
  return {
    today,
    negativeShareWeek: week.total ? week.negative / week.total : null,
    weekTotal: week.total,
    daily: daily.map((d) => ({ ...d, day: isoDay(d.day) })),
    timeZone: clock.zone,
    openFollowUps: followUps,
    atRiskAccounts: atRisk.total,
    atRiskRule: atRisk.rule,
    // Agreement of supervisors with the active model (null until someone reviews its decisions).
    agreement: agreement.find((a) => a.modelVersionId === activeId) ?? null,
    activeModel: activeModel
      ? { id: activeModel.id, name: activeModel.name, algorithm: activeModel.algorithm, macroF1: (activeModel.metrics as { macroF1?: number } | null)?.macroF1 ?? null }
      : null,
  };
}
