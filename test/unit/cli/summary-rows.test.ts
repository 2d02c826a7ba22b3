import { describe, expect, it } from 'vitest';
import { summaryRows } from '../../../electron/cli/commands/jobs-views';
import type { JobRow } from '../../../electron/cli/output';

function row(service: string, status: string, jobId: string): JobRow {
  return {
    server: 'Sim',
    service,
    serviceType: 'GP',
    status,
    submittedTime: '2026-11-01T00:00:00.000Z',
    jobId,
  } as JobRow;
}

describe('jobs summary rows', () => {
  it('list the statuses of a service in the order of a job life, as the window does, not alphabetically', () => {
    const rows = [
      'esriJobTimedOut',
      'esriJobCancelled',
      'esriJobSucceeded',
      'esriJobNew',
      'esriJobExecuting',
      'esriJobFailed',
    ].map((s, i) => row('Tools/Buffer', s, `j${i}`));
    rows.push(row('Analysis/Viewshed', 'esriJobFailed', 'jv'));
    expect(summaryRows(rows).map((r) => `${r.service} ${r.status}`)).toEqual([
      'Analysis/Viewshed esriJobFailed',
      'Tools/Buffer esriJobNew',
      'Tools/Buffer esriJobExecuting',
      'Tools/Buffer esriJobCancelled',
      'Tools/Buffer esriJobSucceeded',
      'Tools/Buffer esriJobFailed',
      'Tools/Buffer esriJobTimedOut',
    ]);
  });
});
