// npm run screenshots — pictures of the main pages for the README, taken from a running
// app (BASE_URL, default http://localhost:3000) signed in as SCREENSHOT_EMAIL /
// SCREENSHOT_PASSWORD (an admin or supervisor). Writes docs/screenshots/*.png.
import fs from "node:fs";
import { chromium } from "@playwright/test";
import { runCli } from "./run-cli";

runCli(async () => {
  const base = process.env.BASE_URL ?? "http://localhost:3000";
  const email = process.env.SCREENSHOT_EMAIL;
  const password = process.env.SCREENSHOT_PASSWORD;
  if (!email || !password) throw new Error("Set SCREENSHOT_EMAIL and SCREENSHOT_PASSWORD to a supervisor's or admin's sign-in.");
  const executablePath = process.env.CHROMIUM_PATH || (fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
  const browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"] });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${base}/login`);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByTestId("current-user").waitFor();
  fs.mkdirSync("docs/screenshots", { recursive: true });
  const shots: [string, string][] = [
    ["dashboard", "/"],
    ["tasks", "/tasks?sort=negative"],
    ["review", "/review"],
    ["models", "/models"],
    ["escalation", "/escalation"],
    ["trends", "/trends"],
    ...(process.env.SCREENSHOT_EXTRA ?? "").split(",").filter(Boolean).map((p) => [p.replace(/\W+/g, "-").replace(/^-|-$/g, ""), p] as [string, string]),
  ];
  const first = await page.goto(`${base}/tasks?sort=negative`).then(() => page.getByTestId("task-row").first().getByRole("link").getAttribute("href"));
  if (first) shots.push(["task", first]);
  for (const [name, path] of shots) {
    await page.goto(`${base}${path}`);
    await page.waitForLoadState("networkidle");
    await page.screenshot({ path: `docs/screenshots/${name}.png`, fullPage: false });
    console.log(`docs/screenshots/${name}.png`);
  }
  await browser.close();
});
