/** Points the app's request templates at the fake vendor servers instead of the vendors' hosts. */

const FRESHDESK_HOST = /^[a-z0-9-]+\.freshdesk\.com$/;
const CUSTOMERGAUGE_HOST = /^(auth|imports\.api)\.(eu|us|au)\.customergauge\.com$/;

export function fakeVendorHostOverride(freshdeskUrl: string, customerGaugeUrl: string): (host: string) => string | undefined {
  return (host) => {
    if (FRESHDESK_HOST.test(host)) return freshdeskUrl;
    return CUSTOMERGAUGE_HOST.test(host) ? customerGaugeUrl : undefined;
  };
}
