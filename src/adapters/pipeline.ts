import { type Answer, newSeed, type Request, respond } from '../core/respond.ts';
import type { KnowledgeBase } from '../kb/graph.ts';
import { type Logger, newReference } from '../log.ts';
import { type AnswerEvent, logAnswer } from '../observe.ts';
import { type Card, failureCard } from '../render/card.ts';
import type { FormulaImageLookup } from '../render/formula-images.ts';
import type { Inflight } from '../runtime/inflight.ts';

/** What every adapter is given: the knowledge base (a function, so a reload is seen), a logger, and shutdown tracking. */
export type PipelineDeps = {
  kb: () => KnowledgeBase;
  logger: Logger;
  /** Reports each answer; defaults to the answer log. */
  onAnswer?: (event: AnswerEvent) => void;
  /** Tracks work in flight so a shutdown can finish it; absent, work just runs. */
  inflight?: Inflight;
  /** Formula pictures (FORMULA_IMAGES); absent, formulas show as Unicode text. */
  formulaImage?: FormulaImageLookup;
};

/** Who asked, and how, for the answer log. */
export type Origin = { platform: AnswerEvent['platform']; via: string; userId: string };

/** The path every adapter shares: request → answer (timed and logged), and failures reported the same way. */
export type Pipeline = {
  kb: () => KnowledgeBase;
  logger: Logger;
  /** Formula pictures, when turned on. */
  formulaImage?: FormulaImageLookup;
  /** Answers a request, with a fresh quiz seed, timing and the answer log. */
  answer: (request: Request, origin: Origin) => Answer;
  /**
   * Runs a handler. When it throws: logs the error under a new reference, and hands the user a private
   * note with that reference through `report`; if that fails too, logs that.
   */
  guard: (
    what: string,
    context: Record<string, unknown>,
    work: () => Promise<unknown>,
    report: (note: Card) => Promise<unknown>,
  ) => Promise<void>;
  /** Runs work unless shutting down, so a shutdown can wait for it. */
  track: <T>(work: () => Promise<T>) => Promise<T | undefined>;
};

export function createPipeline(deps: PipelineDeps): Pipeline {
  const onAnswer = deps.onAnswer ?? logAnswer(deps.logger);
  return {
    kb: deps.kb,
    logger: deps.logger,
    ...(deps.formulaImage ? { formulaImage: deps.formulaImage } : {}),
    answer(request, origin) {
      const start = performance.now();
      // Every quiz started from chat gets its own question: the seed is drawn here, once, for all adapters.
      const seeded: Request =
        request.type === 'question' || request.type === 'action' ? { seed: newSeed(), ...request } : request;
      const answer = respond(deps.kb(), seeded);
      onAnswer({
        ...origin,
        ...(request.type === 'question' ? { question: request.text } : {}),
        answer,
        ms: performance.now() - start,
      });
      return answer;
    },
    async guard(what, context, work, report) {
      try {
        await work();
      } catch (err) {
        const reference = newReference();
        deps.logger.error({ err, reference, ...context }, what);
        try {
          await report(failureCard(reference));
        } catch (e) {
          deps.logger.error({ err: e, reference }, 'could not report the failure to the user');
        }
      }
    },
    track: (work) => (deps.inflight ? deps.inflight.run(work) : work().then((v) => v)),
  };
}
