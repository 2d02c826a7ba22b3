import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../arcgis-sim/index';
import type { Simulator } from '../../arcgis-sim/index';
import type { SimClient } from './client';
import { REFERER, requestToken, simClient } from './client';

describe('arcgis-sim federated mode', () => {
  let sim: Simulator;
  let client: SimClient;

  beforeAll(async () => {
    sim = await startSimulator({ jobs: 40, federated: true });
    client = simClient(sim);
  });
  afterAll(async () => {
    await client.close();
    await sim.close();
  });

  const portalToken = async (): Promise<string> => {
    const answer = await requestToken(client, sim, '//portal/sharing/rest/generateToken', {
      client: 'referer',
      referer: REFERER,
      expiration: '60',
    });
    return answer.json.token as string;
  };

  it('rest/info names the owning portal and its token service', async () => {
    expect(sim.portalUrl).toBe(`${new URL(sim.url).origin}/portal`);
    const info = await client.get('/rest/info', { f: 'json' });
    expect(info.json).toMatchObject({
      owningSystemUrl: sim.portalUrl,
      authInfo: {
        isTokenBasedSecurity: true,
        tokenServicesUrl: `${sim.portalUrl}/sharing/rest/generateToken`,
      },
    });
  });

  it('the portal issues tokens with expires as a number and ssl', async () => {
    const answer = await requestToken(client, sim, '//portal/sharing/rest/generateToken', {
      client: 'referer',
      referer: REFERER,
    });
    expect(answer.json).toEqual({ token: expect.any(String), expires: expect.any(Number), ssl: true });
  });

  it('the admin API accepts a portal token', async () => {
    const token = await portalToken();
    const answer = await client.admin('/services/Tools/Buffer.GPServer/jobs/query', token, {
      startTime: '0',
    });
    expect(answer.json.total).toBeGreaterThan(0);
  });

  it('the portal answers a wrong password in the REST error shape', async () => {
    const answer = await requestToken(client, sim, '//portal/sharing/rest/generateToken', {
      password: 'nope',
      client: 'referer',
      referer: REFERER,
    });
    expect(answer.json).toEqual({
      error: { code: 400, message: 'Unable to generate token.', details: ['Invalid username or password.'] },
    });
  });

  it('exchanges a portal token for a server token (serverUrl + token)', async () => {
    const token = await portalToken();
    const answer = await client.post('//portal/sharing/rest/generateToken', {
      token,
      serverUrl: sim.url,
      f: 'json',
    });
    expect(typeof answer.json.token).toBe('string');
    expect(answer.json.token).not.toBe(token);
    const query = await client.admin('/services/Tools/Buffer.GPServer/jobs/query', answer.json.token, {
      startTime: '0',
    });
    expect(query.json.total).toBeGreaterThan(0);
  });

  it('the PSA can still use admin/generateToken', async () => {
    const token = await client.token();
    expect((await client.admin('/info', token)).json.loggedInUser).toBe(sim.username);
  });

  it('a site that is not federated has no portal', async () => {
    const plain = await startSimulator({ jobs: 1, https: false });
    const plainClient = simClient(plain);
    expect(plain.portalUrl).toBeNull();
    const answer = await plainClient.post('//portal/sharing/rest/generateToken', { f: 'json' });
    expect(answer.status).toBe(404);
    await plainClient.close();
    await plain.close();
  });
});
