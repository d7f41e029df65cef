// The worker and the emotion server do background work (backfills, training, a first model)
// right when the server has just started — exactly when the first page visits arrive. On a
// small machine they compete for the same cores, so they run at a lower CPU priority (nice
// 10): page requests are served first and the background work takes what is left, which is
// nearly all of it on an idle machine. (bench:first-visit --with-services measures it.)
import type { ChildProcess } from "node:child_process";
import os from "node:os";

export const BACKGROUND_NICENESS = 10;

export function runInBackground<T extends ChildProcess>(child: T): T {
  if (child.pid === undefined) return child;
  try {
    os.setPriority(child.pid, BACKGROUND_NICENESS);
  } catch {
    // Not allowed here (some containers): it runs at the normal priority, as before.
  }
  return child;
}
