/**
 * The simulated site's services: asynchronous GP services across root and folders, plus services that
 * discovery must skip (a MapServer, a GeometryServer and a synchronous GPServer without jobs).
 */
import type { SimService } from './types';

/** A service with the settings the admin JSON reports. */
export interface ServiceDef extends SimService {
  maxInstances: number;
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

/** Service id as the simulator and SimJob name it: 'Folder/Name' or 'Name'. */
export function serviceId(folder: string, name: string): string {
  return folder ? `${folder}/${name}` : name;
}

function def(
  folder: string,
  name: string,
  type: string,
  asynchronous: boolean,
  tasks: string[],
  max = 2,
): ServiceDef {
  return { id: serviceId(folder, name), folder, name, type, asynchronous, tasks, maxInstances: max };
}

/** Builds `count` asynchronous GP services (names beyond the catalogue are numbered) plus the others. */
export function buildCatalog(count: number): { services: ServiceDef[]; folders: string[] } {
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
  const folders = new Set(BASE_FOLDERS);
  for (const s of services) if (s.folder) folders.add(s.folder);
  return { services, folders: [...folders].sort() };
}
