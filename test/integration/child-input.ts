/** How the child processes of the kill tests read their settings: JSON on stdin, so no secret is on a command line. */

/** Reads stdin to its end and parses it as JSON. */
export async function readStdinJson<T>(): Promise<T> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as T;
}
