// Reading and working the task queue.
import { listTasks, type TaskListItem } from "@/db/queries/tasks";

export async function recentTasks({ limit = 50 }: { limit?: number } = {}): Promise<TaskListItem[]> {
  return listTasks({ limit: Math.min(Math.max(limit, 1), 200) });
}
