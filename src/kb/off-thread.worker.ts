// A worker thread's entry: reads, parses and validates a knowledge base folder, the slow part of a reload,
// and sends the valid entries back in chunks (see off-thread.ts).
import { MessagePort, parentPort, workerData } from 'node:worker_threads';
import { KbLoadError } from './errors.ts';
import { validateDirectorySync } from './loader.ts';
import type { WorkerReply, WorkerRequest } from './off-thread.ts';

// Small enough that taking one message off the port is a short step for the main thread.
const ENTRIES_PER_MESSAGE = 500;

function isRequest(data: unknown): data is WorkerRequest {
  return (
    typeof data === 'object' &&
    data !== null &&
    'dir' in data &&
    typeof data.dir === 'string' &&
    'port' in data &&
    data.port instanceof MessagePort
  );
}

function answer(request: WorkerRequest): WorkerReply {
  try {
    const { meta, entries } = validateDirectorySync(request.dir, request.options);
    let chunks = 0;
    for (let i = 0; i < entries.length; i += ENTRIES_PER_MESSAGE, chunks++)
      request.port.postMessage(entries.slice(i, i + ENTRIES_PER_MESSAGE));
    return { ok: true, meta, chunks };
  } catch (err) {
    if (err instanceof KbLoadError) return { ok: false, problems: [...err.problems] };
    throw err;
  }
}

const request: unknown = workerData;
if (!isRequest(request)) throw new Error('the knowledge base worker was started without a request');
parentPort?.postMessage(answer(request));
