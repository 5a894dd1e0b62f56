import http from 'node:http';
import { listeningPort } from './port.ts';

export type Readiness = {
  ready: boolean;
  checks: Record<string, boolean>;
  details?: Record<string, unknown>;
};

/** GET /healthz (alive) and GET /readyz (ready to answer) as JSON; the Dockerfile's HEALTHCHECK calls /healthz. */
export async function startHealthServer(port: number, readiness: () => Readiness, host = '0.0.0.0') {
  const started = Date.now();
  const server = http.createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify(body));
    };
    const path = new URL(req.url ?? '/', 'http://health').pathname;
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, { error: 'method not allowed' });
    if (path === '/healthz')
      return send(200, { status: 'ok', uptimeSeconds: Math.round((Date.now() - started) / 1000) });
    if (path === '/readyz') {
      const r = readiness();
      return send(r.ready ? 200 : 503, { status: r.ready ? 'ready' : 'not ready', ...r });
    }
    return send(404, { error: 'not found', try: ['/healthz', '/readyz'] });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    port: listeningPort(server),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
