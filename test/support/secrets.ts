import { SLACK } from './fake-slack.ts';

/** Credentials the e2e bots are given or handed per request; none may ever reach a log line. */
const KNOWN = [SLACK.botToken, SLACK.appToken, SLACK.signingSecret];

/** Token-shaped strings in log text: configured credentials, Discord interaction tokens, response URLs. */
export function leakedSecrets(text: string, extra: readonly string[] = []): string[] {
  const found = [...KNOWN, ...extra].filter((s) => s !== '' && text.includes(s));
  for (const m of text.matchAll(
    /itok_\d+|\/response\/[^\s"'\\]+|xox[abeoprs]-[A-Za-z0-9-]+|xapp-[A-Za-z0-9-]+/g,
  ))
    if (!m[0].includes('[redacted]')) found.push(m[0]);
  return [...new Set(found)];
}
