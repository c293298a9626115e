import axios, { type AxiosInstance } from 'axios';

/** Fake vendor responses are asserted by status, so never let axios throw on 4xx/5xx; never use a proxy. */
export function client(baseURL: string, timeout = 5000): AxiosInstance {
  return axios.create({ baseURL, timeout, proxy: false, validateStatus: () => true });
}

export function basic(credentials: string): string {
  return `Basic ${Buffer.from(credentials).toString('base64')}`;
}

/** Manually advanced clock for token expiry and rate windows. */
export function fakeClock(start = Date.UTC(2026, 10, 23, 10, 45, 0)): { now: () => number; advance: (ms: number) => void } {
  let current = start;
  return { now: () => current, advance: (ms) => (current += ms) };
}
