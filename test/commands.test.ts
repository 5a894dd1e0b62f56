import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { LLM_COMMAND, QUESTION_MAX_LENGTH } from '../commands/definitions.ts';
import { deployDiscordCommands, explainDeployError } from '../commands/deploy-discord.ts';
import { discordCommandsJson } from '../commands/discord.ts';
import { type FakeDiscord, IDS, startFakeDiscord } from './support/fake-discord.ts';

const TOKEN = 'deploy-test-token';

describe('the command surface', () => {
  test('gives Discord /llm with question (autocomplete), private and mention, and the message command', () => {
    const [llm, explain] = discordCommandsJson();
    expect(llm).toMatchObject({ name: 'llm', type: 1, description: LLM_COMMAND.description });
    const options = (
      llm as {
        options: {
          name: string;
          type: number;
          required?: boolean;
          autocomplete?: boolean;
          max_length?: number;
        }[];
      }
    ).options;
    expect(options.map((o) => [o.name, o.type, o.required])).toEqual([
      ['question', 3, true],
      ['private', 5, false],
      ['mention', 6, false],
    ]);
    expect(options[0]).toMatchObject({ autocomplete: true, max_length: QUESTION_MAX_LENGTH });
    expect(explain).toEqual({ name: 'Explain with /llm', type: 3 });
  });
});

describe('npm run deploy:discord', () => {
  let fake: FakeDiscord;
  beforeAll(async () => {
    fake = await startFakeDiscord();
  });
  afterAll(async () => {
    await fake.close();
  });

  test('registers to one server when a guild id is given, globally otherwise', async () => {
    const guild = await deployDiscordCommands({
      token: TOKEN,
      applicationId: IDS.app,
      guildId: IDS.guild,
      api: fake.restApi,
    });
    expect(guild).toEqual({ scope: 'guild', names: ['llm', 'Explain with /llm'] });
    const put = await fake.waitForRequest(
      (r) => r.method === 'PUT' && r.path === `/api/v10/applications/${IDS.app}/guilds/${IDS.guild}/commands`,
    );
    expect(put.headers.authorization).toBe(`Bot ${TOKEN}`);
    const global = await deployDiscordCommands({ token: TOKEN, applicationId: IDS.app, api: fake.restApi });
    expect(global.scope).toBe('global');
    await fake.waitForRequest(
      (r) => r.method === 'PUT' && r.path === `/api/v10/applications/${IDS.app}/commands`,
    );
  });

  test('explains a bad token and a bad application id in terms of the setting, without the token', async () => {
    fake.cfg.override = (r) =>
      r.method === 'PUT' ? { status: 401, body: { message: '401: Unauthorized', code: 0 } } : undefined;
    const target = { token: TOKEN, applicationId: IDS.app, api: fake.restApi };
    const unauthorized = await deployDiscordCommands(target).catch((e: unknown) =>
      explainDeployError(e, target),
    );
    expect(unauthorized).toContain('DISCORD_TOKEN');
    expect(unauthorized).not.toContain(TOKEN);
    fake.cfg.override = (r) =>
      r.method === 'PUT' ? { status: 404, body: { message: 'Unknown Application', code: 10002 } } : undefined;
    const unknown = await deployDiscordCommands(target).catch((e: unknown) => explainDeployError(e, target));
    expect(unknown).toContain('DISCORD_APPLICATION_ID');
    fake.cfg.override = undefined;
  });
});
