import { defineConfig } from "drizzle-kit";
import { readDatabaseConfig } from "./db/config";

const { url, authToken } = readDatabaseConfig();

export default defineConfig({
  dialect: "turso",
  schema: "./db/schema.ts",
  out: "./db/migrations",
  dbCredentials: { url, authToken },
});
