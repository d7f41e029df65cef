// Used by `npm run dev`: migrate, first users, demo data — without building or serving.
import { prepareForServing } from "@/lib/ops/bootstrap";
import { parseEnv } from "@/lib/platform/env";
import { runCli } from "./run-cli";

runCli(async () => {
  await prepareForServing(parseEnv());
});
