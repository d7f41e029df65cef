// What the second tour of every page as every role found (issue 21), each checked the way it was met.
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

test("Unassigned and My queue list work still to do: no closed request, unless asked for by status", async ({ page }) => {
  await signIn(page, "agent");
  await page.goto("/tasks?view=unassigned");
  const rows = page.getByTestId("task-row");
  await expect(rows.first()).toBeVisible();
  // The Status column is the last one.
  const statuses = await rows.evaluateAll((trs) => trs.map((tr) => tr.lastElementChild!.textContent!.trim()));
  expect(statuses.length).toBeGreaterThan(0);
  expect(statuses).not.toContain("closed");
  await expect(page.getByTestId("queue-note")).toHaveText("Closed requests are left out of this queue; choose Status “closed” to see them.");

  // Asked for by status, they are there; All tasks keeps everything.
  await page.goto("/tasks?view=unassigned&status=closed");
  await expect(rows.first().locator("td").last()).toHaveText("closed");
  await expect(page.getByTestId("queue-note")).toHaveCount(0);
  await page.goto("/tasks");
  await expect(page.getByTestId("queue-note")).toHaveCount(0);
});
