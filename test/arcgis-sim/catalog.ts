/**
 * The simulated site's services: asynchronous GP services across root and folders, plus services that
 * discovery must skip (a MapServer, a GeometryServer and a synchronous GPServer without jobs), and on
 * request map and image services that allow exporting tiles (and one that does not).
 */
import type { SimService } from './types';

/** A service with the settings the admin JSON reports. */
export interface ServiceDef extends SimService {
  maxInstances: number;
  /** A map or image service: `properties.exportTilesAllowed` (its jobs are Export Tiles jobs). */
  exportTiles?: boolean;
  /** A GP service: `properties.resultMapServer` (its result map service is not listed, has no jobs). */
  resultMapServer?: boolean;
}

const GP_CATALOG: { folder: string; name: string; tasks: string[]; maxInstances: number }[] = [
  { folder: 'Tools', name: 'Buffer', tasks: ['Buffer Points'], maxInstances: 2 },
  { folder: 'Analysis', name: 'Viewshed', tasks: ['Viewshed'], maxInstances: 2 },
  {
    folder: 'System',
    name: 'PublishingTools',
    tasks: ['Publish Service Definition', 'Stage Service'],
    maxInstances: 4,
  },
  { folder: '', name: 'ZonalStatistics', tasks: ['Zonal Statistics As Table'], maxInstances: 2 },
  { folder: 'Tools', name: 'ExtractData', tasks: ['Extract Data Task'], maxInstances: 2 },
  { folder: 'Analysis', name: 'Hydrology', tasks: ['Watershed', 'Trace Downstream'], maxInstances: 3 },
  { folder: 'System', name: 'CachingTools', tasks: ['Manage Map Cache Tiles'], maxInstances: 2 },
  { folder: '', name: 'BatchGeocode', tasks: ['Geocode Addresses'], maxInstances: 1 },
];

/** Folders that exist on a fresh site even when empty. */
const BASE_FOLDERS = ['Analysis', 'Hosted', 'System', 'Tools', 'Utilities'];

/** `Folder/Name` or `Name`: a service's path in admin and REST URLs, without its type. */
export function servicePath(folder: string, name: string): string {
  return folder ? `${folder}/${name}` : name;
}

/**
 * Service id as the simulator and SimJob name it, the product's form: `Folder/Name` for a GP service,
 * `Folder/Name.MapServer` (or another type) for the others.
 */
export function serviceId(folder: string, name: string, type = 'GPServer'): string {
  const path = servicePath(folder, name);
  return type === 'GPServer' ? path : `${path}.${type}`;
}

function def(
  folder: string,
  name: string,
  type: string,
  asynchronous: boolean,
  tasks: string[],
  max = 2,
): ServiceDef {
  return { id: serviceId(folder, name, type), folder, name, type, asynchronous, tasks, maxInstances: max };
}

/**
 * Map and image services of a site whose field apps take basemaps offline: two allow exporting tiles
 * (their Export Tiles jobs are listed by the admin jobs API), one cached map service does not. And
 * `Analysis/Viewshed` draws its results with a result map service that has no admin jobs resource.
 */
function tileServices(): ServiceDef[] {
  const tiles = (folder: string, name: string, type: string, allowed: boolean): ServiceDef => ({
    ...def(folder, name, type, allowed, [], 2),
    exportTiles: allowed,
  });
  return [
    tiles('Basemaps', 'Streets', 'MapServer', true),
    tiles('Basemaps', 'Topographic', 'MapServer', false),
    tiles('Imagery', 'Elevation', 'ImageServer', true),
  ];
}

/**
 * Builds `count` asynchronous GP services (names beyond the catalogue are numbered) plus the others; with
 * `tiles`, the map and image services of `tileServices` too.
 */
export function buildCatalog(count: number, tiles = false): { services: ServiceDef[]; folders: string[] } {
  const services: ServiceDef[] = [];
  for (let i = 0; i < count; i++) {
    const entry = GP_CATALOG[i];
    if (entry)
      services.push(def(entry.folder, entry.name, 'GPServer', true, entry.tasks, entry.maxInstances));
    else
      services.push(
        def('Batch', `Process${String(i + 1).padStart(3, '0')}`, 'GPServer', true, ['Process'], 2),
      );
  }
  services.push(def('', 'SampleWorldCities', 'MapServer', false, []));
  services.push(def('Utilities', 'Geometry', 'GeometryServer', false, []));
  services.push(def('Utilities', 'PrintingTools', 'GPServer', false, ['Export Web Map Task'], 4));
  if (tiles) {
    services.push(...tileServices());
    const viewshed = services.find((s) => s.id === 'Analysis/Viewshed');
    if (viewshed) viewshed.resultMapServer = true;
  }
  const folders = new Set(BASE_FOLDERS);
  for (const s of services) if (s.folder) folders.add(s.folder);
  return { services, folders: [...folders].sort() };
}
