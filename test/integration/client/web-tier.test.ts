/**
 * A site behind web-tier authentication: the Web Adaptor (IIS with Integrated Windows Authentication, or a
 * proxy asking for HTTP Basic or a client certificate) answers HTTP 401 with `WWW-Authenticate` before
 * ArcGIS Server sees the request. Esri's Python client probes for exactly this (`Connection._auth_check`
 * in `arcgis/gis/_impl/_con/_connection.py` reads `www-authenticate` from `/info`, `/rest/info`,
 * `/sharing/rest/info` and `/rest/services` to pick IWA, NTLM or Basic sign-in). GP Job Admin signs in
 * with ArcGIS tokens only, so the administrator must be told that, and where to go instead: not that the
 * password is wrong, the account lacks privileges or the URL is not ArcGIS Server.
 */
import { describe, expect, it } from 'vitest';
import { Clients, useClientSim } from './helpers';

const clients = new Clients();
const site = useClientSim({ seed: 51, jobs: 20, services: 1, jobDurationMs: Infinity }, clients);

const WEB_TIER = /web-tier sign-in.*Negotiate, NTLM.*ArcGIS tokens.*:6443/s;

describe('web-tier authentication in front of the site', () => {
  it('Test connection says the front end wants its own sign-in, not that the URL is wrong', async () => {
    const sim = site();
    sim.addFault({ kind: 'http401-web-tier' });
    const r = await clients.make(sim).testConnection();
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.kind).toBe('admin-unreachable');
    expect(r.error.code).toBe(401);
    expect(r.error.message).toMatch(WEB_TIER);
  });

  it('an admin API behind it is reported as such, not as a wrong password or a missing privilege', async () => {
    const sim = site();
    sim.addFault({ kind: 'http401-web-tier', match: (q) => q.path.includes('/admin') });
    const r = await clients.make(sim).listJobs({});
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.kind).toBe('admin-unreachable');
    expect(r.error.message).toMatch(WEB_TIER);
    expect(r.error.message).not.toMatch(/password|administrator account/i);
  });

  it('stops at the admin token service: the password is not sent again to /tokens/generateToken', async () => {
    const sim = site();
    sim.addFault({ kind: 'http401-web-tier', match: (q) => q.path.includes('/admin') });
    const before = sim.requests.length;
    const r = await clients.make(sim).listJobs({});
    expect(r.ok).toBe(false);
    const tokenPosts = sim.requests
      .slice(before)
      .filter((q) => q.url.endsWith('/generateToken'))
      .map((q) => q.url);
    expect(tokenPosts).toEqual(['/arcgis/admin/generateToken']);
  });
});
