import {
  ApplicationCommandType,
  ContextMenuCommandBuilder,
  type RESTPostAPIApplicationCommandsJSONBody,
  SlashCommandBuilder,
} from 'discord.js';
import { EXPLAIN_MESSAGE_COMMAND, LLM_COMMAND } from './definitions.ts';

/** The JSON Discord's "bulk overwrite commands" route takes, built from the one definition. */
export function discordCommandsJson(): RESTPostAPIApplicationCommandsJSONBody[] {
  const llm = new SlashCommandBuilder().setName(LLM_COMMAND.name).setDescription(LLM_COMMAND.description);
  // Discord wants required options first; the definition already lists them so.
  for (const [name, o] of Object.entries(LLM_COMMAND.options)) {
    const required = 'required' in o && o.required === true;
    if (o.type === 'string') {
      llm.addStringOption((s) => {
        s.setName(name).setDescription(o.description).setRequired(required);
        if ('autocomplete' in o) s.setAutocomplete(o.autocomplete);
        if ('maxLength' in o) s.setMaxLength(o.maxLength);
        return s;
      });
    } else if (o.type === 'boolean') {
      llm.addBooleanOption((b) => b.setName(name).setDescription(o.description).setRequired(required));
    } else {
      llm.addUserOption((u) => u.setName(name).setDescription(o.description).setRequired(required));
    }
  }
  const explain = new ContextMenuCommandBuilder()
    .setName(EXPLAIN_MESSAGE_COMMAND.name)
    .setType(ApplicationCommandType.Message);
  return [llm.toJSON(), explain.toJSON()];
}
