import { createHash } from 'node:crypto';
import type { KnowledgeBase } from '../kb/loader.ts';
import type { Entry } from '../kb/schema.ts';
import { type EntryRef, refOf } from './answer.ts';
import { EXAMPLE_QUESTIONS, membersOf } from './build.ts';

/** One block of a tour page: a heading and its lines (a formula line is marked so renderers can set it apart). */
export type TourItem = { heading: string; lines: string[]; formulas?: string[] };

/** One page of the guided tour, built from the knowledge base, never hand-written. */
export type TourPage = {
  title: string;
  intro: string;
  items: TourItem[];
  /** Entries the page talks about: the targets of its "jump to" buttons. */
  topics: EntryRef[];
};

export type Tour = { pages: TourPage[]; version: string };

function entries(kb: KnowledgeBase, ids: readonly string[]): Entry[] {
  return ids.flatMap((id) => {
    const e = kb.byId.get(id);
    return e ? [e] : [];
  });
}

function titlesOf(kb: KnowledgeBase, ids: readonly string[]): string {
  return entries(kb, ids)
    .map((e) => e.title)
    .join(', ');
}

function overviewPage(root: Entry, dimensions: readonly Entry[]): TourPage {
  return {
    title: `${dimensions.length} ways to classify models`,
    intro: root.summary,
    items: dimensions.map((d) => ({ heading: d.title, lines: [d.summary] })),
    topics: dimensions.map(refOf),
  };
}

function dimensionPage(kb: KnowledgeBase, d: Entry): TourPage {
  const categories = entries(kb, membersOf(d));
  const keyDifference =
    d.kind === 'dimension' && d.keyDifference
      ? [{ heading: 'Key difference', lines: [d.keyDifference] }]
      : [];
  return {
    title: d.title,
    intro: d.summary,
    items: [
      ...categories.map((c) => {
        const examples =
          membersOf(c).length > 0
            ? `Examples: ${titlesOf(kb, membersOf(c))}`
            : c.kind === 'category' && c.examplesText
              ? `Examples: ${c.examplesText}`
              : '';
        return { heading: c.title, lines: [c.summary, examples].filter(Boolean) };
      }),
      ...keyDifference,
    ],
    topics: categories.map(refOf),
  };
}

function depthPage(kb: KnowledgeBase, e: Entry): TourPage {
  const lines: TourItem[] = [];
  if (e.kind === 'architecture') {
    lines.push({
      heading: 'Formulas',
      lines: [],
      formulas: e.formulas.map((f) => `${f.name}: ${f.unicode}`),
    });
    lines.push({
      heading: 'Complexity',
      lines: [`Time ${e.complexity.time}; memory ${e.complexity.memory}.`, e.complexity.processing],
    });
  }
  if ('pros' in e) {
    lines.push({ heading: 'Pros', lines: e.pros });
    lines.push({ heading: 'Cons', lines: e.cons });
    lines.push({ heading: "In layman's terms", lines: [e.analogy] });
  }
  if (e.kind === 'training' && e.examples.length > 0)
    lines.push({ heading: 'Examples', lines: [titlesOf(kb, e.examples)] });
  const related = entries(kb, e.related).slice(0, 4);
  return { title: e.title, intro: e.summary, items: lines, topics: [refOf(e), ...related.map(refOf)] };
}

function nextStepsPage(kb: KnowledgeBase): TourPage {
  return {
    title: 'What to ask next',
    intro: `That is the whole taxonomy (products as of ${kb.meta.asOf}). Now check yourself with a quiz, or ask anything.`,
    items: [
      { heading: 'Test yourself', lines: ['quiz', 'quiz me on training approaches'] },
      { heading: 'Questions to try', lines: EXAMPLE_QUESTIONS.slice(0, 6) },
    ],
    topics: [],
  };
}

const tours = new WeakMap<KnowledgeBase, Tour>();

/** The tour of a knowledge base: the overview, each dimension, each architecture and training approach in depth, next steps. */
export function tourOf(kb: KnowledgeBase): Tour {
  let tour = tours.get(kb);
  if (tour) return tour;
  const root = kb.byId.get('taxonomy');
  const dimensions = root?.kind === 'root' ? entries(kb, root.dimensions) : [];
  // Categories that carry formulas or pros and cons get a page of their own after the overviews.
  const deep = dimensions.flatMap((d) =>
    entries(kb, membersOf(d)).filter((c) => c.kind === 'architecture' || c.kind === 'training'),
  );
  const pages = [
    ...(root ? [overviewPage(root, dimensions)] : []),
    ...dimensions.map((d) => dimensionPage(kb, d)),
    ...deep.map((e) => depthPage(kb, e)),
    nextStepsPage(kb),
  ];
  // A short fingerprint of the pages: a button from another version of the tour has expired.
  const version = createHash('sha256').update(JSON.stringify(pages)).digest('hex').slice(0, 6);
  tour = { pages, version };
  tours.set(kb, tour);
  return tour;
}
