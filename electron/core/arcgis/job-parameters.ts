/**
 * A job's inputs and results, read for the detail view. The REST job page lists each as a name and a
 * `paramUrl` relative to the page (`results/Output`); its value is a further request to that resource,
 * answering `{paramName, dataType, value}` (Esri's REST API "GP Result" and "GP Input" resources; the
 * ArcGIS API for Python reads `job/<paramUrl>` the same way). Tolerant reader: a missing or odd entry is
 * skipped or shown with its error, never fails the detail. The token goes only to URLs under the job's own
 * page, and values are turned into plain text with URL tokens and secret-looking parameters hidden.
 */
import type { AppError, Result } from '../types';
import type { AdminCaller } from './caller';
import type { CallOptions } from './requester';
import type { JobDetail } from './job-detail';
import { isJsonObject } from './normalize';

/** One input or result of a job, as text for display. */
export interface JobParameter {
  name: string;
  direction: 'input' | 'result';
  dataType: string | null;
  /** The value as text (JSON for objects), shortened; null when it could not be read. */
  value: string | null;
  error: AppError | null;
}

/** At most this many parameters per direction are read (a job has a handful). */
export const MAX_PARAMETERS = 40;
/** Values longer than this are cut (a feature set can be megabytes). */
export const MAX_VALUE_CHARS = 4_000;
const SECRET_NAME = /pass(word)?|secret|token|api[-_]?key|credential/i;
const URL_TOKEN = /([?&](?:token|access_token|api_?key)=)[^&#\s"']+/gi;

/**
 * The absolute URL of a parameter resource, or null when `paramUrl` would leave the job's page (absolute,
 * another host, `..`): the token is never sent there.
 */
export function parameterUrl(pageUrl: string, paramUrl: string): string | null {
  if (!paramUrl || /^[a-z][a-z0-9+.-]*:/i.test(paramUrl) || paramUrl.startsWith('/')) return null;
  let url: URL;
  try {
    url = new URL(paramUrl, `${pageUrl.replace(/\/+$/, '')}/`);
  } catch {
    return null;
  }
  const base = new URL(`${pageUrl.replace(/\/+$/, '')}/`);
  if (url.origin !== base.origin || !url.pathname.startsWith(base.pathname) || url.search || url.hash)
    return null;
  return url.href;
}

/** A parameter's value as inert display text: strings as they are, the rest as JSON; tokens hidden. */
export function parameterText(name: string, value: unknown): string {
  if (SECRET_NAME.test(name)) return '(hidden)';
  let text: string;
  if (typeof value === 'string') text = value;
  else if (value === undefined) text = '';
  else {
    try {
      text = JSON.stringify(value) ?? '';
    } catch {
      text = String(value);
    }
  }
  text = text.replace(URL_TOKEN, '$1(hidden)');
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS)}…` : text;
}

/** Reads the values of a job's inputs and results listed on its REST page at `pageUrl`. */
export async function readJobParameters(
  c: AdminCaller,
  pageUrl: string,
  detail: Pick<JobDetail, 'inputs' | 'results'>,
  opts: CallOptions = {},
): Promise<JobParameter[]> {
  const listed = [
    ...Object.entries(detail.inputs ?? {})
      .slice(0, MAX_PARAMETERS)
      .map(([name, p]) => ({ name, direction: 'input' as const, paramUrl: p.paramUrl })),
    ...Object.entries(detail.results ?? {})
      .slice(0, MAX_PARAMETERS)
      .map(([name, p]) => ({ name, direction: 'result' as const, paramUrl: p.paramUrl })),
  ];
  return Promise.all(
    listed.map(async ({ name, direction, paramUrl }): Promise<JobParameter> => {
      const url = parameterUrl(pageUrl, paramUrl);
      if (!url) {
        const message = `Not read: ${name} points outside the job's page.`;
        return { name, direction, dataType: null, value: null, error: { kind: 'invalid-input', message } };
      }
      const r: Result<unknown> = await c.call(url, {}, 'rest', opts);
      if (!r.ok) return { name, direction, dataType: null, value: null, error: r.error };
      const body = isJsonObject(r.value) ? r.value : {};
      return {
        name,
        direction,
        dataType: typeof body.dataType === 'string' ? body.dataType : null,
        value: parameterText(name, 'value' in body ? body.value : r.value),
        error: null,
      };
    }),
  );
}
