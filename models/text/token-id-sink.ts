// Tokenizer output as ids of a TokenTable, without making a string per
// ordinary word (see tokenizer.ts, TokenSink). Used by corpus encoding
// (which adds new tokens) and by prediction (which only looks them up).

import { hashConcat, hashText, type TokenTable } from "./token-table";
import { NEGATION_PREFIX, type TokenSink } from "./tokenizer";

const NEGATION_HASH = hashText(NEGATION_PREFIX);

/** Token ids of one text: ids[0 .. length). */
abstract class TokenIdSink implements TokenSink {
  ids = new Int32Array(64);
  length = 0;

  constructor(readonly table: TokenTable) {}

  protected abstract idOfRange(hash: number, src: string, start: number, end: number, negated: boolean): number;
  protected abstract idOf(token: string): number;

  reset(): void {
    this.length = 0;
  }

  range(src: string, start: number, end: number, hash: number, negated: boolean): void {
    this.push(this.idOfRange(negated ? hashConcat(NEGATION_HASH, hash, end - start) : hash, src, start, end, negated));
  }

  token(text: string): void {
    this.push(this.idOf(text));
  }

  private push(id: number): void {
    if (this.length === this.ids.length) {
      const bigger = new Int32Array(this.ids.length * 2);
      bigger.set(this.ids);
      this.ids = bigger;
    }
    this.ids[this.length++] = id;
  }
}

/** Looks tokens up; a token not in the table becomes -1. */
export class TokenIdLookup extends TokenIdSink {
  protected idOfRange(hash: number, src: string, start: number, end: number, negated: boolean): number {
    return negated ? this.table.idOfPrefixedRange(hash, NEGATION_PREFIX, src, start, end) : this.table.idOfRange(hash, src, start, end);
  }

  protected idOf(token: string): number {
    return this.table.idOf(token);
  }
}

/** Adds unseen tokens to the table (ids in order of first occurrence). */
export class TokenIdInterner extends TokenIdSink {
  protected idOfRange(hash: number, src: string, start: number, end: number, negated: boolean): number {
    return negated ? this.table.addPrefixedRange(hash, NEGATION_PREFIX, src, start, end) : this.table.addRange(hash, src, start, end);
  }

  protected idOf(token: string): number {
    return this.table.add(token);
  }
}
