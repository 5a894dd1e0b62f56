import type { webApi } from '@slack/bolt';
import type { Formula } from '../../kb/schema.ts';
import type { Logger } from '../../log.ts';
import type { Card } from '../../render/card.ts';
import type { FormulaImage, FormulaImageLookup } from '../../render/formula-images.ts';
import type { FormulaFileLookup } from '../../render/slack.ts';

// Slack shows a picture in a message only as a file it holds: each formula's picture is uploaded once per
// process (files.uploadV2, which needs files:write) and its file id reused, keyed by the picture's hash.

export type FormulaFiles = {
  /** Uploads the pictures of the card's formulas not uploaded yet, then says which file shows which formula. */
  filesFor: (card: Card) => Promise<FormulaFileLookup | undefined>;
  /** A message with pictures was refused: logged once, and the caller sends it again as text. */
  messageRefused: (err: unknown) => void;
};

/** What a failed Web API call says, for the log: Slack's error code, never the request. */
function reasonOf(err: unknown): { error: string; needed?: string; permanent: boolean } {
  if (
    typeof err === 'object' &&
    err !== null &&
    'code' in err &&
    err.code === 'slack_webapi_platform_error'
  ) {
    const data = 'data' in err && typeof err.data === 'object' && err.data !== null ? err.data : {};
    const error = 'error' in data && typeof data.error === 'string' ? data.error : 'unknown';
    const needed = 'needed' in data && typeof data.needed === 'string' ? { needed: data.needed } : {};
    // Slack answered and said no (a missing scope, say): asking again will not change that.
    return { error, ...needed, permanent: true };
  }
  return { error: err instanceof Error ? err.message : String(err), permanent: false };
}

/** The file id in files.uploadV2's answer: one completion holding one file. */
function fileIdOf(result: webApi.WebAPICallResult): string | undefined {
  const files: unknown = 'files' in result ? result.files : undefined;
  const [completion] = Array.isArray(files) ? (files as unknown[]) : [];
  if (typeof completion !== 'object' || completion === null || !('files' in completion)) return undefined;
  const [file] = Array.isArray(completion.files) ? (completion.files as unknown[]) : [];
  if (typeof file !== 'object' || file === null || !('id' in file)) return undefined;
  return typeof file.id === 'string' ? file.id : undefined;
}

function formulasIn(card: Card): Formula[] {
  return card.sections.flatMap((s) => (s.type === 'formulas' ? s.formulas : []));
}

export function createFormulaFiles(
  client: webApi.WebClient,
  image: FormulaImageLookup,
  logger: Logger,
): FormulaFiles {
  const uploads = new Map<string, Promise<string | undefined>>();
  let refused = false;
  let warned = false;
  let messageWarned = false;
  const failed = (key: string, err: unknown) => {
    const { permanent, ...reason } = reasonOf(err);
    if (permanent) refused = true;
    // A passing failure is tried again on a later answer; a refusal stops the uploads for good.
    else uploads.delete(key);
    if (warned) {
      logger.debug(reason, 'a formula picture upload to Slack failed');
      return;
    }
    warned = true;
    logger.warn(
      { ...reason, retrying: !permanent },
      permanent
        ? 'Slack refused the formula picture upload (it needs the files:write scope): formulas show as text'
        : 'a formula picture upload to Slack failed: this answer shows formulas as text',
    );
  };
  const upload = async (formula: Formula, picture: FormulaImage): Promise<string | undefined> => {
    try {
      const result = await client.files.uploadV2({
        file: Buffer.from(picture.png.buffer, picture.png.byteOffset, picture.png.byteLength),
        filename: `formula-${picture.key}.png`,
        title: formula.name,
        alt_text: `${formula.name}: ${formula.unicode}`,
      });
      const id = fileIdOf(result);
      if (id === undefined) throw new Error('files.uploadV2 answered without a file id');
      return id;
    } catch (err) {
      failed(picture.key, err);
      return undefined;
    }
  };
  const fileFor = (formula: Formula): Promise<string | undefined> => {
    const picture = image(formula.latex);
    if (!picture || refused) return Promise.resolve(undefined);
    let pending = uploads.get(picture.key);
    if (!pending) {
      // Kept as a promise, so answers asking at once share one upload.
      pending = upload(formula, picture);
      uploads.set(picture.key, pending);
    }
    return pending;
  };
  return {
    async filesFor(card) {
      const formulas = formulasIn(card);
      if (refused || formulas.length === 0) return undefined;
      const ids = new Map<string, string>();
      await Promise.all(
        formulas.map(async (f) => {
          const id = await fileFor(f);
          if (id !== undefined) ids.set(f.latex, id);
        }),
      );
      return ids.size > 0 ? (latex) => ids.get(latex) : undefined;
    },
    messageRefused(err) {
      const { permanent: _, ...reason } = reasonOf(err);
      if (messageWarned) {
        logger.debug(reason, 'slack refused a message with formula pictures; sent it as text');
        return;
      }
      messageWarned = true;
      logger.warn(reason, 'slack refused a message with formula pictures; sent it as text');
    },
  };
}
