// Keeps `npm start`'s processes running: a child that exits on its own (a crash, an
// out-of-memory kill, SIGKILL) is started again, and the others keep going meanwhile, so
// the web server goes on serving while the worker or the emotion server is down.
//
// Restarts back off: the first comes after `firstRestartMs` (1 s), each further crash in
// a row doubles the wait up to `maxRestartMs` (60 s); a child that ran for `stableAfterMs`
// (60 s) before it died starts the count afresh. Every crash and restart is logged with
// how long the child lived and when it comes back. A child with `maxQuickCrashes` (the web
// server) that keeps dying before it was ever stable stops everything instead, exit 1:
// a port in use or a broken build will not mend itself, and `npm start` should say so
// rather than retry for ever with nothing serving.
//
// stop(signal): no more restarts; the signal goes to every running child; resolves with 0
// when every child stopped cleanly within `stopGraceMs`, otherwise kills the rest and 1.
import type { ChildProcess } from "node:child_process";

export type ChildSpec = {
  name: string;
  start: () => ChildProcess;
  /** Quick crashes in a row (each before `stableAfterMs`) after which everything stops, exit 1. Default: never. */
  maxQuickCrashes?: number;
};

type Log = (level: "info" | "warn" | "error", message: string, fields: Record<string, unknown>) => void;

export type SupervisorOptions = {
  stopGraceMs: number;
  firstRestartMs?: number;
  maxRestartMs?: number;
  stableAfterMs?: number;
  log: Log;
};

export type Supervisor = {
  /** Resolves with the exit code once everything stopped. */
  done: Promise<number>;
  stop(signal: NodeJS.Signals, reason?: string): void;
  /** The live process of a child (undefined between a crash and its restart). */
  current(name: string): ChildProcess | undefined;
};

/** A child that ended because it was asked to: exit 0, or 128 + the signal's number. */
function stoppedCleanly(code: number | null): boolean {
  return code === 0 || code === 130 || code === 143;
}

export function restartDelayMs(crashesInARow: number, firstMs: number, maxMs: number): number {
  return Math.min(maxMs, firstMs * 2 ** Math.max(0, crashesInARow - 1));
}

type Slot = {
  spec: ChildSpec;
  child?: ChildProcess;
  startedAt: number;
  crashesInARow: number;
  restartTimer?: NodeJS.Timeout;
  /** Resolves when the current process has exited, with its code (null after a signal). */
  exited?: Promise<number | null>;
};

export function supervise(specs: ChildSpec[], options: SupervisorOptions): Supervisor {
  const firstMs = options.firstRestartMs ?? 1_000;
  const maxMs = options.maxRestartMs ?? 60_000;
  const stableMs = options.stableAfterMs ?? 60_000;
  const { log } = options;
  let stopping = false;
  let failed = false;
  let resolveDone!: (code: number) => void;
  const done = new Promise<number>((resolve) => (resolveDone = resolve));

  const slots: Slot[] = specs.map((spec) => ({ spec, startedAt: 0, crashesInARow: 0 }));

  const launch = (slot: Slot) => {
    slot.restartTimer = undefined;
    const child = slot.spec.start();
    slot.child = child;
    slot.startedAt = Date.now();
    slot.exited = new Promise((resolve) => {
      let settled = false;
      const settle = (code: number | null, signal: NodeJS.Signals | null) => {
        if (settled) return;
        settled = true;
        resolve(code);
        onExit(slot, child, code, signal);
      };
      child.once("exit", settle);
      // Failing to spawn at all (no such file): counts as a crash.
      child.once("error", (error) => {
        log("error", "could not start process", { process: slot.spec.name, error });
        settle(1, null);
      });
    });
  };

  const onExit = (slot: Slot, child: ChildProcess, code: number | null, signal: NodeJS.Signals | null) => {
    if (slot.child === child) slot.child = undefined;
    if (stopping) return;
    const livedMs = Date.now() - slot.startedAt;
    slot.crashesInARow = livedMs >= stableMs ? 1 : slot.crashesInARow + 1;
    const max = slot.spec.maxQuickCrashes;
    if (max !== undefined && slot.crashesInARow > max) {
      log("error", "process keeps exiting; stopping everything", { process: slot.spec.name, code, signal, livedMs, crashesInARow: slot.crashesInARow });
      failed = true;
      stop("SIGTERM", `${slot.spec.name} keeps exiting`);
      return;
    }
    const restartInMs = restartDelayMs(slot.crashesInARow, firstMs, maxMs);
    log(slot.crashesInARow > 1 ? "error" : "warn", slot.crashesInARow > 1 ? "process exited again; restarting after a longer wait" : "process exited; restarting it", {
      process: slot.spec.name,
      code,
      signal,
      livedMs,
      crashesInARow: slot.crashesInARow,
      restartInMs,
    });
    slot.restartTimer = setTimeout(() => {
      if (stopping) return;
      launch(slot);
      log("info", "process restarted", { process: slot.spec.name, pid: slot.child?.pid, crashesInARow: slot.crashesInARow });
    }, restartInMs);
  };

  const stop = (signal: NodeJS.Signals, reason: string = signal) => {
    if (stopping) return;
    stopping = true;
    log("info", "stopping", { reason, graceMs: options.stopGraceMs });
    for (const slot of slots) {
      if (slot.restartTimer) clearTimeout(slot.restartTimer);
      slot.restartTimer = undefined;
    }
    const running = slots.filter((s) => s.child && s.child.exitCode === null && s.child.signalCode === null);
    for (const slot of running) slot.child!.kill(signal);
    const force = setTimeout(() => {
      for (const slot of running) {
        const child = slot.child;
        if (child && child.exitCode === null && child.signalCode === null) {
          log("error", "did not stop in time; killing it", { process: slot.spec.name, graceMs: options.stopGraceMs });
          child.kill("SIGKILL");
        }
      }
    }, options.stopGraceMs);
    force.unref();
    void Promise.all(running.map(async (slot) => ({ name: slot.spec.name, code: await slot.exited! }))).then((results) => {
      clearTimeout(force);
      const unclean = results.filter((r) => !stoppedCleanly(r.code));
      if (unclean.length) log("warn", "stopped, not all cleanly", { processes: unclean });
      else log("info", "stopped", {});
      resolveDone(failed || unclean.length ? 1 : 0);
    });
  };

  for (const slot of slots) launch(slot);
  return { done, stop, current: (name) => slots.find((s) => s.spec.name === name)?.child };
}
