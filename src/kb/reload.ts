import { type FSWatcher, watch } from 'node:fs';
import type { KbLoadOptions, KnowledgeBase } from './loader.ts';
import { loadKnowledgeBaseOffThread } from './off-thread.ts';

export type ReloadEvents = {
  onReload: (kb: KnowledgeBase) => void;
  onError: (err: unknown) => void;
};

export type KbHolderOptions = KbLoadOptions & {
  /** How a reload loads `dir`: off the main thread, unless a test says otherwise. */
  load?: (dir: string, options: KbLoadOptions) => Promise<KnowledgeBase>;
};

export type KbHolder = {
  /** The knowledge base in use now: swapped whole on a good reload, so no question sees half of each. */
  current: () => KnowledgeBase;
  /** Loads `dir` again; keeps the current knowledge base when the new one does not validate. */
  reload: () => Promise<boolean>;
  /** Watches `dir` and reloads after changes settle; returns a function that stops watching. */
  watch: (debounceMs?: number) => () => void;
  loadedAt: () => Date;
};

/**
 * Holds the knowledge base and reloads it. A reload reads and validates in a worker and indexes a slice at a
 * time, so a large knowledge base does not stall the chat clients' sockets.
 */
export function createKbHolder(
  dir: string,
  first: KnowledgeBase,
  events: ReloadEvents,
  options: KbHolderOptions = {},
): KbHolder {
  const { load = loadKnowledgeBaseOffThread, ...limits } = options;
  let kb = first;
  let loadedAt = new Date();
  let running: Promise<boolean> | undefined;
  let again = false;
  const reload = async (): Promise<boolean> => {
    // One reload at a time: a burst of file events must not race two loads against each other. A change
    // during a reload may come after its files were read, so one more reload follows it.
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        const next = await load(dir, limits);
        kb = next;
        loadedAt = new Date();
        events.onReload(next);
        return true;
      } catch (err) {
        events.onError(err);
        return false;
      } finally {
        running = undefined;
      }
    })();
    const ok = await running;
    if (!again) return ok;
    again = false;
    return reload();
  };
  return {
    current: () => kb,
    reload,
    loadedAt: () => loadedAt,
    watch(debounceMs = 300) {
      let timer: NodeJS.Timeout | undefined;
      const watcher: FSWatcher = watch(dir, (_event, file) => {
        if (file && !String(file).endsWith('.yaml')) return;
        clearTimeout(timer);
        timer = setTimeout(() => void reload(), debounceMs);
      });
      watcher.on('error', (err) => events.onError(err));
      return () => {
        clearTimeout(timer);
        watcher.close();
      };
    },
  };
}
