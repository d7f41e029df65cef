// Small hand-written corpus shared by the model tests (no external data).

export const POSITIVE = [
  "great service, thank you so much",
  "love the friendly staff, great job",
  "excellent help, very happy with the support",
  "thanks for the amazing support today",
  "wonderful experience, happy customer",
  "the agent was great and really helpful",
  "happy with the quick refund, thanks",
  "amazing crew and great flight",
];

export const NEGATIVE = [
  "terrible service, very angry",
  "worst support ever, awful",
  "I hate waiting on hold for hours",
  "awful experience, never again",
  "rude agent and terrible help",
  "angry about the delay, worst airline",
  "lost my bag again, terrible",
  "the worst customer service, rude and slow",
];

export const NEUTRAL = [
  "what time does the flight leave",
  "how do I change my seat",
  "is there wifi on the plane",
  "where can I find the baggage policy",
  "which terminal does the flight use",
  "can I bring my dog on the plane",
  "what is the baggage allowance",
  "how do I check in online",
];

export const TWO_CLASS = {
  texts: [...POSITIVE, ...NEGATIVE],
  labels: [...POSITIVE.map(() => "positive"), ...NEGATIVE.map(() => "negative")],
};

export const THREE_CLASS = {
  texts: [...POSITIVE, ...NEGATIVE, ...NEUTRAL],
  labels: [...POSITIVE.map(() => "positive"), ...NEGATIVE.map(() => "negative"), ...NEUTRAL.map(() => "neutral")],
};
