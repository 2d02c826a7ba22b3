/**
 * The core service as the command line opens it: the same config directory, managed profiles file,
 * keychain service and audit log as the desktop app (each overridable through the environment, as the app
 * honours the same variables), released when the command ends.
 */
import { resolveConfigDir, resolveManagedProfilesPath, JobAdminService } from '../core';
import type { ExitCode } from './exit-codes';
import type { CliIo } from './io';
import { noteRetries } from './retry-notes';

/** The environment variable holding a password for unattended runs. */
export const PASSWORD_ENV = 'GPJOBS_PASSWORD';
/** The environment variable naming the keychain service (shared with the desktop app). */
export const KEYCHAIN_ENV = 'GPJOBS_KEYCHAIN_SERVICE';

/** Opens the core service for this process's environment. */
export function openService(io: CliIo): JobAdminService {
  const keychainService = io.env[KEYCHAIN_ENV]?.trim();
  return new JobAdminService({
    configDir: resolveConfigDir(io.env),
    managedProfilesPath: resolveManagedProfilesPath(io.env),
    ...(keychainService ? { keychainService } : {}),
  });
}

/**
 * Runs `work` with an open service and always releases it (connection pools, running runs); a server that
 * is not answering meanwhile is reported on stderr at each retry (retry-notes.ts).
 */
export async function withService(
  io: CliIo,
  work: (service: JobAdminService) => Promise<ExitCode>,
): Promise<ExitCode> {
  const service = openService(io);
  const stopNotes = await noteRetries(service, io);
  try {
    return await work(service);
  } finally {
    stopNotes();
    await service.dispose();
  }
}
