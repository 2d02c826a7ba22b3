import { describe, expect, it } from 'vitest';
import type { Job } from '../../../../renderer/src/lib/contract-types';
import { adminJobUrl, jobMenu } from '../../../../renderer/src/lib/job-actions';

const job: Job = {
  profileId: 'p1',
  service: 'Analysis/Viewshed',
  jobId: 'j123',
  status: 'esriJobExecuting',
  submittedTime: 1,
  endTime: null,
  username: 'jsmith',
  machinename: null,
};

describe('job actions', () => {
  it("points at the job's Admin Directory page, on the admin root when there is one", () => {
    expect(adminJobUrl({ serverUrl: 'https://gis.example.com/arcgis', adminUrl: null }, job)).toBe(
      'https://gis.example.com/arcgis/admin/services/Analysis/Viewshed.GPServer/jobs/j123',
    );
    expect(adminJobUrl({ serverUrl: 'https://a/arcgis', adminUrl: 'https://m:6443/arcgis' }, job)).toBe(
      'https://m:6443/arcgis/admin/services/Analysis/Viewshed.GPServer/jobs/j123',
    );
  });

  it('offers cancel only for cancellable jobs and filters only by values the job has', () => {
    const labels = (j: Job) =>
      jobMenu(j)
        .filter((i) => !i.disabled)
        .map((i) => i.label);
    expect(labels(job)).toContain('Cancel this job…');
    expect(labels(job)).toContain('Filter by this user');
    expect(labels(job)).not.toContain('Filter by this machine');
    expect(labels({ ...job, status: 'esriJobSucceeded', username: null, machinename: 'GIS1' })).toEqual([
      'Show details',
      'Copy job ID',
      'Open in Admin Directory',
      'Delete this job…',
      'Filter by this service',
      'Filter by this machine',
    ]);
  });
});
