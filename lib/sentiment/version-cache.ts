// Classifiers of specific model versions (not only the active one), for explaining a
// stored prediction with the model that made it. Artifacts are immutable, so entries
// never go stale; a small LRU bounds memory.
import { getModelArtifact } from "@/db/queries/models";
import { loadClassifierAsync, type TextClassifier } from "@/models/classifier";

const MAX_ENTRIES = 4;
const cache = new Map<number, Promise<TextClassifier | null>>();

export function classifierForVersion(versionId: number): Promise<TextClassifier | null> {
  const hit = cache.get(versionId);
  if (hit) {
    cache.delete(versionId);
    cache.set(versionId, hit);
    return hit;
  }
  const loading = getModelArtifact({ id: versionId }).then((a) => (a ? loadClassifierAsync(a) : null));
  loading.catch(() => cache.delete(versionId));
  cache.set(versionId, loading);
  while (cache.size > MAX_ENTRIES) {
    const oldest = cache.keys().next().value!;
    cache.get(oldest)?.then((c) => c?.dispose?.()).catch(() => undefined);
    cache.delete(oldest);
  }
  return loading;
}
