// `npm run gaps -- LOGFILE [--top N]`: the most-asked questions the bot could not answer, from its JSON logs.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { summarizeGaps } from '../runtime/gaps.ts';

const args = process.argv.slice(2);
const topIndex = args.indexOf('--top');
const top = topIndex >= 0 ? Number(args[topIndex + 1]) : 20;
const file = args.find((a, i) => !a.startsWith('--') && (topIndex < 0 || i !== topIndex + 1));
if (!file || !Number.isInteger(top) || top < 1) {
  console.error(
    'usage: npm run gaps -- LOGFILE [--top N]   (LOGFILE: the bot\'s JSON log; "-" reads standard input)',
  );
  process.exit(2);
}
const input = file === '-' ? process.stdin : createReadStream(file);
input.on('error', (err: Error) => {
  console.error(`Cannot read ${file}: ${err.message}`);
  process.exit(1);
});
const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
console.log(await summarizeGaps(lines, top));
