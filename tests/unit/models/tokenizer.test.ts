import { describe, expect, it } from "vitest";
import { squashRuns, tokenize, Tokenizer, tokenizeWithSpans } from "@/models/text/tokenizer";

describe("tokenizer normalisations", () => {
  it("folds case", () => {
    expect(tokenize("GREAT Service")).toEqual(["great", "service"]);
    expect(tokenize("GREAT Service", { lowercase: false })).toEqual(["GREAT", "Service"]);
  });

  it("replaces URLs, e-mails and @mentions by placeholders", () => {
    expect(tokenize("see https://t.co/abc123 now")).toEqual(["see", "<url>", "now"]);
    expect(tokenize("go to www.example.com/help today")).toEqual(["go", "to", "<url>", "today"]);
    expect(tokenize("mail john.doe+x@example.co.uk pls")).toEqual(["mail", "<email>", "pls"]);
    expect(tokenize("@united thanks @Delta_Assist")).toEqual(["<mention>", "thanks", "<mention>"]);
    expect(tokenize("@united hi", { mentions: "keep" })).toEqual(["@united", "hi"]);
    expect(tokenize("@united hi", { mentions: "drop" })).toEqual(["hi"]);
  });

  it("replaces numbers, including times and amounts", () => {
    expect(tokenize("flight 1234 at 3:45 cost $1,200.50 on 2/24")).toEqual(["flight", "<num>", "at", "<num>", "cost", "<num>", "on", "<num>"]);
    expect(tokenize("flight 1234", { numbers: false })).toEqual(["flight", "1234"]);
  });

  it("keeps emoticons as canonical tokens", () => {
    expect(tokenize("great :) bad :-( lol :D love <3 &lt;3 xD")).toEqual(["great", ":)", "bad", ":(", "lol", ":D", "love", "<3", "<3", ":D"]);
    // A colon before a word is not a ":D" emoticon.
    expect(tokenize("re:Delta")).toEqual(["re", "delta"]);
  });

  it("keeps emoji as tokens and drops skin-tone modifiers", () => {
    expect(tokenize("love it 😍👍🏽")).toEqual(["love", "it", "😍", "👍"]);
    expect(tokenize("love it 😍", { emoji: false })).toEqual(["love", "it"]);
  });

  it("expands contractions, with and without apostrophes", () => {
    expect(tokenize("I'm sure it's they've", { negation: false })).toEqual(["i", "am", "sure", "it", "is", "they", "have"]);
    expect(tokenize("don't", { negation: false })).toEqual(["do", "not"]);
    expect(tokenize("can't", { negation: false })).toEqual(["can", "not"]);
    expect(tokenize("won’t", { negation: false })).toEqual(["will", "not"]);
    expect(tokenize("didnt im", { negation: false })).toEqual(["did", "not", "i", "am"]);
    // Possessive 's is dropped.
    expect(tokenize("john's bag", { negation: false })).toEqual(["john", "bag"]);
  });

  it("squashes elongated words to two repeats", () => {
    expect(tokenize("sooooo goooood")).toEqual(["soo", "good"]);
    expect(squashRuns("cool")).toBe("cool");
    expect(tokenize("sooooo", { squashElongation: false })).toEqual(["sooooo"]);
  });

  it("keeps one ! or ? per run", () => {
    expect(tokenize("wait... what?? really!!!")).toEqual(["wait", "what", "?", "really", "!"]);
    expect(tokenize("really!!!", { punctuation: false })).toEqual(["really"]);
  });

  it("strips # from hashtags by default", () => {
    expect(tokenize("#fail #JetBlue")).toEqual(["fail", "jetblue"]);
    expect(tokenize("#fail", { hashtags: "keep" })).toEqual(["#fail"]);
  });
});

describe("negation scope", () => {
  it("marks words after a negator until punctuation", () => {
    expect(tokenize("not good, but great")).toEqual(["not", "NOT_good", "but", "great"]);
    expect(tokenize("I don't like it. ok")).toEqual(["i", "do", "not", "NOT_like", "NOT_it", "ok"]);
  });

  it("ends the scope at a clause word or an emoticon", () => {
    expect(tokenize("not fast but friendly", { negationWindow: 0 })).toEqual(["not", "NOT_fast", "but", "friendly"]);
    expect(tokenize("not good :( fine", { negationWindow: 0 })).toEqual(["not", "NOT_good", ":(", "fine"]);
  });

  it("limits the scope to negationWindow words (default 3)", () => {
    expect(tokenize("never had such a bad flight")).toEqual(["never", "NOT_had", "NOT_such", "NOT_a", "bad", "flight"]);
    expect(tokenize("never had such a bad flight", { negationWindow: 0 })).toEqual([
      "never",
      "NOT_had",
      "NOT_such",
      "NOT_a",
      "NOT_bad",
      "NOT_flight",
    ]);
  });

  it("can be switched off", () => {
    expect(tokenize("not good", { negation: false })).toEqual(["not", "good"]);
  });

  it("does not leak from one text to the next", () => {
    const t = new Tokenizer();
    expect(t.tokenize("this is not")).toEqual(["this", "is", "not"]);
    expect(t.tokenize("good")).toEqual(["good"]);
  });
});

describe("determinism and spans", () => {
  it("returns the same tokens for the same text", () => {
    const text = "@AmericanAir don't lose my bag AGAIN!!! 😡 http://t.co/x :(";
    expect(tokenize(text)).toEqual(tokenize(text));
    expect(new Tokenizer().tokenize(text)).toEqual(tokenize(text));
  });

  it("gives each token the character span it came from", () => {
    const text = "Don't   LOVE it :) @bob http://x.co";
    const tokens = tokenizeWithSpans(text);
    expect(tokens.map((t) => t.text)).toEqual(["do", "not", "NOT_love", "NOT_it", ":)", "<mention>", "<url>"]);
    expect(tokens.map((t) => text.slice(t.start, t.end))).toEqual(["Don't", "Don't", "LOVE", "it", ":)", "@bob", "http://x.co"]);
    expect(tokenizeWithSpans(text).map((t) => t.text)).toEqual(tokenize(text));
  });

  it("keeps spans right when case folding changes the length", () => {
    // "İ".toLowerCase() has two code units; offsets must still index the original.
    const text = "İstanbul flight ok";
    const tokens = tokenizeWithSpans(text);
    expect(tokens.map((t) => text.slice(t.start, t.end))).toEqual(["İstanbul", "flight", "ok"]);
  });

  it("rejects options of the wrong type", () => {
    expect(() => new Tokenizer({ negationWindow: "3" as unknown as number })).toThrow(/negationWindow/);
    expect(() => new Tokenizer({ mentions: "erase" as "drop" })).toThrow(/mentions/);
  });
});
