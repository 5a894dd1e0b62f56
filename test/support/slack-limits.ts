import type { Json } from './fake-slack.ts';

// Slack's documented Block Kit limits, checked independently of the renderer's own constants.
const L = {
  blocks: 50,
  sectionText: 3000,
  fields: 10,
  fieldText: 2000,
  header: 150,
  buttonText: 75,
  actionId: 255,
  value: 2000,
  elements: 25,
  contextElements: 10,
  optionText: 75,
  optionValue: 150,
  options: 100,
  altText: 2000,
  imageTitle: 2000,
};

function arr(x: unknown): Json[] {
  return Array.isArray(x) ? (x as Json[]) : [];
}
function text(x: unknown): string {
  const t = (x as Json | undefined)?.text;
  return typeof t === 'string' ? t : '';
}

/** Every way a message body breaks Slack's limits; empty when Slack would accept it. */
export function slackViolations(body: Json): string[] {
  const v: string[] = [];
  const blocks = arr(body.blocks);
  if (blocks.length > L.blocks) v.push(`${blocks.length} blocks`);
  const actionIds = new Set<string>();
  for (const b of blocks) {
    if (b.type === 'header' && (text(b.text).length === 0 || text(b.text).length > L.header))
      v.push('header text length');
    if (b.type === 'section') {
      if (b.text !== undefined && (text(b.text).length === 0 || text(b.text).length > L.sectionText))
        v.push('section text length');
      const fields = arr(b.fields);
      if (fields.length > L.fields) v.push('too many fields');
      for (const f of fields)
        if (text(f).length === 0 || text(f).length > L.fieldText) v.push('field text length');
      if (b.text === undefined && fields.length === 0) v.push('empty section');
    }
    if (b.type === 'image') {
      const file = b.slack_file as Json | undefined;
      const sources = [b.image_url !== undefined, file?.id !== undefined, file?.url !== undefined];
      if (sources.filter(Boolean).length !== 1)
        v.push('image needs exactly one of image_url, slack_file id or url');
      if (typeof b.alt_text !== 'string' || b.alt_text.length === 0 || b.alt_text.length > L.altText)
        v.push('image alt_text length');
      if (b.title !== undefined && (text(b.title).length === 0 || text(b.title).length > L.imageTitle))
        v.push('image title length');
    }
    if (b.type === 'context' && arr(b.elements).length > L.contextElements)
      v.push('too many context elements');
    if (b.type === 'actions') {
      const elements = arr(b.elements);
      if (elements.length === 0 || elements.length > L.elements) v.push('actions element count');
      for (const e of elements) {
        const id = String(e.action_id ?? '');
        if (id.length === 0 || id.length > L.actionId) v.push('action_id length');
        if (actionIds.has(id)) v.push(`duplicate action_id ${id}`);
        actionIds.add(id);
        if (e.type === 'button' && (text(e.text).length === 0 || text(e.text).length > L.buttonText))
          v.push('button text length');
        if (typeof e.value === 'string' && e.value.length > L.value) v.push('button value length');
        const options = arr(e.options);
        if (e.type === 'static_select' && (options.length === 0 || options.length > L.options))
          v.push('option count');
        for (const o of options) {
          if (text(o.text).length > L.optionText) v.push('option text length');
          if (String(o.value).length > L.optionValue) v.push('option value length');
        }
      }
    }
  }
  return v;
}
