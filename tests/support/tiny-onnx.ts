// Builds a tiny ALBERT-shaped text-classification model directory that
// transformers.js loads through its normal local path (config.json,
// tokenizer_config.json, tokenizer.json, onnx/model.onnx), so tests exercise the
// real transformer backend with no download. See STACK.md "A tiny ONNX model".
//
// The model is a bag of keywords, not a toy that returns constants: every label has a
// few keywords whose embedding points at that label, so "I am so happy" really comes
// out as joy after tokenisation, the ONNX graph and the softmax. That lets a test check
// that the text reached the model and the labels came back in the right order.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DataType, graph, model, node, tensor, valueInfo } from "./tiny-onnx-protobuf";

export const TINY_MODEL_KEYWORDS: Record<string, string[]> = {
  sadness: ["sad", "unhappy", "miserable", "heartbroken"],
  joy: ["happy", "glad", "delighted", "great"],
  love: ["love", "adore", "lovely"],
  anger: ["angry", "furious", "outraged"],
  fear: ["afraid", "scared", "worried", "anxious"],
  surprise: ["surprised", "shocked", "amazed", "wow"],
};

const SPECIAL = ["<pad>", "<unk>", "[CLS]", "[SEP]", "[MASK]"] as const;
const META = "\u2581"; // SentencePiece's word-boundary mark "▁"

export interface TinyModelOptions {
  /** Label → keywords; the label order is the model's id order. Default: the six emotions. */
  keywords?: Record<string, string[]>;
  /** Where to write; default a new directory under the OS temp dir. */
  dir?: string;
  /** Write `LABEL_0..n` instead of the label names (to test label renaming). */
  anonymousLabels?: boolean;
}

export interface TinyModel {
  dir: string;
  labels: string[];
  vocab: string[];
}

export function buildTinyEmotionModel(options: TinyModelOptions = {}): TinyModel {
  const keywords = options.keywords ?? TINY_MODEL_KEYWORDS;
  const labels = Object.keys(keywords);
  const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), "csa-tiny-onnx-"));
  fs.mkdirSync(path.join(dir, "onnx"), { recursive: true });

  const vocab: string[] = [...SPECIAL];
  const labelOfToken: number[] = [-1, -1, -1, -1, -1];
  labels.forEach((label, k) => {
    for (const word of keywords[label]) {
      vocab.push(META + word.toLowerCase());
      labelOfToken.push(k);
    }
  });

  writeJson(path.join(dir, "config.json"), {
    model_type: "albert",
    architectures: ["AlbertForSequenceClassification"],
    id2label: Object.fromEntries(labels.map((l, i) => [String(i), options.anonymousLabels ? `LABEL_${i}` : l])),
    label2id: Object.fromEntries(labels.map((l, i) => [options.anonymousLabels ? `LABEL_${i}` : l, i])),
    problem_type: "single_label_classification",
    pad_token_id: 0,
    vocab_size: vocab.length,
    _name_or_path: "tiny-albert-emotion-test",
  });
  writeJson(path.join(dir, "tokenizer_config.json"), {
    tokenizer_class: "AlbertTokenizer",
    model_max_length: 512,
    do_lower_case: true,
    pad_token: "<pad>",
    unk_token: "<unk>",
    cls_token: "[CLS]",
    sep_token: "[SEP]",
    mask_token: "[MASK]",
  });
  writeJson(path.join(dir, "tokenizer.json"), tokenizerJson(vocab));
  fs.writeFileSync(path.join(dir, "onnx", "model.onnx"), onnxModel(vocab.length, labels.length, labelOfToken));
  return { dir, labels, vocab };
}

function writeJson(file: string, value: unknown): void {
  fs.writeFileSync(file, JSON.stringify(value, null, 2));
}

/** An ALBERT-like Unigram tokenizer: lower-case, split on whitespace, "▁" word marks, [CLS] text [SEP]. */
function tokenizerJson(vocab: string[]) {
  const special = (id: number) => ({ id, content: vocab[id], single_word: false, lstrip: false, rstrip: false, normalized: false, special: true });
  return {
    version: "1.0",
    truncation: null,
    padding: null,
    added_tokens: SPECIAL.map((_, id) => special(id)),
    normalizer: { type: "Lowercase" },
    pre_tokenizer: {
      type: "Sequence",
      pretokenizers: [{ type: "WhitespaceSplit" }, { type: "Metaspace", replacement: META, prepend_scheme: "always", split: true }],
    },
    post_processor: {
      type: "TemplateProcessing",
      single: [{ SpecialToken: { id: "[CLS]", type_id: 0 } }, { Sequence: { id: "A", type_id: 0 } }, { SpecialToken: { id: "[SEP]", type_id: 0 } }],
      pair: [
        { SpecialToken: { id: "[CLS]", type_id: 0 } },
        { Sequence: { id: "A", type_id: 0 } },
        { SpecialToken: { id: "[SEP]", type_id: 0 } },
        { Sequence: { id: "B", type_id: 1 } },
        { SpecialToken: { id: "[SEP]", type_id: 1 } },
      ],
      special_tokens: {
        "[CLS]": { id: "[CLS]", ids: [2], tokens: ["[CLS]"] },
        "[SEP]": { id: "[SEP]", ids: [3], tokens: ["[SEP]"] },
      },
    },
    decoder: { type: "Metaspace", replacement: META, prepend_scheme: "always", split: true },
    model: {
      type: "Unigram",
      unk_id: 1,
      // Keywords score higher than single characters would, so a known word stays whole.
      vocab: vocab.map((piece, id) => [piece, id < SPECIAL.length ? 0 : -2]),
      byte_fallback: false,
    },
  };
}

/**
 * logits = (Σ_t mask_t · E[input_ids_t]) · W + b, with E[token] a one-hot row on the
 * token's label (0 for special and unknown tokens), W = 3·I and b = 0: a text with no
 * keyword scores every label equally; each keyword adds 3 to its label's logit.
 */
function onnxModel(vocabSize: number, labelCount: number, labelOfToken: number[]): Uint8Array {
  const embeddings = new Float32Array(vocabSize * labelCount);
  labelOfToken.forEach((k, token) => {
    if (k >= 0) embeddings[token * labelCount + k] = 1;
  });
  const weights = new Float32Array(labelCount * labelCount);
  for (let k = 0; k < labelCount; k++) weights[k * labelCount + k] = 3;

  const g = graph({
    name: "tiny-keyword-classifier",
    nodes: [
      node("Gather", ["embeddings", "input_ids"], ["embedded"], "gather"),
      node("Cast", ["attention_mask"], ["mask_f"], "cast", [{ name: "to", int: DataType.FLOAT }]),
      // Opset 13: Unsqueeze and ReduceSum take their axes as an input tensor, not an attribute.
      node("Unsqueeze", ["mask_f", "axis_2"], ["mask_3d"], "unsqueeze"),
      node("Mul", ["embedded", "mask_3d"], ["masked"], "mul"),
      node("ReduceSum", ["masked", "axis_1"], ["pooled"], "reduce_sum", [{ name: "keepdims", int: 0 }]),
      node("MatMul", ["pooled", "weights"], ["scaled"], "matmul"),
      node("Add", ["scaled", "bias"], ["logits"], "add"),
    ],
    initializers: [
      tensor("embeddings", DataType.FLOAT, [vocabSize, labelCount], embeddings),
      tensor("weights", DataType.FLOAT, [labelCount, labelCount], weights),
      tensor("bias", DataType.FLOAT, [labelCount], new Float32Array(labelCount)),
      tensor("axis_1", DataType.INT64, [1], [1]),
      tensor("axis_2", DataType.INT64, [1], [2]),
    ],
    inputs: [valueInfo("input_ids", DataType.INT64, ["batch", "sequence"]), valueInfo("attention_mask", DataType.INT64, ["batch", "sequence"])],
    outputs: [valueInfo("logits", DataType.FLOAT, ["batch", labelCount])],
  });
  return model(g, { irVersion: 7, opset: 13, producer: "csa-tests" });
}
