import { describe, expect, it } from 'vitest';
import { REFERER, requestToken, useSim } from './client';

const TOKEN_REQUIRED =
  "Unauthorized access. Token not found. You can generate a token using the 'generateToken' operation.";
const QUERY = '/services/Tools/Buffer.GPServer/jobs/query';

describe('arcgis-sim token services', () => {
  let now = 1_760_000_000_000;
  const site = useSim(
    {
      jobs: 50,
      clock: () => now,
      tokenLifetimeMs: 30 * 60_000,
      nonAdminUser: { username: 'viewer', password: 'viewer-pass' },
    },
    false,
  );

  it('admin/generateToken returns a token and expires as a string of epoch ms', async () => {
    const answer = await requestToken(site, '/admin/generateToken', {
      client: 'referer',
      referer: REFERER,
    });
    expect(answer.status).toBe(200);
    expect(answer.contentType).toContain('application/json');
    expect(typeof answer.json.token).toBe('string');
    expect(answer.json.expires).toBe(String(now + 30 * 60_000));
  });

  it('tokens/generateToken returns expires as a number and ssl', async () => {
    const answer = await requestToken(site, '/tokens/generateToken', {
      client: 'requestip',
      expiration: '10',
    });
    expect(answer.json).toEqual({ token: expect.any(String), expires: now + 10 * 60_000, ssl: true });
  });

  it('the legacy /tokens/ endpoint that rest/info advertises also issues tokens', async () => {
    const answer = await requestToken(site, '/tokens/', { client: 'requestip' });
    expect(typeof answer.json.token).toBe('string');
  });

  it('caps a longer expiration to the server maximum', async () => {
    const answer = await requestToken(site, '/tokens/generateToken', {
      client: 'requestip',
      expiration: '100000',
    });
    expect(answer.json.expires).toBe(now + 30 * 60_000);
  });

  it('a wrong password gets the admin error shape on admin/generateToken', async () => {
    const answer = await requestToken(site, '/admin/generateToken', {
      password: 'wrong',
      client: 'requestip',
    });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({
      status: 'error',
      messages: ['Unable to generate token.', 'Invalid username or password.'],
      code: 400,
    });
  });

  it('a wrong password gets the REST error shape on tokens/generateToken', async () => {
    const answer = await requestToken(site, '/tokens/generateToken', {
      password: 'wrong',
      client: 'requestip',
    });
    expect(answer.json).toEqual({
      error: { code: 400, message: 'Unable to generate token.', details: ['Invalid username or password.'] },
    });
  });

  it('usernames are case-sensitive', async () => {
    const answer = await site.client.post('/tokens/generateToken', {
      username: site.sim.username.toUpperCase(),
      password: site.sim.password,
      f: 'json',
    });
    expect(answer.json.error.details).toEqual(['Invalid username or password.']);
  });

  it('says which credentials are missing', async () => {
    const answer = await site.client.post('/tokens/generateToken', { f: 'json' });
    expect(answer.json.error.details).toEqual([
      "'username' must be specified.",
      "'password' must be specified.",
    ]);
  });

  it('refuses credentials in the query string of a POST and credentials over GET', async () => {
    const inQuery = await site.client.post(
      `/admin/generateToken?username=${site.sim.username}&password=${encodeURIComponent(site.sim.password)}`,
      { f: 'json', client: 'requestip' },
    );
    expect(inQuery.json).toMatchObject({ status: 'error', code: 400 });
    const overGet = await site.client.get('/tokens/generateToken', {
      username: site.sim.username,
      password: site.sim.password,
      f: 'json',
    });
    expect(overGet.json.error).toMatchObject({ code: 400, message: 'Unable to generate token.' });
  });

  it('client=referer needs a referer', async () => {
    const answer = await requestToken(site, '/admin/generateToken', { client: 'referer' });
    expect(answer.json.messages).toContain("'referer' must be specified.");
  });

  it('answers an HTML form when f is missing', async () => {
    const answer = await site.client.get('/admin/generateToken');
    expect(answer.contentType).toContain('text/html');
    expect(answer.text).toContain('<form');
  });

  it('accepts the token in a POST body and through ?token= on a GET (recorded)', async () => {
    const token = await site.client.token();
    expect((await site.client.admin(QUERY, token, { startTime: '0' })).json.total).toBeGreaterThan(0);
    const viaGet = await site.client.get(`/admin${QUERY}`, { f: 'json', startTime: '0', token });
    expect(viaGet.json.total).toBeGreaterThan(0);
    expect(site.sim.requests.some((r) => r.method === 'GET' && r.url.includes(`token=${token}`))).toBe(true);
  });

  it('accepts X-Esri-Authorization: Bearer', async () => {
    const token = await site.client.token();
    const answer = await site.client.post(
      `/admin${QUERY}`,
      { f: 'json', startTime: '0' },
      {
        'x-esri-authorization': `Bearer ${token}`,
      },
    );
    expect(answer.json.total).toBeGreaterThan(0);
  });

  it('rejects a POST whose token is only in its URL as 499 token required', async () => {
    const token = await site.client.token();
    const answer = await site.client.post(`/admin${QUERY}?token=${token}`, { f: 'json', startTime: '0' });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ status: 'error', messages: [TOKEN_REQUIRED], code: 499 });
  });

  it('answers 499 in a 200 body without a token', async () => {
    const answer = await site.client.post(`/admin${QUERY}`, { f: 'json', startTime: '0' });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ status: 'error', messages: [TOKEN_REQUIRED], code: 499 });
  });

  it('a referer-bound token must come with the same Referer header', async () => {
    const token = await site.client.token();
    const other = await site.client.post(
      `/admin${QUERY}`,
      { f: 'json', token, startTime: '0' },
      {
        referer: 'https://elsewhere.test/',
      },
    );
    expect(other.json).toEqual({
      status: 'error',
      messages: ['Invalid token, ClientID does not match.'],
      code: 498,
    });
  });

  it('tokens expire with the clock: 498 Invalid token in a 200 body', async () => {
    const token = await site.client.token();
    now += 30 * 60_000;
    const answer = await site.client.admin(QUERY, token, { startTime: '0' });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ status: 'error', messages: ['Invalid token.'], code: 498 });
  });

  it('expireTokens invalidates every issued token at once', async () => {
    const token = await site.client.token();
    expect((await site.client.admin(QUERY, token, { startTime: '0' })).json.total).toBeGreaterThan(0);
    site.sim.expireTokens();
    expect((await site.client.admin(QUERY, token, { startTime: '0' })).json.code).toBe(498);
  });

  it('REST endpoints answer an invalid token in the REST shape', async () => {
    const job = site.sim.jobs()[0]!;
    const task = encodeURIComponent(job.task);
    const answer = await site.client.post(
      `/rest/services/${job.service}/GPServer/${task}/jobs/${job.jobId}`,
      {
        f: 'json',
        token: 'not-a-token',
      },
    );
    expect(answer.json).toEqual({ error: { code: 498, message: 'Invalid token.', details: [] } });
  });

  it('a non-admin user gets tokens but admin operations answer 403', async () => {
    const token = await site.client.token('viewer', 'viewer-pass');
    const info = await site.client.admin('/info', token);
    expect(info.json).toMatchObject({ loggedInUser: 'viewer', loggedInUserPrivilege: 'ACCESS' });
    const services = await site.client.admin('/services', token);
    expect(services.json).toEqual({
      status: 'error',
      messages: ["User 'viewer' does not have permissions to access 'services'."],
      code: 403,
    });
    const del = await site.client.admin('/services/Tools/Buffer.GPServer/jobs/jx/delete', token);
    expect(del.json.code).toBe(403);
  });
});
