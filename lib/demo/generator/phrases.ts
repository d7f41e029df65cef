/**
 * Tone phrases: how a customer sounds, independent of what they are writing about.
 * Written for this project (no dataset text).
 *
 * Why sentiment x emotion pools: the emotion label of a demo message should be
 * recoverable from its wording ("furious" -> anger, "worried" -> fear), and a bag-of-words
 * model should learn sensible cues. Neutral pools deliberately contain mild mood words
 * ("hope", "not sure", "unfortunately") and negative pools polite ones ("please",
 * "thanks") so the classes overlap the way real messages do.
 */
import type { Emotion, Sentiment } from "./types";

type EmotionPools = Partial<Record<Emotion, readonly string[]>>;

/** First sentence that sets the mood. */
export const OPENERS: Record<Sentiment, EmotionPools> = {
  negative: {
    anger: [
      "This is ridiculous.", "I am {very} angry right now.", "Honestly, this is unacceptable.",
      "I'm furious.", "I've had enough.", "What a joke.", "I am fed up with this.", "Seriously?",
      "I'm beyond frustrated.", "This is the worst service I've ever had.", "Not happy. At all.",
      "I'm sick of chasing you.", "Absolutely disgraceful.", "I am livid.", "Unbelievable, again.",
    ],
    sadness: [
      "I'm {very} disappointed.", "I'm honestly let down.", "This is really upsetting.",
      "I feel like nobody is listening.", "Sadly, I have to complain again.",
      "I used to love your service, but not anymore.", "This has ruined my week.",
      "I'm exhausted from dealing with this.", "It's been a hard month and this doesn't help.",
      "I'm not happy about this at all.", "I'm heartbroken, to be honest.", "This is so discouraging.",
    ],
    fear: [
      "I'm {very} worried.", "I'm scared this will get worse.", "I'm anxious about this.",
      "Please help, I'm panicking a bit.", "This is making me nervous.",
      "I'm afraid something is seriously wrong.", "I'm really concerned.", "I'm stressed out about this.",
      "I'm frightened I'll lose money over this.", "I can't sleep over this.",
    ],
    surprise: [
      "I was shocked to see this.", "I can't believe this happened.", "Wow, I did not expect this.",
      "I'm stunned.", "What on earth happened here?", "Out of nowhere, this happened.",
      "Imagine my surprise.", "This is bizarre.",
    ],
  },
  neutral: {
    surprise: [
      "I noticed something I wasn't expecting.", "Just curious about something.",
      "Interesting, I didn't know this was possible.", "I saw something new and wanted to ask.",
      "Oh, I just noticed something.", "Quick question, this caught my eye.",
    ],
    joy: [
      "Hope you're having a good day!", "Hope your week is going well.", "Glad I found this chat.",
      "Thanks in advance for the help.", "Hope you can help!", "Happy to provide more details.",
    ],
    fear: [
      "I just want to make sure I don't mess this up.", "I'm a little unsure about this.",
      "Not sure if this is the right place to ask.", "I want to double-check something before the deadline.",
      "I'm slightly nervous about getting this wrong.", "Just want to be safe here.",
    ],
    sadness: [
      "Unfortunately I need to make a change.", "Sadly my circumstances have changed.",
      "It's a shame, but I need to ask about this.", "Due to a family situation, I need to sort something out.",
      "Things have been difficult lately, so I need to check something.",
    ],
  },
  positive: {
    joy: [
      "Great news!", "Just wanted to say thank you!", "I'm {very} happy.", "What a great experience.",
      "You made my day!", "I'm so pleased.", "Happy customer here!", "Brilliant service today.",
      "Fantastic job.", "Delighted with this.", "Thank you so much!",
    ],
    love: [
      "I absolutely love your service.", "You guys are amazing.", "I love the new app.",
      "Honestly, best support team ever.", "Big love to your team.", "I adore how easy this is now.",
      "Can't say enough good things about you.", "You are wonderful, truly.",
    ],
    surprise: [
      "Wow, that was fast!", "I'm pleasantly surprised.", "I didn't expect it to be this easy!",
      "What a nice surprise!", "Well, that was unexpected in the best way.", "Wow, just wow.",
    ],
  },
};

/** Follow-up sentence that shows how the customer feels about the situation. */
export const REACTIONS: Record<Sentiment, EmotionPools> = {
  negative: {
    anger: [
      "This is the {ordinal} time I've had to contact you about it.",
      "Nobody has called me back, even though I was promised a call.",
      "I've been on hold for {mins} minutes twice now.",
      "Your agents keep giving me different answers.",
      "I'm paying for a service that simply doesn't work.",
      "I want this fixed {now}, not next week.",
      "If this isn't sorted {now} I will take my business elsewhere.",
      "It is {very} unacceptable.",
      "I am done being patient.",
      "Frankly it's a disgrace.",
      "I'm {very} angry about the way this has been handled.",
      "Your so-called support is useless.",
    ],
    sadness: [
      "I've been a customer for {years} years and I've never felt this ignored.",
      "It feels like no one cares.",
      "I really expected better from you.",
      "I'm just tired of this.",
      "It's such a letdown.",
      "I don't know what else to do.",
      "I'm disappointed, that's all I can say.",
      "It's {very} upsetting to be treated like this.",
      "I feel completely let down.",
    ],
    fear: [
      "I'm worried I'll be charged late fees because of this.",
      "I'm afraid my account will get suspended.",
      "What if this affects my credit score?",
      "I can't afford to lose access right now.",
      "I'm scared I'll miss the deadline.",
      "I keep checking and I'm getting more nervous every day.",
      "I'm worried my data isn't safe.",
      "I'm {very} anxious that this will happen again.",
    ],
    surprise: [
      "I honestly didn't see that coming.",
      "Nobody told me anything about this.",
      "This came completely out of the blue.",
      "How is that even possible?",
      "I had no idea this could happen.",
      "I'm still shocked, to be honest.",
    ],
  },
  neutral: {
    surprise: ["I hadn't seen that option before.", "I didn't realise that was how it worked.", "That was new to me."],
    joy: ["Happy to send anything else you need.", "No rush at all.", "Thanks for your time."],
    fear: ["I just don't want anything to go wrong.", "I'd rather check than guess.", "I hope that's not a problem."],
    sadness: ["It's not ideal, but it is what it is.", "Unfortunately there's no way around it.", "Sadly it can't be helped."],
  },
  positive: {
    joy: [
      "{agent} was {very} helpful.", "Everything works perfectly now.", "It took less than {mins} minutes.",
      "Really appreciate the quick help.", "You've saved me a lot of time.",
      "Thanks for being so patient with me.", "Couldn't be happier.", "No problems at all since then.",
      "It all just works, which is great.", "I'm {very} grateful.",
    ],
    love: [
      "I'll be recommending you to all my friends.", "This is why I've stayed with you for {years} years.",
      "Your team is the best.", "I love how simple it is now.",
      "Please pass my thanks to {agent}, they were wonderful.", "Keep being awesome.",
      "I love dealing with you guys.", "Honestly, I adore this service.",
    ],
    surprise: [
      "I honestly expected to wait days.", "Didn't think it would be sorted so quickly.",
      "I was surprised how easy it was.", "Never thought it would be this simple.",
    ],
  },
};

/** Negative calls to action; polite ones on purpose for sadness/fear. */
export const DEMANDS: EmotionPools = {
  anger: [
    "Fix this {now}.", "I want a full refund.", "I expect a call back {now}.", "Escalate this to a manager.",
    "Sort it out.", "Cancel everything if you can't fix it.", "Someone needs to take responsibility.",
    "Give me a straight answer.", "Stop wasting my time and fix it.", "Do NOT send me another template reply.",
  ],
  sadness: [
    "I just want this resolved.", "Please can someone help me.", "Please, I need this sorted.",
    "I'd appreciate someone actually reading this.", "Please make this right.",
  ],
  fear: [
    "Please help me sort this out before it gets worse.", "Can someone please look into this urgently?",
    "Please call me back as soon as possible.", "Please tell me what I need to do.",
    "Please confirm my account is safe.",
  ],
  surprise: [
    "Can someone explain what happened?", "Please explain how this happened.",
    "I'd like an explanation.", "What is going on?",
  ],
};

/** Sentences built on the category subject, so tone and topic combine freely. */
export const SUBJECT_LINES: Record<Sentiment, readonly string[]> = {
  negative: [
    "I'm still waiting for an answer about {subject}.", "Nobody has fixed {subject} yet.",
    "{subject} is a complete mess.", "I'm so tired of chasing {subject}.",
    "Why is {subject} still not sorted?", "This is about {subject}, again.",
    "I have a complaint about {subject}.", "{subject} has been a nightmare since {when}.",
    "I've called about {subject} {n} times now.",
  ],
  neutral: [
    "I'm not sure if {subject} is set up correctly.", "Just checking on {subject}.",
    "I have a question about {subject}.", "Could you look into {subject} for me?",
    "Hoping you can help with {subject}.", "Sorry to bother you, quick one about {subject}.",
    "I'm writing about {subject}.", "Can you tell me more about {subject}?",
    "Following up on {subject} from {when}.",
  ],
  positive: [
    "I had a problem with {subject} last month, but it's all sorted now.",
    "After the trouble with {subject}, this time everything worked perfectly.",
    "I was worried about {subject}, but there was no need.",
    "{subject} was a headache before, not anymore.",
    "I was ready to complain about {subject}, but {agent} fixed it in minutes.",
    "Just a quick note about {subject}: all good!",
    "Thank you for the help with {subject}.",
  ],
};

/**
 * Low-key positives: acknowledgements that read close to neutral. They keep the
 * positive class from being trivially separable ("Got it, thanks" is barely positive).
 */
export const ACKNOWLEDGEMENTS: readonly string[] = [
  "Thanks, that answers my question.", "That worked, thanks.", "OK, all done now.", "Got it, thank you.",
  "Perfect, that's what I needed.", "All sorted on my side.", "That's fine, thanks for explaining.",
  "Good to know, thanks.", "Received, thank you.", "That did the trick.", "Nice, it shows correctly now.",
  "Thanks for the quick reply.", "Appreciate the update on {subject}.", "Thanks for sorting {subject}.",
];

/** Lead-ins for one-line questions; mood-free, they add variety to the shortest messages. */
export const QUESTION_LEADS: readonly string[] = [
  "Quick question: ", "Just wondering, ", "One question - ", "Can you tell me: ", "Question about {subject}: ",
  "Hi again, ", "Sorry, another one: ", "Re {subject}: ", "Wondering if you can help. ", "Hey, ",
];

/** Small neutral follow-ups that turn a statement into a request. */
export const CHECK_REQUESTS: readonly string[] = [
  "Could you check?", "Can you confirm?", "Can you take a look?", "Could someone look into it?",
  "Please advise.", "Let me know what you find.", "Is that right?", "Any idea why?",
];

export const CLOSINGS: Record<Sentiment | "any", readonly string[]> = {
  negative: [
    "Very unhappy customer.", "Still waiting.", "Not impressed.", "Disappointed.", "Last chance.",
    "Awaiting your urgent reply.", "Do better.", "This is my final email about it.",
  ],
  neutral: ["Let me know.", "Appreciate it.", "Have a good day.", "Thanks for your help.", "Looking forward to hearing from you."],
  positive: [
    "Thanks again!", "Keep up the great work!", "Cheers!", "Many thanks.", "Have a lovely day!",
    "All the best.", "Five stars from me.", "Thank you, thank you!",
  ],
  any: ["Thanks.", "Thank you.", "Regards.", "Best regards.", "Cheers.", "Thanks in advance."],
};

/** Email/web sign-offs, appended after everything else (never on phone notes or chat). */
export const SIGNOFFS = {
  /** After a closing line ("Thanks."), just the name. */
  nameOnly: ["- {signer}", "{signer}"],
  full: ["Thanks, {signer}", "Regards, {signer}", "Kind regards, {signer}", "Best, {signer}", "Cheers, {signer}"],
} as const;

export const EMOTICONS: Record<Sentiment, EmotionPools> = {
  negative: {
    anger: [">:(", "😡", "!!!", "😤", "!!"],
    sadness: [":(", ":'(", "😞", "😢", ":-("],
    fear: ["😟", ":-/", "😬", "😰"],
    surprise: ["?!", "😳", "😮", "?!?"],
  },
  neutral: { surprise: ["🤔", "?"], joy: [":)", "🙂"], fear: ["🙏", ":/"], sadness: ["🙁"] },
  positive: {
    joy: [":)", ":D", "😊", "🙂", "👍"],
    love: ["❤️", "<3", "😍", "🥰", "💙"],
    surprise: ["😮", "!!", "🎉", "wow"],
  },
};

/** Channel-specific lead-ins. Phone requests are stored as call notes or transcripts. */
export const GREETINGS: Record<"email" | "web" | "chat", readonly string[]> = {
  email: ["Hi,", "Hello,", "Hello team,", "Good morning,", "Good afternoon,", "Dear support,", "Hi there,", "To whom it may concern,", "Dear Sir or Madam,"],
  web: ["Hi,", "Hello,", "Re: {subject} -", "Subject: {subject} -"],
  chat: ["hi,", "hello,", "hey,", "hi there!", "Hi!", "hey there,", "Hello!"],
};

export const PHONE_PREFIXES: readonly string[] = [
  "Caller says: ", "Call transcript: ", "Voicemail: ", "Customer on the phone: ",
  "Call note - customer said: ", "IVR transcript: ",
];

/**
 * Misspellings applied to whole words only (see noise.ts). Pairs, not rules, because a
 * lookup is far cheaper than regex in a loop that runs a million times.
 */
export const TYPOS: readonly (readonly [string, string])[] = [
  ["receive", "recieve"], ["received", "recieved"], ["definitely", "definately"], ["account", "acount"],
  ["payment", "paymnet"], ["please", "pls"], ["please", "plz"], ["thanks", "thx"], ["because", "becuase"],
  ["again", "agian"], ["really", "realy"], ["the", "teh"], ["you", "u"], ["your", "ur"],
  ["appointment", "appointmnet"], ["invoice", "invoce"], ["already", "allready"], ["which", "wich"],
  ["until", "untill"], ["tomorrow", "tommorow"], ["what", "wat"], ["with", "wiht"], ["would", "woudl"],
  ["I'm", "Im"], ["don't", "dont"], ["can't", "cant"], ["it's", "its"], ["didn't", "didnt"],
  ["technician", "techician"], ["cancelled", "canceled"], ["cancellation", "cancelation"],
  ["separate", "seperate"], ["address", "adress"], ["business", "buisness"], ["months", "monhts"],
];
