// Writes data/kb.schema.json from the zod schema, so editors validate the YAML as it is typed.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { JSON_SCHEMA_FILE, kbJsonSchemaText } from '../kb/json-schema.ts';
import { folderFromCommandLine, runTool, type Tool, ToolError } from './args.ts';

const TOOL: Tool = {
  command: 'npm run kb:schema --',
  usage: `Usage: npm run kb:schema -- [DIR | --data DIR]

Writes DIR/${JSON_SCHEMA_FILE} (default DIR: data), the JSON Schema that editors use to check the
knowledge base's YAML as it is typed.

Options:
  --data DIR    the knowledge base folder (the same as giving DIR alone)
  -h, --help    print this help and exit

Exit codes: 0 written, 1 the folder is missing or cannot be written to,
2 wrong usage (an unknown option, two folders).`,
};

async function main(argv: string[]): Promise<void> {
  const dir = folderFromCommandLine(TOOL, argv);
  if (dir === undefined) return;
  const path = join(dir, JSON_SCHEMA_FILE);
  await writeFile(path, kbJsonSchemaText()).catch((err: unknown) => {
    throw new ToolError(`cannot write ${path}: ${err instanceof Error ? err.message : String(err)}`);
  });
  console.log(`wrote ${path}`);
}

await runTool(TOOL, () => main(process.argv.slice(2)));
