// The process-wide client reads EMOTION_INFERENCE_URL; without it emotion is simply off.
import { describe, expect, it } from "vitest";
import { backfillPendingEmotions } from "@/lib/emotion/backfill";
import { classifyEmotions, classifyEmotionsDetailed, emotionServiceStatus } from "@/lib/emotion/client";

describe("without EMOTION_INFERENCE_URL", () => {
  it("answers null, reports disabled and backfills nothing", async () => {
    delete process.env.EMOTION_INFERENCE_URL;
    expect(await classifyEmotions(["hello"])).toBeNull();
    expect(await classifyEmotionsDetailed(["hello"])).toMatchObject({ ok: false, reason: "disabled" });
    expect(emotionServiceStatus()).toMatchObject({ configured: false, state: "disabled", available: false, endpoint: null });
    expect(await backfillPendingEmotions()).toBe(0);
  });
});
