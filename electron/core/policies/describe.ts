/**
 * A policy in one line of plain words ("Failed, Timed out jobs submitted more than 30d ago in Tools/* on
 * all servers"), shared by `gpjobs policies list` and the app's Policies panel.
 */
import { statusLabel } from '../job-words';
import type { Policy } from './schema';
import { SERVER_TAG_PREFIX } from './schema';

/** Which jobs a policy takes, in words. */
export function describePolicyJobs(p: Policy): string {
  const parts: string[] = [];
  const any = p.runningLongerThan ? 'jobs still running' : 'jobs of any status';
  parts.push(p.statuses.length ? `${p.statuses.map(statusLabel).join(', ')} jobs` : any);
  if (p.runningLongerThan) parts.push(`for more than ${p.runningLongerThan} since submission`);
  if (p.olderThan) parts.push(`${p.age === 'ended' ? 'ended' : 'submitted'} more than ${p.olderThan} ago`);
  if (p.services.length) parts.push(`in ${p.services.join(', ')}`);
  if (p.serviceTypes.length) parts.push(`of ${p.serviceTypes.join(', ')} services`);
  if (p.user) parts.push(`by ${p.user}`);
  if (p.machine) parts.push(`on machine ${p.machine}`);
  const servers =
    p.servers === 'all'
      ? 'all servers'
      : p.servers
          .map((s) =>
            s.startsWith(SERVER_TAG_PREFIX) ? `servers tagged ${s.slice(SERVER_TAG_PREFIX.length)}` : s,
          )
          .join(', ');
  parts.push(`on ${servers}${p.includeProduction ? ' (production included)' : ''}`);
  return parts.join(' ');
}
