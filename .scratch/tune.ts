import { readFileSync } from "node:fs";
import { parseCsv, column } from "@/models/text/csv";
import { crossValidate } from "@/models/evaluation";
const [file, textCol, labelCol, delim, algo, ...grid] = process.argv.slice(2);
const t = parseCsv(readFileSync(file, "utf8"), { delimiter: delim });
const texts = column(t, textCol), labels = column(t, labelCol);
for (const g of grid) {
  const params = Object.fromEntries(g.split(",").filter(Boolean).map(kv => kv.split("=")));
  const r = crossValidate(texts, labels, 5, { algorithm: algo as any, params }, 42);
  console.log(g.padEnd(60), "acc", r.accuracy.toFixed(4), "mF1", r.macroF1.toFixed(4), "trainMs", (r.trainMs / 5).toFixed(0));
}
