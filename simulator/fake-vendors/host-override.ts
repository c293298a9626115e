/** Points the app's request templates at the fake vendor servers instead of the vendors' hosts. */
import { DESCRIPTORS, type DestinationId } from '../../src/shared/destinations';

/** Each destination's API hosts (its descriptor's `vendorHosts`) go to that destination's fake. */
export function fakeVendorHostOverride(fakeUrls: Record<DestinationId, string>): (host: string) => string | undefined {
  const routes = DESCRIPTORS.map((d) => ({ hosts: new RegExp(d.vendorHosts), url: fakeUrls[d.id] }));
  return (host) => routes.find((route) => route.hosts.test(host))?.url;
}
