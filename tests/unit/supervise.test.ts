// npm start's supervisor (scripts/supervise.ts) with real child processes: a killed child
// comes back while the others keep running, repeated crashes back off and are logged,
// a child that can never start stops everything, and a stop ends every child.
import { spawn } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { restartDelayMs, supervise, type Supervisor } from "../../scripts/supervise";

type Line = { level: string; message: string; fields: Record<string, unknown> };

/** A child that stops cleanly on SIGTERM once it has said "ready" (its handler is installed then). */
const sleeper = () => {
  const child = spawn(process.execPath, ["-e", "process.on('SIGTERM', () => process.exit(0)); console.log('ready'); setInterval(() => {}, 1000)"], { stdio: ["ignore", "pipe", "ignore"] });
  child.stdout.once("data", () => ready.add(child.pid!));
  return child;
};
const ready = new Set<number>();
const crasher = () => spawn(process.execPath, ["-e", "process.exit(3)"], { stdio: "ignore" });

async function until<T>(probe: () => T | undefined | false, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("gave up waiting");
    await new Promise((r) => setTimeout(r, 20));
  }
}

let running: Supervisor | undefined;
afterEach(async () => {
  running?.stop("SIGTERM");
  await running?.done;
  running = undefined;
});

describe("npm start's supervisor", () => {
  it("restarts a child killed with SIGKILL within 5 s and leaves the others running", async () => {
    const lines: Line[] = [];
    running = supervise(
      [
        { name: "worker", start: sleeper },
        { name: "emotion server", start: sleeper },
      ],
      { stopGraceMs: 5000, log: (level, message, fields) => lines.push({ level, message, fields }) },
    );
    const worker = running.current("worker")!;
    const emotion = running.current("emotion server")!;
    await until(() => worker.pid && emotion.pid);
    const killedAt = Date.now();
    worker.kill("SIGKILL");
    const replacement = await until(() => {
      const now = running!.current("worker");
      return now && now !== worker && now.pid ? now : undefined;
    });
    expect(Date.now() - killedAt).toBeLessThan(5000);
    expect(replacement.pid).not.toBe(worker.pid);
    expect(running.current("emotion server")).toBe(emotion);
    expect(emotion.exitCode).toBeNull();
    expect(lines.find((l) => l.message === "process exited; restarting it")?.fields).toMatchObject({ process: "worker", signal: "SIGKILL", crashesInARow: 1 });
    expect(lines.some((l) => l.message === "process restarted" && l.fields.process === "worker")).toBe(true);
  });

  it("backs off a child that keeps crashing, logging each crash with the next wait", async () => {
    const lines: Line[] = [];
    running = supervise([{ name: "emotion server", start: crasher }], {
      stopGraceMs: 5000,
      firstRestartMs: 20,
      maxRestartMs: 160,
      log: (level, message, fields) => lines.push({ level, message, fields }),
    });
    await until(() => lines.filter((l) => l.fields.restartInMs !== undefined).length >= 6);
    const waits = lines.filter((l) => l.fields.restartInMs !== undefined).slice(0, 6);
    expect(waits.map((l) => l.fields.restartInMs)).toEqual([20, 40, 80, 160, 160, 160]);
    expect(waits.map((l) => l.fields.crashesInARow)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(waits.slice(1).every((l) => l.level === "error")).toBe(true);
  });

  it("stops everything with exit code 1 when a child with a crash limit keeps dying at start", async () => {
    const lines: Line[] = [];
    const sup = supervise(
      [
        { name: "web server", start: crasher, maxQuickCrashes: 2 },
        { name: "worker", start: sleeper },
      ],
      { stopGraceMs: 5000, firstRestartMs: 10, log: (level, message, fields) => lines.push({ level, message, fields }) },
    );
    const worker = sup.current("worker")!;
    expect(await sup.done).toBe(1);
    expect(worker.exitCode ?? worker.signalCode).not.toBeNull();
    expect(lines.some((l) => l.message === "process keeps exiting; stopping everything" && l.fields.process === "web server")).toBe(true);
  });

  it("passes a stop signal to every child and exits 0 when they stop cleanly", async () => {
    const sup = supervise(
      [
        { name: "web server", start: sleeper },
        { name: "worker", start: sleeper },
      ],
      { stopGraceMs: 5000, log: () => {} },
    );
    const children = [sup.current("web server")!, sup.current("worker")!];
    await until(() => children.every((c) => c.pid && ready.has(c.pid)));
    sup.stop("SIGTERM");
    expect(await sup.done).toBe(0);
    expect(children.map((c) => c.exitCode)).toEqual([0, 0]);
  });

  it("doubles the wait from the first restart up to the cap", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => restartDelayMs(n, 1000, 60_000))).toEqual([1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000]);
  });
});
