/** A running platform connection, as the composition root sees it. */
export type Adapter = {
  name: string;
  /** Connects (or starts listening); resolves once it can answer. */
  start: () => Promise<void>;
  /** Disconnects; safe to call more than once. */
  stop: () => Promise<void>;
  /** Whether it is connected and answering right now. */
  ready: () => boolean;
};
