import { z } from 'zod';
import { KbFileSchema } from './schema.ts';

export const JSON_SCHEMA_FILE = 'kb.schema.json';

/** The JSON Schema editors use to validate and complete `data/*.yaml`, generated from the zod schema. */
export function kbJsonSchemaText(): string {
  const schema = z.toJSONSchema(KbFileSchema, { io: 'input', unrepresentable: 'any' });
  return `${JSON.stringify({ title: 'LLM taxonomy knowledge base file', ...schema }, null, 2)}\n`;
}
