/** Installation-parameter rules shared by the server's schemas and the installation page. */

/** A bare Freshdesk subdomain: requests can never be aimed at a host outside *.freshdesk.com. */
export const FRESHDESK_SUBDOMAIN_PATTERN = '^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$';

/** "https://Acme.freshdesk.com/" → "acme"; anything that is not a Freshdesk address is returned as typed. */
export function normaliseSubdomain(input: string): string {
  const host = input.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/\/.*$/, '');
  return host.endsWith('.freshdesk.com') ? host.slice(0, -'.freshdesk.com'.length) : host;
}

export function isFreshdeskSubdomain(value: string): boolean {
  return new RegExp(FRESHDESK_SUBDOMAIN_PATTERN).test(value);
}

export const CG_ACCOUNT_MAX = 255;
export const CG_REGIONS = ['eu', 'us', 'au'] as const;
