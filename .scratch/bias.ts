import { readFileSync } from "node:fs";
import { parseCsv, column } from "@/models/text/csv";
import { prepareText } from "@/models/text-pipeline";
import { resolveParams } from "@/models/algorithms";
import { naiveBayesOutOfFoldScores } from "@/models/classifiers/naive-bayes";
import { fitMacroF1Offsets, fitTemperature } from "@/models/classifiers/calibration";
import { stratifiedFolds } from "@/models/random";
import { checkTrainingData } from "@/models/validation";
const t = parseCsv(readFileSync("/work/shared/data/airline-tweets/tweets.csv", "utf8"));
const texts = column(t, "text"), labels = column(t, "airline_sentiment");
const { y } = checkTrainingData(texts, labels);
const params = resolveParams("nb", {});
const prep = prepareText(texts, params);
const opts = { variant: "multinomial" as const, alpha: 0.3, fitPrior: false, normalizeWeights: false };
for (const k of [3, 5, 10]) {
  const logits = naiveBayesOutOfFoldScores(prep.X, y, 3, opts, stratifiedFolds(y, k, 42));
  const T = fitTemperature(logits, y, 3);
  const scaled = logits.map(v => v / T);
  const off = fitMacroF1Offsets(scaled, y, 3, 3);
  console.log(k, "T", T.toFixed(2), "offsets", Array.from(off).map(v => v.toFixed(2)));
}
import { evaluate } from "@/models/evaluation";
{
  const logits = naiveBayesOutOfFoldScores(prep.X, y, 3, opts, stratifiedFolds(y, 5, 7));
  const T = fitTemperature(logits, y, 3);
  const scaled = logits.map(v => v / T);
  for (const off of [[0, 0, 0], [0, -0.3, -0.53], [0, 0.3, 0.5]]) {
    const pred: string[] = []; const tr: string[] = [];
    for (let r = 0; r < y.length; r++) { let b = 0; for (let c = 1; c < 3; c++) if (scaled[r*3+c] + off[c] > scaled[r*3+b] + off[b]) b = c; pred.push(String(b)); tr.push(String(y[r])); }
    console.log(off, evaluate(tr, pred).macroF1.toFixed(4));
  }
}
