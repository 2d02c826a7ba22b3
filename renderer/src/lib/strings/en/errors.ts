/** English: the next step under an error, and the app's own error wording (including the browser page's). */
import { plural } from '../../format';

/** What an administrator can do about an error, by error kind. */
export const errors = {
  hints: {
    tls: "Add the CA certificate that issued the server's certificate (a .pem file) in Edit server, then test again.",
    auth: 'Check the username, enter the password again in Edit server, and test the connection.',
    /** No sign-in was tried: a profile imported or provisioned by IT, or one whose session-only password ended. */
    noPassword: 'Enter the password in Edit server and Save; it is not tried until then.',
    permission: 'Sign in with an account that has administrator privileges on this site.',
    adminUnreachable:
      'If the Web Adaptor blocks /admin, set the Admin URL in Edit server, e.g. https://machine:6443/arcgis.',
    badUrl: 'Check the server URL; paste the site root, e.g. https://gis.example.com/arcgis.',
    network: 'Check the network, VPN or proxy and that the server is running, then refresh.',
    closed:
      'The server (or a proxy, load balancer or Web Adaptor in front of it) accepted the connection, then ' +
      'closed it without answering or before the answer was complete, as when it restarts or a proxy cuts ' +
      'off a long answer. Refresh; if it keeps happening, check their logs.',
    keychain: 'The system keychain is unavailable. You can keep the password for this session only.',
    transient: 'This may be temporary; try again in a moment.',
  },
  /** The code inside a message's full stop: "Not found (code 404)." rather than "Not found. (code 404)". */
  withCode: (message: string, code: number) =>
    message.endsWith('.') ? `${message.slice(0, -1)} (code ${code}).` : `${message} (code ${code})`,
  /** The browser page (gpjobs ui) lost its session or connection. */
  uiSignedOut:
    'This page is no longer signed in to gpjobs ui (it was stopped or restarted). Start `gpjobs ui` ' +
    'again and open the address it prints.',
  uiLost: (host: string, status: number | null) =>
    `Lost the connection to gpjobs ui at ${host}${status ? ` (HTTP ${status})` : ''}: is it still running?`,
  /** A streamed listing whose answer counted batches that never came (the event stream dropped them). */
  lostBatches: (missing: number) =>
    `${plural(missing, 'batch', 'batches')} of this server's job list never arrived (the app's event ` +
    'connection dropped them). Rather than show a short list, it is listed again; if this repeats, refresh it.',
  unexpected: (detail: string) => `Something went wrong inside the app: ${detail}`,
};
