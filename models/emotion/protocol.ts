// The Hugging Face text-classification wire format, as the emotion server speaks it.
//
// Request:  {"inputs": "text" | ["a", "b"] | [["a"], ["b"]], "parameters": {"top_k": n | null}}
// Response: one list of {label, score} per input, sorted by score descending; a single
//           string input still gets a list of lists ([[...]]), which is what
//           @huggingface/inference's textClassification expects.
//
// Decisions:
// - top_k defaults to every label (not 1 as in transformers' pipeline): the app stores
//   the whole score distribution with each prediction, and callers that want the best
//   label only can ask for top_k 1. top_k larger than the label count returns all.
// - [["a"], ["b"]] is Text Embeddings Inference's batch shape for /predict; it is
//   accepted so a client written for TEI works against this server unchanged. A
//   two-element inner list is a TEI sentence pair, which an emotion model has no use
//   for, so it is refused rather than silently misread.
// - Unknown parameters (function_to_apply, truncate, raw_scores…) are ignored, as the
//   Hugging Face servers do.

import type { LabelScore } from "./types";

export class ProtocolError extends Error {
  constructor(
    readonly status: 400 | 413 | 415 | 422,
    message: string,
  ) {
    super(message);
    this.name = "ProtocolError";
  }
}

export interface PredictRequest {
  texts: string[];
  /** null = every label. */
  topK: number | null;
}

export interface RequestLimits {
  maxBatch: number;
  maxInputChars: number;
}

/** Validates a parsed JSON body; throws ProtocolError (413 for limits, 422 for shape). */
export function parsePredictRequest(body: unknown, limits: RequestLimits): PredictRequest {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new ProtocolError(422, 'the body must be a JSON object with an "inputs" field');
  }
  const { inputs, parameters } = body as { inputs?: unknown; parameters?: unknown };
  const texts = readInputs(inputs);
  if (texts.length > limits.maxBatch) {
    throw new ProtocolError(413, `batch of ${texts.length} inputs exceeds the limit of ${limits.maxBatch}`);
  }
  texts.forEach((text, i) => {
    const where = typeof inputs === "string" ? "inputs" : `inputs[${i}]`;
    if (text.length > limits.maxInputChars) {
      throw new ProtocolError(413, `${where} is ${text.length} characters long; the limit is ${limits.maxInputChars}`);
    }
    if (text.trim() === "") throw new ProtocolError(422, `${where} is empty`);
  });
  return { texts, topK: readTopK(parameters) };
}

function readInputs(inputs: unknown): string[] {
  if (typeof inputs === "string") return [inputs];
  if (!Array.isArray(inputs)) {
    throw new ProtocolError(422, inputs === undefined ? 'missing "inputs"' : '"inputs" must be a string or an array of strings');
  }
  if (inputs.length === 0) throw new ProtocolError(422, '"inputs" is an empty array');
  return inputs.map((item, i) => {
    if (typeof item === "string") return item;
    if (Array.isArray(item) && item.length === 1 && typeof item[0] === "string") return item[0];
    if (Array.isArray(item) && item.length === 2) {
      throw new ProtocolError(422, `inputs[${i}] is a sentence pair; this model classifies single texts`);
    }
    throw new ProtocolError(422, `inputs[${i}] must be a string`);
  });
}

function readTopK(parameters: unknown): number | null {
  if (parameters === undefined || parameters === null) return null;
  if (typeof parameters !== "object" || Array.isArray(parameters)) throw new ProtocolError(422, '"parameters" must be an object');
  const topK = (parameters as { top_k?: unknown }).top_k;
  if (topK === undefined || topK === null) return null;
  if (typeof topK !== "number" || !Number.isInteger(topK) || topK < 1) {
    throw new ProtocolError(422, '"parameters.top_k" must be a positive integer or null');
  }
  return topK;
}

/** Cuts each (already sorted) list to top_k. */
export function applyTopK(results: LabelScore[][], topK: number | null): LabelScore[][] {
  return topK === null ? results : results.map((list) => list.slice(0, topK));
}

/** Sorts label scores by score descending; ties keep the model's label order. */
export function sortScores(scores: LabelScore[]): LabelScore[] {
  return scores
    .map((s, i) => ({ s, i }))
    .sort((a, b) => b.s.score - a.s.score || a.i - b.i)
    .map(({ s }) => s);
}
