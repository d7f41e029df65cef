import { describe, expect, it } from "vitest";
import { ConfigError } from "@/db/config";
import { parseEmotionServerConfig } from "@/lib/emotion/server-config";

describe("parseEmotionServerConfig", () => {
  it("has loopback defaults and the built-in model", () => {
    expect(parseEmotionServerConfig({})).toEqual({
      EMOTION_SERVER_PORT: 8090,
      EMOTION_SERVER_HOST: "127.0.0.1",
      EMOTION_BUILTIN_MODEL: "data/emotion-model.json",
      EMOTION_MAX_BATCH: 32,
      EMOTION_MAX_INPUT_CHARS: 20_000,
      EMOTION_DEMO_EXAMPLES: 4000,
    });
  });

  it("reads labels as a comma-separated list and ignores empty values", () => {
    const config = parseEmotionServerConfig({ EMOTION_LABELS: " joy, anger ,fear", EMOTION_MODEL_DIR: "", EMOTION_SERVER_PORT: "9000" });
    expect(config.EMOTION_LABELS).toEqual(["joy", "anger", "fear"]);
    expect(config.EMOTION_MODEL_DIR).toBeUndefined();
    expect(config.EMOTION_SERVER_PORT).toBe(9000);
  });

  it("names the variable that is wrong", () => {
    expect(() => parseEmotionServerConfig({ EMOTION_SERVER_PORT: "http" })).toThrow(ConfigError);
    expect(() => parseEmotionServerConfig({ EMOTION_SERVER_PORT: "70000" })).toThrow(/EMOTION_SERVER_PORT/);
    expect(() => parseEmotionServerConfig({ EMOTION_LABELS: "joy" })).toThrow(/EMOTION_LABELS: must list at least two/);
    expect(() => parseEmotionServerConfig({ EMOTION_LABELS: "joy,joy" })).toThrow(/EMOTION_LABELS: must not repeat/);
    expect(() => parseEmotionServerConfig({ EMOTION_MAX_BATCH: "0" })).toThrow(/EMOTION_MAX_BATCH/);
  });
});
