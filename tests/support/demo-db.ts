// A fresh test database (temp-db.ts) holding the demo data: categories, the shipped model as
// the active one, labelled examples and scored tasks, as `npm run seed` makes them.
import { seedDemo } from "@/lib/demo/seed";
// Renamed: useFreshDatabase is no React hook, and the hooks lint rule goes by the name.
import { useFreshDatabase as freshDatabase } from "./temp-db";

export async function freshDemoDatabase({ tasks, examples }: { tasks: number; examples: number }): ReturnType<typeof seedDemo> {
  await freshDatabase();
  return seedDemo({ tasks, examples, quiet: true });
}
