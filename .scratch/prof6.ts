import { readFileSync } from "node:fs";
import { parseCsv, column } from "@/models/text/csv";
import { Tokenizer } from "@/models/text/tokenizer";
const t = parseCsv(readFileSync("/work/shared/data/airline-tweets/tweets.csv", "utf8"));
const texts = column(t, "text");
const tok = new Tokenizer();
const bufs = [...texts, ...texts, ...texts].map(s => tok.tokenize(s));
const map = new Map<string, number>();
for (const b of bufs) for (const s of b) if (!map.has(s)) map.set(s, map.size);
const obj: Record<string, number> = Object.create(null);
for (const [k, v] of map) obj[k] = v;
let ntok = 0; for (const b of bufs) ntok += b.length;
for (let rep = 0; rep < 6; rep++) {
  let t0 = performance.now(); let s = 0;
  for (const b of bufs) for (let i = 0; i < b.length; i++) s += map.get(b[i])!;
  let t1 = performance.now();
  for (const b of bufs) for (let i = 0; i < b.length; i++) s += obj[b[i]];
  let t2 = performance.now();
  console.log(`map ${((t1 - t0) * 1e6 / ntok).toFixed(1)} ns/tok  obj ${((t2 - t1) * 1e6 / ntok).toFixed(1)} ns/tok`, s > 0);
}
class Table {
  slots: Int32Array; keys: string[] = []; mask: number;
  constructor(cap: number) { let c = 16; while (c < cap * 2) c *= 2; this.slots = new Int32Array(c).fill(-1); this.mask = c - 1; }
  static hash(s: string): number { let h = 0x811c9dc5; for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619); return h ^ (h >>> 15); }
  get(s: string): number { let i = Table.hash(s) & this.mask; for (;;) { const id = this.slots[i]; if (id < 0) return -1; if (this.keys[id] === s) return id; i = (i + 1) & this.mask; } }
  add(s: string) { let i = Table.hash(s) & this.mask; while (this.slots[i] >= 0) i = (i + 1) & this.mask; this.slots[i] = this.keys.length; this.keys.push(s); }
}
const tab = new Table(map.size); for (const k of map.keys()) tab.add(k);
for (let rep = 0; rep < 6; rep++) {
  let t0 = performance.now(); let s = 0;
  for (const b of bufs) for (let i = 0; i < b.length; i++) s += tab.get(b[i]);
  let t1 = performance.now();
  console.log(`table ${((t1 - t0) * 1e6 / ntok).toFixed(1)} ns/tok`, s > 0);
}
