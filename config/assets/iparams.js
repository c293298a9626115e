/* Built from src/ (source 7f0f4a37f3faac211abe55b698fbf30e6097400c75cad926f9e96ca120b9d772) by `npm run build`; do not edit. */
const iparamsPage = (function (exports) {
'use strict';

const CUSTOMERGAUGE_REGIONS = ["eu", "us", "au"];
const customerGauge = {
  id: "customergauge",
  label: "CustomerGauge",
  receives: "activity",
  iparams: [
    {
      name: "cg_region",
      secure: false,
      options: CUSTOMERGAUGE_REGIONS,
      field: {
        kind: "choice",
        label: "Region your account is hosted in",
        default: "eu",
        missing: `Choose one of ${CUSTOMERGAUGE_REGIONS.join(", ")}.`,
        optionLabels: { eu: "eu", us: "us", au: "au" }
      }
    },
    {
      name: "cg_client_id",
      secure: false,
      field: {
        kind: "text",
        label: "OAuth client ID",
        hint: "Integrations \u2192 API credentials (client credentials grant).",
        default: "",
        missing: "Enter the CustomerGauge OAuth client ID."
      }
    },
    {
      name: "cg_client_secret",
      secure: true,
      field: {
        kind: "secret",
        label: "OAuth client secret",
        // Least privilege (README "Installation parameters", least privilege): the app only imports activities.
        hint: "Of a client limited to imports (activities), not one with access to the whole account.",
        default: "",
        missing: "Enter the CustomerGauge OAuth client secret."
      }
    },
    // base64(client_id:client_secret), built by the installation page for the token request's header.
    { name: "cg_client_credentials", secure: true, derived: true },
    {
      name: "cg_account",
      secure: false,
      maxLength: 255,
      field: {
        kind: "text",
        label: "Account name",
        hint: "The account the activities belong to (created by CustomerGauge if it does not exist).",
        default: "",
        missing: "Enter the CustomerGauge account name."
      }
    },
    {
      name: "cg_send_contact",
      secure: false,
      field: {
        kind: "flag",
        label: "Send the agent's email as CustomerGauge contact (only if every agent exists there)",
        default: false
      }
    }
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
const FRESHDESK_SUBDOMAIN_PATTERN = "^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$";
const freshdesk = {
  id: "freshdesk",
  label: "Freshdesk",
  receives: "contact activity",
  iparams: [
    {
      name: "freshdesk_subdomain",
      secure: false,
      pattern: FRESHDESK_SUBDOMAIN_PATTERN,
      field: {
        kind: "text",
        label: "Freshdesk subdomain",
        placeholder: "acme",
        hint: "acme for acme.freshdesk.com; a pasted https://acme.freshdesk.com/ is saved as acme.",
        default: "",
        missing: "Enter your Freshdesk subdomain: acme for acme.freshdesk.com."
      }
    },
    {
      name: "freshdesk_api_key",
      secure: true,
      field: {
        kind: "secret",
        label: "Freshdesk API key",
        // Least privilege (README "Installation parameters", least privilege): the key can do whatever its agent can.
        hint: "Of an agent with the narrowest role that can still add contact activities, not an admin.",
        default: "",
        missing: "Enter the API key of a Freshdesk agent."
      }
    },
    {
      name: "freshdesk_contact_mode",
      secure: false,
      options: [FRESHDESK_CONTACT_MODES.agent, FRESHDESK_CONTACT_MODES.fixed],
      field: {
        kind: "choice",
        label: "Whose timeline gets the activity",
        default: FRESHDESK_CONTACT_MODES.agent,
        missing: "Choose whose timeline gets the activity.",
        optionLabels: {
          [FRESHDESK_CONTACT_MODES.agent]: "The agent's own contact (by email; Freshdesk creates it if missing)",
          [FRESHDESK_CONTACT_MODES.fixed]: "One fixed contact (unique external ID)"
        }
      }
    },
    {
      name: "freshdesk_contact_external_id",
      secure: false,
      maxLength: 255,
      field: {
        kind: "text",
        label: "Fixed contact's unique external ID",
        hint: "The unique_external_id of the Freshdesk contact that collects every activity.",
        default: "",
        missing: "Enter the unique external ID of the contact.",
        onlyWhen: { iparam: "freshdesk_contact_mode", value: FRESHDESK_CONTACT_MODES.fixed }
      }
    }
  ],
  templates: { createContactActivity: "freshdeskCreateContactActivity", verifyCredentials: "freshdeskVerifyCredentials" }
};

const DESCRIPTORS$1 = [freshdesk, customerGauge];
function iparamsWhere(test) {
  return DESCRIPTORS$1.flatMap((d) => d.iparams.filter(test).map((p) => p.name));
}
const SECURE_IPARAMS = iparamsWhere((p) => p.secure);
const DESTINATION_LABELS = DESCRIPTORS$1.map((d) => d.label);

const KNOWN_EVENT_KINDS = ["GeneralAvailability", "Intelliassign"];
const LATER_KINDS_OPTION = "Kinds added later";
const EVENT_KINDS = [...KNOWN_EVENT_KINDS, LATER_KINDS_OPTION];
const UNVERIFIED_IPARAM = "unverified_destinations";
const PAGE_IPARAMS = DESCRIPTORS$1.flatMap(
  (destination) => destination.iparams.flatMap((p) => p.field && p.derived !== true ? [{ ...p, field: p.field, destination }] : [])
);
const IPARAM_DEFAULTS = {
  destinations: [...DESTINATION_LABELS],
  event_kinds: [...EVENT_KINDS],
  ...Object.fromEntries(PAGE_IPARAMS.filter((p) => p.field.kind !== "secret").map((p) => [p.name, p.field.default]))
};
function choiceErrors(values) {
  const errors = {};
  if (values.destinations.length === 0 || !values.destinations.every((d) => DESTINATION_LABELS.includes(d))) {
    errors.destinations = "Choose at least one destination.";
  }
  if (values.event_kinds.length === 0 || !values.event_kinds.every((k) => EVENT_KINDS.includes(k))) {
    errors.event_kinds = "Choose at least one kind of change to forward.";
  }
  return errors;
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
function unreachable(what, status) {
  return { ok: false, message: `${what} could not be reached (${status ? `HTTP ${status}` : "no answer"}). Try again later.` };
}

function basicCredentials(clientId, clientSecret) {
  const bytes = new TextEncoder().encode(`${clientId}:${clientSecret}`);
  return btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join(""));
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
  for (const region of CUSTOMERGAUGE_REGIONS.filter((r) => r !== chosen)) {
    if (await tokenStatus(region, credentials) === 200) return region;
  }
  return void 0;
}
const credentialsOf = (values, secrets) => basicCredentials(values.cg_client_id, secrets.cg_client_secret);
const customerGaugePage = {
  errors: () => ({}),
  async test(values, secrets) {
    const region = values.cg_region;
    const credentials = credentialsOf(values, secrets);
    const status = await tokenStatus(region, credentials);
    if (status >= 200 && status < 300) return { ok: true, message: `Connected: CustomerGauge ${region} issued a token for this client.` };
    if (!isRefusal(status)) return unreachable(`CustomerGauge ${region}`, status);
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
      message: `CustomerGauge rejected this client ID or secret (tried ${CUSTOMERGAUGE_REGIONS.join(", ")}).`
    };
  },
  derive: (values, secrets) => ({ cg_client_credentials: credentialsOf(values, secrets) })
};

const SUFFIX = ".freshdesk.com";
function normaliseSubdomain(input) {
  const host = input.trim().toLowerCase().replace(/^https?:\/\//, "").replace(/\/$/, "");
  return host.endsWith(SUFFIX) ? host.slice(0, -SUFFIX.length) : host;
}
const isFreshdeskSubdomain = (value) => new RegExp(FRESHDESK_SUBDOMAIN_PATTERN).test(value);
function agentName(response) {
  try {
    const name = JSON.parse(response).contact?.name;
    return typeof name === "string" && name !== "" ? ` as ${name}` : "";
  } catch {
    return "";
  }
}
function failure(host, status) {
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
  return unreachable(host, status);
}
const freshdeskPage = {
  normalise: { freshdesk_subdomain: normaliseSubdomain },
  errors(values) {
    const subdomain = values.freshdesk_subdomain;
    return subdomain === "" || isFreshdeskSubdomain(subdomain) ? {} : { freshdesk_subdomain: "Only a Freshdesk address is accepted: acme or acme.freshdesk.com." };
  },
  savedAs: { freshdesk_subdomain: (saved) => `Saved as ${saved}: requests go to https://${saved}${SUFFIX}/.` },
  async test(values, secrets) {
    const subdomain = values.freshdesk_subdomain;
    const host = `${subdomain}${SUFFIX}`;
    try {
      const client = await fdkClient();
      const answer = await client.request.invokeTemplate("freshdeskVerifyCredentials", {
        context: { subdomain, api_key: secrets.freshdesk_api_key }
      });
      return { ok: true, message: `Connected to ${host}${agentName(answer.response)}.` };
    } catch (err) {
      return failure(host, statusOf(err));
    }
  },
  derive: () => ({})
};

const PAGES = {
  freshdesk: freshdeskPage,
  customergauge: customerGaugePage
};

const CRAYONS_TAGS = ["fw-input", "fw-radio-group", "fw-checkbox", "fw-button"];
const ALL_FIELDS = [
  "destinations",
  "event_kinds",
  ...PAGE_IPARAMS.filter((p) => p.field.kind !== "flag").map((p) => p.name)
];
function byId(id) {
  const found = document.getElementById(id);
  if (!found) throw new Error(`the installation page has no element #${id}`);
  return found;
}
const sectionIds = (d) => ({
  section: `${d.id}-section`,
  test: `${d.id}-test`,
  result: `${d.id}-test-result`
});
const rowId = (name) => `${name}-row`;
function element(tag, attributes, text2) {
  const made = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) if (value !== void 0) made.setAttribute(name, value);
  if (text2 !== void 0) made.textContent = text2;
  return made;
}
function choiceElement(p) {
  const { field } = p;
  const group = element("fw-radio-group", {
    id: p.name,
    name: p.name,
    label: field.label,
    "aria-label": field.label,
    "hint-text": field.hint
  });
  for (const option of p.options ?? []) group.append(element("fw-radio", { value: option }, field.optionLabels?.[option] ?? option));
  return group;
}
function inputElement(p) {
  const { field } = p;
  const secret = field.kind === "secret" ? { type: "password", autocomplete: "new-password" } : {};
  const limit = p.maxLength === void 0 ? {} : { maxlength: String(p.maxLength) };
  return element("fw-input", {
    id: p.name,
    name: p.name,
    label: field.label,
    "hint-text": field.hint,
    placeholder: field.placeholder,
    required: "",
    ...limit,
    ...secret
  });
}
function fieldElement(p) {
  if (p.field.kind === "flag") return element("fw-checkbox", { id: p.name, name: p.name, value: "yes" }, p.field.label);
  return p.field.kind === "choice" ? choiceElement(p) : inputElement(p);
}
function section(d) {
  const ids = sectionIds(d);
  const part = element("section", { id: ids.section, "aria-labelledby": `${d.id}-heading` });
  part.append(element("h2", { id: `${d.id}-heading` }, d.label));
  for (const p of PAGE_IPARAMS.filter((q) => q.destination.id === d.id)) {
    const made = fieldElement(p);
    if (!p.field.onlyWhen) {
      part.append(made);
      continue;
    }
    const row = element("div", { id: rowId(p.name), hidden: "" });
    row.append(made);
    part.append(row);
  }
  const test = element("div", { class: "test-row" });
  test.append(element("fw-button", { id: ids.test, color: "secondary" }, `Test ${d.label} connection`));
  test.append(element("p", { id: ids.result, class: "test-result", role: "status", hidden: "" }));
  part.append(test);
  return part;
}
function renderDestinations() {
  const choices = byId("destinations");
  for (const d of DESCRIPTORS$1) choices.append(element("fw-checkbox", { value: d.label }, `${d.label} (${d.receives})`));
  byId("destination-sections").replaceChildren(...DESCRIPTORS$1.map(section));
}
const text = (id) => String(byId(id).value ?? "");
function ticked(group) {
  return Array.from(byId(group).querySelectorAll("fw-checkbox")).filter((box) => box.checked === true).map((box) => box.getAttribute("value") ?? "");
}
function readValues() {
  const values = { destinations: ticked("destinations"), event_kinds: ticked("event_kinds") };
  for (const p of PAGE_IPARAMS) {
    if (p.field.kind === "secret") continue;
    values[p.name] = p.field.kind === "flag" ? byId(p.name).checked === true : text(p.name);
  }
  return values;
}
function readSecrets() {
  return Object.fromEntries(
    PAGE_IPARAMS.filter((p) => p.field.kind === "secret").map((p) => [p.name, text(p.name).trim()])
  );
}
function writeValues(values) {
  for (const group of ["destinations", "event_kinds"]) {
    for (const box of Array.from(byId(group).querySelectorAll("fw-checkbox")))
      box.checked = values[group].includes(box.getAttribute("value") ?? "");
  }
  for (const p of PAGE_IPARAMS) {
    if (p.field.kind === "secret") continue;
    const value = values[p.name];
    if (p.field.kind === "flag") byId(p.name).checked = value === true;
    else byId(p.name).value = String(value);
  }
}
function showError(field, message) {
  const shown = byId(field);
  if (shown.tagName === "FW-INPUT" || shown.tagName === "FW-RADIO-GROUP") {
    shown.state = message ? "error" : "normal";
    shown.errorText = message ?? "";
    return;
  }
  const paragraph = byId(`${field}-error`);
  paragraph.textContent = message ?? "";
  paragraph.hidden = !message;
}
function shownError(field) {
  const shown = byId(field);
  if (shown.tagName === "FW-INPUT" || shown.tagName === "FW-RADIO-GROUP") return shown.state === "error" ? shown.errorText ?? "" : "";
  return byId(`${field}-error`).textContent ?? "";
}
function showErrors(errors) {
  for (const field of ALL_FIELDS) showError(field, errors[field]);
}

function isShown(p, values) {
  const when = p.field.onlyWhen;
  return values.destinations.includes(p.destination.label) && (!when || values[when.iparam] === when.value);
}
function normalised(values) {
  const out = { ...values };
  for (const p of PAGE_IPARAMS) {
    const typed = out[p.name];
    if (typeof typed !== "string") continue;
    const normalise = PAGES[p.destination.id].normalise?.[p.name];
    out[p.name] = normalise ? normalise(typed) : typed.trim();
  }
  return out;
}
function fieldError(p, value) {
  if (p.field.kind === "flag") return void 0;
  if (p.options) return p.options.includes(String(value)) ? void 0 : p.field.missing;
  if (value === "") return p.field.missing;
  return p.maxLength !== void 0 && Array.from(String(value)).length > p.maxLength ? `At most ${p.maxLength} characters.` : void 0;
}
function fieldErrors(values, secrets) {
  const all = { ...values, ...secrets };
  const errors = {};
  for (const p of PAGE_IPARAMS.filter((q) => isShown(q, values))) {
    const error = fieldError(p, all[p.name]);
    if (error) errors[p.name] = error;
  }
  return errors;
}
function settingsErrors(typed, secrets) {
  const values = normalised(typed);
  const own = DESCRIPTORS$1.filter((d) => values.destinations.includes(d.label)).map((d) => PAGES[d.id].errors(values, secrets));
  return Object.assign({}, ...own, choiceErrors(values), fieldErrors(values, secrets));
}

const DESCRIPTORS = DESCRIPTORS$1;
let configsApplied = false;
let openedWith = IPARAM_DEFAULTS.destinations;
let refusals = {};
let unverified = [];
const pageOf = (d) => PAGES[d.id];
const ownerOf = (field) => PAGE_IPARAMS.find((p) => p.name === field)?.destination;
const secretLabels = (d) => PAGE_IPARAMS.filter((p) => p.destination === d && p.field.kind === "secret").map((p) => p.field.label);
const crayonsReady = () => Promise.all(CRAYONS_TAGS.map((tag) => customElements.whenDefined(tag)));
function syncVisibility(values) {
  for (const d of DESCRIPTORS) byId(sectionIds(d).section).hidden = !values.destinations.includes(d.label);
  for (const p of PAGE_IPARAMS) if (p.field.onlyWhen) byId(rowId(p.name)).hidden = !isShown(p, values);
}
function syncDestinationNote(values) {
  const lost = DESCRIPTORS.filter((d) => openedWith.includes(d.label) && !values.destinations.includes(d.label));
  const note = byId("destinations-note");
  note.textContent = lost.map((d) => `${d.label} off: its ${secretLabels(d).join(" and ")} will not be saved; switching it on again needs them typed again.`).join(" ");
  note.hidden = lost.length === 0;
}
function syncHint(field, values, errors) {
  const iparam = PAGE_IPARAMS.find((p) => p.name === field);
  const savedAs = iparam && pageOf(iparam.destination).savedAs?.[field];
  if (!savedAs) return;
  const saved = String(normalised(values)[field]);
  byId(field).setAttribute("hint-text", saved !== "" && !errors[field] ? savedAs(saved) : iparam.field.hint ?? "");
}
function askSecretsAgain() {
  for (const p of PAGE_IPARAMS.filter((q) => q.field.kind === "secret"))
    byId(p.name).setAttribute(
      "hint-text",
      `Enter it again on every save: the platform never shows a saved secret to this page, and does not document keeping one left out. ${p.field.hint ?? ""}`.trim()
    );
}
function currentErrors() {
  return { ...settingsErrors(readValues(), readSecrets()), ...refusals };
}
function recheck(edited) {
  const errors = currentErrors();
  const typed = { ...readValues(), ...readSecrets() };
  for (const field of ALL_FIELDS) {
    const judgeNow = field === edited && typed[field] !== "" && typed[field] !== void 0;
    if (judgeNow || shownError(field) !== "") showError(field, errors[field]);
  }
  if (edited) syncHint(edited, readValues(), errors);
}
function dropResults(destination) {
  const stale = destination ? [destination] : DESCRIPTORS;
  refusals = Object.fromEntries(Object.entries(refusals).filter(([field]) => !stale.includes(ownerOf(field))));
  for (const d of stale) byId(sectionIds(d).result).hidden = true;
}
function fieldOf(event) {
  const selector = ALL_FIELDS.map((field) => `#${field}`).join(",");
  const found = event.target?.closest(selector);
  return found ? found.id : void 0;
}
function onEdit(event) {
  const field = fieldOf(event);
  if (!field) return;
  dropResults(ownerOf(field));
  const values = readValues();
  syncVisibility(values);
  syncDestinationNote(values);
  recheck(field);
}
function showResult(d, result) {
  const paragraph = byId(sectionIds(d).result);
  paragraph.textContent = result.message;
  paragraph.className = `test-result ${result.ok ? "ok" : "bad"}`;
  paragraph.hidden = false;
}
async function checkConnection(d) {
  showResult(d, { ok: true, message: "Testing\u2026" });
  const result = await pageOf(d).test(normalised(readValues()), readSecrets());
  showResult(d, result);
  if (result.refused && result.field) refusals = { ...refusals, [result.field]: result.message };
  return result;
}
const errorsOf = (d, errors) => Object.entries(errors).filter(([field]) => ownerOf(field) === d);
async function onTest(d) {
  dropResults(d);
  const errors = errorsOf(d, settingsErrors(readValues(), readSecrets()));
  for (const [field, message] of errors) showError(field, message);
  if (errors.length > 0) return showResult(d, { ok: false, message: "Fix the fields marked in red first." });
  const result = await checkConnection(d);
  recheck(void 0);
  if (result.field) showError(result.field, refusals[result.field]);
}
function showUnverified(when) {
  const note = byId("unverified-note");
  const names = DESCRIPTORS.filter((d) => unverified.includes(d.label));
  note.textContent = names.map(
    (d) => `Not verified${when === "now" ? "" : " at the last save"}: the ${secretLabels(d).join(" and ")} for ${d.label} (${d.label} could not be reached). Deliveries to ${d.label} fail until they work: test the connection again.`
  ).join(" ");
  note.hidden = names.length === 0;
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
}
async function getConfigs(configs) {
  const values = savedValues(configs ?? {});
  const stored = (configs ?? {})[UNVERIFIED_IPARAM];
  unverified = Array.isArray(stored) ? stored.filter((name) => typeof name === "string") : [];
  openedWith = values.destinations;
  configsApplied = true;
  await crayonsReady();
  applyValues(values);
  askSecretsAgain();
  showUnverified("last save");
}
async function validate() {
  refusals = {};
  const errors = settingsErrors(readValues(), readSecrets());
  showErrors(errors);
  if (Object.keys(errors).length > 0) return false;
  const on = DESCRIPTORS.filter((d) => readValues().destinations.includes(d.label));
  const results = await Promise.all(on.map(async (d) => [d, await checkConnection(d)]));
  showErrors(refusals);
  unverified = results.filter(([, result]) => !result.ok && !result.refused).map(([d]) => d.label);
  showUnverified("now");
  return results.every(([, result]) => !result.refused);
}
function postConfigs() {
  const values = normalised(readValues());
  const secrets = readSecrets();
  const configs = { __meta: { secure: [...SECURE_IPARAMS] }, ...values, [UNVERIFIED_IPARAM]: unverified };
  for (const d of DESCRIPTORS.filter((q) => values.destinations.includes(q.label))) {
    for (const p of PAGE_IPARAMS.filter((q) => q.destination === d && q.field.kind === "secret"))
      configs[p.name] = secrets[p.name];
    Object.assign(configs, pageOf(d).derive(values, secrets));
  }
  return configs;
}
renderDestinations();
async function start() {
  await crayonsReady();
  if (!configsApplied) applyValues({ ...IPARAM_DEFAULTS });
  for (const name of ["fwInput", "fwChange"]) document.addEventListener(name, onEdit);
  for (const d of DESCRIPTORS) byId(sectionIds(d).test).addEventListener("click", () => void onTest(d));
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
