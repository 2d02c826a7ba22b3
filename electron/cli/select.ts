/**
 * Picking server profiles by the names an administrator types: case-insensitive names (or exact ids),
 * every profile when none is named, and a plain error listing the known names when one is unknown.
 */
import type { JobAdminService, AppError, ProfileEntry, Result } from '../core';
import { ambiguousNameError, err, ok, profilesNamed } from '../core';
import type { CliIo } from './io';
import { note } from './io';

/** Loads every profile, printing any problem with the profile files as a warning on stderr. */
export async function loadProfiles(service: JobAdminService, io: CliIo): Promise<Result<ProfileEntry[]>> {
  const loaded = await service.profiles.load();
  if (!loaded.ok) return loaded;
  for (const problem of loaded.value.problems) note(io, `gpjobs: warning: ${problem.message}`);
  return ok(loaded.value.profiles);
}

/**
 * The profile a name (case-insensitive, any Unicode form) or id names, if any; an error naming them when
 * the name is shared by stored twins (an old or managed file), rather than picking one of them.
 */
export function findProfile(
  profiles: readonly ProfileEntry[],
  name: string,
): Result<ProfileEntry | undefined> {
  const named = profilesNamed(profiles, name);
  if (named.length > 1) return err(ambiguousNameError(name, named));
  return ok(named[0] ?? profiles.find((p) => p.id === name.trim()));
}

/** What to say when a name matches no profile. */
export function unknownServer(name: string, profiles: readonly ProfileEntry[]): AppError {
  const known = profiles.map((p) => `"${p.name}"`).join(', ');
  return {
    kind: 'config',
    message: profiles.length
      ? `There is no server named "${name}". Known servers: ${known}.`
      : `There is no server named "${name}": no servers are set up yet (add one with "gpjobs servers add").`,
  };
}

/**
 * The names of `--server a,b`: a value that is itself a profile's name (which may contain a comma) is kept
 * whole; any other is split on commas.
 */
export function expandNames(profiles: readonly ProfileEntry[], names: readonly string[]): string[] {
  return names.flatMap((name) => {
    const found = findProfile(profiles, name);
    return !found.ok || found.value
      ? [name]
      : name
          .split(',')
          .map((n) => n.trim())
          .filter((n) => n !== '');
  });
}

/** The profiles `names` choose (all when empty), in the order given, without repeats. */
export function chooseProfiles(
  profiles: readonly ProfileEntry[],
  names: readonly string[],
): Result<ProfileEntry[]> {
  if (names.length === 0) {
    if (profiles.length === 0) {
      return err({
        kind: 'config',
        message:
          'No servers are set up yet: add one with "gpjobs servers add --name ... --url ... --username ...".',
      });
    }
    return ok([...profiles]);
  }
  const chosen: ProfileEntry[] = [];
  for (const name of expandNames(profiles, names)) {
    const found = findProfile(profiles, name);
    if (!found.ok) return found;
    if (!found.value) return err(unknownServer(name, profiles));
    if (!chosen.includes(found.value)) chosen.push(found.value);
  }
  return ok(chosen);
}

/** The one profile `name` names (any case, or its id), from freshly loaded profiles. */
export async function pickProfile(
  service: JobAdminService,
  io: CliIo,
  name: string,
): Promise<Result<ProfileEntry>> {
  const loaded = await loadProfiles(service, io);
  if (!loaded.ok) return loaded;
  const found = findProfile(loaded.value, name);
  if (!found.ok) return found;
  return found.value ? ok(found.value) : err(unknownServer(name, loaded.value));
}
