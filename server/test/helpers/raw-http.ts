/** Raw TCP connections to a test server, for what an HTTP client library would not send. */
import { connect, type Socket } from 'node:net';

/** A raw connection to `url` and what it received until the server closed it. */
export async function openRaw(url: string): Promise<{ socket: Socket; closed: Promise<string> }> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  let received = '';
  socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
  const closed = new Promise<string>((resolve) => {
    socket.once('close', () => {
      resolve(received);
    });
  });
  return { socket, closed };
}

/** Resolves with `promise`, or rejects once `ms` passed (the test's own bound, not a timing). */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => {
      setTimeout(() => {
        reject(new Error(`${what} was still open after ${String(ms)} ms`));
      }, ms).unref();
    }),
  ]);
}
