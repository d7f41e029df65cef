import { describe, expect, it } from "vitest";
import { formatExternalRef, generateAccount } from "@/lib/demo/generator/accounts";
import { createDemoRng } from "@/lib/demo/generator/random";

describe("generateAccount", () => {
  it("formats references as ACC-000001 for index 0", () => {
    expect(formatExternalRef(0)).toBe("ACC-000001");
    expect(formatExternalRef(122)).toBe("ACC-000123");
    expect(generateAccount(createDemoRng(1), 122).externalRef).toBe("ACC-000123");
  });

  it("is deterministic by index and seed", () => {
    const a = Array.from({ length: 100 }, (_, i) => generateAccount(createDemoRng(1), i));
    const b = Array.from({ length: 100 }, (_, i) => generateAccount(createDemoRng(1), i));
    expect(a).toEqual(b);
    // Names depend only on the index, whatever the rng.
    expect(generateAccount(createDemoRng(2), 17).name).toBe(a[17].name);
  });

  it("gives unique refs, names and emails on reserved domains", () => {
    const rng = createDemoRng(3);
    const refs = new Set<string>(), names = new Set<string>(), emails = new Set<string>();
    let people = 0;
    const n = 60_000;
    for (let i = 0; i < n; i++) {
      const acc = generateAccount(rng, i);
      refs.add(acc.externalRef);
      names.add(acc.name);
      emails.add(acc.email);
      expect(acc.email).toMatch(/^[a-z0-9.-]+@([a-z0-9-]+\.)*(example|example\.(com|net|org))$/);
      if (!/@.*\.example$/.test(acc.email) || acc.email.includes("@mail.") || acc.email.includes("@inbox.")) people++;
    }
    expect(refs.size).toBe(n);
    expect(names.size).toBe(n);
    expect(emails.size).toBe(n);
    expect(people / n).toBeGreaterThan(0.25);
    expect(people / n).toBeLessThan(0.45);
  });

  it("rejects invalid indexes", () => {
    expect(() => generateAccount(createDemoRng(1), -1)).toThrow();
    expect(() => generateAccount(createDemoRng(1), 1.5)).toThrow();
  });
});
