// Validates data/ and prints a summary; on a broken knowledge base prints every problem and exits 1.
import { KbLoadError } from '../kb/errors.ts';
import { loadKnowledgeBase } from '../kb/loader.ts';
import { summarizeKnowledgeBase } from '../kb/summary.ts';

const dir = process.argv[2] ?? 'data';
try {
  console.log(summarizeKnowledgeBase(await loadKnowledgeBase(dir)));
} catch (err) {
  if (!(err instanceof KbLoadError)) throw err;
  console.error(err.message);
  process.exitCode = 1;
}
