import { type FSWatcher, watch } from 'node:fs';
import { type KnowledgeBase, loadKnowledgeBase } from './loader.ts';

export type ReloadEvents = {
  onReload: (kb: KnowledgeBase) => void;
  onError: (err: unknown) => void;
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

export function createKbHolder(dir: string, first: KnowledgeBase, events: ReloadEvents): KbHolder {
  let kb = first;
  let loadedAt = new Date();
  let running: Promise<boolean> | undefined;
  const reload = async () => {
    // One reload at a time: a burst of file events must not race two loads against each other.
    running ??= (async () => {
      try {
        const next = await loadKnowledgeBase(dir);
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
    return running;
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
