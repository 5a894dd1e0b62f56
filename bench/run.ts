// `npm run bench [core|discord|slack]`: prints the figures the README quotes. Goals live here, not in timed unit tests.
import { benchCore } from './core.ts';
import { benchDiscord } from './discord.ts';
import { benchSlack } from './slack.ts';

const only = process.argv[2];
if (!only || only === 'core') await benchCore();
if (!only || only === 'discord') await benchDiscord();
if (!only || only === 'slack') await benchSlack();
