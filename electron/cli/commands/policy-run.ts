/**
 * `gpjobs policies run NAME [--dry-run] [--yes]` and `gpjobs clean [--yes]`: a fresh listing of the
 * policy's servers, its plan, the policy's cap (a bigger plan is refused before any job request), the
 * usual confirmation, then an ordinary bulk run tagged with the policy's name in the audit log. `clean`
 * runs every enabled policy in turn and ends with one summary and one exit code.
 */
import type { Command } from 'commander';
import type { JobAdminService } from '../../core';
import { PolicyService, resolveConfigDir, resolveManagedProfilesPath } from '../../core';
import { confirmOnTerminal } from '../confirm';
import { withService } from '../context';
import { preparePasswords } from '../credentials';
import type { ExitCode } from '../exit-codes';
import { EXIT_FAILED, EXIT_NOT_CONFIRMED, EXIT_OK, EXIT_USAGE, exitCodeFor, worstExit } from '../exit-codes';
import type { CliIo } from '../io';
import { interactive, note, out, outputWidth, reportError } from '../io';
import { renderPlan } from '../report';
import { renderTable } from '../table';
import { runAndReport } from './bulk-run';

/** Runs `work` with the core service and the policies beside it (same config directory as the app). */
export function withPolicies(
  io: CliIo,
  work: (service: JobAdminService, policies: PolicyService) => Promise<ExitCode>,
): Promise<ExitCode> {
  return withService(io, (service) =>
    work(
      service,
      new PolicyService(service, {
        configDir: resolveConfigDir(io.env),
        managedProfilesPath: resolveManagedProfilesPath(io.env),
        now: io.now,
      }),
    ),
  );
}

interface RunFlags {
  dryRun?: boolean;
  yes?: boolean;
}

/** What one policy's run came to, for `clean`'s summary. */
interface Outcome {
  name: string;
  result: string;
  code: ExitCode;
}

/** Registers `policies run` and the top-level `clean`. */
export function registerPolicyRun(
  policies: Command,
  program: Command,
  io: CliIo,
  done: (code: ExitCode) => void,
): void {
  policies
    .command('run')
    .description('run a policy now: list its servers, plan, confirm (or --yes), and act')
    .argument('<name>', 'the policy (any case)')
    .option('--dry-run', 'print the plan and change nothing')
    .option('-y, --yes', 'do it without asking (required when not run from a terminal)')
    .action(async (name: string, flags: RunFlags) => done(await runOne(io, name, flags)));
  program
    .command('clean')
    .description('run every enabled policy: one summary, one exit')
    .option('--dry-run', 'print each plan and change nothing')
    .option('-y, --yes', 'do it without asking (required when not run from a terminal)')
    .action(async (flags: RunFlags) => done(await cleanAll(io, flags)));
}

function notConfirmable(io: CliIo, flags: RunFlags): ExitCode | null {
  if (flags.dryRun || flags.yes || interactive(io)) return null;
  reportError(io, {
    kind: 'invalid-input',
    message:
      'Not run from a terminal, so nobody can confirm: add --yes (or --dry-run to see the plan). Nothing was changed.',
  });
  return EXIT_USAGE;
}

async function runOne(io: CliIo, name: string, flags: RunFlags): Promise<ExitCode> {
  return withPolicies(io, async (service, policies) => {
    // An unknown name is the error to fix first; then, before any server is asked, who can confirm.
    const found = await policies.store.get(name);
    if (!found.ok) {
      reportError(io, found.error);
      return exitCodeFor(found.error);
    }
    const refused = notConfirmable(io, flags);
    if (refused !== null) return refused;
    return (await runPolicy(io, service, policies, name, flags)).code;
  });
}

/** Lists, plans, checks the cap, confirms and runs one policy. */
async function runPolicy(
  io: CliIo,
  service: JobAdminService,
  policies: PolicyService,
  name: string,
  flags: RunFlags,
): Promise<Outcome> {
  const stop = (result: string, code: ExitCode): Outcome => ({ name, result, code });
  const covered = await policies.coveredProfiles(name);
  if (!covered.ok) {
    reportError(io, covered.error);
    return stop(covered.error.message, exitCodeFor(covered.error));
  }
  const missing = await preparePasswords(service, covered.value, io);
  const previewed = await policies.preview(name, missing);
  if (!previewed.ok) {
    reportError(io, previewed.error);
    return stop(previewed.error.message, exitCodeFor(previewed.error));
  }
  const preview = previewed.value;
  const label = `policy "${preview.policy.name}"`;
  let code: ExitCode = EXIT_OK;
  for (const p of preview.problems) {
    reportError(io, p.error, `${label}, server "${p.server}"${p.service ? `, service ${p.service}` : ''}`);
    code = worstExit(code, p.service ? EXIT_FAILED : exitCodeFor(p.error));
  }
  for (const w of preview.warnings) note(io, `gpjobs: ${label}: ${w}`);
  if (preview.warnings.length) code = worstExit(code, EXIT_FAILED);
  if (preview.skippedProduction.length)
    note(
      io,
      `gpjobs: ${label} leaves out production server(s) ${preview.skippedProduction.join(', ')} (it does not include production).`,
    );
  const plan = preview.plan;
  if (flags.dryRun) out(io, `${label}:\n${renderPlan(plan, outputWidth(io))}`);
  if (preview.overCap) {
    reportError(io, { kind: 'invalid-input', message: preview.overCap });
    return stop(
      `refused: ${plan.eligible} jobs, over its cap of ${preview.policy.maxJobs}`,
      worstExit(code, EXIT_USAGE),
    );
  }
  if (flags.dryRun) return stop(`dry run: ${plan.eligible} would be ${done(plan.action)}`, code);
  if (plan.eligible === 0) {
    out(io, `${label}: no jobs match; nothing to ${plan.action}.`);
    return stop('nothing to do', code);
  }
  if (!flags.yes) {
    note(
      io,
      `${label}:\n${renderPlan(plan, outputWidth(io, io.stderr)).replace(/^Dry run: nothing was changed\. /, '')}`,
    );
    if (!(await confirmOnTerminal(io, plan))) {
      note(io, 'Not confirmed: nothing was changed.');
      return stop('not confirmed', worstExit(code, EXIT_NOT_CONFIRMED));
    }
  }
  let counts = '';
  const ran = await runAndReport(io, 'table', async (onProgress) => {
    const started = await policies.start(preview.id, { onProgress });
    if (started.ok)
      void started.value.done.then((s) => {
        const failed = s.results.filter((r) => r.outcome === 'failed').length;
        const okCount = s.results.filter((r) => r.outcome === 'deleted' || r.outcome === 'cancelled').length;
        counts = `${okCount} ${done(plan.action)}, ${failed} failed`;
      });
    return started;
  });
  return stop(counts || 'could not start', worstExit(code, ran));
}

const done = (action: string) => (action === 'delete' ? 'deleted' : 'cancelled');

async function cleanAll(io: CliIo, flags: RunFlags): Promise<ExitCode> {
  const refused = notConfirmable(io, flags);
  if (refused !== null) return refused;
  return withPolicies(io, async (service, policies) => {
    const loaded = await policies.store.load();
    if (!loaded.ok) {
      reportError(io, loaded.error);
      return exitCodeFor(loaded.error);
    }
    for (const problem of loaded.value.problems) note(io, `gpjobs: warning: ${problem.message}`);
    const enabled = loaded.value.policies.filter((p) => p.enabled);
    if (enabled.length === 0) {
      out(io, 'No enabled policies: nothing to clean (add one with "gpjobs policies add").');
      return EXIT_OK;
    }
    const outcomes: Outcome[] = [];
    for (const p of enabled) outcomes.push(await runPolicy(io, service, policies, p.name, flags));
    out(
      io,
      `\nClean-up summary:\n${renderTable(
        [
          { header: 'POLICY', value: (o: Outcome) => o.name, min: 8 },
          { header: 'RESULT', value: (o: Outcome) => o.result, min: 20 },
          { header: 'EXIT', value: (o: Outcome) => String(o.code), align: 'right' },
        ],
        outcomes,
        outputWidth(io),
      )}`,
    );
    return worstExit(...outcomes.map((o) => o.code));
  });
}
