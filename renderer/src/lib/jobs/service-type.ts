/**
 * How the renderer names a service: `Folder/Name` and its type (GP, Map, Image), since a GP service and
 * its result map service share folder and name (electron/core/service-types.ts).
 */
import {
  SERVICE_TYPE_LABELS,
  serviceLabel,
  splitServiceType,
  type ServiceType,
} from '../../../../electron/shared/job-filter';

/** A service id as `Folder/Name` and its short type word (`GP`, `Map`, `Image`). */
export function serviceParts(id: string): { path: string; type: string } {
  const { path, type } = splitServiceType(id);
  return { path, type: SERVICE_TYPE_LABELS[type] };
}

/** `Folder/Name (Map)`: a service in a sentence, a menu or a chip. */
export const serviceText: (id: string) => string = serviceLabel;

/** The short word of a service type (`MapServer` → `Map`); an unknown value as it is. */
export function serviceTypeText(type: string): string {
  return Object.hasOwn(SERVICE_TYPE_LABELS, type) ? SERVICE_TYPE_LABELS[type as ServiceType] : type;
}
