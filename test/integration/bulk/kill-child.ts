/**
 * The process the kill test kills: reads its settings (simulator URL, CA, credentials, jobs, audit file) as
 * JSON on stdin, so no secret is on a command line or in a file, then deletes the jobs with the real client,
 * appending to the audit file as it goes. Run as `node --import tsx kill-child.ts` (one process to kill).
 */
import { ArcGisClient } from '../../../electron/core/arcgis/client';
import { createNodeFetch } from '../../../electron/core/arcgis';
import { openAuditLog } from '../../../electron/core/audit/audit-log';
import { jobOperationsFrom } from '../../../electron/core/bulk/client-operations';
import { startBulkRun } from '../../../electron/core/bulk/runner';
import type { BulkJob } from '../../../electron/core/bulk/types';
import type { Profile } from '../../../electron/core/types';
import { ok } from '../../../electron/core/types';
import { readStdinJson } from '../child-input';

/** What the parent sends. */
export interface KillChildInput {
  url: string;
  caPem: string;
  username: string;
  password: string;
  auditFile: string;
  concurrency: number;
  jobs: BulkJob[];
}

async function main(): Promise<void> {
  const input = await readStdinJson<KillChildInput>();
  const profile: Profile = {
    id: input.jobs[0]!.profileId,
    name: 'Killed child',
    serverUrl: input.url,
    adminUrl: null,
    authMode: 'server',
    portalUrl: null,
    username: input.username,
    caCertPem: input.caPem,
    concurrency: input.concurrency,
    color: '#2f7dd1',
    production: false,
  };
  const fetchFn = createNodeFetch(profile);
  const client = new ArcGisClient(profile, { fetch: fetchFn, getPassword: async () => ok(input.password) });
  const run = startBulkRun({
    jobs: input.jobs,
    action: 'delete',
    profiles: [profile],
    operations: new Map([[profile.id, jobOperationsFrom(client)]]),
    audit: await openAuditLog(input.auditFile),
  });
  process.stdout.write(`started ${run.runId}\n`);
  const summary = await run.done;
  process.stdout.write(`finished ${JSON.stringify(summary.counts)}\n`);
  await fetchFn.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
