// `npm run slack:manifest`: writes slack-manifest.json from the command definition.
import { writeFile } from 'node:fs/promises';
import { SLACK_MANIFEST_FILE, slackManifestText } from '../../commands/slack.ts';

await writeFile(SLACK_MANIFEST_FILE, slackManifestText());
console.log(
  `wrote ${SLACK_MANIFEST_FILE}: paste it at https://api.slack.com/apps → Create New App → From a manifest`,
);
