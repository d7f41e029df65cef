/**
 * Minimal multinomial naive Bayes used only by the demo-data tests, to check that
 * generated text is learnable but not trivially separable. Kept independent of the
 * app's real model so these tests do not depend on code another engineer is writing.
 */
export function tokenize(text: string): string[] {
  return text.toLowerCase().split(/[^a-z0-9']+/).filter((t) => t.length > 0);
}

export class NaiveBayes<L extends string> {
  private readonly counts = new Map<L, Map<string, number>>();
  private readonly totals = new Map<L, number>();
  private readonly docs = new Map<L, number>();
  private readonly vocab = new Set<string>();
  private nDocs = 0;

  train(text: string, label: L): void {
    let c = this.counts.get(label);
    if (!c) {
      c = new Map();
      this.counts.set(label, c);
    }
    for (const t of tokenize(text)) {
      c.set(t, (c.get(t) ?? 0) + 1);
      this.totals.set(label, (this.totals.get(label) ?? 0) + 1);
      this.vocab.add(t);
    }
    this.docs.set(label, (this.docs.get(label) ?? 0) + 1);
    this.nDocs++;
  }

  predict(text: string): L {
    const tokens = tokenize(text);
    const v = this.vocab.size;
    let best: L | undefined;
    let bestScore = -Infinity;
    for (const [label, c] of this.counts) {
      const total = this.totals.get(label) ?? 0;
      let score = Math.log((this.docs.get(label) ?? 0) / this.nDocs);
      for (const t of tokens) score += Math.log(((c.get(t) ?? 0) + 1) / (total + v));
      if (score > bestScore) {
        bestScore = score;
        best = label;
      }
    }
    if (best === undefined) throw new Error("model is untrained");
    return best;
  }
}
