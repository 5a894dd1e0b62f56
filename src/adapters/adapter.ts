/** A running platform connection, as the composition root sees it. */
export type Adapter = {
  name: string;
  /** Connects (or starts listening); resolves once it can answer. */
  start: () => Promise<void>;
  /**
   * Stops taking new work from the platform (closes the gateway, the socket or the listener) while replies
   * already being worked on can still go out; safe to call more than once.
   */
  stopReceiving: () => Promise<void>;
  /** Disconnects and releases everything; safe to call more than once. */
  stop: () => Promise<void>;
  /** Whether it is connected and answering right now. */
  ready: () => boolean;
};
