import { describe, expect, it } from 'vitest';
import { startSimulator } from '../../arcgis-sim/index';
import { REFERER, requestToken, simClient, useSim } from './client';

describe('arcgis-sim federated mode', () => {
  const site = useSim({ jobs: 40, federated: true }, false);

  const portalToken = async (): Promise<string> => {
    const answer = await requestToken(site, '//portal/sharing/rest/generateToken', {
      client: 'referer',
      referer: REFERER,
      expiration: '60',
    });
    return answer.json.token as string;
  };

  it('rest/info names the owning portal and its token service', async () => {
    expect(site.sim.portalUrl).toBe(`${new URL(site.sim.url).origin}/portal`);
    const info = await site.client.get('/rest/info', { f: 'json' });
    expect(info.json).toMatchObject({
      owningSystemUrl: site.sim.portalUrl,
      authInfo: {
        isTokenBasedSecurity: true,
        tokenServicesUrl: `${site.sim.portalUrl}/sharing/rest/generateToken`,
      },
    });
  });

  it('the portal issues tokens with expires as a number and ssl', async () => {
    const answer = await requestToken(site, '//portal/sharing/rest/generateToken', {
      client: 'referer',
      referer: REFERER,
    });
    expect(answer.json).toEqual({ token: expect.any(String), expires: expect.any(Number), ssl: true });
  });

  it('the admin API accepts a portal token', async () => {
    const token = await portalToken();
    const answer = await site.client.admin('/services/Tools/Buffer.GPServer/jobs/query', token, {
      startTime: '0',
    });
    expect(answer.json.total).toBeGreaterThan(0);
  });

  it('the portal answers a wrong password in the REST error shape', async () => {
    const answer = await requestToken(site, '//portal/sharing/rest/generateToken', {
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
    const answer = await site.client.post('//portal/sharing/rest/generateToken', {
      token,
      serverUrl: site.sim.url,
      f: 'json',
    });
    expect(typeof answer.json.token).toBe('string');
    expect(answer.json.token).not.toBe(token);
    const query = await site.client.admin('/services/Tools/Buffer.GPServer/jobs/query', answer.json.token, {
      startTime: '0',
    });
    expect(query.json.total).toBeGreaterThan(0);
  });

  it('the PSA can still use admin/generateToken', async () => {
    const token = await site.client.token();
    expect((await site.client.admin('/info', token)).json.loggedInUser).toBe(site.sim.username);
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
