import { describe, expect, it } from "vitest";
import { ruleInputFromForm } from "@/lib/support/rule-form";
import { ruleInputSchema } from "@/lib/support/rules";

describe("the Escalation page's rule form", () => {
  it("becomes the rule the API takes: lists, percent, yes/no, lines and addresses", () => {
    const input = ruleInputFromForm({
      name: "Angry billing",
      sentiments: ["negative"],
      minConfidencePercent: "80",
      emotions: "anger, fear",
      priorities: "urgent",
      categoryIds: ["2", "3"],
      accountAtRisk: "yes",
      phrases: "refund\n\nchargeback",
      waitingMinutes: "",
      setPriority: "urgent",
      assignTo: "7",
      emails: "a@example.test, b@example.test",
      addTag: "",
      webhook: "on",
    });
    expect(input).toEqual({
      name: "Angry billing",
      active: true,
      conditions: {
        sentiments: ["negative"],
        min_confidence: 0.8,
        emotions: ["anger", "fear"],
        priorities: ["urgent"],
        category_ids: [2, 3],
        channels: undefined,
        account_at_risk: true,
        phrases: ["refund", "chargeback"],
        waiting_minutes: undefined,
      },
      actions: { set_priority: "urgent", assign_to: 7, webhook: true, emails: ["a@example.test", "b@example.test"], add_tag: undefined },
    });
    expect(ruleInputSchema.safeParse(input).success).toBe(true);
  });

  it("leaves an empty form for the schema to refuse with reasons", () => {
    const parsed = ruleInputSchema.safeParse(ruleInputFromForm({ name: "" }));
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => i.message)).toEqual(expect.arrayContaining(["Give the rule a name.", "Give the rule at least one condition.", "Give the rule at least one action."]));
  });
});
