import { createServer } from 'node:net';

/**
 * A TCP port that was free a moment ago on `host`. Another process may take it before it is used;
 * prefer listening on port 0 where the program allows it.
 */
export function findFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('could not read the port the system chose'))));
    });
  });
}
