// Function words: pronouns, articles and determiners, auxiliaries, prepositions,
// conjunctions, question words and a few intensifiers. A model may weigh them (in a
// word pair or on their own), but marked on their own they explain nothing to a person:
// "you've" or "was" marked as pushing towards positive reads as noise. Explanations
// never show one alone (models/explanation.ts). Words that carry a customer's mood
// even in a plain sentence ("again", "still", "please", "thanks") are not here, nor are
// the negators ("not", "never"), which explanations show with the words they negate.
//
// Normalised forms, as the tokenizer emits them: "you've" arrives as "you" + "have".

const WORDS = `
i me my mine myself we us our ours ourselves you your yours yourself yourselves
he him his himself she her hers herself it its itself they them their theirs themselves
one ones someone somebody something anyone anybody anything everyone everybody everything
a an the this that these those some any each every other another such
am is are was were be been being do does did doing done have has had having
will would shall should can could may might must ought
about above across after against along among around as at before behind below beneath beside
between beyond by down during for from in inside into near of off on onto out outside over
past per since through throughout till to toward towards under until up upon via with within
and or but so if because while whereas than then also both either whether however although
though yet except
what which who whom whose when where why how there here
just very really too quite rather much many more most less least own same all only even ever
s t let
`;

export const STOP_WORDS: ReadonlySet<string> = new Set(WORDS.split(/\s+/).filter(Boolean));
