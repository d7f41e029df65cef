// The Escalation page's rule form as the rule input the API takes (lib/support/rules.ts checks it).
const list = (v: unknown): string[] => ([] as unknown[]).concat(v ?? []).map(String).filter((s) => s.trim() !== "");
const splitList = (v: unknown, by: RegExp): string[] | undefined => {
  const items = String(v ?? "").split(by).map((s) => s.trim()).filter(Boolean);
  return items.length ? items : undefined;
};
const orUndefined = <T>(a: T[]): T[] | undefined => (a.length ? a : undefined);
const number = (v: unknown): number | undefined => {
  const s = String(v ?? "").trim();
  return s === "" ? undefined : Number(s);
};

export function ruleInputFromForm(form: Record<string, unknown>) {
  const confidence = number(form.minConfidencePercent);
  const atRisk = String(form.accountAtRisk ?? "");
  const assignTo = number(form.assignTo);
  return {
    name: String(form.name ?? ""),
    active: true,
    conditions: {
      sentiments: orUndefined(list(form.sentiments)),
      min_confidence: confidence === undefined ? undefined : confidence / 100,
      emotions: splitList(form.emotions, /[,\n]/),
      priorities: orUndefined(list(form.priorities)),
      category_ids: orUndefined(list(form.categoryIds).map(Number)),
      channels: orUndefined(list(form.channels)),
      account_at_risk: atRisk === "yes" ? true : atRisk === "no" ? false : undefined,
      phrases: splitList(form.phrases, /\n/),
      waiting_minutes: number(form.waitingMinutes),
    },
    actions: {
      set_priority: String(form.setPriority ?? "") || undefined,
      assign_to: assignTo,
      webhook: form.webhook === "on" || form.webhook === "true" ? true : undefined,
      emails: splitList(form.emails, /[,\s]+/),
      add_tag: String(form.addTag ?? "").trim() || undefined,
    },
  };
}
