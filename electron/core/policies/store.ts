/**
 * The clean-up policies a user has (`policies.json` in the config directory), plus the read-only ones IT
 * provisions (`policies.json` next to the managed profiles file, read by managed.ts). Same rules as the
 * profiles store: every change is a whole-file atomic write under the cross-process lock, the file is
 * re-read on every call (the app and `gpjobs` see each other's changes), a damaged file is moved aside and
 * reported, never lost.
 */
import path from 'node:path';
import { readLocalTextFile } from '../local-file';
import { keepAside, rawName, sortEntries } from '../profiles/damaged-file';
import { lockedFile, saveUserFile } from '../profiles/locked-save';
import type { AppError, Result } from '../types';
import { err, ok } from '../types';
import type { Policy, PolicyEntry, PolicyInput } from './schema';
import { unschedulableName } from './schedule';
import { readManagedPolicies } from './managed';
import {
  MAX_POLICIES,
  MAX_POLICIES_FILE_BYTES,
  parsePoliciesText,
  parsePolicy,
  samePolicyName,
  serializePolicies,
} from './schema';

/** The user policies file inside the config directory. */
export const POLICIES_FILE_NAME = 'policies.json';

/** Every policy (user first, then managed) and what was wrong with the files. */
export interface PolicyListing {
  policies: PolicyEntry[];
  problems: AppError[];
}

/** What an import added and skipped (by name, with the reason). */
export interface PolicyImportReport {
  added: string[];
  /** `duplicate`: a policy of that name is already there (an import run again is no failure). */
  skipped: Array<{ name: string; reason: string; duplicate?: boolean }>;
}

/** The managed policies file for a managed profiles file (same directory), or null without one. */
export function managedPoliciesPath(managedProfilesPath: string | null): string | null {
  return managedProfilesPath === null
    ? null
    : path.join(path.dirname(managedProfilesPath), POLICIES_FILE_NAME);
}

/** Reads and writes policies; see the module comment. */
export class PolicyStore {
  /** The user policies file. */
  readonly filePath: string;
  /** The managed policies file, or null. */
  readonly managedPath: string | null;
  private notices: AppError[] = [];

  constructor(
    configDir: string,
    managedPath: string | null,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.filePath = path.join(configDir, POLICIES_FILE_NAME);
    // IT's file is never the user's own (a managed directory that is the config directory has none).
    const same = managedPath !== null && path.resolve(managedPath) === path.resolve(this.filePath);
    this.managedPath = same ? null : managedPath;
  }

  /** All policies and the problems found; fails only when the user file cannot be read at all. */
  async load(): Promise<Result<PolicyListing>> {
    const all = await this.locked(() => this.readAll());
    if (!all.ok) return all;
    const notices = this.notices.splice(0);
    return ok({ policies: all.value.policies, problems: [...notices, ...all.value.problems] });
  }

  /** One policy by name (any case). */
  async get(name: string): Promise<Result<PolicyEntry>> {
    const listed = await this.load();
    if (!listed.ok) return listed;
    const found = listed.value.policies.find((p) => samePolicyName(p.name, name));
    return found ? ok(found) : err(unknown(name, listed.value.policies));
  }

  /**
   * Creates a policy, or replaces the one named `replacing` (a rename keeps its place). Names are unique
   * case-insensitively across user and managed policies; managed ones cannot be replaced.
   */
  save(input: PolicyInput, replacing?: string): Promise<Result<Policy>> {
    const parsed = parsePolicy(input);
    if (!parsed.ok) return Promise.resolve(parsed);
    const policy = parsed.value;
    const unschedulable = unschedulableName(policy.name);
    if (unschedulable) return Promise.resolve(err(invalid(unschedulable)));
    return this.locked(async () => {
      const all = await this.readAll();
      if (!all.ok) return all;
      const list = all.value.policies;
      const target =
        replacing === undefined ? undefined : list.find((p) => samePolicyName(p.name, replacing));
      if (replacing !== undefined && !target) return err(unknown(replacing, list));
      if (target?.managed) return err(readOnly(target.name, 'changed'));
      const clash = list.find((p) => p !== target && samePolicyName(p.name, policy.name));
      if (clash) {
        const hint = clash.managed ? ' (provided by your IT department)' : '';
        return err(invalid(`A policy named "${clash.name}" already exists${hint}: choose another name.`));
      }
      const user = list.filter((p) => !p.managed).map(strip);
      const at = target ? user.findIndex((p) => samePolicyName(p.name, target.name)) : -1;
      if (at >= 0) user[at] = policy;
      else if (user.length >= MAX_POLICIES)
        return err(invalid(`At most ${MAX_POLICIES} policies are allowed.`));
      else user.push(policy);
      const written = await this.write(user);
      return written.ok ? ok(policy) : written;
    }, true);
  }

  /** Deletes a user policy. */
  remove(name: string): Promise<Result<Policy>> {
    return this.locked(async () => {
      const all = await this.readAll();
      if (!all.ok) return all;
      const target = all.value.policies.find((p) => samePolicyName(p.name, name));
      if (!target) return err(unknown(name, all.value.policies));
      if (target.managed) return err(readOnly(target.name, 'deleted'));
      const user = all.value.policies.filter((p) => !p.managed && p !== target).map(strip);
      const written = await this.write(user);
      return written.ok ? ok(strip(target)) : written;
    }, true);
  }

  /** Adds the policies of an exported file, entry by entry (a taken name is skipped); writes once. */
  importText(text: string): Promise<Result<PolicyImportReport>> {
    const entries = parsePoliciesText(text);
    if (!entries.ok) return Promise.resolve(err({ ...entries.error, kind: 'invalid-input' }));
    return this.locked(async () => {
      const all = await this.readAll();
      if (!all.ok) return all;
      const names = all.value.policies.map((p) => p.name);
      const user = all.value.policies.filter((p) => !p.managed).map(strip);
      const report: PolicyImportReport = { added: [], skipped: [] };
      entries.value.forEach((entry, i) => {
        const parsed = parsePolicy(entry);
        const label = rawName(entry) ?? `entry ${i + 1}`;
        const unschedulable = parsed.ok ? unschedulableName(parsed.value.name) : null;
        if (!parsed.ok) report.skipped.push({ name: label, reason: parsed.error.message });
        else if (unschedulable) report.skipped.push({ name: label, reason: unschedulable });
        else if (names.some((n) => samePolicyName(n, parsed.value.name)))
          report.skipped.push({
            name: label,
            reason: 'a policy with this name already exists',
            duplicate: true,
          });
        else if (user.length >= MAX_POLICIES)
          report.skipped.push({ name: label, reason: `at most ${MAX_POLICIES} policies are allowed` });
        else {
          user.push(parsed.value);
          names.push(parsed.value.name);
          report.added.push(parsed.value.name);
        }
      });
      if (report.added.length) {
        const written = await this.write(user);
        if (!written.ok) return written;
      }
      return ok(report);
    }, true);
  }

  /** The named policies (default: every user policy) as an importable file. */
  async exportText(names?: readonly string[]): Promise<Result<string>> {
    const listed = await this.load();
    if (!listed.ok) return listed;
    const all = listed.value.policies;
    if (!names?.length) return ok(serializePolicies(all.filter((p) => !p.managed).map(strip)));
    const chosen: Policy[] = [];
    for (const name of names) {
      const found = all.find((p) => samePolicyName(p.name, name));
      if (!found) return err(unknown(name, all));
      chosen.push(strip(found));
    }
    return ok(serializePolicies(chosen));
  }

  /** Runs `task` as the only reader-writer of the policies file (see profiles/locked-save.ts). */
  private locked<T>(task: () => Promise<Result<T>>, write = false): Promise<Result<T>> {
    return lockedFile(this.filePath, task, write);
  }

  private async readAll(): Promise<Result<PolicyListing>> {
    const user = await this.readUser();
    if (!user.ok) return user;
    const managed = this.managedPath
      ? await readManagedPolicies(this.managedPath)
      : { policies: [], problems: [] };
    const policies: PolicyEntry[] = user.value.map((p) => ({ ...p, managed: false }));
    const problems = [...managed.problems];
    for (const p of managed.policies) {
      const mine = policies.find((q) => !q.managed && samePolicyName(q.name, p.name));
      // IT's policy wins the name: the user's own is still in the file, shown once renamed.
      if (mine) {
        problems.push({
          kind: 'config',
          message: `Your policy "${mine.name}" has the name of a policy from your IT department and is hidden; rename it in ${this.filePath}.`,
        });
        policies.splice(policies.indexOf(mine), 1);
      }
      policies.push({ ...p, managed: true });
    }
    return ok({ policies, problems });
  }

  private async readUser(): Promise<Result<Policy[]>> {
    const file = this.filePath;
    const read = await readLocalTextFile(file, MAX_POLICIES_FILE_BYTES);
    if (read.kind === 'missing') return ok([]);
    if (read.kind === 'unreadable')
      return err({
        kind: 'config',
        message: `Your policies file ${file} could not be read: ${read.message}`,
      });
    if (read.kind === 'too-large') return this.keepAside('The file is larger than 8 MiB.', []);
    const entries = parsePoliciesText(read.text);
    if (!entries.ok) {
      if (/newer GP Job Admin/.test(entries.error.message))
        return err({
          kind: 'config',
          message: `Your policies file ${file} was left untouched. ${entries.error.message}`,
        });
      return this.keepAside(entries.error.message, []);
    }
    const { valid, rejected } = sortEntries(
      entries.value,
      'Policy',
      parsePolicy,
      (a, b) => samePolicyName(a.name, b.name),
      'repeats a name.',
    );
    return rejected.length ? this.keepAside(rejected.join(' '), valid) : ok(valid);
  }

  /** Moves the damaged file aside (see damaged-file.ts) and goes on with the entries that could be read. */
  private async keepAside(reason: string, valid: Policy[]): Promise<Result<Policy[]>> {
    const notice = await keepAside({
      file: this.filePath,
      what: 'policies file',
      reason,
      now: this.now(),
      writeValid: valid.length ? () => this.write(valid) : null,
      kept: `${valid.length} polic${valid.length === 1 ? 'y was' : 'ies were'} kept.`,
    });
    if (!notice.ok) return notice;
    this.notices.push(notice.value);
    return ok(valid);
  }

  private write(policies: Policy[]): Promise<Result<void>> {
    return saveUserFile(this.filePath, 'policies', () => serializePolicies(policies));
  }
}

function strip(entry: PolicyEntry): Policy {
  const { managed: _managed, ...policy } = entry;
  return policy;
}

function unknown(name: string, all: readonly PolicyEntry[]): AppError {
  const known = all.map((p) => `"${p.name}"`).join(', ');
  return {
    kind: 'not-found',
    message: all.length
      ? `There is no policy named "${name}". Known policies: ${known}.`
      : `There is no policy named "${name}": none are set up yet (add one with "gpjobs policies add").`,
  };
}

function invalid(message: string): AppError {
  return { kind: 'invalid-input', message };
}

function readOnly(name: string, verb: string): AppError {
  return {
    kind: 'invalid-input',
    message: `Policy "${name}" is provided by your IT department (managed) and cannot be ${verb} here.`,
  };
}
