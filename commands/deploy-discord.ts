import { DiscordAPIError, REST, Routes } from 'discord.js';
import { discordCommandsJson } from './discord.ts';

export type DeployTarget = { token: string; applicationId: string; guildId?: string; api?: string };
export type DeployResult = { scope: 'guild' | 'global'; names: string[] };

/** Why a deploy failed, in terms of the setting to fix; never the token itself. */
export function explainDeployError(err: unknown, target: DeployTarget): string {
  if (err instanceof DiscordAPIError) {
    if (err.status === 401)
      return 'Discord rejected DISCORD_TOKEN (401 Unauthorized): copy the bot token again from the Developer Portal (Bot → Reset Token).';
    if (err.status === 404 || err.code === 10002)
      return `Discord knows no application ${target.applicationId} (404): check DISCORD_APPLICATION_ID (General Information → Application ID).`;
    if (err.status === 403 || err.code === 50001) {
      return target.guildId
        ? `Discord refused access to server ${target.guildId} (403): invite the bot there with the applications.commands scope, or check DISCORD_GUILD_ID.`
        : 'Discord refused the request (403): check that DISCORD_TOKEN belongs to DISCORD_APPLICATION_ID.';
    }
    return `Discord rejected the commands (${err.status}, code ${err.code}): ${err.message}`;
  }
  return `Could not reach Discord: ${err instanceof Error ? err.message : String(err)}`;
}

/** Registers the commands: to one server when a guild id is given (instant), globally otherwise. */
export async function deployDiscordCommands(target: DeployTarget): Promise<DeployResult> {
  const rest = new REST({ ...(target.api ? { api: target.api } : {}), retries: 1 }).setToken(target.token);
  const body = discordCommandsJson();
  const route = target.guildId
    ? Routes.applicationGuildCommands(target.applicationId, target.guildId)
    : Routes.applicationCommands(target.applicationId);
  await rest.put(route, { body });
  return { scope: target.guildId ? 'guild' : 'global', names: body.map((c) => c.name) };
}
