// Every /api/v1 operation, each as its route declares it (apiRoute(operation, handler)),
// in the order the OpenAPI document and the API page list them.
import type { Operation } from "@/lib/api/openapi";
import * as atRisk from "./accounts/at-risk/route";
import * as rules from "./escalation-rules/route";
import * as ruleOne from "./escalation-rules/[id]/route";
import * as dryRun from "./escalation-rules/dry-run/route";
import * as models from "./models/route";
import * as modelOne from "./models/[id]/route";
import * as promote from "./models/[id]/promote/route";
import * as predictions from "./predictions/route";
import * as tasks from "./tasks/route";
import * as taskOne from "./tasks/[id]/route";
import * as messages from "./tasks/[id]/messages/route";
import * as inbound from "./inbound-email/route";
import * as review from "./tasks/[id]/review/route";
import * as runs from "./training-runs/route";
import * as runOne from "./training-runs/[id]/route";
import * as trends from "./trends/categories/route";

export const OPERATIONS: readonly Operation[] = [
  predictions.POST,
  tasks.GET,
  tasks.POST,
  taskOne.GET,
  messages.POST,
  inbound.POST,
  taskOne.PATCH,
  review.POST,
  trends.GET,
  atRisk.GET,
  rules.GET,
  rules.POST,
  dryRun.POST,
  ruleOne.PATCH,
  ruleOne.DELETE,
  models.GET,
  modelOne.GET,
  promote.POST,
  runs.POST,
  runOne.GET,
].map((route) => route.operation);
