import { createHash } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Resvg } from '@resvg/resvg-js';
import type { LiteElement } from 'mathjax-full/js/adaptors/lite/Element.js';
import { type LiteAdaptor, liteAdaptor } from 'mathjax-full/js/adaptors/liteAdaptor.js';
import { RegisterHTMLHandler } from 'mathjax-full/js/handlers/html.js';
import { TeX } from 'mathjax-full/js/input/tex.js';
import 'mathjax-full/js/input/tex/ams/AmsConfiguration.js';
import { mathjax } from 'mathjax-full/js/mathjax.js';
import { SVG } from 'mathjax-full/js/output/svg.js';
import type { KnowledgeBase } from '../kb/graph.ts';
import type { Formula } from '../kb/schema.ts';

// Formulas as pictures, offline: MathJax turns LaTeX into SVG (its TeX font as paths, so no system font is
// needed), resvg turns that into PNG. Dark glyphs on a white rounded card read on dark and light themes alike.

/** A formula's picture, found by a hash of its LaTeX. */
export type FormulaImage = { key: string; png: Uint8Array; width: number; height: number };

/** The picture of a formula's LaTeX, when one was rendered; platforms without one show its Unicode. */
export type FormulaImageLookup = (latex: string) => FormulaImage | undefined;

/** Pixels per em at 1×, about chat body text. */
const EM_PX = 20;
/** Rendered at twice the size, so text stays crisp on high-density screens and when scaled down. */
const SCALE = 2;
const PAD_PX = 14;
const RADIUS_PX = 10;
const INK = '#1f2328';
const PAPER = '#ffffff';
const EDGE = '#d0d7de';

type Converter = { adaptor: LiteAdaptor; toSvg: (latex: string) => LiteElement };

let converter: Converter | undefined;

/** MathJax, set up once on first use: TeX in (base and AMS), self-contained SVG out. */
function mathJax(): Converter {
  if (converter) return converter;
  const adaptor = liteAdaptor();
  RegisterHTMLHandler(adaptor);
  const doc = mathjax.document('', {
    // A LaTeX error throws instead of drawing red error text into the picture.
    InputJax: new TeX({
      packages: ['base', 'ams'],
      formatError: (_jax: unknown, err: { message: string }) => {
        throw new Error(`LaTeX error: ${err.message}`);
      },
    }),
    OutputJax: new SVG({ fontCache: 'none' }),
  });
  converter = {
    adaptor,
    toSvg: (latex) => {
      const container: LiteElement = doc.convert(latex, { display: true });
      return adaptor.firstChild(container) as LiteElement;
    },
  };
  return converter;
}

/** A short, stable key for a formula's LaTeX: unchanged LaTeX is never rendered (or uploaded) twice. */
export function formulaKey(latex: string): string {
  return createHash('sha256').update(latex).digest('hex').slice(0, 16);
}

/** The formula's SVG from MathJax, placed on a white rounded card, sized in pixels. */
function cardSvg(latex: string): string {
  const { adaptor, toSvg } = mathJax();
  const svg = toSvg(latex);
  const viewBox = String(adaptor.getAttribute(svg, 'viewBox') ?? '');
  const [, , vbWidth = Number.NaN, vbHeight = Number.NaN] = viewBox.split(/\s+/).map(Number);
  // MathJax measures in thousandths of an em.
  const width = (vbWidth / 1000) * EM_PX;
  const height = (vbHeight / 1000) * EM_PX;
  if (!(width > 0 && height > 0)) throw new Error(`MathJax gave no size for ${JSON.stringify(latex)}`);
  const inner = adaptor.innerHTML(svg);
  // Without system fonts a <text> would draw nothing; MathJax uses one only for a glyph its font lacks.
  if (inner.includes('<text')) throw new Error(`a character in ${JSON.stringify(latex)} has no TeX glyph`);
  const w = Math.ceil(width + 2 * PAD_PX);
  const h = Math.ceil(height + 2 * PAD_PX);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">`,
    `<rect x="0.5" y="0.5" width="${w - 1}" height="${h - 1}" rx="${RADIUS_PX}" fill="${PAPER}" stroke="${EDGE}"/>`,
    `<svg x="${(w - width) / 2}" y="${(h - height) / 2}" width="${width}" height="${height}" viewBox="${viewBox}">`,
    inner.replaceAll('currentColor', INK),
    '</svg></svg>',
  ].join('');
}

/** Renders a formula's LaTeX to a PNG picture; throws on LaTeX that MathJax cannot read. */
export function renderFormula(latex: string): FormulaImage {
  const rendered = new Resvg(cardSvg(latex), {
    fitTo: { mode: 'zoom', value: SCALE },
    font: { loadSystemFonts: false },
  }).render();
  return {
    key: formulaKey(latex),
    png: rendered.asPng(),
    width: rendered.width,
    height: rendered.height,
  };
}

/** A formula's LaTeX as PNG bytes. */
export function renderFormulaPng(latex: string): Uint8Array {
  return renderFormula(latex).png;
}

/** A formula where the knowledge base writes it: the entry that lists it. */
export type PlacedFormula = { entry: string; formula: Formula };

/** Every formula the knowledge base writes, once each, under the entry that lists it. */
export function formulasOf(kb: KnowledgeBase): PlacedFormula[] {
  return kb.entries.flatMap((e) =>
    e.kind === 'architecture' || e.kind === 'concept'
      ? e.formulas.map((formula) => ({ entry: e.id, formula }))
      : [],
  );
}

function slug(text: string): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** A file name that says what the picture is: `architecture-transformer--self-attention.png`. */
export function formulaFileName(entry: string, formula: Formula): string {
  return `${slug(entry)}--${slug(formula.name) || 'formula'}.png`;
}

export type FormulaFailure = { entry: string; formula: string; error: string };

/** What an update did: how many formulas there are, how many were newly rendered, which could not be. */
export type FormulaUpdate = { formulas: number; rendered: number; failed: FormulaFailure[]; ms: number };

export type FormulaImages = {
  get: FormulaImageLookup;
  /**
   * Renders the knowledge base's formulas that are not cached yet and forgets those it no longer has.
   * Yields between formulas so the chat connections stay served; lookups see the previous set until done.
   */
  update: (kb: KnowledgeBase) => Promise<FormulaUpdate>;
};

/** The rendered formulas of the knowledge base in use, keyed by a hash of their LaTeX. */
export function createFormulaImages(render: (latex: string) => FormulaImage = renderFormula): FormulaImages {
  let images = new Map<string, FormulaImage>();
  let queue: Promise<unknown> = Promise.resolve();
  const run = async (kb: KnowledgeBase): Promise<FormulaUpdate> => {
    const start = performance.now();
    const next = new Map<string, FormulaImage>();
    const failed: FormulaFailure[] = [];
    let rendered = 0;
    for (const { entry, formula } of formulasOf(kb)) {
      const key = formulaKey(formula.latex);
      const known = next.get(key) ?? images.get(key);
      if (known) {
        next.set(key, known);
        continue;
      }
      try {
        next.set(key, render(formula.latex));
        rendered++;
      } catch (err) {
        failed.push({
          entry,
          formula: formula.name,
          error: err instanceof Error ? err.message : String(err),
        });
      }
      await nextTurn();
    }
    images = next;
    return { formulas: next.size, rendered, failed, ms: Math.round(performance.now() - start) };
  };
  return {
    get: (latex) => images.get(formulaKey(latex)),
    update: (kb) => {
      // One update at a time, in order: a quick second reload must not be overtaken by the first.
      const done = queue.then(() => run(kb));
      queue = done.catch(() => undefined);
      return done;
    },
  };
}
