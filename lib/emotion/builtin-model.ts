// The built-in emotion model: the sentiment engine's classifier trained on emotion
// labels, stored as a small JSON artifact (data/emotion-model.json by default).
//
// Why the engine's linear SVM: on CARER (train.txt → val.txt) it scores macro-F1
// 0.857 against 0.823 for complement naive Bayes (scikit-learn's LinearSVC on the same
// rows: 0.868), and predicts ~7,000 texts/s on one core (BENCHMARKS.md).
//
// With no artifact the server trains one at start from the project's demo generator
// (a few thousand synthetic support requests, about two seconds), so the product has
// emotions offline and without any third-party data.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { loadClassifierAsync, trainClassifierAsync, type Algorithm, type ParamValue, type TextClassifier } from "@/models/classifier";
import { createBuiltinBackend } from "@/models/emotion/builtin-backend";
import type { EmotionBackend } from "@/models/emotion/types";
import { createDemoRng } from "@/lib/demo/generator/random";
import { generateLabelledExamples } from "@/lib/demo/generator/requests";
import { AppError } from "@/lib/platform/errors";
import { readShippedEmotionJson, SHIPPED_EMOTION_FILE } from "@/lib/training/shipped/files";

export const EMOTION_ARTIFACT_FORMAT = "csa-emotion-model/1";
export const DEFAULT_EMOTION_ALGORITHM: Algorithm = "svm";
export const DEFAULT_DEMO_EXAMPLES = 4000;
const DEMO_SEED = 11;

export interface EmotionModelArtifact {
  format: typeof EMOTION_ARTIFACT_FORMAT;
  /** Stable for the same training data and settings (a hash of the classifier). */
  modelId: string;
  labels: string[];
  /** What it was trained on, for people: "demo generator (4000 examples)", "train.txt". */
  source: string;
  trainedAt: string;
  nTrain: number;
  /** Held-out scores, when the trainer measured them. */
  metrics?: { accuracy: number; macroF1: number; nTest: number; testSource: string };
  /** TextClassifier.serialize() output. */
  classifier: string;
}

export interface TrainedEmotionModel {
  classifier: TextClassifier;
  artifact: EmotionModelArtifact;
}

export interface TrainEmotionOptions {
  source: string;
  algorithm?: Algorithm;
  params?: Record<string, ParamValue>;
}

export async function trainEmotionModel(texts: string[], labels: string[], options: TrainEmotionOptions): Promise<TrainedEmotionModel> {
  const algorithm = options.algorithm ?? DEFAULT_EMOTION_ALGORITHM;
  const classifier = await trainClassifierAsync(texts, labels, { algorithm, params: options.params });
  const serialized = classifier.serialize();
  const artifact: EmotionModelArtifact = {
    format: EMOTION_ARTIFACT_FORMAT,
    modelId: modelIdFor(algorithm, options.source, serialized),
    labels: [...classifier.labels],
    source: options.source,
    trainedAt: new Date().toISOString(),
    nTrain: texts.length,
    classifier: serialized,
  };
  return { classifier, artifact };
}

/** The out-of-the-box model: trained on the demo generator's six-emotion requests. */
export async function trainDemoEmotionModel(examples = DEFAULT_DEMO_EXAMPLES): Promise<TrainedEmotionModel> {
  const rows = generateLabelledExamples(createDemoRng(DEMO_SEED), examples);
  return trainEmotionModel(
    rows.map((r) => r.text),
    rows.map((r) => r.emotion),
    { source: `demo generator (${examples} examples)` },
  );
}

/** Writes atomically (temp file + rename), so a server starting meanwhile never reads half a file. */
export function writeEmotionArtifact(file: string, artifact: EmotionModelArtifact): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(artifact));
  fs.renameSync(tmp, file);
}

export async function readEmotionArtifact(file: string): Promise<TrainedEmotionModel> {
  let artifact: EmotionModelArtifact;
  try {
    artifact = JSON.parse(fs.readFileSync(file, "utf8")) as EmotionModelArtifact;
  } catch (e) {
    throw new AppError("validation:emotion-model", `cannot read the emotion model ${file}: ${(e as Error).message}`);
  }
  return parseEmotionArtifact(artifact, file);
}

export async function parseEmotionArtifact(value: unknown, file: string): Promise<TrainedEmotionModel> {
  const artifact = value as EmotionModelArtifact;
  if (artifact?.format !== EMOTION_ARTIFACT_FORMAT || typeof artifact.classifier !== "string" || typeof artifact.modelId !== "string") {
    throw new AppError("validation:emotion-model", `${file} is not an emotion model (expected format ${EMOTION_ARTIFACT_FORMAT}; train one with npm run emotion:train)`);
  }
  try {
    return { artifact, classifier: await loadClassifierAsync(artifact.classifier) };
  } catch (e) {
    throw new AppError("validation:emotion-model", `${file}: ${(e as Error).message}`);
  }
}

export interface BuiltinBackendResult {
  backend: EmotionBackend;
  artifact: EmotionModelArtifact;
  /** "artifact" when read from EMOTION_BUILTIN_MODEL, "shipped" for the committed model, "demo" when trained at start. */
  origin: "artifact" | "shipped" | "demo";
}

/**
 * The artifact at `artifactPath` if it exists (a model trained with `npm run emotion:train`),
 * else the shipped model (models/shipped/emotion.json.gz: GoEmotions, with "neutral"),
 * else — only in a checkout that lost that file — a model trained now from demo data.
 */
export async function loadBuiltinEmotionBackend(options: { artifactPath: string; demoExamples?: number; shippedPath?: string }): Promise<BuiltinBackendResult> {
  const shippedPath = options.shippedPath ?? SHIPPED_EMOTION_FILE;
  let model: TrainedEmotionModel;
  let origin: BuiltinBackendResult["origin"];
  if (fs.existsSync(options.artifactPath)) {
    model = await readEmotionArtifact(options.artifactPath);
    origin = "artifact";
  } else if (fs.existsSync(shippedPath)) {
    model = await parseEmotionArtifact(readShippedEmotionJson(shippedPath), shippedPath);
    origin = "shipped";
  } else {
    model = await trainDemoEmotionModel(options.demoExamples);
    origin = "demo";
  }
  return { backend: createBuiltinBackend(model.classifier, model.artifact.modelId), artifact: model.artifact, origin };
}

function modelIdFor(algorithm: Algorithm, source: string, serialized: string): string {
  const slug =
    source.startsWith("demo")
      ? "demo"
      : path
          .basename(source)
          .replace(/\.[^.]*$/, "")
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, "-")
          .replace(/^-|-$/g, "") || "data";
  const hash = createHash("sha256").update(serialized).digest("hex").slice(0, 8);
  return `csa-emotion/${algorithm}-${slug}@${hash}`;
}
