import { readFileSync } from "node:fs";
import { parseCsv, column } from "@/models/text/csv";
import { Tokenizer } from "@/models/text/tokenizer";
import { encodeCorpus, buildVocabulary, FeatureSpace, DEFAULT_FEATURE_OPTIONS } from "@/models/text/features";
const t = parseCsv(readFileSync("/work/shared/data/airline-tweets/tweets.csv", "utf8"));
const texts = column(t, "text");
const tok = new Tokenizer();
for (let rep = 0; rep < 4; rep++) {
  let t0 = performance.now();
  const corpus = encodeCorpus(texts, tok);
  let t1 = performance.now();
  const vocab = buildVocabulary(corpus, { ...DEFAULT_FEATURE_OPTIONS });
  let t2 = performance.now();
  const space = FeatureSpace.fromNames(vocab.map(v => v.name), { ...DEFAULT_FEATURE_OPTIONS });
  let t3 = performance.now();
  const X = space.toCsr(corpus, space.mapCorpusTokens(corpus.tokens));
  let t4 = performance.now();
  console.log("encode", (t1 - t0).toFixed(0), "vocab", (t2 - t1).toFixed(0), vocab.length, "space", (t3 - t2).toFixed(0), "csr", (t4 - t3).toFixed(0), X.colIdx.length);
}
{
  const corpus = encodeCorpus(texts, tok);
  const vocab = buildVocabulary(corpus, { ...DEFAULT_FEATURE_OPTIONS });
  const names = vocab.map(v => v.name);
  for (let r = 0; r < 3; r++) { const t0 = performance.now(); FeatureSpace.fromNames(names, { ...DEFAULT_FEATURE_OPTIONS }); console.log("space again", (performance.now() - t0).toFixed(0)); }
  const t0 = performance.now(); vocab.sort((x, y) => y.df - x.df); console.log("numeric sort", (performance.now() - t0).toFixed(0));
  const t1 = performance.now(); vocab.sort((x, y) => y.df - x.df || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0)); console.log("str sort (sorted input)", (performance.now() - t1).toFixed(0));
}
