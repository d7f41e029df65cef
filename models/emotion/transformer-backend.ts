// The transformer backend: a fine-tuned sequence-classification model (ALBERT on the
// six emotions in the original product) exported to ONNX and run by transformers.js
// on onnxruntime-node. It loads from a local directory only — there is no model hub
// here — laid out as transformers.js expects:
//   config.json (model_type, id2label), tokenizer.json, tokenizer_config.json, onnx/model.onnx
import fs from "node:fs";
import path from "node:path";
import { sortScores } from "./protocol";
import type { EmotionBackend, LabelScore } from "./types";

export class EmotionModelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EmotionModelError";
  }
}

export interface TransformerBackendOptions {
  /**
   * Label names for a model whose config says only LABEL_0…LABEL_n (in id order), or
   * the labels the model must have (any order) when it names them itself.
   */
  labels?: readonly string[];
  /** Reported model id; default the config's _name_or_path, else the directory name. */
  id?: string;
}

const REQUIRED_FILES = ["config.json", "tokenizer.json", "tokenizer_config.json", path.join("onnx", "model.onnx")];
const GENERIC_LABEL = /^LABEL_\d+$/;

type Classifier = (texts: string[], options: { top_k: null }) => Promise<unknown>;

export async function loadTransformerBackend(modelDir: string, options: TransformerBackendOptions = {}): Promise<EmotionBackend> {
  const dir = path.resolve(modelDir);
  // transformers.js reports a missing file with misleading errors ("this.tokenizer is
  // not a function", "Unsupported model type: null"); name the file instead.
  const missing = REQUIRED_FILES.filter((file) => !fs.existsSync(path.join(dir, file)));
  if (missing.length) throw new EmotionModelError(`emotion model directory ${dir} has no ${missing.join(", ")}`);
  const config = readConfig(dir);
  const modelLabels = labelsFromConfig(config, dir);
  const labels = resolveLabels(modelLabels, options.labels);
  const rename = new Map(modelLabels.map((l, i) => [l, labels[i]]));

  // Imported lazily: transformers.js loads onnxruntime's native library, which the
  // built-in backend (and every process that only imports this module's types) never needs.
  const { env, pipeline } = await import("@huggingface/transformers");
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  let classifier: Classifier;
  try {
    // An absolute path is not a hub id, so transformers.js reads the directory as is.
    classifier = (await pipeline("text-classification", dir, { local_files_only: true, dtype: "fp32", device: "cpu" })) as unknown as Classifier;
  } catch (e) {
    throw new EmotionModelError(`cannot load the emotion model in ${dir}: ${(e as Error).message}`);
  }
  const pipe = classifier as unknown as { dispose?: () => Promise<void> };

  return {
    id: options.id ?? (typeof config._name_or_path === "string" && config._name_or_path ? config._name_or_path : path.basename(dir)),
    kind: "transformer",
    labels,
    async classify(texts: string[]): Promise<LabelScore[][]> {
      // top_k null: every label; an array input always yields one list per text.
      const output = (await classifier(texts, { top_k: null })) as LabelScore[][];
      return output.map((list) => {
        const byLabel = new Map(list.map((s) => [rename.get(s.label) ?? s.label, s.score]));
        return sortScores(labels.map((label) => ({ label, score: byLabel.get(label) ?? 0 })));
      });
    },
    async close() {
      await pipe.dispose?.();
    },
  };
}

function readConfig(dir: string): Record<string, unknown> {
  try {
    const config = JSON.parse(fs.readFileSync(path.join(dir, "config.json"), "utf8")) as unknown;
    if (typeof config !== "object" || config === null) throw new Error("not an object");
    return config as Record<string, unknown>;
  } catch (e) {
    throw new EmotionModelError(`${path.join(dir, "config.json")} is not valid JSON: ${(e as Error).message}`);
  }
}

function labelsFromConfig(config: Record<string, unknown>, dir: string): string[] {
  if (typeof config.model_type !== "string") throw new EmotionModelError(`${dir}/config.json has no model_type (e.g. "albert")`);
  const id2label = config.id2label as Record<string, unknown> | undefined;
  if (typeof id2label !== "object" || id2label === null) throw new EmotionModelError(`${dir}/config.json has no id2label`);
  const entries = Object.entries(id2label)
    .map(([id, label]) => [Number(id), label] as const)
    .sort((a, b) => a[0] - b[0]);
  if (entries.length < 2 || entries.some(([id, label], i) => id !== i || typeof label !== "string")) {
    throw new EmotionModelError(`${dir}/config.json id2label must map 0…n-1 to label names`);
  }
  return entries.map(([, label]) => label as string);
}

function resolveLabels(modelLabels: string[], wanted: readonly string[] | undefined): string[] {
  if (!wanted) return modelLabels;
  if (modelLabels.every((l) => GENERIC_LABEL.test(l))) {
    if (wanted.length !== modelLabels.length) {
      throw new EmotionModelError(`the model has ${modelLabels.length} labels but ${wanted.length} label names were given`);
    }
    return [...wanted];
  }
  const missing = wanted.filter((l) => !modelLabels.includes(l));
  const extra = modelLabels.filter((l) => !wanted.includes(l));
  if (missing.length || extra.length) {
    throw new EmotionModelError(`the model's labels (${modelLabels.join(", ")}) differ from the expected ones (${wanted.join(", ")})`);
  }
  return modelLabels;
}
