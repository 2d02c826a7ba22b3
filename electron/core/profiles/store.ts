/**
 * The server profiles a user has, plus the read-only ones IT provisioned, kept in `profiles.json`.
 * Every change is a whole-file atomic write, serialised per file in this process and locked across
 * processes. A read is answered from the last parse while neither file has changed since (see file-stamp:
 * two stat calls instead of the lock, the read and a parse of every profile and CA), so the app and the
 * `gpjobs` command line still see each other's changes, and IT's edits, on the next call.
 * A damaged user file is moved aside (never overwritten or deleted) and reported once through `load()`.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { PROFILES_FILE_NAME, resolveManagedProfilesPath } from '../config-dir';
import type { AppError, Profile, ProfileEntry, Result } from '../types';
import { err, ok } from '../types';
import { keepAside, sortEntries } from './damaged-file';
import { SETTLE_MS, filesStamp } from './file-stamp';
import type { ImportReport } from './import-plan';
import { planImport } from './import-plan';
import { readManagedProfiles } from './managed';
import { nameClash, nameClashError, nameTwinProblems } from './profile-name';
import { readProfilesFile } from './profiles-file';
import type { ProfileInput } from './schema';
import {
  MAX_PROFILES,
  nextProfileColor,
  parseProfile,
  parseProfileInput,
  serializeProfilesFile,
} from './schema';
import { lockedFile, saveUserFile } from './locked-save';

/** Where the store keeps its files. */
export interface ProfileStoreOptions {
  /** The user config directory (see `resolveConfigDir`). */
  configDir: string;
  /** The managed profiles file; `undefined` means the OS default (or `GPJOBS_MANAGED_CONFIG`), `null` none. */
  managedPath?: string | null;
  /** The clock, for the names of files moved aside. */
  now?: () => Date;
  /** New profile ids. */
  newId?: () => string;
  /** How long after a change the files' times are trusted (see file-stamp); tests that read at once set 0. */
  settleMs?: number;
}

/** Every profile, and anything wrong with the files that the user should be told about. */
export interface ProfileListing {
  profiles: ProfileEntry[];
  problems: AppError[];
}

interface UserFile {
  profiles: Profile[];
}

/** Reads and writes server profiles; see the module comment for the guarantees. */
export class ProfileStore {
  /** The user profiles file. */
  readonly profilesPath: string;
  /** The managed profiles file, or null when there is none. */
  readonly managedPath: string | null;
  private readonly now: () => Date;
  private readonly newId: () => string;
  private readonly settleMs: number;
  /** Damaged-file notices not yet shown through `load()`. */
  private notices: AppError[] = [];
  /** The last clean read and the stamp of the files it came from. */
  private cache: { stamp: string; listing: ProfileListing } | null = null;

  constructor(options: ProfileStoreOptions) {
    this.profilesPath = path.join(options.configDir, PROFILES_FILE_NAME);
    this.managedPath = options.managedPath === undefined ? resolveManagedProfilesPath() : options.managedPath;
    this.now = options.now ?? (() => new Date());
    this.newId = options.newId ?? (() => randomUUID());
    this.settleMs = options.settleMs ?? SETTLE_MS;
  }

  /** All profiles (user first, then managed) and the problems found; fails only when the user file is unusable. */
  async load(): Promise<Result<ProfileListing>> {
    const listing = await this.read();
    if (!listing.ok) return listing;
    const problems = [...this.notices, ...listing.value.problems];
    this.notices = [];
    return ok({ profiles: listing.value.profiles, problems });
  }

  /** All profiles, user and managed (marked `managed: true`). Problems are left to `load()`. */
  async list(): Promise<Result<ProfileEntry[]>> {
    const listing = await this.read();
    return listing.ok ? ok(listing.value.profiles) : listing;
  }

  /** One profile by id. */
  async get(id: string): Promise<Result<ProfileEntry>> {
    const listed = await this.list();
    if (!listed.ok) return listed;
    const found = listed.value.find((p) => p.id === id);
    return found ? ok(found) : err(notFound(id));
  }

  /** Creates (no or unknown `id`) or updates a user profile. Names are unique (profile-name.ts). */
  async save(input: ProfileInput): Promise<Result<Profile>> {
    const parsed = parseProfileInput(input);
    if (!parsed.ok) return parsed;
    return this.locked(async () => {
      const listing = await this.readAll();
      if (!listing.ok) return listing;
      const all = listing.value.profiles;
      const { id: givenId, ...fields } = parsed.value;
      const managed = all.find((p) => p.managed && p.id === givenId);
      if (managed) return err(readOnly(managed.name, 'changed'));
      const clash = nameClash(all, fields.name, givenId);
      if (clash) return err(nameClashError(clash));
      const user = all.filter((p) => !p.managed).map(stripManaged);
      const profile: Profile = { ...fields, id: givenId ?? this.newId() };
      const at = user.findIndex((p) => p.id === profile.id);
      // Without a colour, an edit keeps the old one and a new profile gets one no other profile has.
      if (input.color === undefined)
        profile.color = user[at]?.color ?? nextProfileColor(all.map((p) => p.color));
      if (at >= 0) user[at] = profile;
      else if (user.length >= MAX_PROFILES)
        return err(invalid(`At most ${MAX_PROFILES} profiles are allowed.`));
      else user.push(profile);
      const written = await this.write({ profiles: user });
      return written.ok ? ok(profile) : written;
    }, true);
  }

  /** Deletes a user profile (not its keychain entry: use `removeProfileWithCredentials` for that). */
  async remove(id: string): Promise<Result<void>> {
    return this.locked(async () => {
      const listing = await this.readAll();
      if (!listing.ok) return listing;
      const target = listing.value.profiles.find((p) => p.id === id);
      if (!target) return err(notFound(id));
      if (target.managed) return err(readOnly(target.name, 'deleted'));
      const user = listing.value.profiles.filter((p) => !p.managed && p.id !== id).map(stripManaged);
      return this.write({ profiles: user });
    }, true);
  }

  /** Imports profiles from a file's text, entry by entry; writes once, only if something was added. */
  async importFile(text: string): Promise<Result<ImportReport>> {
    return this.locked(async () => {
      const listing = await this.readAll();
      if (!listing.ok) return listing;
      const plan = planImport(text, listing.value.profiles, this.newId, MAX_PROFILES);
      if (!plan.ok) return plan;
      if (plan.value.toAdd.length) {
        const user = listing.value.profiles.filter((p) => !p.managed).map(stripManaged);
        const written = await this.write({ profiles: [...user, ...plan.value.toAdd] });
        if (!written.ok) return written;
      }
      return ok(plan.value.report);
    }, true);
  }

  /** The profiles with the given ids (default: every user profile) as an importable file, without secrets. */
  async exportJson(ids?: readonly string[]): Promise<Result<string>> {
    const listed = await this.list();
    if (!listed.ok) return listed;
    let chosen: ProfileEntry[];
    if (ids) {
      const missing = ids.find((id) => !listed.value.some((p) => p.id === id));
      if (missing !== undefined) return err(notFound(missing));
      chosen = listed.value.filter((p) => ids.includes(p.id));
    } else {
      chosen = listed.value.filter((p) => !p.managed);
    }
    return ok(serializeProfilesFile(chosen.map(stripManaged)));
  }

  /** Runs `task` as the only reader-writer of the profiles file (see locked-save.ts). */
  private locked<T>(task: () => Promise<Result<T>>, write = false): Promise<Result<T>> {
    return lockedFile(this.profilesPath, task, write);
  }

  /**
   * Every profile and the managed file's problems, as `readAll` gives them: from the last clean read while
   * the files' stamp is unchanged (copies, so a caller cannot change what the next one gets), else read
   * under the lock. The stamp is taken before reading, so a change made meanwhile is read next time.
   */
  private async read(): Promise<Result<ProfileListing>> {
    const stamp = await filesStamp([this.profilesPath, this.managedPath], this.settleMs);
    const cached = this.cache;
    if (stamp !== null && cached?.stamp === stamp) return ok(copyListing(cached.listing));
    return this.locked(async () => {
      const notices = this.notices.length;
      const listing = await this.readAll();
      // A damaged file was moved aside and rewritten: not a read to answer from again.
      const clean = listing.ok && this.notices.length === notices;
      this.cache = clean && stamp !== null ? { stamp, listing: copyListing(listing.value) } : null;
      return listing;
    });
  }

  private async readAll(): Promise<Result<ProfileListing>> {
    const user = await this.readUser();
    if (!user.ok) return user;
    const managed = this.managedPath
      ? await readManagedProfiles(this.managedPath)
      : { profiles: [], problems: [] };
    const problems = [...managed.problems];
    const ids = new Set(user.value.profiles.map((p) => p.id));
    const profiles: ProfileEntry[] = user.value.profiles.map((p) => ({ ...p, managed: false }));
    for (const p of managed.profiles) {
      if (ids.has(p.id)) {
        problems.push({
          kind: 'config',
          message: `Managed profile "${p.name}" has the same id (${p.id}) as one of your profiles and is not shown.`,
        });
        continue;
      }
      profiles.push({ ...p, managed: true });
    }
    problems.push(...nameTwinProblems(profiles));
    return ok({ profiles, problems });
  }

  /** Reads the user file; a damaged one is moved aside and noted, and the store goes on empty. */
  private async readUser(): Promise<Result<UserFile>> {
    const file = this.profilesPath;
    const read = await readProfilesFile(file);
    if (read.kind === 'missing') return ok({ profiles: [] });
    if (read.kind === 'unreadable') {
      return err({
        kind: 'config',
        message: `Your profiles file ${file} could not be read: ${read.message}`,
      });
    }
    if (read.kind === 'newer') {
      return err({
        kind: 'config',
        message: `Your profiles file ${file} was left untouched. ${read.error.message}`,
      });
    }
    if (read.kind === 'corrupt') return this.keepAside(read.reason, []);
    const { valid, rejected } = sortEntries(
      read.entries,
      'Profile',
      parseProfile,
      (a, b) => a.id === b.id,
      'repeats an id.',
    );
    if (rejected.length === 0) return ok({ profiles: valid });
    return this.keepAside(rejected.join(' '), valid);
  }

  /**
   * Moves the user file aside (see damaged-file.ts) and goes on with `valid`, the entries that could be
   * read, written back as the new file, so one bad entry never hides the others.
   */
  private async keepAside(reason: string, valid: Profile[]): Promise<Result<UserFile>> {
    const notice = await keepAside({
      file: this.profilesPath,
      what: 'profiles file',
      reason,
      now: this.now(),
      writeValid: valid.length > 0 ? () => this.write({ profiles: valid }) : null,
      kept:
        valid.length > 0
          ? `The other ${valid.length} profile${valid.length === 1 ? ' was' : 's were'} kept.`
          : 'GP Job Admin started with no profiles of your own; import the kept file to recover those still valid.',
    });
    if (!notice.ok) return notice;
    this.notices.push(notice.value);
    return ok({ profiles: valid });
  }

  private write(file: UserFile): Promise<Result<void>> {
    this.cache = null;
    return saveUserFile(this.profilesPath, 'profiles', () => serializeProfilesFile(file.profiles));
  }
}

function copyListing(listing: ProfileListing): ProfileListing {
  return { profiles: listing.profiles.map((p) => ({ ...p })), problems: [...listing.problems] };
}

function stripManaged(entry: ProfileEntry | Profile): Profile {
  const { managed: _managed, ...profile } = entry as ProfileEntry;
  return profile;
}

function notFound(id: string): AppError {
  return { kind: 'not-found', message: `There is no profile with id ${JSON.stringify(id)}.` };
}

function invalid(message: string): AppError {
  return { kind: 'invalid-input', message };
}

function readOnly(name: string, verb: string): AppError {
  return {
    kind: 'invalid-input',
    message: `"${name}" is provided by your IT department (managed profile) and cannot be ${verb} here.`,
  };
}
