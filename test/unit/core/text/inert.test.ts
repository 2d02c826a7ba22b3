import { describe, expect, it } from 'vitest';
import { exportRunCsv } from '../../../../electron/core/audit/export';
import { csvCell, inertText } from '../../../../electron/core/text/inert';
import { renderCsv } from '../../../../electron/cli/output';

describe('inertText', () => {
  it.each([
    ['ESC sequences lose their ESC', 'red \u001b[31mALERT\u001b[0m', 'red [31mALERT[0m'],
    ['BEL and a title change', '\u001b]0;pwned\u0007done', ']0;pwneddone'],
    ['C1 CSI (U+009B)', 'a\u009b2Jb', 'a2Jb'],
    ['a lone CR that would overwrite the line', 'ok\rFAILED', 'okFAILED'],
    ['bidi overrides', 'job \u202eexe.txt', 'job exe.txt'],
    ['NUL, backspace and DEL', 'a\u0000b\u0008c\u007fd', 'abcd'],
  ])('%s', (_what, input, expected) => expect(inertText(input)).toBe(expected));

  it('keeps tabs, line breaks, CRLF and ordinary Unicode', () => {
    expect(inertText('a\tb\nc\r\nd é 日本')).toBe('a\tb\nc\r\nd é 日本');
  });
});

describe('csvCell', () => {
  it.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+1', "'+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['  =1+1', "'  =1+1"],
    ['\uff1d1+1', "'\uff1d1+1"],
    ['\tx', "'\tx"],
    ['a,b', '"a,b"'],
    ['line\nbreak', '"line\nbreak"'],
    ['\u001b[31mred', '[31mred'],
    ['plain', 'plain'],
  ])('%j → %j', (input, expected) => expect(csvCell(input)).toBe(expected));

  it('writes numbers as they are, null and non-finite numbers as empty cells', () => {
    expect([csvCell(-5), csvCell(3.5), csvCell(null), csvCell(Number.NaN)]).toEqual(['-5', '3.5', '', '']);
  });

  it('guards every cell of the CLI job CSV and of the run export', () => {
    const evil = '=cmd|"/c calc"!A1';
    const csv = renderCsv(
      [
        {
          server: evil,
          service: evil,
          serviceType: evil,
          jobId: 'j1',
          status: evil,
          submittedTime: null,
          endTime: null,
          username: evil,
          machinename: evil,
          result: undefined,
          message: evil,
        },
      ],
      ['server', 'service', 'jobId', 'status', 'username', 'machinename', 'message'],
    );
    const cells = csv.split('\r\n')[1]!;
    expect(cells.match(/"'=cmd/g)).toHaveLength(6);
    const exported = exportRunCsv([
      {
        jobId: 'j1',
        profileId: 'p',
        server: evil,
        service: evil,
        action: 'delete',
        outcome: 'failed',
        message: evil,
        username: evil,
        machinename: evil,
      },
    ]);
    expect(exported).not.toMatch(/(^|,)=cmd/m);
    expect(exported.match(/"'=cmd/g)!.length).toBeGreaterThanOrEqual(5);
  });
});
