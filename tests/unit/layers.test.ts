import { describe, expect, it } from "vitest";
import { ESLint } from "eslint";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

// The layer rule (eslint.layers.mjs) is only worth something if it fires: lint snippets placed in each
// layer with the project's own ESLint config and check which imports it refuses.

const root = path.resolve(import.meta.dirname, "../..");
const eslint = new ESLint({ cwd: root });

async function layerErrors(file: string, importPath: string): Promise<string[]> {
  const code = `import * as m from ${JSON.stringify(importPath)};\nexport const used = m;\n`;
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result.messages.filter((m) => m.ruleId === "import/no-restricted-paths").map((m) => m.message);
}

describe("layer rule: imports point down app → components → lib → db/models", () => {
  it.each([
    ["db/example.ts", "@/lib/platform/logger", "db/ must not import"],
    ["db/queries/example.ts", "../../lib/platform/logger", "db/ must not import"],
    ["models/example.ts", "@/lib/platform/logger", "models/ must not import"],
    ["models/example.ts", "@/components/table-section", "models/ must not import"],
    ["lib/example.ts", "@/components/table-section", "lib/ must not import"],
    ["lib/example.ts", "@/app/(portal)/users/actions", "lib/ must not import"],
    ["components/example.tsx", "@/app/(portal)/layout", "components/ must not import"],
    ["models/example.ts", "@/db/client", "models/ must not import"],
    ["lib/platform/example.ts", "@/lib/tasks/queue", "lib/platform/ must not import"],
    ["lib/platform/example.ts", "../tasks/queue", "lib/platform/ must not import"],
    ["lib/auth/example.ts", "@/lib/admin/users", "lib/auth/ must not import"],
  ])("refuses %s importing %s", async (file, importPath, message) => {
    const errors = await layerErrors(file, importPath);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(message);
  });

  it.each([
    ["components/example.tsx", "@/app/(portal)/users/actions"],
    ["components/example.tsx", "@/lib/platform/days"],
    ["lib/example.ts", "@/db/client"],
    ["lib/example.ts", "@/models/classifier"],
    ["app/example.ts", "@/components/table-section"],
    ["scripts/example.ts", "@/app/(portal)/users/actions"],
    ["server/example.ts", "@/lib/platform/env"],
    ["lib/platform/example.ts", "@/lib/auth/session"],
    ["lib/platform/example.ts", "./errors"],
    ["lib/auth/example.ts", "@/lib/platform/logger"],
    ["lib/tasks/example.ts", "@/lib/platform/errors"],
    ["lib/tasks/example.ts", "@/lib/support/ownership"],
  ])("allows %s importing %s", async (file, importPath) => {
    expect(await layerErrors(file, importPath)).toEqual([]);
  });
});

describe("the one upward edge: components import server actions", () => {
  // The edge is safe only because each app/**/actions.ts is a "use server" module: importing it gives a
  // client component references that post to the server, never the app code itself.
  const actionFiles = (readdirSync(path.join(root, "app"), { recursive: true }) as string[])
    .filter((f) => path.basename(f) === "actions.ts");

  it("finds the action modules", () => {
    expect(actionFiles.length).toBeGreaterThan(0);
  });

  it.each(actionFiles)("app/%s starts with \"use server\"", (file) => {
    const firstLine = readFileSync(path.join(root, "app", file), "utf8").split("\n")[0].trim();
    expect(firstLine).toMatch(/^["']use server["'];?$/);
  });
});
