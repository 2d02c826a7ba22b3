import { describe, expect, it } from 'vitest';
import type { JobRow } from '../../../electron/cli/output';
import {
  LIST_COLUMNS,
  RESULT_COLUMNS,
  jobRow,
  renderCsv,
  renderJson,
  resultRow,
} from '../../../electron/cli/output';
import type { JobResult } from '../../../electron/core/bulk';

const row: JobRow = {
  jobId: 'j1',
  server: 'Prod, main',
  service: 'Tools/Buffer',
  serviceType: 'GP',
  status: 'esriJobFailed',
  submittedTime: '2024-05-01T08:00:00.000Z',
  endTime: null,
  username: null,
  machinename: 'GIS01',
  result: 'failed',
  message: '=HYPERLINK("x") said "no"',
};

/** The printed columns of a row (as `--format json` writes them). */
const pickRow = (r: JobRow) => Object.fromEntries(RESULT_COLUMNS.map((c) => [c, r[c]]));

describe('job output', () => {
  it('json has exactly the listing keys, or the result keys, with nulls for missing values', () => {
    const list = JSON.parse(renderJson([row], LIST_COLUMNS)) as object[];
    expect(Object.keys(list[0]!)).toEqual([...LIST_COLUMNS]);
    const results = JSON.parse(renderJson([{ ...row, message: undefined }], RESULT_COLUMNS)) as object[];
    expect(results[0]).toEqual({ ...row, message: null });
  });

  it('csv quotes commas and quotes, and guards formulas, with a header row', () => {
    expect(renderCsv([row], RESULT_COLUMNS)).toBe(
      'jobId,server,service,serviceType,status,submittedTime,endTime,username,machinename,result,message\r\n' +
        'j1,"Prod, main",Tools/Buffer,GP,esriJobFailed,2024-05-01T08:00:00.000Z,,,GIS01,failed,"\'=HYPERLINK(""x"") said ""no"""\r\n',
    );
    expect(renderCsv([], LIST_COLUMNS)).toBe(`${LIST_COLUMNS.join(',')}\r\n`);
  });

  it('maps a listed job, a bulk result and an audited result to rows with ISO times and the service type', () => {
    expect(
      jobRow(
        {
          profileId: 'p',
          service: 'Maps/S.MapServer',
          jobId: 'j_et',
          status: 'esriJobNew',
          submittedTime: Date.UTC(2024, 0, 2),
          endTime: null,
          username: 'u',
          machinename: null,
          url: null,
        },
        'Prod',
      ),
    ).toEqual({
      jobId: 'j_et',
      server: 'Prod',
      service: 'Maps/S',
      serviceType: 'Map',
      status: 'esriJobNew',
      submittedTime: '2024-01-02T00:00:00.000Z',
      endTime: null,
      username: 'u',
      machinename: null,
    });
    const result: JobResult = {
      profileId: 'p',
      server: 'Prod',
      serverUrl: null,
      service: 'S',
      jobId: 'j',
      action: 'cancel',
      outcome: 'skipped',
      message: 'Not cancellable.',
      attempts: 0,
      status: 'esriJobSucceeded',
      submittedTime: null,
      endTime: Date.UTC(2024, 0, 3),
      username: null,
      machinename: 'M',
      finishedAt: 0,
    };
    expect(resultRow(result)).toMatchObject({
      service: 'S',
      serviceType: 'GP',
      result: 'skipped',
      message: 'Not cancellable.',
      endTime: '2024-01-03T00:00:00.000Z',
    });
    // An audit line may lack the status and the job's own fields (`runs show`): '' and nulls, never undefined.
    const { status: _status, username: _user, ...audited } = result;
    expect(pickRow(resultRow({ ...audited, time: '2024-01-04T00:00:00.000Z' }))).toEqual({
      jobId: 'j',
      server: 'Prod',
      service: 'S',
      serviceType: 'GP',
      status: '',
      submittedTime: null,
      endTime: '2024-01-03T00:00:00.000Z',
      username: null,
      machinename: 'M',
      result: 'skipped',
      message: 'Not cancellable.',
    });
  });
});
