import { readFileSync } from "node:fs";
import { parseCsv, column } from "@/models/text/csv";
import { Tokenizer } from "@/models/text/tokenizer";
import { trainClassifier } from "@/models/classifier";
import { newSparseVector } from "@/models/text/features";
const t = parseCsv(readFileSync("/work/shared/data/airline-tweets/tweets.csv", "utf8"));
const texts = column(t, "text"), labels = column(t, "airline_sentiment");
const m: any = trainClassifier(texts, labels, { algorithm: "nb" });
const tok: Tokenizer = m.tokenizer; const space = m.space; const map: Map<string, number> = space.tokenIndex;
const all = [...texts, ...texts, ...texts];
const n = all.length;
for (let rep = 0; rep < 6; rep++) {
  const buf: string[] = []; const vec = newSparseVector(64); let s = 0;
  let t0 = performance.now();
  for (const x of all) { buf.length = 0; tok.run(x, buf, null); }
  let t1 = performance.now();
  for (const x of all) { buf.length = 0; tok.run(x, buf, null); for (let i = 0; i < buf.length; i++) s += map.get(buf[i]) ?? 0; }
  let t2 = performance.now();
  for (const x of all) { buf.length = 0; tok.run(x, buf, null); space.vectorizeTokens(buf, vec); }
  let t3 = performance.now();
  console.log(`tok ${((t1 - t0) * 1000 / n).toFixed(2)}us  +map ${((t2 - t1) * 1000 / n).toFixed(2)}us  +vec ${((t3 - t2) * 1000 / n).toFixed(2)}us`);
}
