// The columns every summary of a task reads from the tasks table: the request, its analysis,
// its priority and the state of its SLA clocks. The queue (task-list.ts) and the priority
// and escalation rules (support.ts) each add what only they need.
import { tasks } from "../schema";

export const taskSummaryColumns = {
  id: tasks.id,
  text: tasks.text,
  status: tasks.status,
  channel: tasks.channel,
  sentiment: tasks.sentiment,
  confidence: tasks.confidence,
  emotion: tasks.emotion,
  reviewed: tasks.reviewed,
  accountId: tasks.accountId,
  createdAt: tasks.createdAt,
  priority: tasks.priority,
  priorityReasons: tasks.priorityReasons,
  tags: tasks.tags,
  firstResponseAt: tasks.firstResponseAt,
  slaDueAt: tasks.slaDueAt,
  slaBreachedAt: tasks.slaBreachedAt,
  slaFirstResponseBreachedAt: tasks.slaFirstResponseBreachedAt,
  slaResolutionBreachedAt: tasks.slaResolutionBreachedAt,
  slaResolutionFrom: tasks.slaResolutionFrom,
};
