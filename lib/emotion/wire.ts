// What emotion services answer, reduced to one shape: one list of {label, score} per
// input. Three kinds of server are supported behind the same URL setting:
// - this project's emotion server and Hugging Face Inference Endpoints:
//   [[{label, score}, ...], ...] — one list per input, even for a single input;
// - Text Embeddings Inference's /predict: a flat [{score, label}, ...] for a single
//   input (which @huggingface/inference rejects as malformed), a list of lists for a batch;
// - a transformers pipeline without top_k, which answers a batch with the best label
//   of each input as a flat list of one object per input.

export interface WireScore {
  label: string;
  score: number;
}

export class WireFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WireFormatError";
  }
}

function isScore(value: unknown): value is WireScore {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as WireScore).label === "string" &&
    typeof (value as WireScore).score === "number" &&
    Number.isFinite((value as WireScore).score)
  );
}

function isScoreList(value: unknown): value is WireScore[] {
  return Array.isArray(value) && value.length > 0 && value.every(isScore);
}

/** One list per input, sorted by score descending; throws WireFormatError when the answer fits none of the shapes. */
export function normalizeClassification(body: unknown, inputCount: number): WireScore[][] {
  let lists: WireScore[][];
  if (Array.isArray(body) && body.length > 0 && body.every(isScoreList)) lists = body;
  else if (isScoreList(body) && inputCount === 1) lists = [body];
  else if (isScoreList(body) && body.length === inputCount) lists = body.map((s) => [s]);
  else throw new WireFormatError("the emotion service answered with something other than label/score lists");
  if (lists.length !== inputCount) {
    throw new WireFormatError(`the emotion service answered ${lists.length} result lists for ${inputCount} inputs`);
  }
  return lists.map((list) => [...list].sort((a, b) => b.score - a.score));
}

/**
 * The request's `inputs`: a single text as a string (what every server accepts), a
 * batch as a list of texts, or for TEI's /predict as a list of one-text lists (a
 * two-text list would be a sentence pair there).
 */
export function encodeInputs(texts: string[], style: "hf" | "tei"): string | string[] | string[][] {
  if (texts.length === 1) return texts[0];
  return style === "tei" ? texts.map((t) => [t]) : texts;
}
