/**
 * A seeded generator of malformed IPC payloads for the fuzz test: each case starts from a channel's valid
 * payload and breaks it one way (wrong type, missing field, extra or prototype-polluting key, value past a
 * size limit, NaN/Infinity, bad enum, empty required string, deep nesting). The same seed gives the same cases.
 */
import { JOB_STATUSES } from '../../../electron/core/types';
import { INVOKE_CHANNELS } from '../../../electron/shared/contract';
import { LIMITS, payloadSchemas, type InvokeChannel } from '../../../electron/shared/schemas';
import { VALID_PAYLOADS } from '../shared/valid-payloads';
import { seededRandom } from '../../fixtures/seeded-random';

/** One malformed request. */
export interface MalformedCase {
  channel: InvokeChannel;
  kind: string;
  payload: unknown;
}

type Path = (string | number)[];

/** String limits by field (dotted path without array indexes): the schema's max for that field. */
const STRING_LIMITS: Record<string, number> = {
  id: LIMITS.id,
  profileId: LIMITS.id,
  runId: LIMITS.id,
  profileIds: LIMITS.id,
  name: LIMITS.name,
  serverUrl: LIMITS.url,
  adminUrl: LIMITS.url,
  portalUrl: LIMITS.url,
  url: LIMITS.url,
  username: LIMITS.username,
  password: LIMITS.password,
  caCertPem: LIMITS.pem,
  text: LIMITS.importText,
  service: LIMITS.service,
  jobId: LIMITS.jobId,
  'query.username': LIMITS.username,
  'query.machineName': LIMITS.text,
  'jobs.profileId': LIMITS.id,
  'jobs.service': LIMITS.service,
  'jobs.jobId': LIMITS.jobId,
  'jobs.status': 64,
};

/** Fields that must not be empty. */
const NON_EMPTY = new Set([
  'id',
  'profileId',
  'runId',
  'profileIds',
  'name',
  'serverUrl',
  'username',
  'password',
  'service',
  'jobId',
  'url',
  'jobs.profileId',
  'jobs.service',
  'jobs.jobId',
]);

/** Fields the schema trims, where whitespace alone counts as empty. */
const TRIMMED = new Set(['name', 'serverUrl', 'username']);

/** Fields restricted to a fixed set of values (or a pattern). */
const ENUM_FIELDS = new Set(['action', 'format', 'authMode', 'color', 'query.statuses']);

const POLLUTING_KEYS = ['__proto__', 'constructor', 'prototype'];

function deepObject(depth: number): unknown {
  let value: unknown = { leaf: true };
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? { nested: value } : [value];
  return value;
}

const DEEP = deepObject(5_000);
const HUGE_STRING = 'x'.repeat(LIMITS.importText + 1);

function wrongValuesFor(value: unknown): unknown[] {
  // Never null: some string fields are nullable (adminUrl, portalUrl, caCertPem).
  const common = [DEEP, Symbol('s'), () => 1, 10n];
  // A null field is a nullable string (adminUrl, portalUrl, caCertPem): anything but a string or null.
  if (typeof value === 'string' || value === null)
    return [...common, 0, 1.5, NaN, Infinity, true, {}, [], [value], { value }];
  if (typeof value === 'number')
    return [...common, null, NaN, Infinity, -Infinity, -1, 1.5, 2 ** 53, String(value), true, {}, [value]];
  if (typeof value === 'boolean') return [...common, null, 0, 1, 'true', 'false', {}, [value]];
  if (Array.isArray(value)) return [...common, null, 0, 'x', true, {}, { 0: value[0], length: 1 }, NaN];
  return [...common, null, 0, 'x', true, [], [value], NaN, Infinity, HUGE_STRING];
}

function sitesOf(value: unknown, path: Path = []): { path: Path; value: unknown }[] {
  const sites = [{ path, value }];
  if (Array.isArray(value)) value.forEach((item, i) => sites.push(...sitesOf(item, [...path, i])));
  else if (value && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) sites.push(...sitesOf(item, [...path, key]));
  return sites;
}

/** A field's dotted name without array indexes (`jobs.0.status` → `jobs.status`). */
function fieldName(path: Path): string | undefined {
  const names = path.filter((step) => typeof step === 'string');
  return names.length > 0 ? names.join('.') : undefined;
}

/** Returns a copy of `root` with the node at `path` replaced by `edit(parent, key)`. */
function editAt(
  root: unknown,
  path: Path,
  edit: (parent: Record<string | number, unknown>, key: string | number) => void,
): unknown {
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  edit(parent, path[path.length - 1] as string | number);
  return copy;
}

function setOwn(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
}

/** Builds `perChannel` seeded cases for every channel, plus fixed cases for the size-limited arrays. */
export function malformedCases(seed: number, perChannel: number): MalformedCase[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const cases: MalformedCase[] = [];

  for (const channel of INVOKE_CHANNELS) {
    const valid: unknown = VALID_PAYLOADS[channel];
    const sites = sitesOf(valid);
    const objectSites = sites.filter(
      (s) => s.value !== null && typeof s.value === 'object' && !Array.isArray(s.value),
    );
    const leafSites = sites.filter((s) => s.path.length > 0);
    let made = 0;
    let attempts = 0;
    while (made < perChannel && attempts++ < perChannel * 20) {
      const add = (kind: string, payload: unknown) => {
        cases.push({ channel, kind, payload });
        made++;
      };
      if (valid === undefined) {
        add(
          'defined-for-no-payload',
          pick([null, 0, '', 'x', true, {}, [], NaN, Infinity, DEEP, { a: 1 }, [undefined]]),
        );
        continue;
      }
      const site = leafSites.length > 0 ? pick(leafSites) : undefined;
      const field = site ? fieldName(site.path) : undefined;
      switch (
        pick(['root', 'wrong-type', 'missing', 'extra-key', 'polluting-key', 'too-long', 'empty', 'enum'])
      ) {
        case 'root':
          add(
            'wrong-root-type',
            pick([
              undefined,
              null,
              0,
              'payload',
              true,
              [],
              [valid],
              NaN,
              Infinity,
              DEEP,
              JSON.stringify(valid),
            ]),
          );
          break;
        case 'wrong-type': {
          if (!site) break;
          const payload = editAt(valid, site.path, (p, k) => (p[k] = pick(wrongValuesFor(site.value))));
          // A nullable field takes null: only a value the schema refuses makes the payload malformed.
          if (!payloadSchemas[channel].safeParse(payload).success) add('wrong-type', payload);
          break;
        }
        case 'missing': {
          if (!site || typeof site.path[site.path.length - 1] !== 'string') break;
          const payload = editAt(valid, site.path, (p, k) => delete p[k]);
          // Optional fields may be left out: only a required one makes the payload malformed.
          if (!payloadSchemas[channel].safeParse(payload).success) add('missing-field', payload);
          break;
        }
        case 'extra-key': {
          const target = pick(objectSites);
          const key = pick(['extra', 'isAdmin', 'token', `k${Math.floor(random() * 1e6)}`]);
          const value = pick([1, 'x', DEEP, HUGE_STRING, null, NaN]);
          add(
            'extra-key',
            target.path.length === 0
              ? { ...(valid as object), [key]: value }
              : editAt(valid, [...target.path, key], (p, k) => (p[k] = value)),
          );
          break;
        }
        case 'polluting-key': {
          const target = pick(objectSites);
          const key = pick(POLLUTING_KEYS);
          const copy = structuredClone(valid) as Record<string | number, unknown>;
          let node: Record<string | number, unknown> = copy;
          for (const step of target.path) node = node[step] as Record<string | number, unknown>;
          setOwn(node, key, { polluted: true, isAdmin: true });
          add('polluting-key', copy);
          break;
        }
        case 'too-long':
          if (site && typeof site.value === 'string' && field) {
            const limit = STRING_LIMITS[field];
            const long =
              limit === undefined ? HUGE_STRING : 'a'.repeat(limit + 1 + Math.floor(random() * 64));
            add(
              'string-past-limit',
              editAt(valid, site.path, (p, k) => (p[k] = long)),
            );
          }
          break;
        case 'empty':
          if (site && typeof site.value === 'string' && field && NON_EMPTY.has(field)) {
            add(
              'empty-string',
              editAt(valid, site.path, (p, k) => (p[k] = TRIMMED.has(field) ? pick(['', '   ']) : '')),
            );
          }
          break;
        case 'enum':
          if (site && typeof site.value === 'string' && field && ENUM_FIELDS.has(field)) {
            add(
              'bad-enum',
              editAt(
                valid,
                site.path,
                (p, k) => (p[k] = pick(['bogus', 'DELETE', 'esriJobBogus', '#zzzzzz', ' delete'])),
              ),
            );
          }
          break;
      }
    }
  }

  const jobRef = VALID_PAYLOADS['bulk.plan'].jobs[0];
  cases.push({
    channel: 'bulk.plan',
    kind: 'array-past-limit',
    payload: { action: 'delete', jobs: new Array(LIMITS.jobsPerCall + 1).fill(jobRef) },
  });
  cases.push({ channel: 'bulk.plan', kind: 'empty-array', payload: { action: 'delete', jobs: [] } });
  // A run is started by plan id only: the jobs of a plan are never sent again.
  cases.push({ channel: 'bulk.start', kind: 'unknown-key', payload: { planId: 'p', jobs: [jobRef] } });
  cases.push({
    channel: 'profiles.export',
    kind: 'array-past-limit',
    payload: { profileIds: Array.from({ length: LIMITS.profilesPerCall + 1 }, (_, i) => `p-${i}`) },
  });
  cases.push({
    channel: 'jobs.list',
    kind: 'array-past-limit',
    payload: { profileId: 'p-1', query: { statuses: [...JOB_STATUSES, 'esriJobFailed'] } },
  });
  return cases;
}
