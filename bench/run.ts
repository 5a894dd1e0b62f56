// `npm run bench`: prints the figures the README quotes. Goals live here, not in timed unit tests.
import { benchCore } from './core.ts';

const only = process.argv[2];
if (!only || only === 'core') await benchCore();
