// A child process running the real app (startApp + signal handling) against stand-ins the parent started.
// Test-only: the stand-in URLs come from the parent; production code has no way to redirect its API calls.
import { startApp } from '../../src/app.ts';
import { createLogger } from '../../src/log.ts';
import { handleSignals } from '../../src/runtime/signals.ts';
import { bothAdaptersConfig, standInOverrides } from './app-overrides.ts';

const discordApi = process.env.TEST_DISCORD_API ?? '';
const slackApi = process.env.TEST_SLACK_API ?? '';
const dataDir = process.env.TEST_DATA_DIR ?? 'data';
const logger = createLogger('debug', process.stdout);
const app = await startApp(bothAdaptersConfig(dataDir), logger, standInOverrides(discordApi, slackApi));
handleSignals(app, logger);
