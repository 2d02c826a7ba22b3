/**
 * What one job offers from its detail panel and its row's context menu: the Admin Directory page of the
 * job, whether Cancel applies, and the filters "by this service / user / machine" narrow the table to.
 * The same list serves both places, so they never drift apart.
 */
import { splitServiceType } from '../../../electron/shared/job-filter';
import type { Job, ProfileView } from './contract-types';
import { isCancellable } from './bulk-targets';
import type { FilterListField } from './jobs/job-filter';

/** One action of a job's menu. */
export type JobAction =
  | { kind: 'details' }
  | { kind: 'copy-id' }
  | { kind: 'open-admin' }
  | { kind: 'delete' }
  | { kind: 'cancel' }
  | { kind: 'filter'; field: FilterListField; value: string };

/** A menu entry: its words, its action, and whether it applies to this job. */
export interface JobMenuItem {
  label: string;
  action: JobAction;
  disabled: boolean;
}

/**
 * The job's page in the ArcGIS Server Administrator Directory (`…/admin/services/<folder>/<name>.<type>/
 * jobs/<id>`), on the profile's admin root when it has one.
 */
export function adminJobUrl(
  profile: Pick<ProfileView, 'serverUrl' | 'adminUrl'>,
  job: Pick<Job, 'service' | 'jobId'>,
): string {
  const root = (profile.adminUrl ?? profile.serverUrl).replace(/\/+$/, '');
  const { path, type } = splitServiceType(job.service);
  const service = path.split('/').map(encodeURIComponent).join('/');
  return `${root}/admin/services/${service}.${type}/jobs/${encodeURIComponent(job.jobId)}`;
}

/** The context menu of a job's row, in order (separators are the caller's). */
export function jobMenu(job: Job): JobMenuItem[] {
  const items: JobMenuItem[] = [
    { label: 'Show details', action: { kind: 'details' }, disabled: false },
    { label: 'Copy job ID', action: { kind: 'copy-id' }, disabled: false },
    { label: 'Open in Admin Directory', action: { kind: 'open-admin' }, disabled: false },
    { label: 'Delete this job…', action: { kind: 'delete' }, disabled: false },
    { label: 'Cancel this job…', action: { kind: 'cancel' }, disabled: !isCancellable(job.status) },
    {
      label: `Filter by this service`,
      action: { kind: 'filter', field: 'services', value: job.service },
      disabled: false,
    },
  ];
  if (job.username)
    items.push({
      label: 'Filter by this user',
      action: { kind: 'filter', field: 'users', value: job.username },
      disabled: false,
    });
  if (job.machinename)
    items.push({
      label: 'Filter by this machine',
      action: { kind: 'filter', field: 'machines', value: job.machinename },
      disabled: false,
    });
  return items;
}
