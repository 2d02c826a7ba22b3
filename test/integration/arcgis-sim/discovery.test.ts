import { describe, expect, it } from 'vitest';
import { useSim } from './client';

describe('arcgis-sim info and service discovery', () => {
  const site = useSim({ jobs: 100, services: 9 });

  it('rest/info gives a numeric version and the server token service when not federated', async () => {
    const info = await site.client.get('/rest/info', { f: 'json' });
    expect(info.json).toMatchObject({
      currentVersion: 11.1,
      fullVersion: '11.1.0',
      authInfo: {
        isTokenBasedSecurity: true,
        tokenServicesUrl: `${site.sim.url}/tokens/`,
        shortLivedTokenValidity: 60,
      },
    });
    expect(info.json.owningSystemUrl).toBeUndefined();
  });

  it('admin/info gives a string version, and the user and privilege with a token', async () => {
    const anonymous = await site.client.get('/admin/info', { f: 'json' });
    expect(anonymous.json).toMatchObject({ currentversion: '11.1', currentbuild: expect.any(String) });
    const withToken = await site.client.admin('/info', site.token);
    expect(withToken.json).toMatchObject({
      loggedInUser: site.sim.username,
      loggedInUserPrivilege: 'ADMINISTER',
    });
  });

  it('the admin root lists its resources and needs a token', async () => {
    expect((await site.client.admin('', site.token)).json.resources).toContain('services');
    expect((await site.client.post('/admin', { f: 'json' })).json.code).toBe(499);
  });

  it('folder listings carry the folder name and its services, without folders', async () => {
    const tools = await site.client.admin('/services/Tools', site.token, { detail: 'true' });
    expect(tools.json.folderName).toBe('Tools');
    expect(tools.json.folders).toBeUndefined();
    expect(tools.json.services.map((s: { serviceName: string }) => s.serviceName)).toEqual([
      'Buffer',
      'ExtractData',
    ]);
    const empty = await site.client.admin('/services/Hosted', site.token);
    expect(empty.json.services).toEqual([]);
  });

  it('walking root and folders finds exactly the asynchronous GP services', async () => {
    const root = await site.client.admin('/services', site.token);
    const items: { folderName: string; serviceName: string; type: string }[] = [...root.json.services];
    for (const folder of root.json.folders as string[]) {
      items.push(...(await site.client.admin(`/services/${folder}`, site.token)).json.services);
    }
    const asyncIds: string[] = [];
    for (const item of items.filter((i) => i.type === 'GPServer')) {
      const prefix = item.folderName === '/' ? '' : `${item.folderName}/`;
      const svc = await site.client.admin(`/services/${prefix}${item.serviceName}.GPServer`, site.token);
      if (svc.json.properties.executionType === 'Asynchronous') asyncIds.push(`${prefix}${item.serviceName}`);
    }
    const expected = site.sim.services().filter((s) => s.type === 'GPServer' && s.asynchronous);
    expect(expected).toHaveLength(9);
    expect(asyncIds.sort()).toEqual(expected.map((s) => s.id).sort());
    expect(items.some((i) => i.type === 'MapServer')).toBe(true);
    expect(items.some((i) => i.serviceName === 'PrintingTools' && i.type === 'GPServer')).toBe(true);
  });

  it('GP service JSON carries executionType and instance settings', async () => {
    const svc = await site.client.admin('/services/System/PublishingTools.GPServer', site.token);
    expect(svc.json).toMatchObject({
      serviceName: 'PublishingTools',
      type: 'GPServer',
      maxInstancesPerNode: 4,
      configuredState: 'STARTED',
      properties: { executionType: 'Asynchronous', jobsVirtualDirectory: '/rest/directories/arcgisjobs' },
    });
    const sync = await site.client.admin('/services/Utilities/PrintingTools.GPServer', site.token);
    expect(sync.json.properties.executionType).toBe('Synchronous');
  });

  it('a synchronous GP service has a jobs resource with no jobs', async () => {
    const query = await site.client.admin(
      '/services/Utilities/PrintingTools.GPServer/jobs/query',
      site.token,
      {
        startTime: '0',
      },
    );
    expect(query.json).toMatchObject({ total: 0, results: {}, nextStart: -1 });
  });

  it('unknown folders, services and operations answer the admin 404 shape', async () => {
    expect((await site.client.admin('/services/Nope', site.token)).json).toEqual({
      status: 'error',
      messages: ["Could not find resource or operation 'Nope' on the system."],
      code: 404,
    });
    expect((await site.client.admin('/services/Tools/Nope.GPServer', site.token)).json.code).toBe(404);
    expect(
      (await site.client.admin('/services/SampleWorldCities.MapServer/jobs', site.token)).json.code,
    ).toBe(404);
    expect((await site.client.admin('/nothing', site.token)).json.code).toBe(404);
  });

  it('answers HTML when f is missing and pretty JSON for f=pjson', async () => {
    const page = await site.client.post('/admin/services', { token: site.token });
    expect(page.contentType).toContain('text/html');
    expect(page.text.startsWith('<!DOCTYPE html>')).toBe(true);
    const pretty = await site.client.admin('/services', site.token, { f: 'pjson' });
    expect(pretty.text).toContain('\n  "folderName": "/"');
  });

  it('the REST services directory lists folders and services, and GP service info', async () => {
    const root = await site.client.get('/rest/services', { f: 'json' });
    expect(root.json.folders).toContain('Tools');
    expect(root.json.services).toContainEqual({ name: 'ZonalStatistics', type: 'GPServer' });
    const folder = await site.client.get('/rest/services/Tools', { f: 'json' });
    expect(folder.json.services).toContainEqual({ name: 'Tools/Buffer', type: 'GPServer' });
    const gp = await site.client.get('/rest/services/Tools/Buffer/GPServer', { f: 'json' });
    expect(gp.json).toMatchObject({
      tasks: ['Buffer Points'],
      executionType: 'esriExecutionTypeAsynchronous',
    });
    const task = await site.client.get('/rest/services/Tools/Buffer/GPServer/Buffer%20Points', { f: 'json' });
    expect(task.json.name).toBe('Buffer Points');
  });

  it('an unknown REST service answers the REST 404 shape', async () => {
    const answer = await site.client.get('/rest/services/Tools/Nope/GPServer', { f: 'json' });
    expect(answer.json).toEqual({
      error: { code: 404, message: 'Service Tools/Nope/GPServer not found', details: [] },
    });
  });

  it('paths outside ArcGIS answer the container 404 page', async () => {
    const answer = await site.client.get('/../nothing-here');
    expect(answer.status).toBe(404);
    expect(answer.contentType).toContain('text/html');
  });

  it('lists the server directories with the jobs directory retention', async () => {
    const dirs = await site.client.admin('/system/directories', site.token);
    expect(dirs.json.directories).toContainEqual(
      expect.objectContaining({
        name: 'arcgisjobs',
        directoryType: 'JOBS',
        cleanupMode: 'NONE',
        maxFileAge: 360,
      }),
    );
  });
});
