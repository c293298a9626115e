/* Built from src/ (source dfcf7ea492b9d555ff6f73f46bf685b284f68c5858ac607bbcb27778697aa555) by `npm run build`; do not edit. */
const iparamsPage = (function (exports) {
'use strict';

const CUSTOMERGAUGE_REGIONS = ["eu", "us", "au"];
const customerGauge = {
  id: "customergauge",
  label: "CustomerGauge",
  iparams: [
    { name: "cg_region", secure: false, options: CUSTOMERGAUGE_REGIONS },
    { name: "cg_client_id", secure: false },
    { name: "cg_client_secret", secure: true },
    // base64(client_id:client_secret), built by the installation page for the token request's header.
    { name: "cg_client_credentials", secure: true, derived: true },
    { name: "cg_account", secure: false, maxLength: 255 },
    { name: "cg_send_contact", secure: false }
  ],
  templates: {
    token: "customerGaugeToken",
    verifyCredentials: "customerGaugeVerifyCredentials",
    upsertActivity: "customerGaugeUpsertActivity"
  }
};

const FRESHDESK_CONTACT_MODES = {
  agent: "Agent's own email",
  fixed: "One fixed contact (unique external ID)"
};
const freshdesk = {
  id: "freshdesk",
  label: "Freshdesk",
  iparams: [
    { name: "freshdesk_subdomain", secure: false },
    { name: "freshdesk_api_key", secure: true },
    { name: "freshdesk_contact_mode", secure: false, options: [FRESHDESK_CONTACT_MODES.agent, FRESHDESK_CONTACT_MODES.fixed] },
    { name: "freshdesk_contact_external_id", secure: false, maxLength: 255 }
  ],
  templates: { createContactActivity: "freshdeskCreateContactActivity", verifyCredentials: "freshdeskVerifyCredentials" }
};

const DESCRIPTORS = [freshdesk, customerGauge];
function iparamsWhere(test) {
  return DESCRIPTORS.flatMap((d) => d.iparams.filter(test).map((p) => p.name));
}
const SECURE_IPARAMS = iparamsWhere((p) => p.secure);
const DESTINATION_LABELS = DESCRIPTORS.map((d) => d.label);

function maxLengthOf(iparams, name) {
  const limit = iparams.find((p) => p.name === name)?.maxLength;
  if (limit === void 0) throw new Error(`${name} has no maxLength in its descriptor`);
  return limit;
}
const FRESHDESK_SUBDOMAIN_PATTERN = "^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$";
function normaliseSubdomain(input) {
  const host = input.trim().toLowerCase().replace(/^https?:\/\//, "").replace(/\/.*$/, "");
  return host.endsWith(".freshdesk.com") ? host.slice(0, -".freshdesk.com".length) : host;
}
function isFreshdeskSubdomain(value) {
  return new RegExp(FRESHDESK_SUBDOMAIN_PATTERN).test(value);
}
const CG_ACCOUNT_MAX = maxLengthOf(customerGauge.iparams, "cg_account");
const EXTERNAL_ID_MAX = maxLengthOf(freshdesk.iparams, "freshdesk_contact_external_id");
const CG_REGIONS = CUSTOMERGAUGE_REGIONS;
function isCgRegion(value) {
  return CG_REGIONS.includes(value);
}
const DESTINATIONS = DESTINATION_LABELS;
const KNOWN_EVENT_KINDS = ["GeneralAvailability", "Intelliassign"];
const LATER_KINDS_OPTION = "Kinds added later";
const EVENT_KINDS = [...KNOWN_EVENT_KINDS, LATER_KINDS_OPTION];
const CONTACT_MODE_AGENT = FRESHDESK_CONTACT_MODES.agent;
const CONTACT_MODE_FIXED = FRESHDESK_CONTACT_MODES.fixed;
const CONTACT_MODES = [CONTACT_MODE_AGENT, CONTACT_MODE_FIXED];
const IPARAM_DEFAULTS = {
  destinations: [...DESTINATIONS],
  event_kinds: [...EVENT_KINDS],
  freshdesk_subdomain: "",
  freshdesk_contact_mode: CONTACT_MODE_AGENT,
  freshdesk_contact_external_id: "",
  cg_region: "eu",
  cg_client_id: "",
  cg_account: "",
  cg_send_contact: false
};
const NOTHING_STORED = { freshdeskApiKey: false, cgClientId: void 0 };
function storedSecretsOf(saved) {
  const on = Array.isArray(saved.destinations) ? saved.destinations : [];
  return {
    freshdeskApiKey: on.includes(freshdesk.label),
    cgClientId: on.includes(customerGauge.label) && typeof saved.cg_client_id === "string" ? saved.cg_client_id : void 0
  };
}
function settingsErrors(values, secrets, stored) {
  return {
    ...choiceErrors(values),
    ...values.destinations.includes(freshdesk.label) ? freshdeskErrors(values, secrets, stored) : {},
    ...values.destinations.includes(customerGauge.label) ? customerGaugeErrors(values, secrets, stored) : {}
  };
}
function choiceErrors(values) {
  const errors = {};
  if (values.destinations.length === 0 || !values.destinations.every((d) => DESTINATIONS.includes(d))) {
    errors.destinations = "Choose at least one destination.";
  }
  if (values.event_kinds.length === 0 || !values.event_kinds.every((k) => EVENT_KINDS.includes(k))) {
    errors.event_kinds = "Choose at least one kind of change to forward.";
  }
  return errors;
}
function subdomainError(subdomain) {
  if (subdomain === "") return "Enter your Freshdesk subdomain: acme for acme.freshdesk.com.";
  return isFreshdeskSubdomain(subdomain) ? void 0 : "Only a Freshdesk address is accepted: acme or acme.freshdesk.com.";
}
function contactErrors(values) {
  if (!CONTACT_MODES.includes(values.freshdesk_contact_mode))
    return { freshdesk_contact_mode: "Choose whose timeline gets the activity." };
  if (values.freshdesk_contact_mode !== CONTACT_MODE_FIXED) return {};
  const id = values.freshdesk_contact_external_id.trim();
  if (id === "") return { freshdesk_contact_external_id: "Enter the unique external ID of the contact." };
  return Array.from(id).length > EXTERNAL_ID_MAX ? { freshdesk_contact_external_id: `At most ${EXTERNAL_ID_MAX} characters.` } : {};
}
function freshdeskErrors(values, secrets, stored) {
  const errors = { ...contactErrors(values) };
  const subdomain = subdomainError(values.freshdesk_subdomain);
  if (subdomain) errors.freshdesk_subdomain = subdomain;
  if (secrets.freshdesk_api_key.trim() === "" && !stored.freshdeskApiKey)
    errors.freshdesk_api_key = "Enter the API key of a Freshdesk agent.";
  return errors;
}
function secretError(values, secrets, stored) {
  if (secrets.cg_client_secret !== "") return void 0;
  if (stored.cgClientId === void 0) return "Enter the CustomerGauge OAuth client secret.";
  if (stored.cgClientId === values.cg_client_id.trim()) return void 0;
  return `Enter the client secret again: the saved one belongs to client ID ${stored.cgClientId}.`;
}
function accountError(account) {
  if (account.trim() === "") return "Enter the CustomerGauge account name.";
  return Array.from(account.trim()).length > CG_ACCOUNT_MAX ? `At most ${CG_ACCOUNT_MAX} characters.` : void 0;
}
function customerGaugeErrors(values, secrets, stored) {
  const errors = {};
  if (!isCgRegion(values.cg_region)) errors.cg_region = `Choose one of ${CG_REGIONS.join(", ")}.`;
  if (values.cg_client_id.trim() === "") errors.cg_client_id = "Enter the CustomerGauge OAuth client ID.";
  const secret = secretError(values, secrets, stored);
  if (secret) errors.cg_client_secret = secret;
  const account = accountError(values.cg_account);
  if (account) errors.cg_account = account;
  return errors;
}

function basicCredentials(clientId, clientSecret) {
  const bytes = new TextEncoder().encode(`${clientId}:${clientSecret}`);
  return btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join(""));
}

let clientReady;
function fdkClient() {
  if (!clientReady) clientReady = app.initialized();
  return clientReady;
}
function statusOf(err) {
  const status = err?.status;
  return typeof status === "number" ? status : 0;
}
function agentName(response) {
  try {
    const name = JSON.parse(response).contact?.name;
    return typeof name === "string" && name !== "" ? ` as ${name}` : "";
  } catch {
    return "";
  }
}
function freshdeskFailure(host, status) {
  if (status === 401) return { ok: false, refused: true, field: "freshdesk_api_key", message: `${host} rejected this API key.` };
  if (status === 403)
    return {
      ok: false,
      refused: true,
      field: "freshdesk_api_key",
      message: `This API key's agent may not use the Freshdesk API at ${host}.`
    };
  if (status === 404)
    return { ok: false, refused: true, field: "freshdesk_subdomain", message: `No Freshdesk account answers at ${host}.` };
  return { ok: false, message: `${host} could not be reached (${status ? `HTTP ${status}` : "no answer"}). Try again later.` };
}
async function testFreshdesk(subdomain, apiKey) {
  const host = `${subdomain}.freshdesk.com`;
  try {
    const client = await fdkClient();
    const answer = await client.request.invokeTemplate("freshdeskVerifyCredentials", { context: { subdomain, api_key: apiKey } });
    return { ok: true, message: `Connected to ${host}${agentName(answer.response)}.` };
  } catch (err) {
    return freshdeskFailure(host, statusOf(err));
  }
}
async function tokenStatus(region, credentials) {
  try {
    const client = await fdkClient();
    const answer = await client.request.invokeTemplate("customerGaugeVerifyCredentials", {
      context: { region, credentials },
      body: "grant_type=client_credentials"
    });
    return answer.status;
  } catch (err) {
    return statusOf(err);
  }
}
const isRefusal = (status) => status === 400 || status === 401;
async function regionThatAccepts(chosen, credentials) {
  for (const region of CG_REGIONS.filter((r) => r !== chosen)) {
    if (await tokenStatus(region, credentials) === 200) return region;
  }
  return void 0;
}
async function testCustomerGauge(region, credentials) {
  const status = await tokenStatus(region, credentials);
  if (status >= 200 && status < 300) return { ok: true, message: `Connected: CustomerGauge ${region} issued a token for this client.` };
  if (!isRefusal(status))
    return {
      ok: false,
      message: `CustomerGauge ${region} could not be reached (${status ? `HTTP ${status}` : "no answer"}). Try again later.`
    };
  const other = await regionThatAccepts(region, credentials);
  if (other)
    return {
      ok: false,
      refused: true,
      field: "cg_region",
      message: `CustomerGauge ${region} does not know this client; ${other} accepts it. Choose ${other}.`
    };
  return {
    ok: false,
    refused: true,
    field: "cg_client_secret",
    message: `CustomerGauge rejected this client ID or secret (tried ${CG_REGIONS.join(", ")}).`
  };
}

const CRAYONS_TAGS = ["fw-input", "fw-radio-group", "fw-checkbox"];
const ALL_FIELDS = [
  "destinations",
  "event_kinds",
  "freshdesk_subdomain",
  "freshdesk_api_key",
  "freshdesk_contact_mode",
  "freshdesk_contact_external_id",
  "cg_region",
  "cg_client_id",
  "cg_client_secret",
  "cg_account"
];
function byId(id) {
  const found = document.getElementById(id);
  if (!found) throw new Error(`config/iparams.html has no element #${id}`);
  return found;
}
const text = (id) => String(byId(id).value ?? "");
function ticked(group) {
  return Array.from(byId(group).querySelectorAll("fw-checkbox")).filter((box) => box.checked === true).map((box) => box.getAttribute("value") ?? "");
}
function readValues() {
  return {
    destinations: ticked("destinations"),
    event_kinds: ticked("event_kinds"),
    freshdesk_subdomain: text("freshdesk_subdomain"),
    freshdesk_contact_mode: text("freshdesk_contact_mode"),
    freshdesk_contact_external_id: text("freshdesk_contact_external_id").trim(),
    cg_region: text("cg_region"),
    cg_client_id: text("cg_client_id").trim(),
    cg_account: text("cg_account").trim(),
    cg_send_contact: byId("cg_send_contact").checked === true
  };
}
function readSecrets() {
  return { freshdesk_api_key: text("freshdesk_api_key").trim(), cg_client_secret: text("cg_client_secret").trim() };
}
function writeValues(values) {
  for (const group of ["destinations", "event_kinds"]) {
    for (const box of Array.from(byId(group).querySelectorAll("fw-checkbox")))
      box.checked = values[group].includes(box.getAttribute("value") ?? "");
  }
  for (const id of [
    "freshdesk_subdomain",
    "freshdesk_contact_mode",
    "freshdesk_contact_external_id",
    "cg_region",
    "cg_client_id",
    "cg_account"
  ]) {
    byId(id).value = values[id];
  }
  byId("cg_send_contact").checked = values.cg_send_contact;
}
function showError(field, message) {
  const element = byId(field);
  if (element.tagName === "FW-INPUT" || element.tagName === "FW-RADIO-GROUP") {
    element.state = message ? "error" : "normal";
    element.errorText = message ?? "";
    return;
  }
  const paragraph = byId(`${field}-error`);
  paragraph.textContent = message ?? "";
  paragraph.hidden = !message;
}
function shownError(field) {
  const element = byId(field);
  if (element.tagName === "FW-INPUT" || element.tagName === "FW-RADIO-GROUP")
    return element.state === "error" ? element.errorText ?? "" : "";
  return byId(`${field}-error`).textContent ?? "";
}
function showErrors(errors) {
  for (const field of ALL_FIELDS) showError(field, errors[field]);
}

let stored = NOTHING_STORED;
let configsApplied = false;
let refusals = {};
const SECTION = Object.fromEntries(
  DESCRIPTORS.map((d) => [d.label, { section: `${d.id}-section`, test: `${d.id}-test`, result: `${d.id}-test-result` }])
);
function destinationOf(field) {
  return DESCRIPTORS.find((d) => d.iparams.some((p) => p.name === field))?.label;
}
const crayonsReady = () => Promise.all(CRAYONS_TAGS.map((tag) => customElements.whenDefined(tag)));
function syncVisibility(values) {
  for (const destination of Object.keys(SECTION))
    byId(SECTION[destination].section).hidden = !values.destinations.includes(destination);
  byId("external-id-row").hidden = values.freshdesk_contact_mode !== CONTACT_MODE_FIXED;
}
function syncSecretHints() {
  byId("freshdesk_api_key").setAttribute(
    "hint-text",
    stored.freshdeskApiKey ? "Saved. Leave blank to keep the saved key." : "Stored securely: agents and the sidebar can never read it."
  );
  byId("cg_client_secret").setAttribute(
    "hint-text",
    stored.cgClientId === void 0 ? "Stored securely: agents and the sidebar can never read it." : "Saved. Leave blank to keep it; needed again only when the client ID changes."
  );
}
function normaliseSubdomainField() {
  const field = byId("freshdesk_subdomain");
  const typed = String(field.value ?? "");
  const normalised = normaliseSubdomain(typed);
  if (normalised !== typed) field.value = normalised;
}
function currentErrors() {
  return { ...settingsErrors(readValues(), readSecrets(), stored), ...refusals };
}
function recheckShownErrors() {
  const errors = currentErrors();
  for (const field of ALL_FIELDS) if (shownError(field) !== "") showError(field, errors[field]);
}
function dropRefusals(destination) {
  refusals = destination === "all" ? {} : Object.fromEntries(Object.entries(refusals).filter(([field]) => destinationOf(field) !== destination));
}
function fieldOf(event) {
  const selector = ALL_FIELDS.map((field) => `#${field}`).join(",");
  const element = event.target?.closest(selector);
  return element ? element.id : void 0;
}
function onEdit(event) {
  const field = fieldOf(event);
  if (!field) return;
  dropRefusals(destinationOf(field) ?? "all");
  syncVisibility(readValues());
  recheckShownErrors();
}
function showResult(destination, result) {
  const paragraph = byId(SECTION[destination].result);
  paragraph.textContent = result.message;
  paragraph.className = `test-result ${result.ok ? "ok" : "bad"}`;
  paragraph.hidden = false;
}
function connectionTest(destination, values) {
  const secrets = readSecrets();
  if (destination === freshdesk.label) {
    const subdomain = normaliseSubdomain(values.freshdesk_subdomain);
    return secrets.freshdesk_api_key && isFreshdeskSubdomain(subdomain) ? testFreshdesk(subdomain, secrets.freshdesk_api_key) : void 0;
  }
  if (!secrets.cg_client_secret || !values.cg_client_id || !isCgRegion(values.cg_region)) return void 0;
  return testCustomerGauge(values.cg_region, basicCredentials(values.cg_client_id, secrets.cg_client_secret));
}
async function checkConnection(destination) {
  const pending = connectionTest(destination, readValues());
  if (!pending) return void 0;
  showResult(destination, { ok: true, message: "Testing\u2026" });
  const result = await pending;
  showResult(destination, result);
  if (result.refused && result.field) refusals = { ...refusals, [result.field]: result.message };
  return result;
}
async function onTest(destination) {
  normaliseSubdomainField();
  dropRefusals(destination);
  const errors = Object.entries(settingsErrors(readValues(), readSecrets(), stored)).filter(
    ([field]) => destinationOf(field) === destination
  );
  for (const [field, message] of errors) showError(field, message);
  if (errors.length > 0) return showResult(destination, { ok: false, message: "Fix the fields marked in red first." });
  const result = await checkConnection(destination);
  if (!result) return showResult(destination, { ok: true, message: "The saved secret is kept. Type it again to test it from here." });
  recheckShownErrors();
  if (result.field) showError(result.field, refusals[result.field]);
}
function savedValues(configs) {
  const merged = { ...IPARAM_DEFAULTS };
  for (const [name, fallback] of Object.entries(IPARAM_DEFAULTS)) {
    const value = configs[name];
    const sameType = Array.isArray(fallback) ? Array.isArray(value) && value.every((v) => typeof v === "string") : typeof value === typeof fallback;
    if (sameType) merged[name] = value;
  }
  return merged;
}
function applyValues(values) {
  writeValues(values);
  syncVisibility(values);
  syncSecretHints();
}
async function getConfigs(configs) {
  const values = savedValues(configs ?? {});
  stored = storedSecretsOf(configs ?? {});
  configsApplied = true;
  await crayonsReady();
  applyValues(values);
}
async function validate() {
  normaliseSubdomainField();
  refusals = {};
  const errors = settingsErrors(readValues(), readSecrets(), stored);
  showErrors(errors);
  if (Object.keys(errors).length > 0) return false;
  const on = readValues().destinations;
  const results = await Promise.all(on.map((destination) => checkConnection(destination)));
  showErrors(refusals);
  return results.every((result) => !result?.refused);
}
function postConfigs() {
  const values = readValues();
  const secrets = readSecrets();
  const configs = {
    __meta: { secure: [...SECURE_IPARAMS] },
    ...values,
    freshdesk_subdomain: normaliseSubdomain(values.freshdesk_subdomain),
    cg_region: isCgRegion(values.cg_region) ? values.cg_region : IPARAM_DEFAULTS.cg_region
  };
  if (secrets.freshdesk_api_key) configs.freshdesk_api_key = secrets.freshdesk_api_key;
  if (secrets.cg_client_secret) {
    configs.cg_client_secret = secrets.cg_client_secret;
    configs.cg_client_credentials = basicCredentials(values.cg_client_id, secrets.cg_client_secret);
  }
  return configs;
}
async function start() {
  await crayonsReady();
  if (!configsApplied) applyValues({ ...IPARAM_DEFAULTS });
  for (const name of ["fwInput", "fwChange"]) document.addEventListener(name, onEdit);
  byId("freshdesk_subdomain").addEventListener("fwBlur", normaliseSubdomainField);
  for (const destination of Object.keys(SECTION))
    byId(SECTION[destination].test).addEventListener("click", () => void onTest(destination));
}
void start();

exports.getConfigs = getConfigs;
exports.postConfigs = postConfigs;
exports.validate = validate;

return exports;

})({});
// eslint-disable-next-line no-unused-vars -- called by the platform, by name
function getConfigs(...args) {
  return iparamsPage.getConfigs(...args);
}

// eslint-disable-next-line no-unused-vars -- called by the platform, by name
function postConfigs(...args) {
  return iparamsPage.postConfigs(...args);
}

// eslint-disable-next-line no-unused-vars -- called by the platform, by name
function validate(...args) {
  return iparamsPage.validate(...args);
}
