/** English: the job table, its filters, columns, selection, overview and row menu. */
import { formatCount, plural } from '../../format';

/** The jobs area's words. */
export const jobs = {
  area: 'Jobs',
  // Filters
  filterJobs: 'Filter jobs',
  searchJobs: 'Search jobs',
  searchPlaceholder: (key: string) => `Search jobs (${key})`,
  searchTitle: 'Job ID, service, user or machine',
  filterBy: (what: string) => `Filter by ${what.toLowerCase()}`,
  picked: '✓ ',
  ageFilter: 'Filter by age',
  ageTitle: 'Age and running-time filters',
  age: 'Age',
  ageFilters: 'Age filters',
  ageOf: 'Age of',
  submitted: 'Submitted',
  ended: 'Ended',
  moreThan: 'more than',
  ageUnit: 'Age unit',
  hours: 'hours',
  days: 'days',
  ago: 'ago',
  applyAge: 'Apply age',
  runningLongerThan: 'Running longer than',
  runningUnit: 'Running unit',
  applyRunning: 'Apply running',
  activeFilters: 'Active filters',
  removeFilter: (label: string) => `Remove filter ${label}`,
  remove: 'Remove',
  clearAll: 'Clear all',
  noFilters: 'No filters: showing every job.',
  // Columns
  columns: 'Columns',
  moveLeft: (column: string) => `Move ${column} left`,
  moveRight: (column: string) => `Move ${column} right`,
  resetColumns: 'Reset columns',
  resize: (column: string) => `Resize ${column}`,
  // Selection
  selectAllMatching: (n: number) => `Select all ${formatCount(n)} matching the filter`,
  selectAll: (n: number) => `Select all ${formatCount(n)} jobs`,
  clearSelection: 'Clear selection',
  selected: (selected: number, hidden: number) =>
    hidden > 0
      ? `${formatCount(selected)} selected (${formatCount(hidden)} hidden by filters)`
      : `${formatCount(selected)} selected`,
  selectRowsInView: (n: number) => `Select the ${n} rows in view`,
  deselectRowsInView: (n: number) => `Deselect the ${n} rows in view`,
  selectJob: (id: string) => `Select job ${id}`,
  copyJobId: (id: string) => `Copy job ID ${id}`,
  copiedJobId: (id: string) => `Copied job ID ${id}`,
  jobMenu: (id: string) => `Job ${id}`,
  // Live and finished results
  newFailures: (n: number) =>
    `${formatCount(n)} new ${n === 1 ? 'failure' : 'failures'} since your last look (highlighted).`,
  markSeen: 'Mark as seen',
  showFinished: (n: number) =>
    `Show finished results (${formatCount(n)} deleted or already gone, until the next refresh)`,
  // Empty states
  noServersTitle: 'No servers yet',
  noServersMessage: 'Add an ArcGIS Server site to see its geoprocessing jobs here.',
  addServer: 'Add server',
  importProfiles: 'Import profiles',
  allHiddenTitle: 'All servers are hidden',
  allHiddenMessage: 'Tick a server in the sidebar to show its jobs.',
  noMatchTitle: 'No jobs match these filters',
  clearFilters: 'Clear filters',
  loading: 'Loading jobs…',
  noJobsTitle: 'No jobs on the shown servers',
  noJobsMessage: 'Jobs appear here once geoprocessing tasks are submitted.',
  refresh: 'Refresh',
  // Overview
  byStatus: 'Jobs by status',
  statuses: 'Statuses',
  servers: 'Servers',
  servicesAndTotals: 'Services and totals',
  servicesOn: (server: string) => `Services on ${server}`,
  noJobsOnServer: 'No jobs on this server.',
  notListed: (state: string, failed: boolean) =>
    failed ? `${state}: its jobs could not be listed. The server list says why.` : state,
  listedInPart: (state: string) =>
    `${state}. Only the services that answered are counted; the server list says why.`,
  allTotals: (servers: number) => (servers === 1 ? 'All jobs' : `All ${formatCount(servers)} servers`),
  overviewHint: 'Point at or click a server to see its services.',
  showServices: (label: string) => `${label}: show services`,
  segmentsOf: (on: string) => `${on} by status`,
  segment: (count: number, status: string, on: string) => `${formatCount(count)} ${status} on ${on}`,
  filterTable: (what: string) => `${what}: filter the table`,
  jobCount: (n: number) => plural(n, 'job'),
  // The row menu
  menu: {
    details: 'Show details',
    copyId: 'Copy job ID',
    openAdmin: 'Open in Admin Directory',
    delete: 'Delete this job…',
    cancel: 'Cancel this job…',
    byService: 'Filter by this service',
    byUser: 'Filter by this user',
    byMachine: 'Filter by this machine',
  },
  // Column and list-filter names
  column: {
    server: 'Server',
    service: 'Service',
    type: 'Type',
    jobId: 'Job ID',
    status: 'Status',
    result: 'Result',
    submitted: 'Submitted',
    age: 'Age',
    ended: 'Ended',
    duration: 'Duration',
    user: 'User',
    machine: 'Machine',
  },
};
