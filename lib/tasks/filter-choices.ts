// Reference data for filters and forms.
import { EMOTIONS } from "@/models/emotion/labels";
import { listCategories } from "@/db/queries/catalog";

export const DEFAULT_EMOTIONS: string[] = [...EMOTIONS];

export async function filterChoices() {
  const categories = (await listCategories()).map((c) => ({ id: c.id, name: c.name }));
  return { categories, emotions: DEFAULT_EMOTIONS };
}
