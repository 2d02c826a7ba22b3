/**
 * What one job offers from its detail panel and its row's context menu: the Admin Directory page of the
 * job, whether Cancel applies, and the filters "by this service / user / machine" narrow the table to.
 * The same list serves both places, so they never drift apart.
 */
import { splitServiceType } from '../../../electron/shared/job-filter';
import type { Job, ProfileView } from './contract-types';
import { isCancellable } from './bulk-targets';
import { t } from './strings';
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
    { label: t.jobs.menu.details, action: { kind: 'details' }, disabled: false },
    { label: t.jobs.menu.copyId, action: { kind: 'copy-id' }, disabled: false },
    { label: t.jobs.menu.openAdmin, action: { kind: 'open-admin' }, disabled: false },
    { label: t.jobs.menu.delete, action: { kind: 'delete' }, disabled: false },
    { label: t.jobs.menu.cancel, action: { kind: 'cancel' }, disabled: !isCancellable(job.status) },
    {
      label: t.jobs.menu.byService,
      action: { kind: 'filter', field: 'services', value: job.service },
      disabled: false,
    },
  ];
  if (job.username)
    items.push({
      label: t.jobs.menu.byUser,
      action: { kind: 'filter', field: 'users', value: job.username },
      disabled: false,
    });
  if (job.machinename)
    items.push({
      label: t.jobs.menu.byMachine,
      action: { kind: 'filter', field: 'machines', value: job.machinename },
      disabled: false,
    });
  return items;
}
