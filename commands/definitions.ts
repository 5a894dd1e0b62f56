// The command surface, defined once; Discord's registration JSON and Slack's manifest are derived from it.

export type OptionDefinition = {
  type: 'string' | 'boolean' | 'user';
  description: string;
  required?: boolean;
  autocomplete?: boolean;
  maxLength?: number;
};

export type SlashCommandDefinition = {
  name: string;
  description: string;
  /** Slack's usage hint, shown as the user types. */
  usageHint: string;
  options: Readonly<Record<string, OptionDefinition>>;
};

export type MessageCommandDefinition = { name: string };

/** The longest question a user may type; longer ones are cut by the query core anyway. */
export const QUESTION_MAX_LENGTH = 500;

export const LLM_COMMAND = {
  name: 'llm',
  description: 'Ask about the taxonomy of LLMs and AI models',
  usageHint: '[private] what is RLHF | transformer vs rnn | which models are multimodal | tour | quiz | help',
  options: {
    question: {
      type: 'string',
      description: 'Your question, e.g. "what is RLHF", "transformer vs rnn", "tour" or "quiz"',
      required: true,
      autocomplete: true,
      maxLength: QUESTION_MAX_LENGTH,
    },
    private: { type: 'boolean', description: 'Only you see the answer' },
    mention: { type: 'user', description: 'Address the answer to this person (only they are notified)' },
  },
} as const satisfies SlashCommandDefinition;

export const EXPLAIN_MESSAGE_COMMAND = {
  name: 'Explain with /llm',
} as const satisfies MessageCommandDefinition;
