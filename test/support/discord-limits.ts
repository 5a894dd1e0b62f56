import type { Json } from './fake-discord.ts';

// Discord's documented limits, checked independently of the renderer's own constants.
const LIMITS = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  total: 6000,
  content: 2000,
  rows: 5,
  buttons: 5,
  customId: 100,
  label: 80,
  options: 25,
  optionText: 100,
  embeds: 10,
};

function arr(x: unknown): Json[] {
  return Array.isArray(x) ? (x as Json[]) : [];
}
function str(x: unknown): string {
  return typeof x === 'string' ? x : '';
}

/** Every way a message body breaks Discord's limits; empty when Discord would accept it. */
export function discordViolations(body: Json): string[] {
  const v: string[] = [];
  if (str(body.content).length > LIMITS.content) v.push('content too long');
  let total = 0;
  if (arr(body.embeds).length > LIMITS.embeds) v.push('too many embeds');
  for (const e of arr(body.embeds)) {
    const title = str(e.title);
    const description = str(e.description);
    const footer = str((e.footer as Json | undefined)?.text);
    if (title.length > LIMITS.title) v.push('embed title too long');
    if (description.length > LIMITS.description) v.push('embed description too long');
    if (footer.length > LIMITS.footer) v.push('footer too long');
    const fields = arr(e.fields);
    if (fields.length > LIMITS.fields) v.push('too many fields');
    for (const f of fields) {
      const name = str(f.name);
      const value = str(f.value);
      if (name.length === 0 || name.length > LIMITS.fieldName) v.push(`field name length ${name.length}`);
      if (value.length === 0 || value.length > LIMITS.fieldValue)
        v.push(`field value length ${value.length}`);
      total += name.length + value.length;
    }
    total += title.length + description.length + footer.length;
  }
  if (total > LIMITS.total) v.push(`embeds total ${total}`);
  const rows = arr(body.components);
  if (rows.length > LIMITS.rows) v.push('too many rows');
  for (const row of rows) {
    const items = arr(row.components);
    if (items.length > LIMITS.buttons) v.push('too many components in a row');
    for (const c of items) {
      if (str(c.custom_id).length === 0 || str(c.custom_id).length > LIMITS.customId)
        v.push('bad custom_id length');
      if (c.type === 2 && (str(c.label).length === 0 || str(c.label).length > LIMITS.label))
        v.push('bad button label');
      const options = arr(c.options);
      if (c.type === 3 && (options.length === 0 || options.length > LIMITS.options))
        v.push('bad select option count');
      for (const o of options)
        if (str(o.label).length > LIMITS.optionText || str(o.value).length > LIMITS.optionText)
          v.push('select option too long');
    }
  }
  return v;
}

export function embedTotal(body: Json): number {
  return arr(body.embeds).reduce(
    (n, e) =>
      n +
      str(e.title).length +
      str(e.description).length +
      str((e.footer as Json | undefined)?.text).length +
      arr(e.fields).reduce((m, f) => m + str(f.name).length + str(f.value).length, 0),
    0,
  );
}
