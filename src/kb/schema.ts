import { z } from 'zod';

// Ids are a public contract (kb-spec.md): `<group>/<slug>`, or the single root `taxonomy`.
export const ID_PATTERN = /^(taxonomy|[a-z]+\/[a-z0-9]+(-[a-z0-9]+)*)$/;
/** A dimension's slug, which is also the id group of its categories and the key of its placements. */
export const SLUG_PATTERN = /^[a-z]+$/;
export const ROOT_ID = 'taxonomy';

const text = z.string().trim().min(1, 'must not be empty');
export const IdSchema = z
  .string()
  .regex(ID_PATTERN, 'must look like "group/slug" in lower case with "-" between words');

/** Where an entry's facts come from: the cheat sheet, or our own glossary of the words it leans on. */
export const PROVENANCES = ['cheatsheet', 'glossary'] as const;
export type Provenance = (typeof PROVENANCES)[number];

const common = {
  id: IdSchema,
  provenance: z
    .enum(PROVENANCES)
    .describe('Where the facts come from: "cheatsheet" (the seed) or "glossary" (our own words).'),
  title: text,
  aliases: z.array(text).default([]).describe('Other names people use: abbreviations, spellings.'),
  summary: text.describe('One line that answers "what is it".'),
  details: text.optional().describe('A longer explanation, in our own words.'),
  keywords: z
    .array(text)
    .default([])
    .describe('Words people use when asking about it without naming it; searched, never shown.'),
  related: z.array(IdSchema).default([]).describe('Ids of entries worth reading next.'),
  note: text.optional().describe('Where the seed disagrees with a well-known fact, say so here.'),
};

export const FormulaSchema = z.strictObject({
  name: text,
  latex: text.describe('The LaTeX source: the source of truth.'),
  unicode: text.describe('A plain-Unicode rendering that reads well in chat.'),
  concept: IdSchema.optional().describe('The concept entry this formula belongs to.'),
});

export const ComplexitySchema = z.strictObject({
  time: text,
  memory: text,
  processing: text.describe('How it walks through a sequence, in words.'),
});

const judged = {
  pros: z.array(text).min(1),
  cons: z.array(text).min(1),
  analogy: text.describe("The layman's version."),
};

export const RootSchema = z.strictObject({
  ...common,
  kind: z.literal('root'),
  dimensions: z.array(IdSchema).min(1).describe('The ways to classify models, in reading order.'),
});

export const DimensionSchema = z.strictObject({
  ...common,
  kind: z.literal('dimension'),
  categories: z
    .array(IdSchema)
    .min(1)
    .describe('The categories of this dimension, in reading order; their ids start with this slug.'),
  keyDifference: text.optional(),
  noun: text.optional().describe('What one category is called in a sentence, e.g. "training approach".'),
});

export const ArchitectureSchema = z.strictObject({
  ...common,
  kind: z.literal('architecture'),
  formulas: z.array(FormulaSchema).min(1),
  complexity: ComplexitySchema,
  ...judged,
  examples: z.array(IdSchema).default([]),
});

export const TrainingSchema = z.strictObject({
  ...common,
  kind: z.literal('training'),
  style: text.optional().describe('The "X-style" label, e.g. GPT-style.'),
  examples: z.array(IdSchema).min(1),
  ...judged,
});

export const RangeSchema = z.strictObject({
  label: text,
  min: z.number().nonnegative().optional().describe('Smallest parameter count, inclusive.'),
  max: z.number().positive().optional().describe('Largest parameter count, exclusive.'),
});

export const CategorySchema = z.strictObject({
  ...common,
  kind: z.literal('category'),
  examples: z.array(IdSchema).default([]),
  examplesText: text.optional().describe('Examples the seed gives in words rather than model names.'),
  range: RangeSchema.optional().describe('The parameter counts the category covers.'),
});

export const ConceptSchema = z.strictObject({
  ...common,
  kind: z.literal('concept'),
  architecture: IdSchema.optional().describe('The architecture whose formulas name this concept.'),
  formulas: z.array(FormulaSchema).default([]).describe("The concept's own formulas."),
  pros: z.array(text).optional(),
  cons: z.array(text).optional(),
  analogy: text.optional().describe("The layman's version."),
});

export const PlacementsSchema = z
  .record(z.string().regex(SLUG_PATTERN, 'must be a dimension slug'), z.array(IdSchema))
  .describe("The categories this model is placed in, keyed by the dimension's slug.");

export const ModelSchema = z.strictObject({
  ...common,
  kind: z.literal('model'),
  placements: PlacementsSchema.describe('The categories the seed places this model in, per dimension.'),
  developer: text.optional(),
  year: z.number().int().min(1950).max(2100).optional(),
  parameters: text.optional().describe('Parameter count in words, where well known.'),
  variantOf: IdSchema.optional(),
});

export const EntrySchema = z.discriminatedUnion('kind', [
  RootSchema,
  DimensionSchema,
  ArchitectureSchema,
  TrainingSchema,
  CategorySchema,
  ConceptSchema,
  ModelSchema,
]);

export const MetaSchema = z
  .object({
    asOf: text.describe('When the product lists were true, e.g. "June 2025".'),
    source: text.optional(),
  })
  .strict();

export const KbFileSchema = z
  .object({
    meta: MetaSchema.optional(),
    entries: z.array(EntrySchema).default([]),
  })
  .strict();

/** A file's outer shape; entries are validated one by one so every bad entry is reported. */
export const KbFileShapeSchema = z
  .object({
    meta: MetaSchema.optional(),
    entries: z.array(z.unknown()).default([]),
  })
  .strict();

export type Formula = z.infer<typeof FormulaSchema>;
export type Entry = z.infer<typeof EntrySchema>;
export type EntryKind = Entry['kind'];
export type RootEntry = z.infer<typeof RootSchema>;
export type DimensionEntry = z.infer<typeof DimensionSchema>;
export type ArchitectureEntry = z.infer<typeof ArchitectureSchema>;
export type TrainingEntry = z.infer<typeof TrainingSchema>;
export type CategoryEntry = z.infer<typeof CategorySchema>;
export type ConceptEntry = z.infer<typeof ConceptSchema>;
export type ModelEntry = z.infer<typeof ModelSchema>;
export type Meta = z.infer<typeof MetaSchema>;
export type Placements = z.infer<typeof PlacementsSchema>;
export type KbFile = z.infer<typeof KbFileSchema>;

/** The kinds a dimension can list as its categories. */
export const CATEGORY_KINDS: readonly EntryKind[] = ['architecture', 'training', 'category'];

/** The group of an id: the part before the slash. */
export function groupOf(id: string): string {
  const slash = id.indexOf('/');
  return slash < 0 ? id : id.slice(0, slash);
}

/** The slug of a dimension id: "dimension/scale" → "scale". */
export function slugOf(dimensionId: string): string {
  return dimensionId.slice(dimensionId.indexOf('/') + 1);
}

/** An entry's layman's analogy, pros and cons, where it has them. */
export function judgementOf(e: Entry): { pros?: string[]; cons?: string[]; analogy?: string } {
  switch (e.kind) {
    case 'architecture':
    case 'training':
      return { pros: e.pros, cons: e.cons, analogy: e.analogy };
    case 'concept':
      return {
        ...(e.pros ? { pros: e.pros } : {}),
        ...(e.cons ? { cons: e.cons } : {}),
        ...(e.analogy ? { analogy: e.analogy } : {}),
      };
    default:
      return {};
  }
}
