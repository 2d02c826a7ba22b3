/**
 * While a command waits on a server that is not answering, says so on stderr instead of staying silent
 * (a read that times out is tried four times, 30 s each): which server, why the last attempt failed, and
 * which attempt of how many comes next; or, when it asked (answering another request) to be left alone, why
 * and until when. Once per attempt and reason, since a listing's pages retry side
 * by side. The final error, if the server never answers, is the command's own.
 */
import type { ConnectionState, JobAdminService } from '../core';
import type { CliIo } from './io';
import { note } from './io';

/**
 * What to print for a retry of server `name` (one read of a listing that has read jobs, `readJobs`; a read
 * the server asked to wait for, `Retry-After`; or one it did not answer), or for a read that waits out a
 * pause it asked for answering another request (`retry.paused`): why, and until when (local time).
 */
export function retryNote(
  name: string,
  retry: NonNullable<ConnectionState['retry']>,
  readJobs = false,
): string {
  const reason = retry.reason.message.trim().replace(/([^.?!])$/, '$1.');
  if (retry.paused) {
    const until = untilText(retry);
    return `gpjobs: "${name}" asked (answering another request) that nothing be sent until ${until}: ${reason} Waiting until then…`;
  }
  // Only a wait the server asked for (`Retry-After`); `waitMs` is otherwise the jitter, up to 1.2 s.
  const asked = retry.reason.retryAfterMs;
  const wait = asked !== undefined && asked >= 1000 ? ` in ${Math.round(asked / 1000)} s` : '';
  // A listing that has read jobs retries one read (a page, or a job's record it fills in): the server
  // answered those before, as the window says too, whatever this one's failure.
  if (readJobs)
    return `gpjobs: "${name}" answered earlier reads; retrying one (${retry.attempt} of ${retry.attempts})${wait}: ${reason}`;
  // A 429 or 503 with a Retry-After: the server answered, and asked for the wait.
  if (wait)
    return `gpjobs: "${name}" asked to wait${wait.slice(3)}: ${reason} Retry ${retry.attempt} of ${retry.attempts}${wait}…`;
  return `gpjobs: "${name}" is not answering: ${reason} Retry ${retry.attempt} of ${retry.attempts}…`;
}

/** A pause's end as printed: local time, to the second. */
function untilText(retry: NonNullable<ConnectionState['retry']>): string {
  return new Date(retry.at + retry.waitMs).toTimeString().slice(0, 8);
}

/**
 * Prints each retry of a server being contacted to stderr until the returned function is called. The
 * profiles' names are read first, so a note never waits for one.
 */
export async function noteRetries(service: JobAdminService, io: CliIo): Promise<() => void> {
  const listed = await service.profiles.list();
  const names = new Map(listed.ok ? listed.value.map((p) => [p.id, p.name]) : []);
  const last = new Map<string, string>();
  return service.connections.subscribe((state) => {
    const id = state.profileId;
    if (state.state === 'connecting' && !names.has(id)) {
      // A profile added by this command: looked up as contact begins (its id until then).
      names.set(id, id);
      void service.profiles.get(id).then((p) => p.ok && names.set(id, p.value.name));
    }
    if (!state.retry) {
      if (state.state !== 'connecting') last.delete(id);
      return;
    }
    // A pause's end is in the key: a pause another answer lengthened is printed again, with its new end.
    const end = state.retry.paused ? untilText(state.retry) : '';
    const key = `${state.retry.attempt}\n${end}\n${state.retry.reason.message}`;
    if (last.get(id) === key) return;
    last.set(id, key);
    note(io, retryNote(names.get(id) ?? id, state.retry, state.readJobs === true));
  });
}
