// Writes data/kb.schema.json from the zod schema, so editors validate the YAML as it is typed.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { JSON_SCHEMA_FILE, kbJsonSchemaText } from '../kb/json-schema.ts';

const dir = process.argv[2] ?? 'data';
const path = join(dir, JSON_SCHEMA_FILE);
await writeFile(path, kbJsonSchemaText());
console.log(`wrote ${path}`);
