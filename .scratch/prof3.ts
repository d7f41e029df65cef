import { readFileSync } from "node:fs";
import { parseCsv, column } from "@/models/text/csv";
import { Tokenizer } from "@/models/text/tokenizer";
import { encodeCorpus, buildVocabulary, DEFAULT_FEATURE_OPTIONS } from "@/models/text/features";
const t = parseCsv(readFileSync("/work/shared/data/airline-tweets/tweets.csv", "utf8"));
const texts = column(t, "text");
const corpus = encodeCorpus(texts, new Tokenizer());
for (let rep = 0; rep < 8; rep++) {
  const t1 = performance.now();
  const vocab = buildVocabulary(corpus, { ...DEFAULT_FEATURE_OPTIONS });
  const t2 = performance.now();
  const v1 = buildVocabulary(corpus, { ...DEFAULT_FEATURE_OPTIONS, ngramMax: 1 });
  console.log("vocab", (t2 - t1).toFixed(0), "uni", (performance.now() - t2).toFixed(0), vocab.length);
}
