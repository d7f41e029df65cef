// The active sentiment model, cached in memory. Each instance re-reads the active
// version's id at most every REFRESH_MS, so a promotion made by another app instance
// against the same database takes effect here within seconds.
import { getActiveModelId, getModelArtifact } from "@/db/queries/models";
import { loadClassifierAsync, type TextClassifier } from "@/models/classifier";
import { AppError } from "@/lib/platform/errors";

export const REFRESH_MS = 2000;

type Cached = { versionId: number; classifier: TextClassifier };

const state = globalThis as unknown as {
  __csaActive?: { model: Cached | null; checkedAt: number; loading?: Promise<Cached | null> };
};

async function load(versionId: number): Promise<Cached> {
  const artifact = await getModelArtifact({ id: versionId });
  if (!artifact) throw new AppError("unavailable:model", `Model version ${versionId} has no artifact.`);
  return { versionId, classifier: await loadClassifierAsync(artifact) };
}

async function refresh(): Promise<Cached | null> {
  const s = (state.__csaActive ??= { model: null, checkedAt: 0 });
  const id = await getActiveModelId({ task: "sentiment" });
  s.checkedAt = Date.now();
  if (id === null) {
    s.model = null;
  } else if (s.model?.versionId !== id) {
    const previous = s.model;
    s.model = await load(id);
    previous?.classifier.dispose?.();
  }
  return s.model;
}

/** The active model, or null when none has been trained yet. */
export async function getActiveModel(): Promise<Cached | null> {
  const s = (state.__csaActive ??= { model: null, checkedAt: 0 });
  if (s.model && Date.now() - s.checkedAt < REFRESH_MS) return s.model;
  // One refresh at a time; concurrent callers share it.
  s.loading ??= refresh().finally(() => {
    s.loading = undefined;
  });
  return s.loading;
}

export async function requireActiveModel(): Promise<Cached> {
  const model = await getActiveModel();
  if (!model) throw new AppError("unavailable:model", "No sentiment model is active yet. Train and promote one on the Models page.");
  return model;
}

/** Drops the cache (tests, and right after this instance promotes a version). */
export function invalidateActiveModel(): void {
  if (state.__csaActive) state.__csaActive.checkedAt = 0;
}
