import { readFileSync } from "node:fs";
import { parseCsv, column } from "@/models/text/csv";
import { Tokenizer } from "@/models/text/tokenizer";
import { trainClassifier } from "@/models/classifier";
import { newSparseVector } from "@/models/text/features";
const t = parseCsv(readFileSync("/work/shared/data/airline-tweets/tweets.csv", "utf8"));
const texts = column(t, "text"), labels = column(t, "airline_sentiment");
console.log("avg chars", texts.reduce((a, s) => a + s.length, 0) / texts.length);
const m: any = trainClassifier(texts, labels, { algorithm: "nb" });
const tok: Tokenizer = m.tokenizer; const space = m.space;
const all = [...texts, ...texts, ...texts];
for (let rep = 0; rep < 5; rep++) {
  const buf: string[] = []; const vec = newSparseVector(64);
  let t0 = performance.now();
  for (const s of all) { buf.length = 0; tok.run(s, buf, null); }
  let t1 = performance.now();
  for (const s of all) { buf.length = 0; tok.run(s, buf, null); space.vectorizeTokens(buf, vec); }
  let t2 = performance.now();
  const idx = m.predictIndices(all);
  let t3 = performance.now();
  m.predictBatch(all);
  let t4 = performance.now();
  const n = all.length;
  console.log(`tok ${(n / (t1 - t0) * 1000).toFixed(0)}/s  tok+vec ${(n / (t2 - t1) * 1000).toFixed(0)}/s  indices ${(n / (t3 - t2) * 1000).toFixed(0)}/s  batch ${(n / (t4 - t3) * 1000).toFixed(0)}/s`);
}
