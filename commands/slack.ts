import { LLM_COMMAND } from './definitions.ts';

export const SLACK_MANIFEST_FILE = 'slack-manifest.json';

/**
 * Bot scopes: answer slash commands and mentions, read and answer DMs, publish the Home tab, and upload
 * formula pictures (files:write; without it formulas show as text).
 */
export const SLACK_BOT_SCOPES = [
  'commands',
  'chat:write',
  'app_mentions:read',
  'im:history',
  'im:read',
  'im:write',
  'files:write',
];
export const SLACK_BOT_EVENTS = ['app_mention', 'message.im', 'app_home_opened'];

/** The Slack app manifest (Socket Mode), derived from the one command definition. */
export function slackManifest() {
  return {
    display_information: {
      name: 'LLM Taxonomy',
      description: LLM_COMMAND.description,
      long_description:
        'Answers questions about the taxonomy of LLMs and AI models: the ways to classify them, the architectures with their formulas, the training approaches, pros and cons, a plain-language analogy for each, and a glossary of the basics. Ask with /llm, mention the bot in a thread, or send it a direct message.',
      background_color: '#2c2d30',
    },
    features: {
      app_home: { home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: false },
      bot_user: { display_name: 'llm', always_online: true },
      slash_commands: [
        {
          command: `/${LLM_COMMAND.name}`,
          description: LLM_COMMAND.description,
          usage_hint: LLM_COMMAND.usageHint,
          // Slack then sends "@alice" as <@U…|alice>, which is how "/llm … for @alice" finds the user.
          should_escape: true,
        },
      ],
    },
    oauth_config: { scopes: { bot: SLACK_BOT_SCOPES } },
    settings: {
      event_subscriptions: { bot_events: SLACK_BOT_EVENTS },
      interactivity: { is_enabled: true },
      org_deploy_enabled: false,
      socket_mode_enabled: true,
      token_rotation_enabled: false,
    },
  };
}

export function slackManifestText(): string {
  return `${JSON.stringify(slackManifest(), null, 2)}\n`;
}
