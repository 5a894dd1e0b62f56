import { describe, expect, test } from 'vitest';
import type { KnowledgeBase } from '../../src/kb/graph.ts';
import {
  createFormulaImages,
  type FormulaImage,
  formulaFileName,
  formulaKey,
  formulasOf,
  renderFormula,
  renderFormulaPng,
} from '../../src/render/formula-images.ts';
import { realKb } from '../support/kb.ts';
import { pixelAt, readPng } from '../support/png.ts';

const luminance = ([r, g, b]: readonly number[]) => 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);

/** The knowledge base with one formula's LaTeX changed (the first of `entryId`). */
function withLatex(kb: KnowledgeBase, entryId: string, latex: string): KnowledgeBase {
  return {
    ...kb,
    entries: kb.entries.map((e) =>
      e.id === entryId && (e.kind === 'architecture' || e.kind === 'concept')
        ? { ...e, formulas: e.formulas.map((f, i) => (i === 0 ? { ...f, latex } : f)) }
        : e,
    ),
  };
}

describe('formula pictures', () => {
  test('every formula in data/ renders to a valid PNG of sane size: dark glyphs on a white rounded card', async () => {
    const formulas = formulasOf(await realKb());
    expect(formulas.length).toBeGreaterThanOrEqual(30);
    for (const { entry, formula } of formulas) {
      const what = `${entry} "${formula.name}"`;
      const image = renderFormula(formula.latex);
      const png = readPng(image.png);
      expect([png.width, png.height], what).toEqual([image.width, image.height]);
      // Wide enough to read at 2×, small enough for a chat message.
      expect(png.width, what).toBeGreaterThanOrEqual(200);
      expect(png.width, what).toBeLessThanOrEqual(2000);
      expect(png.height, what).toBeGreaterThanOrEqual(60);
      expect(png.height, what).toBeLessThanOrEqual(400);
      expect(image.png.byteLength, what).toBeGreaterThan(2_000);
      expect(image.png.byteLength, what).toBeLessThan(100_000);
      // Rounded: the very corner is see-through; inside the edge the card is white.
      expect(pixelAt(png, 0, 0)[3], what).toBe(0);
      expect(pixelAt(png, 8, Math.floor(png.height / 2)), what).toEqual([255, 255, 255, 255]);
      let dark = 0;
      for (let y = 0; y < png.height; y++)
        for (let x = 0; x < png.width; x++) {
          const p = pixelAt(png, x, y);
          if (p[3] === 255 && luminance(p) < 60) dark++;
        }
      expect(dark, `${what} has glyphs`).toBeGreaterThan(200);
    }
  });

  test('draws the same LaTeX the same way, and keys it by a hash of the LaTeX alone', () => {
    const latex = String.raw`C \approx 6ND`;
    expect(Buffer.from(renderFormulaPng(latex)).equals(Buffer.from(renderFormulaPng(latex)))).toBe(true);
    expect(formulaKey(latex)).toMatch(/^[0-9a-f]{16}$/);
    expect(formulaKey(latex)).not.toBe(formulaKey(String.raw`C \approx 6 N D `));
  });

  test('throws on LaTeX it cannot read, rather than drawing error text', () => {
    expect(() => renderFormula(String.raw`\frac{a`)).toThrow();
    expect(() => renderFormula(String.raw`\nosuchmacro{x}`)).toThrow(/nosuchmacro/);
  });

  test('names files by entry and formula', async () => {
    const [first] = formulasOf(await realKb());
    expect(first && formulaFileName(first.entry, first.formula)).toBe(
      'architecture-transformer--self-attention.png',
    );
  });

  test('renders each formula once; a reload renders only what changed, and forgets what is gone', async () => {
    const kb = await realKb();
    const drawn: string[] = [];
    const images = createFormulaImages((latex): FormulaImage => {
      drawn.push(latex);
      return renderFormula(latex);
    });
    const distinct = new Set(formulasOf(kb).map((f) => f.formula.latex));
    const first = await images.update(kb);
    expect(first).toMatchObject({ formulas: distinct.size, rendered: distinct.size, failed: [] });
    expect(drawn).toHaveLength(distinct.size);
    const [transformer] = formulasOf(kb);
    const old = transformer?.formula.latex ?? '';
    const kept = images.get(old);
    expect(kept?.key).toBe(formulaKey(old));

    expect((await images.update(kb)).rendered).toBe(0);

    const changed = String.raw`\mathrm{Attention}(Q,K,V) = \mathrm{softmax}(QK^{\top})V`;
    const next = await images.update(withLatex(kb, 'architecture/transformer', changed));
    expect(next).toMatchObject({ formulas: distinct.size, rendered: 1, failed: [] });
    expect(drawn.at(-1)).toBe(changed);
    expect(images.get(changed)).toBeDefined();
    expect(images.get(old)).toBeUndefined();
    // An unchanged formula is the very same picture, not a new one.
    const other = formulasOf(kb)[1]?.formula.latex ?? '';
    expect(images.get(other)).toBeDefined();
  });

  test('a formula that cannot be drawn is reported by entry and name, and the rest are drawn', async () => {
    const kb = withLatex(await realKb(), 'architecture/recurrent', String.raw`h_t = \nosuchmacro{x}`);
    const images = createFormulaImages();
    const update = await images.update(kb);
    expect(update.failed).toEqual([
      {
        entry: 'architecture/recurrent',
        formula: 'Hidden state update',
        error: expect.stringMatching(/nosuchmacro/),
      },
    ]);
    expect(update.rendered).toBe(update.formulas);
    expect(images.get(String.raw`h_t = \nosuchmacro{x}`)).toBeUndefined();
  });
});
