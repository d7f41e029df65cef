// The models the product ships, as files: what a fresh clone's first `npm start` activates,
// and what `npm run -s predict -- FILE --shipped` scores with. Both are committed under
// models/shipped/ as gzip-compressed artifacts, so a fresh clone has them. Reading them
// needs no training code and no data set; how they are made is in ./recipes.ts.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import type { Algorithm, ParamValue } from "@/models/classifier";

export const SHIPPED_DIR = path.join(process.cwd(), "models", "shipped");
export const SHIPPED_SENTIMENT_FILE = path.join(SHIPPED_DIR, "sentiment.json.gz");
export const SHIPPED_EMOTION_FILE = path.join(SHIPPED_DIR, "emotion.json.gz");

/** How the shipped sentiment model was trained, stored with its version for the model page. */
export interface ShippedSentimentInfo {
  name: string;
  algorithm: Algorithm;
  params: Record<string, ParamValue>;
  source: string;
  nTrain: number;
  /** Quality on real text it was never trained on, measured when it was built. */
  metrics: Record<string, unknown>;
  trainedAt: string;
}

export interface ShippedSentiment {
  info: ShippedSentimentInfo;
  artifact: string;
}

export function writeGzipJson(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, zlib.gzipSync(JSON.stringify(value), { level: 9 }));
  fs.renameSync(tmp, file);
}

function readGzipJson(file: string): unknown {
  return JSON.parse(zlib.gunzipSync(fs.readFileSync(file)).toString("utf8"));
}

export function readShippedSentiment(file = SHIPPED_SENTIMENT_FILE): ShippedSentiment {
  const value = readGzipJson(file) as ShippedSentiment;
  if (typeof value?.artifact !== "string" || typeof value?.info?.name !== "string") throw new Error(`${file} is not a shipped sentiment model`);
  return value;
}

/** The shipped emotion model's artifact (lib/emotion/builtin-model.ts's format). */
export function readShippedEmotionJson(file = SHIPPED_EMOTION_FILE): unknown {
  return readGzipJson(file);
}
