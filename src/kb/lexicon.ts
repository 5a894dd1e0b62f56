// The English words the bot treats specially, shared by the search index (kb) and the query core.

/** Filler that carries no topic: question words, pronouns, politeness. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a an the is are was were be been being am what whats which who whom whose how why when where
  do does did doing done can could would should will shall may might must i im me my mine we our us you
  your yours it its they them their theirs this that these those of in on at to from by for with about
  as into onto than then so and or but if not no yes please tell explain explains describe define
  definition give show know understand mean means meaning some any there here s t m re ve d ll hey hi
  hello thanks thank ok okay bot really actually exactly basically briefly quick quickly get got need
  want wanna let lets work works working used use uses using called call named also just very much
  more most less least one ones thing things stuff kind sort type types way ways like about again
  january february march april may june july august september october november december
  current currently latest today now many lot lots plenty
  good great nice cool useful popular each every both something anything everything someone anyone make makes made build builds built create creates created
  developed develop develops`.split(/\s+/),
);

/** Words that ask for the list of a category's members. */
export const LIST_CUES: ReadonlySet<string> = new Set(
  `which list lists listing examples example name names enumerate all every show types kinds categories
  category options members instances`.split(/\s+/),
);

/** Generic nouns for "models" that never decide a topic on their own. */
export const MODEL_NOUNS: ReadonlySet<string> = new Set(
  `model models llm llms ai ais system systems network networks neural language languages approach
  approaches method methods technique techniques architecture architectures one ones`.split(/\s+/),
);

/** Words that ask to put things side by side. */
export const COMPARE_CUES: ReadonlySet<string> = new Set(
  `vs v versus compare compares compared comparing comparison difference differences differ differs
  different distinguish contrast against better worse between similar similarities same tradeoff
  tradeoffs faster slower cheaper which`.split(/\s+/),
);

/** Words that split the sides of a comparison. */
export const COMPARE_SEPARATORS: ReadonlySet<string> = new Set([
  'vs',
  'v',
  'versus',
  'and',
  'or',
  'with',
  'to',
  'against',
  'than',
]);

/** Cues for each focus of a topic answer. */
export const FOCUS_CUES = {
  prosCons: new Set(
    `pros cons pro con advantages advantage disadvantages disadvantage downside downsides upside upsides
    strengths strength weaknesses weakness benefits benefit drawbacks drawback limitations limitation
    tradeoffs weak problems`.split(/\s+/),
  ),
  analogy: new Set(
    `layman laymans laymen eli5 analogy analogies metaphor simply dummies kid kids child children five
    5 plain nontechnical non technical intuition intuitive intuitively beginner beginners grandma simple`.split(
      /\s+/,
    ),
  ),
  formulas: new Set(
    `formula formulas formulae equation equations math maths mathematical mathematically latex notation
    computed compute calculated calculate`.split(/\s+/),
  ),
} as const;

/** Words that ask for help with the bot itself. */
export const HELP_WORDS: ReadonlySet<string> = new Set(
  `help commands command usage howto how to use start examples what can you do`.split(/\s+/),
);

/** Parameter-count units, in parameters. */
export const SIZE_UNITS: Readonly<Record<string, number>> = {
  k: 1e3,
  thousand: 1e3,
  m: 1e6,
  million: 1e6,
  mn: 1e6,
  b: 1e9,
  bn: 1e9,
  billion: 1e9,
  t: 1e12,
  trillion: 1e12,
};
