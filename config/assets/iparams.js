/* Built from src/ by `npm run build`; do not edit. */
const iparamsPage = (function (exports) {
'use strict';

const FRESHDESK_SUBDOMAIN_PATTERN = "^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$";
function normaliseSubdomain(input) {
  const host = input.trim().toLowerCase().replace(/^https?:\/\//, "").replace(/\/.*$/, "");
  return host.endsWith(".freshdesk.com") ? host.slice(0, -".freshdesk.com".length) : host;
}
function isFreshdeskSubdomain(value) {
  return new RegExp(FRESHDESK_SUBDOMAIN_PATTERN).test(value);
}
const CG_ACCOUNT_MAX = 255;

const text = (field) => String(utils.get(field) ?? "").trim();
const destinationOn = (name) => (utils.get("destinations") ?? []).includes(name);
let clientReady = null;
function fdkClient() {
  if (clientReady === null) clientReady = app.initialized();
  return clientReady;
}
function explain(product, err, statusMessages) {
  const status = err.status ?? 0;
  return statusMessages[status] ?? `${product} could not be reached (HTTP ${status || "no answer"}). Check the address and try again.`;
}
async function checkFreshdesk(subdomain, apiKey) {
  try {
    const client = await fdkClient();
    await client.request.invokeTemplate("freshdeskVerifyCredentials", { context: { subdomain, api_key: apiKey } });
    return "";
  } catch (err) {
    return explain("Freshdesk", err, {
      401: "Freshdesk rejected this API key.",
      403: "This API key has no access to the Freshdesk API.",
      404: `No Freshdesk account answers at ${subdomain}.freshdesk.com.`
    });
  }
}
function onFreshdeskChange() {
  const typed = text("freshdesk_subdomain");
  const subdomain = normaliseSubdomain(typed);
  if (subdomain !== typed) utils.set("freshdesk_subdomain", { value: subdomain });
  if (!destinationOn("Freshdesk")) return "";
  if (!isFreshdeskSubdomain(subdomain)) return "Enter your Freshdesk subdomain: acme for acme.freshdesk.com.";
  const apiKey = text("freshdesk_api_key");
  return apiKey ? checkFreshdesk(subdomain, apiKey) : "Enter the API key of a Freshdesk agent.";
}
function onContactModeChange() {
  const fixed = text("freshdesk_contact_mode").startsWith("One fixed contact");
  utils.set("freshdesk_contact_external_id", { visible: fixed, required: fixed });
  return fixed && !text("freshdesk_contact_external_id") ? "Enter the unique external ID of the contact." : "";
}
async function checkCustomerGauge(region, credentials) {
  try {
    const client = await fdkClient();
    await client.request.invokeTemplate("customerGaugeVerifyCredentials", { context: { region, credentials }, body: "grant_type=client_credentials" });
    return "";
  } catch (err) {
    return explain("CustomerGauge", err, {
      400: `CustomerGauge (${region}) rejected the client ID or secret.`,
      401: `CustomerGauge (${region}) rejected the client ID or secret.`
    });
  }
}
function onCustomerGaugeChange() {
  const id = text("cg_client_id");
  const secret = text("cg_client_secret");
  if (!id || !secret) return destinationOn("CustomerGauge") ? "Enter the CustomerGauge OAuth client ID and secret." : "";
  const credentials = btoa(unescape(encodeURIComponent(`${id}:${secret}`)));
  utils.set("cg_client_credentials", { value: credentials });
  return destinationOn("CustomerGauge") ? checkCustomerGauge(text("cg_region") || "eu", credentials) : "";
}
function onCustomerGaugeAccountChange() {
  const account = text("cg_account");
  if (!destinationOn("CustomerGauge")) return "";
  if (!account) return "Enter the CustomerGauge account name.";
  return Array.from(account).length > CG_ACCOUNT_MAX ? `At most ${CG_ACCOUNT_MAX} characters.` : "";
}

exports.onContactModeChange = onContactModeChange;
exports.onCustomerGaugeAccountChange = onCustomerGaugeAccountChange;
exports.onCustomerGaugeChange = onCustomerGaugeChange;
exports.onFreshdeskChange = onFreshdeskChange;

return exports;

})({});
// eslint-disable-next-line no-unused-vars -- called by the platform, by name
function onContactModeChange(...args) {
  return iparamsPage.onContactModeChange(...args);
}

// eslint-disable-next-line no-unused-vars -- called by the platform, by name
function onCustomerGaugeAccountChange(...args) {
  return iparamsPage.onCustomerGaugeAccountChange(...args);
}

// eslint-disable-next-line no-unused-vars -- called by the platform, by name
function onCustomerGaugeChange(...args) {
  return iparamsPage.onCustomerGaugeChange(...args);
}

// eslint-disable-next-line no-unused-vars -- called by the platform, by name
function onFreshdeskChange(...args) {
  return iparamsPage.onFreshdeskChange(...args);
}
