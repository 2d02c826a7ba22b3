/**
 * The bare loop's own process (see bare-process.ts): it opens its pools to the simulators, then runs each
 * delete or listing pass it is sent over the IPC channel and answers with the pass's figures, measured here
 * by the same meter as the app's legs. Exits when the channel closes.
 */
import { bareDelete, bareList, closeBareServers, openBareServers } from './bare-loop';
import type { BareServer } from './bare-loop';
import type { BareReply, BareRequest } from './bare-process';
import type { SimProcess } from './sim-fleet';

let servers: BareServer[] = [];

async function answer(m: BareRequest): Promise<BareReply> {
  switch (m.op) {
    case 'open':
      servers = await openBareServers(m.sims as SimProcess[], m.concurrency);
      return { id: m.id };
    case 'delete':
      return { id: m.id, figures: await bareDelete(servers, m.jobs, m.concurrency) };
    case 'list':
      return { id: m.id, figures: await bareList(servers, m.services, m.concurrency) };
    case 'close':
      await closeBareServers(servers);
      return { id: m.id };
  }
}

process.on('message', (m: BareRequest) => {
  answer(m).then(
    (reply) => process.send!(reply),
    (e: unknown) =>
      process.send!({ id: m.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) }),
  );
});
process.on('disconnect', () => process.exit(0));
