// The container's HEALTHCHECK: healthy only when /healthz answers on the configured port. A blank or unset
// HEALTH_PORT means the default; "off" (or a bad setting) means nothing can answer, so it reports unhealthy.
import { ConfigError, loadConfig } from '../config.ts';

const TIMEOUT_MS = 4_000;

async function check(): Promise<number> {
  let port: number | undefined;
  try {
    port = loadConfig().healthPort;
  } catch (err) {
    console.error(err instanceof ConfigError ? err.message : 'could not read the configuration');
    return 1;
  }
  if (port === undefined) {
    console.error('HEALTH_PORT is off: nothing serves /healthz');
    return 1;
  }
  try {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    return res.ok ? 0 : 1;
  } catch {
    console.error(`nothing answered on http://127.0.0.1:${port}/healthz`);
    return 1;
  }
}

process.exitCode = await check();
