/**
 * The server's own retention of finished jobs, said plainly: how long the jobs directory keeps them before
 * the server removes them, or that it never does (cleanup mode NONE), which is when jobs pile up unless
 * someone deletes them (a clean-up policy, for instance).
 */
import type { JobsDirectory } from '../arcgis';
import { describeDuration } from './duration';

/** A server's jobs directory and the sentence that describes it. */
export interface ServerRetention {
  directory: JobsDirectory;
  /** "Finished jobs are kept 6 h by the server." or the warning. */
  line: string;
  /** True when the server never removes finished jobs. */
  warning: boolean;
}

/** The retention sentence of a jobs directory. */
export function retentionLine(dir: JobsDirectory): ServerRetention {
  if (dir.cleans) {
    return {
      directory: dir,
      line: `Finished jobs are kept ${describeDuration(dir.maxFileAgeMinutes! * 60_000)} by the server.`,
      warning: false,
    };
  }
  const why =
    dir.cleanupMode === 'NONE' ? 'cleaning is off' : `cleanup ${dir.cleanupMode} without a file age`;
  return {
    directory: dir,
    line: `Jobs are never removed by the server (${dir.name}: ${why}); delete them yourself or with a clean-up policy.`,
    warning: true,
  };
}
