// Reference data for filters and forms.
import { listCategories } from "@/db/queries/catalog";

export const DEFAULT_EMOTIONS = ["sadness", "joy", "love", "anger", "fear", "surprise"];

export async function filterChoices() {
  const categories = (await listCategories()).map((c) => ({ id: c.id, name: c.name }));
  return { categories, emotions: DEFAULT_EMOTIONS };
}
