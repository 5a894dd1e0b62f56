// `npm run formulas -- DIR [--data KB_DIR]`: every formula of the knowledge base as a PNG, for review.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadKnowledgeBase } from '../kb/loader.ts';
import { formulaFileName, formulasOf, renderFormula } from '../render/formula-images.ts';
import { parseCommandLine, requireFolder, runTool, type Tool, ToolError, usageError } from './args.ts';

const TOOL: Tool = {
  command: 'npm run formulas --',
  usage: `Usage: npm run formulas -- DIR [--data KB_DIR]

Draws every formula of the knowledge base as the picture Discord and Slack show, and writes one PNG
per formula into DIR (made if missing), named by entry and formula:
architecture-transformer--self-attention.png.

Options:
  --data KB_DIR  read the knowledge base from KB_DIR (default: data)
  -h, --help     print this help and exit

Exit codes: 0 written, 1 the knowledge base has problems or a formula could not be drawn,
2 wrong usage (no DIR, two of them, an unknown option).`,
};

/** A name not yet used in this run: two formulas of one entry may share a name. */
function uniqueName(name: string, taken: Set<string>): string {
  let unique = name;
  for (let i = 2; taken.has(unique); i++) unique = name.replace(/\.png$/, `-${i}.png`);
  taken.add(unique);
  return unique;
}

async function main(argv: string[]): Promise<void> {
  const cli = parseCommandLine(TOOL, {
    args: argv,
    options: { data: { type: 'string', default: 'data' } },
    allowPositionals: true,
  });
  if (cli === undefined) return;
  const [out, ...extra] = cli.positionals;
  if (out === undefined)
    throw usageError(
      'missing DIR, the folder to write the pictures into (npm run formulas -- DIR [--data KB_DIR])',
    );
  if (extra.length > 0)
    throw usageError(`one DIR only; also given: ${extra.map((a) => `"${a}"`).join(', ')}`);
  requireFolder(cli.values.data);
  const kb = await loadKnowledgeBase(cli.values.data);
  await mkdir(out, { recursive: true });
  const start = performance.now();
  const taken = new Set<string>();
  const failed: string[] = [];
  for (const { entry, formula } of formulasOf(kb)) {
    const name = uniqueName(formulaFileName(entry, formula), taken);
    try {
      const picture = renderFormula(formula.latex);
      await writeFile(join(out, name), picture.png);
      console.log(`${name}  ${picture.width}×${picture.height} px, ${picture.png.byteLength} bytes`);
    } catch (err) {
      failed.push(`${entry} "${formula.name}": ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  const ms = Math.round(performance.now() - start);
  console.log(`wrote ${taken.size - failed.length} pictures to ${out} in ${ms} ms`);
  if (failed.length > 0) throw new ToolError(`could not draw:\n${failed.map((f) => `  ${f}`).join('\n')}`);
}

await runTool(TOOL, () => main(process.argv.slice(2)));
