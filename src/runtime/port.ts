import type { Server } from 'node:http';

/** The TCP port a listening server got (port 0 asks the system for a free one). */
export function listeningPort(server: Server): number {
  const address = server.address();
  if (address === null || typeof address === 'string')
    throw new Error('the server is not listening on a TCP port');
  return address.port;
}
