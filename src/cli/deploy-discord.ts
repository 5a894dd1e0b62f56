// `npm run deploy:discord`: registers /llm and "Explain with /llm" with Discord.
import { deployDiscordCommands, explainDeployError } from '../../commands/deploy-discord.ts';
import { ConfigError, loadConfig } from '../config.ts';

try {
  const { discord } = loadConfig();
  if (!discord) {
    console.error('Set DISCORD_TOKEN and DISCORD_APPLICATION_ID in .env first (see README → Discord).');
    process.exit(1);
  }
  try {
    const result = await deployDiscordCommands(discord);
    const where =
      result.scope === 'guild'
        ? `server ${discord.guildId} (available now)`
        : 'every server (global: may take up to an hour to appear)';
    console.log(`Registered ${result.names.map((n) => `"${n}"`).join(' and ')} for ${where}.`);
  } catch (err) {
    console.error(explainDeployError(err, discord));
    process.exitCode = 1;
  }
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(err.message);
  process.exitCode = 1;
}
