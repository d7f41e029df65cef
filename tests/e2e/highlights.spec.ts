import { expect, test } from "@playwright/test";
import { NEGATOR_WORDS } from "../../models/text/token-lexicon";
import { STOP_WORDS } from "../../models/text/stop-words";
import { sendFeedback, signIn } from "./helpers";

// The words an agent sees marked on a task page explain the decision: words of the message,
// never a pronoun or stop word alone, a negation together with its word, nothing across a
// comma or a full stop.
test("the task page marks the words that drove the sentiment, as a person reads them", async ({ page, browser }, testInfo) => {
  const unique = `${Date.now()}`;
  const text = `I've been on hold for 45 minutes about invoice ${unique} and you've charged me twice. The billing page is confusing, and was down all morning. Not good enough.`;

  const { taskId } = await sendFeedback(page, { name: "Sam Customer", email: `sam.${unique}@example.test`, message: text });

  const agent = await browser.newPage();
  await signIn(agent, "agent");
  await agent.goto(`/tasks/${taskId}`);
  const shown = agent.getByTestId("task-text");
  await expect(shown).toHaveText(text);
  const marks = shown.locator("mark");
  await expect(marks.first()).toBeVisible();
  await expect(shown.locator("mark[data-label=negative]").first()).toBeVisible();

  for (const mark of await marks.all()) {
    const words = (await mark.innerText()).toLowerCase().replace(/’/g, "'").split(/\s+/);
    const plain = words.flatMap((w) => w.replace(/n't$/, " not").replace(/'(ve|re|ll|m|s|d)$/, "").split(" "));
    expect(plain.every((w) => STOP_WORDS.has(w) || NEGATOR_WORDS.has(w)), `mark "${words.join(" ")}"`).toBe(false);
    expect(words.join(" "), "a mark never crosses a clause boundary").not.toMatch(/[,.;:]/);
    await expect(mark).toHaveAttribute("title", /→ (negative|neutral|positive)$/);
  }
  await shown.scrollIntoViewIfNeeded();
  await agent.screenshot({ path: testInfo.outputPath("task-page-highlights.png"), fullPage: true });
});
