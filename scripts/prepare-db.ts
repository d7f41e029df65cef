// Used by `npm run dev`: migrate, first users, demo data — without building or serving.
import { prepareForServing } from "@/lib/bootstrap";
import { parseEnv } from "@/lib/env";
import { runCli } from "./run-cli";

runCli(async () => {
  await prepareForServing(parseEnv());
});
