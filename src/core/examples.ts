// Example questions, written once: help, the tour's last page, autocomplete and "I don't know" all use them.

/** One question of each kind the bot understands, for help. */
export const EXAMPLE_QUESTIONS = [
  'tour',
  'what is RLHF',
  'transformer vs rnn',
  'which models are multimodal',
  'pros and cons of masked language modeling',
  'explain convolutional models like I am five',
  'formula for self-attention',
  'which models are both conversational and very large',
  'models under 1B parameters',
  'quiz me on training approaches',
];

/** Shown while the autocomplete box is empty: one question of each kind, so a newcomer sees what works. */
export const STARTER_QUESTIONS = [
  'what is RLHF',
  'transformer vs rnn',
  'which models are multimodal',
  'ways to classify models',
  'pros and cons of masked language modeling',
  'explain convolutional models like I am five',
  'tour',
  'quiz',
];

/** The three questions an "I don't know" suggests trying. */
export const TRY_QUESTIONS = ['what is RLHF', 'transformer vs rnn', 'which models are multimodal'];

/** What the quiz page of the tour offers. */
export const QUIZ_QUESTIONS = ['quiz', 'quiz me on training approaches'];
