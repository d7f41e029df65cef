// What happens when the background worker dies, on a real database: /api/ready names the
// worker as down once its heartbeat goes stale and not before; a clean stop is not "down";
// a training run whose worker died goes back to the queue once, and fails the second time.
import { createClient } from "@libsql/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertModelVersion, recoverStaleRunningVersions, claimQueuedModelVersion, getModelVersion } from "@/db/queries/models";
import { resetEnvCache } from "@/lib/platform/env";
import { checkWorker } from "@/lib/ops/readiness";
import { startWorkerHeartbeat, WORKER_BEAT_STALE_MS } from "@/lib/ops/worker-heartbeat";
import { GET as ready } from "@/app/api/ready/route";
import { useFreshDatabase } from "../support/temp-db";

let url: string;
beforeAll(async () => {
  ({ url } = await useFreshDatabase());
  delete process.env.EMOTION_INFERENCE_URL;
  resetEnvCache();
});
afterAll(() => resetEnvCache());

describe("/api/ready and the worker", () => {
  it("reports the worker ok while it beats, disabled after a clean stop, failed with the age once a killed one's beat is stale", async () => {
    expect(await checkWorker()).toEqual({ status: "disabled" });

    const beat = startWorkerHeartbeat();
    await beat.firstBeat;
    const response = await ready();
    expect(response.status).toBe(200);
    expect((await response.json()).checks.worker.status).toBe("ok");
    await beat.stop();
    expect(await checkWorker()).toEqual({ status: "disabled" });

    // A killed worker leaves its row behind (no thread, no clean stop): written here directly.
    const db = createClient({ url });
    const killedAt = Date.now() - WORKER_BEAT_STALE_MS - 5000;
    await db.execute({ sql: "insert into worker_heartbeats (id, pid, beat_at) values ('killed', 1, ?)", args: [killedAt] });
    expect(await checkWorker(killedAt + 1000)).toMatchObject({ status: "ok" }); // fresh at the time
    const down = await ready();
    expect(down.status).toBe(503);
    const body = await down.json();
    expect(body.status).toBe("not_ready");
    expect(body.checks.worker).toMatchObject({ status: "failed" });
    expect(body.checks.worker.error).toMatch(/^no heartbeat for (2\d) s$/);

    // Its replacement starts beating and clears the dead one's row: ready again.
    const replacement = startWorkerHeartbeat();
    await replacement.firstBeat;
    expect((await ready()).status).toBe(200);
    expect(Number((await db.execute("select count(*) as n from worker_heartbeats where id = 'killed'")).rows[0].n)).toBe(0);
    await replacement.stop();
    db.close();
  });
});

describe("a training run whose worker died", () => {
  it("is put back in the queue the first time and marked failed the second time", async () => {
    const run = await insertModelVersion({ name: "interrupted twice", algorithm: "nb", status: "queued" });
    const stale = () => recoverStaleRunningVersions({ staleBefore: new Date(Date.now() + 1000) });

    const first = await claimQueuedModelVersion();
    expect(first).toMatchObject({ id: run.id, status: "running", attempts: 1 });
    expect(await stale()).toEqual({ requeued: [run.id], failed: [] });
    expect(await getModelVersion({ id: run.id })).toMatchObject({ status: "queued", startedAt: null, progress: 0, attempts: 1, error: null });

    const second = await claimQueuedModelVersion();
    expect(second).toMatchObject({ id: run.id, attempts: 2 });
    expect(await stale()).toEqual({ requeued: [], failed: [run.id] });
    const row = await getModelVersion({ id: run.id });
    expect(row).toMatchObject({ status: "failed", active: false });
    expect(row?.error).toMatch(/interrupted/i);
  });

  it("leaves runs with a fresh heartbeat alone", async () => {
    const run = await insertModelVersion({ name: "alive", algorithm: "nb", status: "queued" });
    await claimQueuedModelVersion();
    expect(await recoverStaleRunningVersions({ staleBefore: new Date(Date.now() - 60_000) })).toEqual({ requeued: [], failed: [] });
    expect((await getModelVersion({ id: run.id }))?.status).toBe("running");
  });
});
