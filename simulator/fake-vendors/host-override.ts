/** Points the app's request templates at the fake vendor servers instead of the vendors' hosts. */

/** Each vendor's API hosts go to its fake; a host no fake stands in for maps to nothing (and is refused). */
export function fakeVendorHostOverride(routes: ReadonlyArray<{ hosts: RegExp; url: string }>): (host: string) => string | undefined {
  return (host) => routes.find((route) => route.hosts.test(host))?.url;
}
