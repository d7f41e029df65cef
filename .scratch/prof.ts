import { readFileSync } from "node:fs";
import { parseCsv, column } from "@/models/text/csv";
import { Tokenizer } from "@/models/text/tokenizer";
import { trainClassifier } from "@/models/classifier";
const t = parseCsv(readFileSync("/work/shared/data/airline-tweets/tweets.csv", "utf8"));
const texts = column(t, "text"), labels = column(t, "airline_sentiment");
const tok = new Tokenizer();
for (let rep = 0; rep < 3; rep++) {
  let t0 = performance.now(); let n = 0; const buf: string[] = [];
  for (const s of texts) { buf.length = 0; tok.run(s, buf, null); n += buf.length; }
  console.log("tokenize ms", (performance.now() - t0).toFixed(1), n);
}
for (let rep = 0; rep < 3; rep++) {
  let t0 = performance.now();
  const m = trainClassifier(texts, labels, { algorithm: "nb" });
  console.log("train ms", (performance.now() - t0).toFixed(1));
  t0 = performance.now();
  m.predictBatch(texts);
  console.log("predict/s", (texts.length / (performance.now() - t0) * 1000).toFixed(0));
}
