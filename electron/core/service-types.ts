/**
 * Service ids with their type. A GP service's result map service has the GP service's folder and name, so
 * the type is part of every service id the product keeps (job keys, selections, plans, audit records, URLs):
 * `Folder/Name` is a GP service (the form the product has always written, so older audit records and
 * profiles read unchanged), `Folder/Name.MapServer` and `Folder/Name.ImageServer` the others, as in
 * ArcGIS Server's own admin ids (`<folder>/<name>.<type>`). Folder and service names never hold a dot, so
 * the suffix is unambiguous. Pure (no Node, no DOM): the renderer uses it through electron/shared.
 */
import type { ServiceType } from './types';
import { SERVICE_TYPES } from './types';

/** The short word shown beside `Folder/Name` wherever a service is named. */
export const SERVICE_TYPE_LABELS: Readonly<Record<ServiceType, string>> = {
  GPServer: 'GP',
  MapServer: 'Map',
  ImageServer: 'Image',
};

/** The words `--type` and the profile setting accept, lower case (`gp`, `map`, `image`). */
export const SERVICE_TYPE_WORDS: Readonly<Record<string, ServiceType>> = {
  gp: 'GPServer',
  map: 'MapServer',
  image: 'ImageServer',
};

const SUFFIX = /\.(GPServer|MapServer|ImageServer)$/i;

/** Splits a service id into its `Folder/Name` path and its type (no suffix: a GP service). */
export function splitServiceType(id: string): { path: string; type: ServiceType } {
  const m = SUFFIX.exec(id);
  if (!m) return { path: id, type: 'GPServer' };
  const type = SERVICE_TYPES.find((t) => t.toLowerCase() === m[1]!.toLowerCase())!;
  return { path: id.slice(0, m.index), type };
}

/** The service id of `Folder/Name` (or `Name`) of a type: GP services keep the bare path. */
export function typedServiceId(path: string, type: ServiceType): string {
  return type === 'GPServer' ? path : `${path}.${type}`;
}

/** The type of a service id. */
export function serviceTypeOf(id: string): ServiceType {
  return splitServiceType(id).type;
}

/** `Folder/Name (Map)`: a service named in a sentence, with its type. */
export function serviceLabel(id: string): string {
  const { path, type } = splitServiceType(id);
  return `${path} (${SERVICE_TYPE_LABELS[type]})`;
}

/** A type word (`gp`, `map`, `image`, or the ArcGIS name such as `MapServer`), case-insensitive; else null. */
export function parseServiceTypeWord(word: string): ServiceType | null {
  const w = word.trim().toLowerCase();
  const short = Object.hasOwn(SERVICE_TYPE_WORDS, w) ? SERVICE_TYPE_WORDS[w] : undefined;
  return short ?? SERVICE_TYPES.find((t) => t.toLowerCase() === w) ?? null;
}
