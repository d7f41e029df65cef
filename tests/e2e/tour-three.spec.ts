// Defects a third tour found (2026-12-07), each with the test that failed before its fix.
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

test("rows reviewed together come back unticked after undo: the next key acts on the focused row, not on all of them again", async ({ page }) => {
  await signIn(page, "supervisor");
  await page.goto("/review?queue=uncertain");
  const rows = page.getByTestId("review-row");
  await rows.nth(0).getByRole("checkbox").check();
  await rows.nth(1).getByRole("checkbox").check();
  await expect(page.getByText("2 ticked")).toBeVisible();
  await page.keyboard.press("a");
  await expect(page.getByRole("status")).toHaveText(/^Reviewed 2 task\(s\)/);
  await page.keyboard.press("u");
  await expect(page.getByRole("status")).toHaveText(/^Undone: 2 task\(s\)/);
  await expect(page.getByText("no rows ticked: keys act on the focused row")).toBeVisible();
  await expect(rows.getByRole("checkbox", { checked: true })).toHaveCount(0);
});

test("the browser's own request for /favicon.ico finds the site's icon, not a 404 in the console", async ({ request }) => {
  const response = await request.get("/favicon.ico");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toMatch(/icon/);
  // An ICO file: reserved 0, type 1 (icon), at least one image.
  const head = await response.body();
  expect([head.readUInt16LE(0), head.readUInt16LE(2)]).toEqual([0, 1]);
  expect(head.readUInt16LE(4)).toBeGreaterThan(0);
});
