import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { KbLoadError, type KbProblem } from './errors.ts';
import { indexSteps, type KnowledgeBase } from './graph.ts';
import type { Entry, Meta } from './schema.ts';
import type { KbLoadOptions } from './sources.ts';
import { runStepsAsync, type Steps } from './steps.ts';

/** What the worker is given. */
export type WorkerRequest = { dir: string; options: KbLoadOptions; port: MessagePort };
/** What the worker answers; on success its entries wait on the request's port, `chunks` messages of them. */
export type WorkerReply = { ok: true; meta: Meta; chunks: number } | { ok: false; problems: KbProblem[] };

// Beside this file: .ts when run from source (npm start, tsx, vitest), .js in the compiled build.
const WORKER = new URL(
  `./off-thread.worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`,
  import.meta.url,
);

/**
 * Loads `dir` as `loadKnowledgeBase` does, keeping the event loop free: a worker reads, parses and validates
 * the files; this thread only indexes the entries, a slice at a time. `worker` is for tests.
 */
export async function loadKnowledgeBaseOffThread(
  dir: string,
  options: KbLoadOptions = {},
  worker: URL = WORKER,
): Promise<KnowledgeBase> {
  const { port1, port2 } = new MessageChannel();
  try {
    const reply = await runWorker(worker, { dir, options, port: port2 });
    if (!reply.ok) throw new KbLoadError(reply.problems);
    return await runStepsAsync(receiveAndIndex(port1, reply.meta, reply.chunks));
  } finally {
    port1.close();
  }
}

/** Takes the entries off the port one message per step, so no single step copies them all. */
function* receiveAndIndex(port: MessagePort, meta: Meta, chunks: number): Steps<KnowledgeBase> {
  const entries: Entry[] = [];
  for (let i = 0; i < chunks; i++) {
    const received = receiveMessageOnPort(port);
    if (!Array.isArray(received?.message)) throw new Error('the knowledge base worker sent too few entries');
    // Our own worker sent them, validated.
    entries.push(...(received.message as Entry[]));
    yield;
  }
  return yield* indexSteps(meta, entries);
}

function runWorker(url: URL, request: WorkerRequest): Promise<WorkerReply> {
  return new Promise((resolve, reject) => {
    const worker = startWorker(url, request);
    worker.once('message', (reply: WorkerReply) => {
      resolve(reply);
      // Its entries are already queued on the port, which outlives the worker.
      void worker.terminate();
    });
    worker.once('error', (err) =>
      reject(new Error(`the knowledge base worker failed: ${err.message}`, { cause: err })),
    );
    worker.once('exit', (code) =>
      reject(new Error(`the knowledge base worker stopped (exit code ${code}) before it answered`)),
    );
  });
}

function startWorker(url: URL, request: WorkerRequest): Worker {
  const options = { workerData: request, transferList: [request.port] };
  if (!url.pathname.endsWith('.ts')) return new Worker(url, options);
  // Node 20 does not apply tsx's hooks to a worker's entry (tsx issue #354), so the worker imports it through tsx.
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const code = `import(${tsx}).then((tsx) => tsx.tsImport(${JSON.stringify(url.href)}, ${JSON.stringify(import.meta.url)}))`;
  return new Worker(code, { ...options, eval: true });
}
