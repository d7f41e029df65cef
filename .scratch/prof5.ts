import { readFileSync } from "node:fs";
import { parseCsv, column } from "@/models/text/csv";
import { Tokenizer } from "@/models/text/tokenizer";
import { trainClassifier } from "@/models/classifier";
import { newSparseVector } from "@/models/text/features";
const t = parseCsv(readFileSync("/work/shared/data/airline-tweets/tweets.csv", "utf8"));
const texts = column(t, "text"), labels = column(t, "airline_sentiment");
const m: any = trainClassifier(texts, labels, { algorithm: "nb" });
const tok: Tokenizer = m.tokenizer; const space = m.space;
const all = [...texts, ...texts, ...texts];
const buf: string[] = []; const vec = newSparseVector(64);
const bufs = all.map(s => tok.tokenize(s));
for (let rep = 0; rep < 20; rep++) {
  let t1 = performance.now();
  for (const b of bufs) { space.vectorizeTokens(b, vec); }
  let t2 = performance.now();
  if (rep % 5 == 0) console.log(`vec only ${(all.length / (t2 - t1) * 1000).toFixed(0)}/s`);
}
// flatten test
const flat = bufs.map(b => b.map(s => (s + " ").slice(0, -1)));
const internal = bufs.map(b => b.map(s => { const x = `${s}`; return x; }));
