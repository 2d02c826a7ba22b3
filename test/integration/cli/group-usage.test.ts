/**
 * `gpjobs GROUP ...` usage: a group alone lists, and a word after it that is none of its commands is an unknown
 * command naming the group's commands (split from usage.test.ts to keep each file near 300 lines).
 */
import { describe, expect, it } from 'vitest';
import { sandbox } from './helpers';

describe('command groups', () => {
  it("an unknown command in a group names the group's commands and suggests the close one", async () => {
    const cli = await sandbox();
    const result = await cli.run(['jobs', 'lst']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "error: unknown command 'lst'\n(Did you mean list?)\n" +
        'Usage: gpjobs jobs list|delete|cancel|show|summary ...\n' +
        "Run 'gpjobs jobs --help' for its commands.\n",
    );
  });

  it('servers, runs and policies alone list (the README sends administrators to "gpjobs runs")', async () => {
    const cli = await sandbox();
    expect(await cli.run(['servers'])).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^No servers yet/),
    });
    expect(await cli.run(['runs'])).toMatchObject({ code: 0, stdout: 'No runs yet.\n' });
    expect(await cli.run(['policies', '--format', 'json'])).toMatchObject({ code: 0, stdout: '[]\n' });
    // A word after the group that is none of its commands is still an unknown command, with the close one.
    const typo = await cli.run(['runs', 'lsit']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toBe(
      "error: unknown command 'lsit'\n(Did you mean list?)\n" +
        'Usage: gpjobs runs list|show|export|prune|acknowledge|retention|retry ...\n' +
        "Run 'gpjobs runs --help' for its commands.\n",
    );
    expect((await cli.run(['servers', 'frobnicate'])).stderr).toMatch(
      /^error: unknown command 'frobnicate'\nUsage:/,
    );
  });

  it("each group's help says the group alone lists, with list's options", async () => {
    const cli = await sandbox();
    const runs = await cli.run(['runs', '--help']);
    expect(runs.code).toBe(0);
    expect(runs.stdout).toContain(
      '"gpjobs runs" alone lists, as "gpjobs runs list" does:\n  gpjobs runs [--limit <n>] [--format <format>]\n',
    );
    expect((await cli.run(['servers', '--help'])).stdout).toContain(
      '"gpjobs servers" alone lists, as "gpjobs servers list" does:\n  gpjobs servers [--format <format>]\n',
    );
    expect((await cli.run(['policies', '--help'])).stdout).toContain(
      '"gpjobs policies" alone lists, as "gpjobs policies list" does:\n  gpjobs policies [--format <format>]\n',
    );
    // A group without a default command says nothing of the kind.
    expect((await cli.run(['jobs', '--help'])).stdout).not.toContain('alone lists');
    // And what the help says runs: the bare group with list's option.
    expect(await cli.run(['runs', '--limit', '5'])).toMatchObject({ code: 0, stdout: 'No runs yet.\n' });
  });

  it('words after an explicit list are refused as too many arguments, not as an unknown command', async () => {
    const cli = await sandbox();
    expect(await cli.run(['runs', 'list', 'foo'])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(
        /^error: too many arguments for 'list'\. Expected 0 arguments but got 1\.\n/,
      ),
    });
  });
});
