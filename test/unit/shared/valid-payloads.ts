/**
 * One well-formed payload per contract channel (typed, so a new channel fails to compile here until it has
 * a sample). The contract and fuzz tests start from these.
 */
import type { PayloadOf, InvokeChannel } from '../../../electron/shared/schemas';

/** A valid payload for every invoke channel. */
export const VALID_PAYLOADS: { [C in InvokeChannel]: PayloadOf<C> } = {
  'profiles.list': undefined,
  'profiles.save': {
    id: 'p-1',
    name: 'Production GIS',
    serverUrl: 'https://gis.example.com/arcgis',
    adminUrl: 'https://gis-m1.example.com:6443/arcgis',
    authMode: 'server',
    portalUrl: null,
    username: 'siteadmin',
    caCertPem: null,
    concurrency: 8,
    color: '#2f7dd1',
    production: true,
  },
  'profiles.remove': { profileId: 'p-1' },
  'profiles.import': { text: '{"profiles":[]}' },
  'profiles.export': { profileIds: ['p-1', 'p-2'] },
  'profiles.test': { profileId: 'p-1' },
  'profiles.testDraft': {
    profile: {
      name: 'Draft GIS',
      serverUrl: 'https://gis.example.com/arcgis',
      authMode: 'server',
      username: 'siteadmin',
    },
    password: 'correct horse battery staple',
  },
  'profiles.diagnose': { profileId: 'p-1' },
  'credentials.set': { profileId: 'p-1', password: 'correct horse battery staple', sessionOnly: false },
  'credentials.clear': { profileId: 'p-1' },
  'credentials.status': { profileId: 'p-1' },
  'jobs.discover': { profileId: 'p-1' },
  'jobs.list': {
    profileId: 'p-1',
    query: {
      statuses: ['esriJobFailed'],
      startTime: 0,
      endTime: 1_700_000_000_000,
      username: 'ana',
      machineName: 'm1',
    },
  },
  'jobs.detail': { profileId: 'p-1', service: 'Tools/Buffer', jobId: 'j0123456789abcdef' },
  'bulk.plan': {
    action: 'delete',
    jobs: [{ profileId: 'p-1', service: 'Tools/Buffer', jobId: 'j1', status: 'esriJobSucceeded' }],
  },
  'bulk.start': { planId: '0b7e4a52-9a43-4c55-8f5e-3d1f2c6b9a10' },
  'bulk.discard': { planId: '0b7e4a52-9a43-4c55-8f5e-3d1f2c6b9a10' },
  'bulk.pause': { runId: 'run-1' },
  'bulk.resume': { runId: 'run-1' },
  'bulk.abort': { runId: 'run-1' },
  'bulk.retryFailed': { runId: 'run-1' },
  'bulk.exportResults': { runId: 'run-1', format: 'csv' },
  'bulk.listRuns': undefined,
  'bulk.runResults': { runId: 'run-1' },
  'bulk.retention': { keepDays: 90 },
  'policies.list': undefined,
  'policies.save': {
    policy: {
      name: 'Nightly failed',
      servers: ['Production GIS'],
      services: ['Tools/*'],
      statuses: ['esriJobFailed'],
      olderThan: '7d',
      age: 'ended',
      maxJobs: 500,
    },
    replacing: 'Nightly',
  },
  'policies.remove': { name: 'Nightly failed' },
  'policies.import': { text: '{"version":1,"policies":[]}' },
  'policies.export': { names: ['Nightly failed'] },
  'policies.preview': { name: 'Nightly failed' },
  'policies.start': { previewId: 'preview-1' },
  'profiles.retention': { profileId: 'p-1' },
  'profiles.changeRetention': { profileId: 'p-1', cleanup: 'on', maxFileAgeMinutes: 120, apply: false },
  'app.openExternal': { url: 'https://gis.example.com/arcgis/rest/services/Tools/Buffer/GPServer' },
};
