// The word lists the tokenizer (./tokenizer.ts) treats specially: emoticons, contractions,
// negators and the words that end a negation. Data only; the scanner keeps its own indexes.

/** Emoticons: canonical token → the variants that become it (matched on the case-folded text). */
export const EMOTICON_GROUPS: [string, string[]][] = [
  [":)", [":)", ":-)", ":]", "=)", ":o)", "(:", "(-:", ":-]", "=]", ":)))", ":))"]],
  [":(", [":(", ":-(", ":[", "=(", ":-[", ":((", "):"]],
  [":'(", [":'(", ":’(", ":'-(", ";("]],
  [":D", [":d", ":-d", "=d", ";d"]],
  [";)", [";)", ";-)", ";]"]],
  [":P", [":p", ":-p", "=p", ";p", ";-p"]],
  [":/", [":/", ":-/", ":\\", ":-\\", "=/"]],
  [":|", [":|", ":-|"]],
  [":O", [":o", ":-o"]],
  [":*", [":*", ":-*"]],
  ["<3", ["<3", "<33", "<333", "&lt;3"]],
  ["</3", ["</3", "&lt;/3"]],
];

/** Word-form emoticons ("xD" lower-cases to "xd"). */
export const WORD_EMOTICONS = new Map([["xd", ":D"], ["xp", ":P"]]);

/** Apostrophe-less spellings common in chat ("dont") and in the punctuation-stripped emotion corpus ("didnt"). */
export const BARE_CONTRACTIONS = new Map<string, string[]>([
  ["dont", ["do", "not"]], ["cant", ["can", "not"]], ["wont", ["will", "not"]], ["didnt", ["did", "not"]],
  ["doesnt", ["does", "not"]], ["isnt", ["is", "not"]], ["arent", ["are", "not"]], ["wasnt", ["was", "not"]],
  ["werent", ["were", "not"]], ["havent", ["have", "not"]], ["hasnt", ["has", "not"]], ["hadnt", ["had", "not"]],
  ["couldnt", ["could", "not"]], ["shouldnt", ["should", "not"]], ["wouldnt", ["would", "not"]],
  ["aint", ["is", "not"]], ["mustnt", ["must", "not"]], ["neednt", ["need", "not"]], ["cannot", ["can", "not"]],
  ["im", ["i", "am"]], ["ive", ["i", "have"]], ["youre", ["you", "are"]], ["theyre", ["they", "are"]],
  ["thats", ["that", "is"]], ["whats", ["what", "is"]], ["youve", ["you", "have"]], ["theyve", ["they", "have"]],
]);
/** Bases of "n't" whose stem is not simply the word minus "n". */
export const NT_IRREGULAR = new Map([["ca", "can"], ["wo", "will"], ["ai", "is"], ["sha", "shall"]]);
/** "'s" after these means "is"; elsewhere it is a possessive and dropped. */
export const S_MEANS_IS = new Set(["it", "that", "what", "there", "here", "he", "she", "who", "where", "how", "everything", "nothing"]);
export const SUFFIX_EXPANSIONS = new Map([["m", "am"], ["re", "are"], ["ve", "have"], ["ll", "will"], ["d", "would"]]);

export const NEGATORS = ["not", "no", "never", "nobody", "nothing", "none", "nowhere", "neither", "nor", "without", "hardly", "barely"];
/** Words that open a new clause and so end a negation scope. */
export const CLAUSE_WORDS = ["but", "however", "although", "though", "yet", "except"];
/** The negating words (explanations show each with the words it negates). */
export const NEGATOR_WORDS: ReadonlySet<string> = new Set(NEGATORS);
/** Words that open a new clause (explanations never mark across them). */
export const CLAUSE_OPENING_WORDS: ReadonlySet<string> = new Set(CLAUSE_WORDS);
