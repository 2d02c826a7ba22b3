import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runExitCode } from '../../../electron/cli/commands/bulk-run';
import { matchRun } from '../../../electron/cli/commands/runs';
import { confirmationQuestion } from '../../../electron/cli/confirm';
import { needsTypedConfirmation } from '../../../electron/core/bulk';
import { quoteArg } from '../../../electron/cli/credentials';
import { exitCodeFor, worstExit } from '../../../electron/cli/exit-codes';
import { describeError } from '../../../electron/cli/io';
import { applyKeys } from '../../../electron/cli/password-input';
import { rewriteHelp, VERSION } from '../../../electron/cli/program';
import { barLine, formatEta, progressLine } from '../../../electron/cli/progress';
import type { AuditRunInfo } from '../../../electron/core/audit/audit-reader';
import type { BulkSnapshot } from '../../../electron/core/bulk';

describe('exit codes', () => {
  it('maps error kinds: connect and sign-in 3, configuration 2, the rest 1', () => {
    expect(exitCodeFor({ kind: 'auth' })).toBe(3);
    expect(exitCodeFor({ kind: 'network' })).toBe(3);
    expect(exitCodeFor({ kind: 'keychain' })).toBe(3);
    expect(exitCodeFor({ kind: 'config' })).toBe(2);
    expect(exitCodeFor({ kind: 'invalid-input' })).toBe(2);
    expect(exitCodeFor({ kind: 'server' })).toBe(1);
  });

  it('keeps the most telling code', () => {
    expect(worstExit()).toBe(0);
    expect(worstExit(0, 1)).toBe(1);
    expect(worstExit(1, 3, 0)).toBe(3);
    expect(worstExit(3, 2)).toBe(2);
  });

  it('a run exits 0 without failures, 3 when nothing reached a server, else 1', () => {
    expect(runExitCode([{ outcome: 'deleted' }, { outcome: 'skipped' }])).toBe(0);
    expect(runExitCode([{ outcome: 'failed', kind: 'network' }, { outcome: 'skipped' }])).toBe(3);
    expect(runExitCode([{ outcome: 'failed', kind: 'network' }, { outcome: 'deleted' }])).toBe(1);
    expect(runExitCode([{ outcome: 'failed', kind: 'server' }])).toBe(1);
  });
});

describe('describeError', () => {
  it("adds the server's own text unless the message quotes it", () => {
    expect(describeError({ kind: 'server', message: 'Oops.', serverMessage: 'Disk full' })).toBe(
      'Oops.\nServer said: Disk full',
    );
    expect(describeError({ kind: 'server', message: 'Failed: Disk full', serverMessage: 'Disk full' })).toBe(
      'Failed: Disk full',
    );
    expect(describeError({ kind: 'keychain', message: 'No keychain.', serverMessage: 'dbus gone' })).toBe(
      'No keychain.\nThe keychain said: dbus gone',
    );
  });

  it("labels the detail of a connection that got no answer as the connection's, not the server's", () => {
    const refused = {
      kind: 'network' as const,
      message: 'gis:6443 refused the connection. Is the server running and the port right?',
      serverMessage: 'connect ECONNREFUSED 10.0.0.5:6443',
    };
    expect(describeError(refused)).toBe(
      `${refused.message}\nConnection error: connect ECONNREFUSED 10.0.0.5:6443`,
    );
    expect(
      describeError({ kind: 'timeout', message: 'Timed out.', serverMessage: 'UND_ERR_CONNECT_TIMEOUT' }),
    ).toBe('Timed out.\nConnection error: UND_ERR_CONNECT_TIMEOUT');
  });
});

describe('confirmation', () => {
  it('asks y/N for a small plan and the typed count for production or over 100 jobs', () => {
    const small = confirmationQuestion({ action: 'delete', eligible: 5, productionServers: [] });
    expect(small.question).toBe('Delete 5 jobs? [y/N] ');
    expect(small.accepts('y')).toBe(true);
    expect(small.accepts('YES')).toBe(true);
    expect(small.accepts('')).toBe(false);
    const prod = confirmationQuestion({ action: 'cancel', eligible: 5, productionServers: ['Prod'] });
    expect(prod.question).toBe('Type 5 to cancel 5 jobs on production server Prod: ');
    expect(prod.accepts('5')).toBe(true);
    expect(prod.accepts('y')).toBe(false);
    expect(needsTypedConfirmation({ eligible: 101, productionServers: [] })).toBe(true);
    expect(needsTypedConfirmation({ eligible: 100, productionServers: [] })).toBe(false);
  });
});

describe('password prompt keys', () => {
  it('collects characters until Enter, with Backspace and Ctrl-U', () => {
    let s = applyKeys({ value: '', phase: 'typing' }, 'pa');
    s = applyKeys(s, 'sx\u007fs');
    expect(s).toEqual({ value: 'pass', phase: 'typing' });
    expect(applyKeys(s, '\u0015ok\r')).toEqual({ value: 'ok', phase: 'done' });
  });

  it('cancels on Ctrl-C and on Ctrl-D at an empty prompt, and ignores arrow keys', () => {
    expect(applyKeys({ value: 'abc', phase: 'typing' }, '\u0003').phase).toBe('cancelled');
    expect(applyKeys({ value: '', phase: 'typing' }, '\u0004').phase).toBe('cancelled');
    expect(applyKeys({ value: '', phase: 'typing' }, 'a\u001b[Db\n')).toEqual({ value: 'ab', phase: 'done' });
  });
});

describe('runs', () => {
  const run = (runId: string) => ({ runId }) as AuditRunInfo;
  it('finds a run by a unique prefix and explains a miss or an ambiguity', () => {
    const runs = [run('abc123'), run('abd456'), run('ffe789')];
    expect(matchRun(runs, 'ABC')).toEqual({ ok: true, value: runs[0] });
    const ambiguous = matchRun(runs, 'ab');
    expect(ambiguous.ok).toBe(false);
    if (!ambiguous.ok)
      expect(ambiguous.error.message).toBe('"ab" matches 2 runs (abc123, abd456): give more of the run id.');
    const none = matchRun(runs, 'zz');
    expect(!none.ok && none.error.kind).toBe('not-found');
    // An empty id (an unset variable) says so, rather than "no run starts with \"\"".
    for (const empty of ['', '  ']) {
      expect(matchRun(runs, empty)).toEqual({
        ok: false,
        error: {
          kind: 'invalid-input',
          message:
            'The run id is empty (an unset variable in a script?): give a run id or its first letters, ' +
            'as "gpjobs runs list" shows them.',
        },
      });
    }
  });
});

describe('help and quoting', () => {
  it('reports the version of package.json', () => {
    const pkg = JSON.parse(
      fs.readFileSync(path.resolve(import.meta.dirname, '../../../package.json'), 'utf8'),
    ) as {
      version: string;
    };
    expect(VERSION).toBe(pkg.version);
  });

  it('turns "help a b" into "a b --help"', () => {
    expect(rewriteHelp(['help', 'jobs', 'delete'])).toEqual(['jobs', 'delete', '--help']);
    expect(rewriteHelp(['help'])).toEqual(['--help']);
    expect(rewriteHelp(['jobs', 'list'])).toEqual(['jobs', 'list']);
  });

  it('quotes a server name for a shell only when needed', () => {
    expect(quoteArg('Prod')).toBe('Prod');
    expect(quoteArg('Prod GIS')).toBe("'Prod GIS'");
    expect(quoteArg("O'Neil")).toBe("'O'\\''Neil'");
  });
});

describe('progress', () => {
  const snap: BulkSnapshot = {
    runId: 'r',
    action: 'delete',
    total: 200,
    done: 50,
    counts: { deleted: 45, cancelled: 0, 'already-gone': 2, skipped: 0, failed: 3 },
    ratePerSec: 12.5,
    etaSeconds: 12,
    paused: false,
    finished: false,
    aborted: false,
    servers: [],
  };

  it('writes plain lines for logs', () => {
    expect(progressLine(snap)).toBe(
      'delete: 50/200 done (25%): deleted 45, already gone 2, failed 3, 12.5 jobs/s, about 0:12 left',
    );
    expect(progressLine({ ...snap, done: 200, finished: true })).toBe(
      'delete: 200/200 done (100%): deleted 45, already gone 2, failed 3',
    );
  });

  it('names each server that asked to wait (Retry-After) and until when, in local time', () => {
    const until = new Date(2026, 11, 2, 17, 5, 3).getTime();
    const server = { profileId: 'p', total: 100, done: 20, inFlight: 0, state: 'running' as const };
    const waiting = {
      ...snap,
      servers: [
        { ...server, name: 'Prod GIS', retryAfterUntil: until },
        { ...server, name: 'Test GIS' },
      ],
    };
    expect(progressLine(waiting)).toBe(
      `${progressLine(snap)}; Prod GIS asked to wait until 17:05:03 (Retry-After)`,
    );
    expect(barLine(waiting, 160)).toMatch(/failed 3; Prod GIS asked to wait until 17:05:03 \(Retry-After\)$/);
    expect(progressLine({ ...waiting, servers: [{ ...server, name: 'Test GIS' }] })).toBe(progressLine(snap));
  });

  it('keeps the bar within an 80-column terminal with the wait readable to its end', () => {
    const until = new Date(2026, 11, 2, 17, 5, 3).getTime();
    const server = { profileId: 'p', total: 100, done: 20, inFlight: 0, state: 'running' as const };
    const waiting = {
      ...snap,
      servers: [{ ...server, name: 'Production GIS (Europe)', retryAfterUntil: until }],
    };
    for (const width of [80, 100, 120]) {
      const line = barLine(waiting, width);
      expect(line.length).toBeLessThan(width);
      expect(line).toMatch(
        /^Deleting .*50\/200 25%.*failed 3; Production GIS \(Europe\)(:| asked to) wait until 17:05:03/,
      );
    }
    expect(barLine(waiting, 80)).toBe(
      'Deleting 50/200 25%  failed 3; Production GIS (Europe): wait until 17:05:03',
    );
    expect(barLine(waiting, 140)).toMatch(
      /\] 50\/200 25% {2}12\.5\/s .*asked to wait until 17:05:03 \(Retry-After\)$/,
    );
  });

  it('stays within a terminal narrower than 21 columns', () => {
    for (const width of [2, 10, 20]) expect(barLine(snap, width).length).toBe(width - 1);
  });

  it('draws a bar that fits the terminal', () => {
    const line = barLine(snap, 80);
    expect(line.length).toBeLessThan(80);
    expect(line).toMatch(/^Deleting \[#+\.+\] 50\/200 25%/);
    expect(formatEta(3725)).toBe('1:02:05');
    expect(formatEta(null)).toBe('?');
  });
});
