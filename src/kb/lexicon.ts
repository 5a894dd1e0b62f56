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

/**
 * Everyday English words that some entries also use as names ("large", "vision", "whisper", "tokens").
 * A name made only of these counts as a mention only where the question names something.
 */
export const EVERYDAY_WORDS: ReadonlySet<string> = new Set(
  `small medium large big huge tiny very base basic vision visual image images audio speech sound music code
  coding text reasoning foundation foundational specialized specialised specialist conversational chat chatbot
  chatbots web internet synthetic curated generated hybrid mixed attention parameter parameters params weight
  weights size sizes scale purpose capability capabilities modality modalities data dataset datasets training
  whisper align clip palm flamingo bard copilot codex token tokens embedding embeddings context window length
  policy reward rewards instruct instruction instructions vocabulary vocab memory state states gate gates
  feature features map maps masking masked fine tuning tuned finetuning finetune pretraining pretrained
  pretrain domain specific general`.split(/\s+/),
);

/** Words right before a name that show the question is naming it ("what is", "explain", "vs"). */
export const NAMING_BEFORE: ReadonlySet<string> = new Set(
  `what whats which is are does do did explain explains define definition describe about vs versus v compare comparing between
  of on like eli5 mean meaning called term concept understand intuition idea`.split(/\s+/),
);

/** Words right after a name that show it is named ("X models", "X vs Y", "how do X work"). */
export const NAMING_AFTER: ReadonlySet<string> = new Set(
  `vs versus v model models llm llms architecture architectures approach approaches method methods training
  data category categories network networks work works mean means is are`.split(/\s+/),
);

/** Words that mark a practical question: running, building, buying or fixing something, not what it is. */
export const PRACTICAL_CUES = {
  hardware: new Set(
    `gpu gpus vram ram cpu cpus cuda gb gib mb tb oom nvidia a100 h100 a6000 4090 3090 t4 v100 colab macbook mac
    m1 m2 apple laptop machine server cluster tpu tpus node nodes`.split(/\s+/),
  ),
  software: new Set(
    `install installed installing installation error errors exception traceback bug bugs crash crashes fail failed
    failing failure issue pip npm conda docker python pytorch tensorflow keras jax library libraries package
    packages module import script scripts repo repository readme notebook cli command
    version versions release update upgrade support supported compile build function argument arguments param
    config configuration file files json checkpoint checkpoints load loading loaded save saving path directory
    windows linux ubuntu run running runs execute deploy deployment deploying serve serving server endpoint
    inference latency throughput slow slower speed faster stuck hang hangs timeout quantize quantized
    quantization quantizing 4bit 8bit int4 int8 fp16 bf16 fp8 gguf ggml onnx tensorrt vllm langchain llamaindex
    huggingface hf ollama api apis sdk key keys`.split(/\s+/),
  ),
  product: new Set(
    `price pricing cheap cheapest cost costs costly billing bill paid charge charged subscription plan tier quota rate limit
    limits access waitlist available availability country region europe account login license licence licensing
    commercial terms privacy offline online free trial`.split(/\s+/),
  ),
  practice: new Set(
    `my our own custom dataset datasets corpus finetune finetuning finetuned learning rate epochs epoch batch
    hyperparameter hyperparameters loss nan accuracy benchmark benchmarks score scores mmlu evaluate evaluation
    eval results reproduce prompting output outputs timestamps
    diarization transcribe transcription translate summarize summarization retrieval rag vector database
    index`.split(/\s+/),
  ),
} as const;

/** Openings that ask what something is or how it works, rather than how to do something with it. */
export const CONCEPT_CUES: ReadonlySet<string> = new Set(
  `what whats why explain explanation intuition understand understanding concept concepts meaning mean means
  difference differences differ compare comparison vs versus eli5 definition define theory idea purpose
  confused confusion clarify`.split(/\s+/),
);
