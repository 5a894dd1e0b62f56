import { entriesOf, type KnowledgeBase, membersOf } from '../kb/graph.ts';
import { type Entry, judgementOf } from '../kb/schema.ts';
import { refOf, type TourItem, type TourPage } from './answer.ts';
import { EXAMPLE_QUESTIONS, QUIZ_QUESTIONS } from './examples.ts';

export type Tour = { pages: TourPage[]; version: string };

function titlesOf(kb: KnowledgeBase, ids: readonly string[]): string {
  return entriesOf(kb, ids)
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

/** The words the taxonomy leans on, from our glossary: read before the architectures. */
function basicsPage(kb: KnowledgeBase): TourPage | undefined {
  const basics = entriesOf(kb, kb.graph.basics);
  if (basics.length === 0) return undefined;
  return {
    title: 'The basics',
    intro:
      'A few words the taxonomy leans on, explained in our own words (this page is from our glossary, not the cheat sheet).',
    items: basics.map((e) => ({ heading: e.title, lines: [e.summary] })),
    topics: basics.map(refOf),
  };
}

function dimensionPage(kb: KnowledgeBase, d: Entry): TourPage {
  const categories = entriesOf(kb, membersOf(kb, d.id));
  const keyDifference =
    d.kind === 'dimension' && d.keyDifference
      ? [{ heading: 'Key difference', lines: [d.keyDifference] }]
      : [];
  return {
    title: d.title,
    intro: d.summary,
    items: [
      ...categories.map((c) => {
        const members = membersOf(kb, c.id);
        const inWords = c.kind === 'category' && c.examplesText ? `Examples: ${c.examplesText}` : '';
        const examples = members.length > 0 ? `Examples: ${titlesOf(kb, members)}` : inWords;
        return { heading: c.title, lines: [c.summary, examples].filter(Boolean) };
      }),
      ...keyDifference,
    ],
    topics: categories.map(refOf),
  };
}

function depthPage(kb: KnowledgeBase, e: Entry): TourPage {
  const items: TourItem[] = [];
  const formulas = kb.graph.formulas.get(e.id) ?? [];
  if (formulas.length > 0) items.push({ heading: 'Formulas', lines: [], formulas: [...formulas], of: e.id });
  if (e.kind === 'architecture') {
    items.push({
      heading: 'Complexity',
      lines: [`Time ${e.complexity.time}; memory ${e.complexity.memory}.`, e.complexity.processing],
    });
  }
  const judged = judgementOf(e);
  if (judged.pros) items.push({ heading: 'Pros', lines: judged.pros });
  if (judged.cons) items.push({ heading: 'Cons', lines: judged.cons });
  if (judged.analogy) items.push({ heading: "In layman's terms", lines: [judged.analogy] });
  if (e.kind === 'training' && e.examples.length > 0)
    items.push({ heading: 'Examples', lines: [titlesOf(kb, e.examples)] });
  const related = entriesOf(kb, e.related).slice(0, 4);
  return { title: e.title, intro: e.summary, items, topics: [refOf(e), ...related.map(refOf)] };
}

function nextStepsPage(kb: KnowledgeBase): TourPage {
  return {
    title: 'What to ask next',
    intro: `That is the whole taxonomy (products as of ${kb.meta.asOf}). Now check yourself with a quiz, or ask anything.`,
    items: [
      { heading: 'Test yourself', lines: QUIZ_QUESTIONS, questions: true },
      { heading: 'Questions to try', lines: EXAMPLE_QUESTIONS.slice(0, 6), questions: true },
    ],
    topics: [],
  };
}

/** Whether a category is worth a page of its own: it has formulas, or pros and cons. */
function hasDepth(kb: KnowledgeBase, e: Entry): boolean {
  return (kb.graph.formulas.get(e.id)?.length ?? 0) > 0 || judgementOf(e).pros !== undefined;
}

/** The tour of a knowledge base: the overview, each dimension, each category with depth, next steps. Cheap and pure. */
export function tourOf(kb: KnowledgeBase): Tour {
  const { root, dimensions } = kb.graph;
  // Categories that carry formulas or pros and cons get a page of their own after the overviews.
  const deep = dimensions.flatMap((d) => entriesOf(kb, membersOf(kb, d.id)).filter((c) => hasDepth(kb, c)));
  const basics = basicsPage(kb);
  const pages = [
    overviewPage(root, dimensions),
    ...(basics ? [basics] : []),
    ...dimensions.map((d) => dimensionPage(kb, d)),
    ...deep.map((e) => depthPage(kb, e)),
    nextStepsPage(kb),
  ];
  return { pages, version: kb.fingerprint };
}
