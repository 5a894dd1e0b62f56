import { ID_PATTERN } from '../kb/schema.ts';

// What a button or menu does, carried in its custom_id (Discord) or action value (Slack), so any
// instance of the bot can serve a click without remembering anything.

export type Action =
  /** Answer about one entry, to the clicker only. */
  | { type: 'topic'; id: string }
  /** Start a thread on the message and post the full comparison of these entries there. */
  | { type: 'thread'; ids: string[] }
  /** A select menu of entries; the chosen value is the entry id. */
  | { type: 'pick' };

const PREFIX = 'llm';
export const CUSTOM_ID_MAX = 100;

export function encodeAction(action: Action): string {
  switch (action.type) {
    case 'topic':
      return `${PREFIX}:t:${action.id}`;
    case 'thread':
      return `${PREFIX}:th:${action.ids.join(',')}`;
    case 'pick':
      return `${PREFIX}:pick`;
  }
}

/** Keeps as many of `ids` as fit in one custom_id of a thread action (at least two, or none). */
export function threadAction(ids: readonly string[]): Action | undefined {
  const kept = [...ids];
  while (kept.length > 2 && encodeAction({ type: 'thread', ids: kept }).length > CUSTOM_ID_MAX) kept.pop();
  const action: Action = { type: 'thread', ids: kept };
  return kept.length >= 2 && encodeAction(action).length <= CUSTOM_ID_MAX ? action : undefined;
}

/** The action a custom_id encodes; undefined for anything malformed or tampered with. */
export function decodeAction(customId: string): Action | undefined {
  if (customId.length > CUSTOM_ID_MAX) return undefined;
  const [prefix, type, ...rest] = customId.split(':');
  if (prefix !== PREFIX) return undefined;
  const arg = rest.join(':');
  if (type === 't' && ID_PATTERN.test(arg)) return { type: 'topic', id: arg };
  if (type === 'th') {
    const ids = arg.split(',');
    return ids.length >= 2 && ids.every((id) => ID_PATTERN.test(id)) ? { type: 'thread', ids } : undefined;
  }
  if (type === 'pick' && arg === '') return { type: 'pick' };
  return undefined;
}
