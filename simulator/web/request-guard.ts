/**
 * What keeps other web pages out of the simulator. It listens on 127.0.0.1, but any page the
 * developer visits can still send it requests (a form or `fetch` with `text/plain` needs no
 * preflight) or, by DNS rebinding, read it under its own host name; in `--live` mode that would be
 * the developer's real accounts. So every request must name this server as its Host, and every
 * state-changing one must be JSON, come from this server's own pages (`Origin`) and carry the
 * token those pages got with this run (a custom header, which no cross-site request can send
 * without a preflight this server never grants).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type http from 'node:http';
import { HttpError } from './http';

export const TOKEN_HEADER = 'X-FDK-Token';

/** A fresh secret for one run of the server. */
export const newRunToken = (): string => randomBytes(24).toString('hex');

const allowedHosts = (port: number): string[] => [`127.0.0.1:${port}`, `localhost:${port}`];

function sameToken(given: string, token: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Throws the HttpError to answer when `req` is not one this server's own pages would send. */
export function checkRequest(req: http.IncomingMessage, port: number, token: string): void {
  const host = req.headers.host ?? '';
  if (!allowedHosts(port).includes(host))
    throw new HttpError(421, `Host ${host || '(none)'} is not this simulator: open http://localhost:${port}/`);
  // A page elsewhere may link here (a navigation), but not embed this server's scripts or data.
  const site = req.headers['sec-fetch-site'];
  if ((site === 'cross-site' || site === 'same-site') && req.headers['sec-fetch-mode'] !== 'navigate')
    throw new HttpError(403, 'Requests from other sites are refused');
  if (req.method === 'GET' || req.method === 'HEAD') return;
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json') throw new HttpError(415, 'Send the body as application/json');
  if (req.headers.origin !== `http://${host}`) throw new HttpError(403, "Only this simulator's own pages may change its state (Origin)");
  const given = req.headers[TOKEN_HEADER.toLowerCase()];
  if (typeof given !== 'string' || !sameToken(given, token))
    throw new HttpError(403, `Missing or stale ${TOKEN_HEADER}: reload the page (the token changes with every npm start)`);
}
