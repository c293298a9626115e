/* Built from src/ (source 7f0f4a37f3faac211abe55b698fbf30e6097400c75cad926f9e96ca120b9d772) by `npm run build`; do not edit. */
const typebox = require('@sinclair/typebox');
const Ajv = require('ajv');

const CUSTOMERGAUGE_REGIONS = ["eu", "us", "au"];
const customerGauge$1 = {
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
const freshdesk$1 = {
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

const DESCRIPTORS = [freshdesk$1, customerGauge$1];
function iparamsWhere(test) {
  return DESCRIPTORS.flatMap((d) => d.iparams.filter(test).map((p) => p.name));
}
const SECURE_IPARAMS = iparamsWhere((p) => p.secure);
const DESTINATION_LABELS = DESCRIPTORS.map((d) => d.label);

const REDACTED$1 = "[redacted]";
const PATTERNS = [
  // Authorization header values: "Bearer eyJ…", "Basic c2Fu…" (a value with a digit or base64 punctuation, not a word).
  /\b(Bearer|Basic)\s+(?=[A-Za-z._~+/=-]*[0-9+/=])[A-Za-z0-9._~+/=-]{8,}/gi,
  // JSON or form fields whose name says credential: "access_token":"…", client_secret=…
  /((?:access|refresh|id)_?token|token|secret|client_secret|password|api_?key|apikey|authorization|credentials?)("?\s*[:=]\s*"?)([^"&\s,;}]{4,})/gi,
  // A JWT anywhere.
  /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g
];
function scrubCredentials(text) {
  let out = text;
  out = out.replace(PATTERNS[0], (_m, scheme) => `${scheme} ${REDACTED$1}`);
  out = out.replace(PATTERNS[1], (_m, name, sep) => `${name}${sep}${REDACTED$1}`);
  return out.replace(PATTERNS[2], REDACTED$1);
}

const HANGUL_SYLLABLE = "[\\u1100-\\u115F\\uA960-\\uA97C]+[\\u1160-\\u11A7\\uD7B0-\\uD7C6]*[\\u11A8-\\u11FF\\uD7CB-\\uD7FB]*";
const CONJUNCT = "[\\u094D\\u09CD\\u0ACD\\u0B4D\\u0C4D\\u0D4D][\\p{M}\\u200D]*[\\u0915-\\u0939\\u0958-\\u095F\\u0978-\\u097F\\u0995-\\u09B9\\u09DC-\\u09DF\\u09F0\\u09F1\\u0A95-\\u0AB9\\u0AF9\\u0B15-\\u0B39\\u0B5C-\\u0B5F\\u0B71\\u0C15-\\u0C39\\u0C58-\\u0C5A\\u0D15-\\u0D3A]";
const EXTEND = `${CONJUNCT}|[\\p{M}\\p{Emoji_Modifier}\\u200C\\u{E0020}-\\u{E007F}]|\\u200D\\p{Extended_Pictographic}?`;
const CLUSTER = new RegExp(`\\r\\n|\\p{Regional_Indicator}{2}|(?:${HANGUL_SYLLABLE}|[\\s\\S])(?:${EXTEND})*`, "gu");
function graphemesByPattern(text) {
  return text.match(CLUSTER) ?? [];
}
function platformSegmenter() {
  const Ctor = typeof Intl === "object" ? Intl.Segmenter : void 0;
  return typeof Ctor === "function" ? new Ctor(void 0, { granularity: "grapheme" }) : null;
}
let segmenter;
function graphemes(text) {
  if (segmenter === void 0) segmenter = platformSegmenter();
  return segmenter ? Array.from(segmenter.segment(text), (part) => part.segment) : graphemesByPattern(text);
}
function truncate(text, max) {
  if (text.length <= max || Array.from(text).length <= max) return text;
  let kept = "";
  let used = 0;
  for (const cluster of graphemes(text)) {
    const size = Array.from(cluster).length;
    if (used + size > max - 1) break;
    kept += cluster;
    used += size;
  }
  return kept + "\u2026";
}
function cyrb53(text, seed) {
  let h1 = 3735928559 ^ seed;
  let h2 = 1103547991 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ h1 >>> 16, 2246822507) ^ Math.imul(h2 ^ h2 >>> 13, 3266489909);
  h2 = Math.imul(h2 ^ h2 >>> 16, 2246822507) ^ Math.imul(h1 ^ h1 >>> 13, 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
function digest(text) {
  return cyrb53(text, 1).toString(36) + cyrb53(text, 2).toString(36);
}
const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
function utf8Bytes$1(text) {
  return unescape(encodeURIComponent(text));
}
function base64OfBytes(bytes) {
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const n = bytes.charCodeAt(i) << 16 | (bytes.charCodeAt(i + 1) || 0) << 8 | (bytes.charCodeAt(i + 2) || 0);
    const chunk = [18, 12, 6, 0].map((shift) => BASE64[n >> shift & 63]).join("");
    out += chunk.slice(0, Math.min(4, bytes.length - i + 1)).padEnd(4, "=");
  }
  return out;
}
function base64(text) {
  return base64OfBytes(utf8Bytes$1(text));
}
function unbase64(text) {
  const digits = Array.from(text.replace(/=+$/, ""), (c) => {
    const value = BASE64.indexOf(c);
    if (value < 0) throw new Error("not base64");
    return value;
  });
  let binary = "";
  for (let i = 0; i < digits.length; i += 4) {
    const n = digits[i] << 18 | (digits[i + 1] ?? 0) << 12 | (digits[i + 2] ?? 0) << 6 | (digits[i + 3] ?? 0);
    const count = Math.min(3, (digits.length - i) * 6 >> 3);
    for (let j = 0; j < count; j++) binary += String.fromCharCode(n >> 16 - 8 * j & 255);
  }
  return decodeURIComponent(escape(binary));
}

const REDACTED = "[redacted]";
const MIN_SECRET_CHARS = 4;
const FRAGMENT_CHARS = 8;
const MAX_DECODE_DEPTH = 3;
const MAX_VALUE_DEPTH = 32;
function parentSpan(segments, i) {
  let [low, high] = [0, segments.length - 1];
  while (low < high) {
    const mid = low + high + 1 >> 1;
    if (segments[mid].at <= i) low = mid;
    else high = mid - 1;
  }
  const segment = segments[low];
  const offset = segment.from + (i - segment.at);
  return segment.literal ? [offset, offset + 1] : [segment.from, segment.to];
}
function sourceOf(view, [start, end]) {
  if (!view.parent || !view.segments) return [start, end];
  return sourceOf(view.parent, [parentSpan(view.segments, start)[0], parentSpan(view.segments, end - 1)[1]]);
}
function decodeWith(view, { trigger, step }) {
  const { chars } = view;
  const starts = new RegExp(trigger.source, "g");
  const parts = [];
  const segments = [];
  let [copied, length] = [0, 0];
  const add = (text, from, to, literal) => {
    parts.push(text);
    segments.push({ at: length, length: text.length, from, to, literal });
    length += text.length;
  };
  for (let found = starts.exec(chars); found; found = starts.exec(chars)) {
    const decoded = step(chars, found.index);
    if (!decoded) continue;
    if (found.index > copied) add(chars.slice(copied, found.index), copied, found.index, true);
    add(decoded.text, found.index, found.index + decoded.used, false);
    copied = starts.lastIndex = found.index + decoded.used;
  }
  if (segments.length === 0) return null;
  if (copied < chars.length) add(chars.slice(copied), copied, chars.length, true);
  return { chars: parts.join(""), parent: view, segments };
}
const JSON_ESCAPES = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "	" };
const jsonStep = (chars, i) => {
  if (chars[i] !== "\\") return null;
  const next = chars[i + 1];
  if (next === "u" && /^[0-9a-f]{4}$/i.test(chars.slice(i + 2, i + 6)))
    return { text: String.fromCharCode(parseInt(chars.slice(i + 2, i + 6), 16)), used: 6 };
  return next !== void 0 && next in JSON_ESCAPES ? { text: JSON_ESCAPES[next], used: 2 } : null;
};
const PERCENT_BYTES = /^(?:%[0-9a-f]{2}){1,4}/i;
const utf8Length = (byte) => byte >= 240 ? 4 : byte >= 224 ? 3 : byte >= 192 ? 2 : 1;
const urlStep = (chars, i) => {
  if (chars[i] === "+") return { text: " ", used: 1 };
  const bytes = chars[i] === "%" ? PERCENT_BYTES.exec(chars.slice(i, i + 12))?.[0] : void 0;
  if (!bytes) return null;
  const used = 3 * Math.min(utf8Length(parseInt(bytes.slice(1, 3), 16)), bytes.length / 3);
  try {
    return { text: decodeURIComponent(bytes.slice(0, used)), used };
  } catch {
    return null;
  }
};
const HTML_NAMED = { quot: '"', amp: "&", lt: "<", gt: ">", apos: "'" };
function entityText(name) {
  if (!name.startsWith("#")) return HTML_NAMED[name];
  const code = name.startsWith("#x") ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
  return code <= 1114111 ? String.fromCodePoint(code) : void 0;
}
const htmlStep = (chars, i) => {
  const entity = chars[i] === "&" ? /^&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,4});/i.exec(chars.slice(i, i + 12)) : null;
  const text = entity ? entityText(entity[1].toLowerCase()) : void 0;
  return entity && text !== void 0 ? { text, used: entity[0].length } : null;
};
const JSON_DECODER = { trigger: /\\/, step: jsonStep };
const URL_DECODER = { trigger: /[%+]/, step: urlStep };
const HTML_DECODER = { trigger: /&/, step: htmlStep };
const ANY_DECODER = {
  trigger: /[\\%+&]/,
  step: (chars, i) => jsonStep(chars, i) ?? urlStep(chars, i) ?? htmlStep(chars, i)
};
const DECODERS = [JSON_DECODER, URL_DECODER, HTML_DECODER, ANY_DECODER];
function viewsOf(text) {
  const views = [{ chars: text }];
  for (const decoder of DECODERS) {
    let view = views[0];
    for (let depth = 0; depth < MAX_DECODE_DEPTH && view; depth++) {
      view = decodeWith(view, decoder);
      if (view) views.push(view);
    }
  }
  return views;
}
function fold(text) {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  let out = "";
  for (const char of text) {
    const lower2 = char.toLowerCase();
    out += lower2.length === char.length ? lower2 : char;
  }
  return out;
}
function findSecrets(haystack, secrets) {
  const spans = [];
  const each = (piece, found) => {
    for (let at = haystack.indexOf(piece); at >= 0; at = haystack.indexOf(piece, at + 1)) found(at);
  };
  for (const secret of secrets) {
    if (secret.length <= FRAGMENT_CHARS) {
      each(secret, (at) => spans.push([at, at + secret.length]));
      continue;
    }
    each(secret.slice(0, FRAGMENT_CHARS), (at) => {
      let end = at + FRAGMENT_CHARS;
      while (end < haystack.length && end - at < secret.length && haystack[end] === secret[end - at]) end++;
      spans.push([at, end]);
    });
    each(secret.slice(-FRAGMENT_CHARS), (at) => {
      let start = at;
      let k = secret.length - FRAGMENT_CHARS;
      while (start > 0 && k > 0 && haystack[start - 1] === secret[k - 1]) [start, k] = [start - 1, k - 1];
      spans.push([start, at + FRAGMENT_CHARS]);
    });
  }
  return spans;
}
const BASE64_CHAR = /[A-Za-z0-9+/_=-]/;
function base64Cores(bytes) {
  return [0, 1, 2].map(
    (k) => base64OfBytes("\0".repeat(k) + bytes).slice(Math.ceil(8 * k / 6), Math.floor(8 * (k + bytes.length) / 6))
  );
}
function bytesOf(secret) {
  try {
    return utf8Bytes$1(secret);
  } catch {
    return secret;
  }
}
function secretCores(secret) {
  const bytes = bytesOf(secret);
  const pieces = bytes.length <= FRAGMENT_CHARS ? [bytes] : [bytes.slice(0, FRAGMENT_CHARS), bytes.slice(-FRAGMENT_CHARS)];
  return pieces.flatMap(base64Cores).filter((core) => core.length > 0);
}
function encodedForms(secret) {
  const json = [JSON.stringify(secret).slice(1, -1), JSON.stringify(JSON.stringify(secret)).slice(3, -3)];
  return [.../* @__PURE__ */ new Set([secret, ...json, ...urlForms(secret)])];
}
function urlForms(secret) {
  try {
    const url = encodeURIComponent(secret);
    return [url, url.replace(/%20/g, "+")];
  } catch {
    return [];
  }
}
function findBase64(chars, cores) {
  const standard = chars.replace(/-/g, "+").replace(/_/g, "/");
  const spans = [];
  for (const core of cores) {
    for (let at = standard.indexOf(core); at >= 0; at = standard.indexOf(core, at + 1)) {
      let [start, end] = [at, at + core.length];
      while (start > 0 && BASE64_CHAR.test(chars[start - 1])) start--;
      while (end < chars.length && BASE64_CHAR.test(chars[end])) end++;
      spans.push([start, end]);
    }
  }
  return spans;
}
function mergeSpans(spans) {
  const sorted = spans.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  const merged = [];
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push([...span]);
  }
  return merged;
}
function replaceSpans(text, spans) {
  let out = "";
  let at = 0;
  for (const [start, end] of mergeSpans(spans)) {
    out += text.slice(at, start) + REDACTED;
    at = end;
  }
  return out + text.slice(at);
}
class SecretRedactor {
  constructor(secrets) {
    this.secrets = /* @__PURE__ */ new Set();
    this.forms = null;
    for (const secret of secrets) this.learn(secret);
  }
  learn(secret) {
    if (typeof secret !== "string" || secret.length < MIN_SECRET_CHARS || this.secrets.has(secret)) return;
    this.secrets.add(secret);
    this.forms = null;
  }
  text(text) {
    return typeof text === "string" ? scrubCredentials(this.secretsOut(text)) : text;
  }
  /** `text` without the secrets this redactor knows. */
  secretsOut(text) {
    return this.secrets.size === 0 || text === "" ? text : replaceSpans(text, this.spansIn(text));
  }
  excerpt(text, max) {
    return truncate(this.text(text), max);
  }
  value(value) {
    return this.holdsNothing(value) ? value : this.walk(value, 0);
  }
  /**
   * True when the JSON text of `value` holds no secret: one scan
   * instead of one per string (its JSON-decoded view reads every string as it is). Too deep to
   * serialise: false, and the walk bounds it.
   */
  holdsNothing(value) {
    let json;
    try {
      json = JSON.stringify(value);
    } catch {
      return false;
    }
    return json === void 0 || this.secretsOut(json) === json;
  }
  walk(value, depth) {
    if (typeof value === "string") return this.secretsOut(value);
    if (typeof value !== "object" || value === null) return value;
    if (depth >= MAX_VALUE_DEPTH) return "\u2026";
    if (Array.isArray(value)) return value.map((item) => this.walk(item, depth + 1));
    return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, this.walk(item, depth + 1)]));
  }
  /** Source spans of every match, in any view; a base64 run holding a secret (or a piece a cut leaves) goes whole. */
  spansIn(text) {
    this.forms = this.forms ?? { folded: [...this.secrets].flatMap(encodedForms).map(fold), cores: [...this.secrets].flatMap(secretCores) };
    const { folded, cores } = this.forms;
    return viewsOf(text).flatMap(
      (view) => [...findSecrets(fold(view.chars), folded), ...findBase64(view.chars, cores)].map((span) => sourceOf(view, span))
    );
  }
}
function createRedactor(secrets = []) {
  return new SecretRedactor(secrets);
}
function secureValues(iparams) {
  return SECURE_IPARAMS.map((name) => iparams?.[name]).filter((v) => typeof v === "string");
}
function redactorFor(iparams) {
  return createRedactor(secureValues(iparams));
}

class DeliveryError extends Error {
  constructor(detail) {
    super(detail.message);
    this.status = detail.status;
  }
}
class RetryableError extends DeliveryError {
  constructor(detail) {
    super(detail);
    this.retryAfterMs = detail.retryAfterMs ?? null;
    this.mayHaveLanded = detail.mayHaveLanded ?? false;
  }
}
class NotSentError extends RetryableError {
}
class PlatformQuotaError extends NotSentError {
}
class AuthError extends DeliveryError {
}
class PayloadInvalidError extends DeliveryError {
}
const messageOf = (err) => String(err?.message);
class HttpStatusError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}
const MAX_REASON = 300;
const SHAPES_ONLY = createRedactor();
function reasonOf(err, redactor = SHAPES_ONLY) {
  const text = err instanceof Error ? err.message || err.name : typeof err === "string" ? err : describeValue(err);
  return redactor.excerpt(text, MAX_REASON);
}
function describeValue(err) {
  const { status, message } = err ?? {};
  const text = typeof message === "string" && message !== "" ? message : null;
  if (typeof status === "number") return text ? `HTTP ${status}: ${text}` : `HTTP ${status}`;
  return text ?? jsonOf(err);
}
function jsonOf(value) {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return "unknown error";
  }
}

const SECONDS_CUTOFF = 1e11;
function parseTimestamp(value) {
  if (typeof value === "number") return epochToMs(value);
  return typeof value === "string" ? parseText(value.trim()) : null;
}
function parseText(text) {
  if (/^\d+(\.\d+)?$/.test(text)) return epochToMs(Number(text));
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : ms;
}
function epochToMs(value) {
  if (!Number.isFinite(value) || value <= 0) return null;
  return Math.round(value < SECONDS_CUTOFF ? value * 1e3 : value);
}
function isoUtcSeconds(ms) {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

const ajv = new Ajv.default({ allErrors: false, strict: false, useDefaults: true, meta: false, validateSchema: false, code: { optimize: false } });
const compiled = /* @__PURE__ */ new WeakMap();
function OneOf(values, options = {}) {
  return typebox.Type.Unsafe({ type: "string", enum: [...values], ...options });
}
function validate(schema, value, root) {
  let check = compiled.get(schema);
  if (!check) {
    check = ajv.compile(schema);
    compiled.set(schema, check);
  }
  if (check(value)) return { ok: true, value };
  return describeError(check.errors?.[0], root);
}
function describeError(error, root) {
  if (!error) return { ok: false, field: root, message: `${root} is invalid` };
  const path = error.instancePath.split("/").slice(1).map(decodePointer);
  const missing = error.params.missingProperty;
  const extra = error.params.additionalProperty;
  const field = [root, ...path, ...missing ? [missing] : [], ...extra ? [extra] : []].filter(Boolean).join(".");
  return { ok: false, field, message: `${field} ${explain(error, missing, extra)}` };
}
function explain(error, missing, extra) {
  if (missing) return "is required";
  if (extra) return "is not a known field";
  const allowed = error.params.allowedValues;
  return allowed ? `must be one of: ${allowed.join(", ")}` : error.message ?? "is invalid";
}
function decodePointer(segment) {
  return segment.replace(/~1/g, "/").replace(/~0/g, "~");
}

const Nullable = (schema) => typebox.Type.Optional(typebox.Type.Union([schema, typebox.Type.Null()]));
const Text = () => typebox.Type.String();
const Unused = () => typebox.Type.Optional(typebox.Type.Unknown());
const Id = typebox.Type.Unsafe({ type: ["string", "number"] });
const EARLIEST_EVENT_TIME = Date.UTC(2e3, 0, 1);
const LATEST_EVENT_TIME = Date.UTC(2100, 0, 1);
const Timestamp = typebox.Type.Unsafe({
  type: ["string", "number"],
  minLength: 1,
  maxLength: 64,
  exclusiveMinimum: 0,
  maximum: LATEST_EVENT_TIME
});
const ActorSchema = typebox.Type.Object({
  type: Text(),
  id: Nullable(Id),
  org_actor_id: Nullable(Id),
  first_name: Nullable(Text()),
  last_name: Nullable(Text()),
  email: Nullable(Text()),
  login_status: Unused(),
  sub_entity: Nullable(Text()),
  avatar: Unused()
});
const AgentActivitySchema = typebox.Type.Object({
  availability_event_type: typebox.Type.String({ minLength: 1 }),
  status: typebox.Type.String({ minLength: 1 }),
  prev_status: Nullable(Text()),
  status_change_timestamp: Timestamp,
  // Only the time in the previous status comes from it: an unreadable one is dropped and recorded.
  prev_status_change_timestamp: Unused(),
  custom_status_id: Nullable(Id),
  emoji: Nullable(Text()),
  email: Nullable(Text()),
  org_agent_id: Nullable(Id)
});
const AgentActivityEventSchema = typebox.Type.Object({
  data: typebox.Type.Object({
    actor: Nullable(ActorSchema),
    agent_activity: AgentActivitySchema
  }),
  account_id: Nullable(Id),
  domain: Nullable(Text()),
  // Set by the platform and not used by the app.
  region: Unused(),
  timestamp: Unused()
});

const ACTIVITY = "data.agent_activity";
const ACTOR = "data.actor";
const KEPT = { text: 200, short: 60 };
const absent = (value) => value === null || value === void 0 || value === "";
class FieldReader {
  constructor() {
    this.adjusted = {};
    this.agentIdPath = `${ACTIVITY}.org_agent_id`;
  }
  /** Text (or an id) of at most `max` code points; null when absent or empty. */
  text(path, value, max = KEPT.text) {
    if (absent(value)) return null;
    if (typeof value === "number" && !Number.isSafeInteger(value)) this.adjusted[path] = "imprecise";
    const text = String(value);
    const kept = truncate(text, max);
    if (kept !== text) this.adjusted[path] = "cut";
    return kept;
  }
  isImprecise(path) {
    return this.adjusted[path] === "imprecise";
  }
}
function eventTime(value) {
  const ms = parseTimestamp(value);
  return ms !== null && ms >= EARLIEST_EVENT_TIME && ms < LATEST_EVENT_TIME ? ms : null;
}
function parseAgentActivityEvent(payload) {
  const checked = validate(AgentActivityEventSchema, payload, "");
  if (!checked.ok) return explained(checked);
  const activity = checked.value.data.agent_activity;
  const changedAt = eventTime(activity.status_change_timestamp);
  if (changedAt === null) return unreadable(`${ACTIVITY}.status_change_timestamp`);
  const fields = new FieldReader();
  const prev = activity.prev_status_change_timestamp ?? null;
  const prevChangedAt = prev === null ? null : eventTime(prev);
  if (prev !== null && prevChangedAt === null) fields.adjusted[`${ACTIVITY}.prev_status_change_timestamp`] = "unreadable";
  return identified(normalise(checked.value, changedAt, prevChangedAt, fields), fields);
}
function explained(failure) {
  const name = failure.field.slice(failure.field.lastIndexOf(".") + 1);
  if (name === "status_change_timestamp") return unreadable(failure.field);
  if (!ID_FIELDS.has(name)) return failure;
  return { ...failure, message: `${failure.field} must be a string or a number` };
}
const ID_FIELDS = /* @__PURE__ */ new Set(["id", "org_actor_id", "org_agent_id", "custom_status_id", "account_id"]);
function identified(change, fields) {
  if (change.agent.email) return { ok: true, change };
  const field = fields.agentIdPath;
  if (!change.agent.id) {
    return { ok: false, field: `${ACTIVITY}.org_agent_id`, message: `${ACTIVITY}.org_agent_id or email is required to identify the agent` };
  }
  if (!fields.isImprecise(field)) return { ok: true, change };
  const message = `${field} is a number beyond 2^53 (digits lost in JSON) and no email identifies the agent: send the id as a string, or the email`;
  return { ok: false, field, message };
}
function unreadable(field) {
  return {
    ok: false,
    field,
    message: `${field} is not a readable timestamp (ISO 8601, or epoch seconds or milliseconds, between the years 2000 and 2100)`
  };
}
function agentName(event, fields) {
  const actor = event.data.actor;
  if (!actor || actor.type !== "agent") return null;
  return fields.text(`${ACTOR}.first_name+last_name`, [actor.first_name, actor.last_name].filter(Boolean).join(" "));
}
const NO_ACTOR = { type: "system" };
function agentOf(event, actor, fields) {
  const activity = event.data.agent_activity;
  const own = fields.text(`${ACTIVITY}.org_agent_id`, activity.org_agent_id);
  fields.agentIdPath = own !== null ? `${ACTIVITY}.org_agent_id` : `${ACTOR}.org_actor_id`;
  return {
    id: own ?? fields.text(`${ACTOR}.org_actor_id`, actor.org_actor_id),
    email: fields.text(`${ACTIVITY}.email`, activity.email) ?? fields.text(`${ACTOR}.email`, actor.email),
    name: agentName(event, fields)
  };
}
function actorIsAgent(event, actor, fields) {
  if (actor.type !== "agent") return false;
  const activity = event.data.agent_activity;
  const agentEmail = fields.text(`${ACTIVITY}.email`, activity.email);
  const actorEmail = fields.text(`${ACTOR}.email`, actor.email);
  if (agentEmail === null) return actorEmail !== null;
  if (actorEmail !== null) return agentEmail.toLowerCase() === actorEmail.toLowerCase();
  const agentId = fields.text(`${ACTIVITY}.org_agent_id`, activity.org_agent_id);
  return agentId !== null && agentId === fields.text(`${ACTOR}.org_actor_id`, actor.org_actor_id);
}
function normalise(event, changedAt, prevChangedAt, fields) {
  const activity = event.data.agent_activity;
  const actor = event.data.actor ?? NO_ACTOR;
  const agent = agentOf(event, actor, fields);
  const status = fields.text(`${ACTIVITY}.status`, activity.status);
  const prevStatus = fields.text(`${ACTIVITY}.prev_status`, activity.prev_status);
  const account = fields.text("account_id", event.account_id) ?? fields.text("domain", event.domain);
  const customStatusId = fields.text(`${ACTIVITY}.custom_status_id`, activity.custom_status_id);
  const identity = JSON.stringify([
    activity.availability_event_type,
    account,
    agent.id,
    agent.email,
    status,
    prevStatus,
    changedAt,
    prevChangedAt,
    customStatusId
  ]);
  const change = {
    key: digest(identity),
    kind: fields.text(`${ACTIVITY}.availability_event_type`, activity.availability_event_type, KEPT.short),
    status,
    prevStatus,
    changedAt,
    prevChangedAt,
    agent,
    actor: {
      type: fields.text(`${ACTOR}.type`, actor.type, KEPT.short),
      id: fields.text(`${ACTOR}.id`, actor.id),
      self: actorIsAgent(event, actor, fields)
    },
    customStatusId,
    emoji: fields.text(`${ACTIVITY}.emoji`, activity.emoji, KEPT.short),
    subEntity: fields.text(`${ACTOR}.sub_entity`, actor.sub_entity, KEPT.short),
    account
  };
  return Object.keys(fields.adjusted).length > 0 ? { ...change, adjusted: fields.adjusted } : change;
}

const EXCERPT_CHARS = 300;
const EXCERPT_DEPTH = 12;
const KEY_CHARS = 64 * 1024;
const KEY_DEPTH = 64;
function write(out, text) {
  out.parts.push(text);
  out.length += text.length;
}
const full = (out) => out.length >= out.maxChars;
function writeValue(out, value, depth) {
  if (value === null || typeof value !== "object") return write(out, JSON.stringify(value) ?? "null");
  if (depth >= out.maxDepth) return write(out, '"\u2026"');
  if (Array.isArray(value)) return writeArray(out, value, depth);
  writeObject(out, value, depth);
}
function writeArray(out, items, depth) {
  write(out, "[");
  for (let i = 0; i < items.length && !full(out); i++) {
    if (i > 0) write(out, ",");
    writeValue(out, items[i], depth + 1);
  }
  write(out, "]");
}
function writeObject(out, object, depth) {
  write(out, "{");
  const entries = Object.entries(object).filter(([, v]) => typeof v === "object" || JSON.stringify(v) !== void 0);
  for (let i = 0; i < entries.length && !full(out); i++) {
    if (i > 0) write(out, ",");
    write(out, `${JSON.stringify(entries[i][0])}:`);
    writeValue(out, entries[i][1], depth + 1);
  }
  write(out, "}");
}
function boundedJson(value, maxDepth, maxChars) {
  const out = { parts: [], length: 0, maxDepth, maxChars };
  writeValue(out, value, 0);
  return truncate(out.parts.join(""), maxChars);
}
function invalidPayloadIdentity(data) {
  return { key: `x${digest(boundedJson(data, KEY_DEPTH, KEY_CHARS))}`, excerpt: boundedJson(data, EXCERPT_DEPTH, EXCERPT_CHARS) };
}

const SKEW_MS = 6e4;
const MIN_LEAD_MS = 5 * 6e4 + SKEW_MS + 3e4;
const SKEW_RETRY_MS = 2 * 6e4;
const NAMES = {
  /** The engine's head (history page, HMAC key, outage marks, drop count): the one recurring schedule. */
  head: "history-head",
  /** A destination's cached OAuth token. */
  token: "cg-token",
  /** An event's lock and write-ahead copy: whoever holds it is the only one pushing this event. */
  writeAhead: (key) => `w${key}`,
  /** The backup of a copy that is expected to fire (pipeline/write-ahead.ts). */
  backupAhead: (key) => `b${key}`,
  /** A page's lock while its waiting pushes are drained. */
  pageLock: (page) => `s${page}`,
  /** A page lock's recovery that found the page held by another run: it runs again once that run is done. */
  pageRecovery: (page) => `v${page}`,
  /** Wake-ups of the drain: one per minute of a 16-minute wheel. */
  wake: (at) => `k${Math.floor(at / 6e4) % 16}`,
  /** A server method's share of this minute's `$db` reserve (see history/reserve.ts). */
  readToken: (minute, index) => `r${minute.toString(36)}-${index}`
};
const text = (err) => String(err?.message);
const statusOf$2 = (err) => {
  const status = err?.status;
  return typeof status === "number" ? status : 0;
};
function classifyCreate(err) {
  const message = text(err);
  if (statusOf$2(err) === 429) return "refused";
  if (statusOf$2(err) !== 400) return "failed";
  if (/already exists/i.test(message)) return "exists";
  if (/maximum number/i.test(message)) return "full";
  return /at least 5 minutes/i.test(message) ? "too_soon" : "failed";
}
const isoAt = (at) => new Date(at).toISOString();
const named = (name, data) => ({ ...data, name });
const rawSchedule = {
  create: (spec) => $schedule.create(spec),
  fetch: (name) => $schedule.fetch({ name }),
  delete: (name) => $schedule.delete({ name })
};
async function attemptCreate(name, data, at) {
  const when = Math.max(at, Date.now() + MIN_LEAD_MS);
  try {
    await rawSchedule.create({ name, data: named(name, data), schedule_at: isoAt(when) });
    return "created";
  } catch (err) {
    const result = classifyCreate(err);
    if (result !== "too_soon") return result;
    return rawSchedule.create({ name, data: named(name, data), schedule_at: isoAt(when + SKEW_RETRY_MS) }).then(
      () => "created",
      (again) => classifyCreate(again) === "exists" ? "exists" : "failed"
    );
  }
}
async function createOnce(name, data, at) {
  const result = await attemptCreate(name, data, at);
  return result === "refused" ? "failed" : result;
}
async function createHolder(name, data, at, ours) {
  const first = await attemptCreate(name, data, at);
  if (first !== "failed") return first === "refused" ? "failed" : first;
  const again = await createOnce(name, data, at);
  if (again !== "exists") return again;
  const found = await fetchSchedule(name).catch(() => null);
  return found && found.at > Date.now() + SKEW_MS && ours(found.data) ? "created" : "exists";
}
async function fetchSchedule(name) {
  try {
    const found = await rawSchedule.fetch(name);
    return { data: found.data ?? {}, at: Date.parse(found.schedule_at) };
  } catch (err) {
    if (statusOf$2(err) === 404) return null;
    throw err;
  }
}
async function moveOnce(name, data, at) {
  const when = Math.max(at, Date.now() + MIN_LEAD_MS);
  const move = (to) => $schedule.update({ name, data: named(name, data), schedule_at: isoAt(to) });
  try {
    await move(when);
    return true;
  } catch (err) {
    if (classifyCreate(err) !== "too_soon") return false;
    return move(when + SKEW_RETRY_MS).then(
      () => true,
      () => false
    );
  }
}
async function retakeOnce(name, data, ours = () => false) {
  const created = await createHolder(name, data, Date.now(), ours);
  if (created !== "exists") return created;
  const found = await fetchSchedule(name).catch(() => null);
  if (!found || found.at > Date.now() + SKEW_MS) return "exists";
  return await moveOnce(name, data, Date.now()) ? "created" : "failed";
}
async function releaseFired(data) {
  if (typeof data.name === "string") await removeSchedule(data.name);
}
async function upsertOnce(name, data, at) {
  const created = await createOnce(name, data, at);
  return created === "created" || created === "exists" && await moveOnce(name, data, at);
}
function removeSchedule(name) {
  return rawSchedule.delete(name).then(
    () => true,
    (err) => statusOf$2(err) === 404
  );
}
const DAY_MS$1 = 24 * 36e5;
async function writeRecurring(name, data, at = Date.now() + DAY_MS$1) {
  const when = Math.max(at, Date.now() + MIN_LEAD_MS);
  const spec = { name, data, schedule_at: isoAt(when), repeat: { time_unit: "days", frequency: 1 } };
  await $schedule.update(spec).catch(() => $schedule.create(spec));
}
async function createRecurring(name, data) {
  const spec = { name, data, schedule_at: isoAt(Date.now() + DAY_MS$1), repeat: { time_unit: "days", frequency: 1 } };
  try {
    await $schedule.create(spec);
    return "created";
  } catch (err) {
    const result = classifyCreate(err);
    return result === "too_soon" || result === "refused" ? "failed" : result;
  }
}

const count = (value) => typeof value === "number" && Number.isInteger(value) && value >= 0 ? value : 0;
const time = (value) => typeof value === "number" && Number.isFinite(value) ? value : null;
function readMark(mark, until) {
  return {
    until,
    failures: count(mark.failures),
    since: time(mark.since) ?? until,
    reason: typeof mark.reason === "string" ? mark.reason : "failing"
  };
}
function readMarks(value) {
  const marks = {};
  const entries = typeof value === "object" && value !== null ? Object.entries(value) : [];
  for (const [id, mark] of entries) {
    const until = time(mark?.until);
    if (until !== null) marks[id] = readMark(mark, until);
  }
  return marks;
}
function readData(data, secret) {
  return {
    page: count(data.page),
    opened_at: time(data.opened_at),
    open_from: count(data.open_from),
    failed_from: time(data.failed_from),
    wake_at: time(data.wake_at),
    backlog_at: count(data.backlog_at),
    reserve_at: time(data.reserve_at),
    booked_from: count(data.booked_from),
    dropped: count(data.dropped),
    drops: Array.isArray(data.drops) ? data.drops.filter((k) => typeof k === "string") : [],
    secret,
    down: readMarks(data.down)
  };
}
const toData = (head) => ({ kind: "head", ...head });
const newSecret = () => Array.from(
  { length: 8 },
  () => Math.floor(Math.random() * 2 ** 32).toString(16).padStart(8, "0")
).join("");
const EMPTY_HEAD = {
  page: 0,
  opened_at: null,
  open_from: 0,
  failed_from: null,
  wake_at: null,
  backlog_at: 0,
  reserve_at: null,
  booked_from: 0,
  dropped: 0,
  drops: [],
  down: {}
};
async function readStored() {
  const found = await fetchSchedule(NAMES.head);
  if (found && typeof found.data.secret === "string" && found.data.secret.length >= 32)
    return { head: readData(found.data, found.data.secret), at: found.at };
  if (found) {
    await writeRecurring(NAMES.head, { ...found.data, kind: "head", secret: newSecret() });
  } else {
    await createRecurring(NAMES.head, toData({ ...EMPTY_HEAD, secret: newSecret() }));
  }
  const again = await fetchSchedule(NAMES.head);
  if (!again || typeof again.data.secret !== "string") throw new Error("the engine head could not be created");
  return { head: readData(again.data, again.data.secret), at: again.at };
}
const readHead = async () => (await readStored()).head;
const RESERVE_IN_USE_MS = 10 * 6e4;
const reserveInUse = (head, now) => head.reserve_at !== null && now - head.reserve_at < RESERVE_IN_USE_MS;
const HEAD_TRIES = 3;
async function updateHead(change, holds, keepTime = false) {
  let stored = await readStored();
  for (let i = 0; i < HEAD_TRIES && !holds(stored.head); i++) {
    await writeRecurring(NAMES.head, toData(change(stored.head)), keepTime ? stored.at : void 0);
    stored = await readStored();
  }
  return stored.head;
}
async function countDrop(key) {
  await updateHead(
    (head) => ({ ...head, dropped: head.dropped + 1, drops: [...head.drops, key].slice(-100) }),
    (head) => head.drops.includes(key)
  );
}

function newRecord(key, change, now) {
  return { key, page: null, received_at: now, change, invalid: null, pushes: {} };
}
function isReplayable(state) {
  return state !== void 0 && (state.outcome === "rejected" || state.outcome === "dead_letter" || state.outcome === "retrying");
}
const isFailed = (state) => state?.outcome === "rejected" || state?.outcome === "dead_letter";
function utf8Bytes(text) {
  let bytes = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0);
    bytes += code < 128 ? 1 : code < 2048 ? 2 : code < 65536 ? 3 : 4;
  }
  return bytes;
}
function stringSlots(value, out) {
  if (typeof value !== "object" || value === null) return out;
  const holder = value;
  for (const [name, child] of Object.entries(holder)) {
    if (typeof child === "string") out.push({ holder, name, value: child });
    else stringSlots(child, out);
  }
  return out;
}
function longest(slots) {
  return slots.reduce(
    (best, slot) => best === void 0 || slot.value.length > best.value.length ? slot : best,
    void 0
  );
}
function shrinkOnce(copy) {
  const slot = longest(stringSlots(copy, []));
  if (!slot || slot.value.length === 0) return false;
  const chars = Array.from(slot.value);
  slot.holder[slot.name] = chars.length > 16 ? chars.slice(0, Math.floor(chars.length / 2)).join("") + "\u2026" : "";
  return true;
}
function fitToBytes(value, maxBytes) {
  const copy = JSON.parse(JSON.stringify(value));
  while (utf8Bytes(JSON.stringify(copy)) > maxBytes) {
    if (!shrinkOnce(copy)) break;
  }
  return copy;
}

class StoreError extends Error {
  constructor(kind, status, message) {
    super(`HTTP ${status}: ${message}`);
    this.kind = kind;
    this.status = status;
  }
}
const BY_STATUS$1 = { 404: "missing", 429: "quota", 400: "refused" };
function classify$1(err) {
  const { status, message } = err ?? {};
  const code = typeof status === "number" ? status : 0;
  const text = typeof message === "string" ? message : "the store failed";
  const kind = code === 400 && /setif/i.test(text) ? "condition" : BY_STATUS$1[code];
  return new StoreError(kind ?? "failed", code, text);
}
const classified = (call) => call().catch((err) => {
  throw classify$1(err);
});
function storable(value) {
  return JSON.parse(JSON.stringify(value, (_name, item) => item === "" ? null : item));
}
const readKey = (key) => classified(() => $db.get(key));
async function readKeyOrNull(key) {
  try {
    return await readKey(key);
  } catch (err) {
    if (err.kind === "missing") return null;
    throw err;
  }
}
const createKey = (key, value, ttlSeconds) => classified(() => $db.set(key, storable(value), { setIf: "not_exist", ttl: ttlSeconds }));
const setAttributes = (key, attributes) => classified(() => $db.update(key, "set", storable(attributes)));
const removeAttributes = (key, names) => classified(() => $db.update(key, "remove", names));
const deleteKey = (key) => classified(() => $db.delete(key));
const setAttributesWithOptions = (key, attributes, options) => classified(() => $db.update(key, "set", storable(attributes), options));

const HISTORY_TTL_SECONDS = 30 * 24 * 3600;
const MAX_RECORD_BYTES = 3e3;
const PAGE_USE_MS = (HISTORY_TTL_SECONDS - 24 * 3600) * 1e3;
const RESERVE = "_reserve";
const RESERVE_BYTES = 4e3;
const pageId = (page) => page.toString(36);
const pageNumber = (id) => parseInt(id, 36);
const pageKey = (id) => `h:${id}`;
async function openPage(page, record) {
  try {
    await createKey(pageKey(pageId(page)), { [RESERVE]: "x".repeat(RESERVE_BYTES), [record.key]: record }, HISTORY_TTL_SECONDS);
  } catch (err) {
    if (err.kind !== "condition") throw err;
    await setAttributes(pageKey(pageId(page)), { [record.key]: record });
  }
}
const isFull = (err) => err.kind === "refused";
const PAGE_TRIES = 3;
async function addTo(page, record) {
  try {
    await setAttributes(pageKey(pageId(page)), { [record.key]: record });
    return true;
  } catch (err) {
    if (isFull(err)) return false;
    throw err;
  }
}
async function openWith(page, record) {
  try {
    await openPage(page, record);
    return true;
  } catch (err) {
    if (isFull(err)) return false;
    throw err;
  }
}
async function placeNew(input, head) {
  const usable = head.opened_at !== null && Date.now() - head.opened_at < PAGE_USE_MS;
  const record = { ...input, page: null };
  if (usable && await addTo(head.page, record)) return pageId(head.page);
  const first = head.opened_at === null ? head.page : head.page + 1;
  for (let page = first; page < first + PAGE_TRIES; page++) {
    if (!await openWith(page, record)) continue;
    await updateHead(
      (h) => ({ ...h, page: Math.max(h.page, page), opened_at: h.page > page ? h.opened_at : Date.now() }),
      (h) => h.page > page || h.page === page && h.opened_at !== null
    );
    return pageId(page);
  }
  throw new StoreError("refused", 400, `pages ${pageId(first)} to ${pageId(first + PAGE_TRIES - 1)} are full`);
}
async function rewritePushes(id, changes) {
  if (changes.length === 0) return;
  const attributes = Object.fromEntries(changes.map((c) => [`${c.key}.pushes.${c.destination}`, c.push]));
  try {
    await setAttributes(pageKey(id), attributes);
  } catch (err) {
    if (!isFull(err)) throw err;
    await removeAttributes(pageKey(id), [RESERVE]);
    await setAttributes(pageKey(id), attributes);
  }
}
function isEventRecord(value) {
  return typeof value === "object" && value !== null && "key" in value && "pushes" in value;
}
async function readPage(id) {
  const value = await readKeyOrNull(pageKey(id));
  if (value === null) return null;
  return Object.entries(value).filter(([name, record]) => name !== RESERVE && isEventRecord(record)).map(([, record]) => ({ ...record, page: id }));
}
function comparePages(a, b) {
  return pageNumber(b) - pageNumber(a);
}

const K = [
  1116352408,
  1899447441,
  3049323471,
  3921009573,
  961987163,
  1508970993,
  2453635748,
  2870763221,
  3624381080,
  310598401,
  607225278,
  1426881987,
  1925078388,
  2162078206,
  2614888103,
  3248222580,
  3835390401,
  4022224774,
  264347078,
  604807628,
  770255983,
  1249150122,
  1555081692,
  1996064986,
  2554220882,
  2821834349,
  2952996808,
  3210313671,
  3336571891,
  3584528711,
  113926993,
  338241895,
  666307205,
  773529912,
  1294757372,
  1396182291,
  1695183700,
  1986661051,
  2177026350,
  2456956037,
  2730485921,
  2820302411,
  3259730800,
  3345764771,
  3516065817,
  3600352804,
  4094571909,
  275423344,
  430227734,
  506948616,
  659060556,
  883997877,
  958139571,
  1322822218,
  1537002063,
  1747873779,
  1955562222,
  2024104815,
  2227730452,
  2361852424,
  2428436474,
  2756734187,
  3204031479,
  3329325298
];
const H0 = [1779033703, 3144134277, 1013904242, 2773480762, 1359893119, 2600822924, 528734635, 1541459225];
const BLOCK = 64;
function utf8(text) {
  const bytes = [];
  for (const ch of text) {
    const code = ch.codePointAt(0);
    if (code < 128) bytes.push(code);
    else if (code < 2048) bytes.push(192 | code >> 6, 128 | code & 63);
    else if (code < 65536) bytes.push(224 | code >> 12, 128 | code >> 6 & 63, 128 | code & 63);
    else bytes.push(240 | code >> 18, 128 | code >> 12 & 63, 128 | code >> 6 & 63, 128 | code & 63);
  }
  return bytes;
}
const rotr = (x, n) => x >>> n | x << 32 - n;
function compress(state, words) {
  const w = words.slice();
  for (let i = 16; i < 64; i++) {
    const s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ w[i - 15] >>> 3;
    const s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ w[i - 2] >>> 10;
    w[i] = w[i - 16] + s0 + w[i - 7] + s1 | 0;
  }
  let [a, b, c, d, e, f, g, h] = state;
  for (let i = 0; i < 64; i++) {
    const t1 = h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + (e & f ^ ~e & g) + K[i] + w[i] | 0;
    const t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + (a & b ^ a & c ^ b & c) | 0;
    [h, g, f, e, d, c, b, a] = [g, f, e, d + t1 | 0, c, b, a, t1 + t2 | 0];
  }
  [a, b, c, d, e, f, g, h].forEach((v, i) => state[i] = state[i] + v | 0);
}
function sha256(message) {
  const bytes = message.concat([128]);
  while (bytes.length % BLOCK !== 56) bytes.push(0);
  const bits = message.length * 8;
  for (let i = 7; i >= 0; i--) bytes.push(i >= 4 ? Math.floor(bits / 2 ** (8 * i)) & 255 : bits >>> 8 * i & 255);
  const state = H0.slice();
  for (let offset = 0; offset < bytes.length; offset += BLOCK) {
    const words = Array.from(
      { length: 16 },
      (_, i) => bytes[offset + 4 * i] << 24 | bytes[offset + 4 * i + 1] << 16 | bytes[offset + 4 * i + 2] << 8 | bytes[offset + 4 * i + 3]
    );
    compress(state, words);
  }
  return state.flatMap((v) => [v >>> 24 & 255, v >>> 16 & 255, v >>> 8 & 255, v & 255]);
}
const hex = (bytes) => bytes.map((b) => b.toString(16).padStart(2, "0")).join("");
function hmacSha256(key, message) {
  let keyBytes = utf8(key);
  if (keyBytes.length > BLOCK) keyBytes = sha256(keyBytes);
  const padded = keyBytes.concat(new Array(BLOCK - keyBytes.length).fill(0));
  const inner = sha256(padded.map((b) => b ^ 54).concat(utf8(message)));
  return hex(sha256(padded.map((b) => b ^ 92).concat(inner)));
}
function canonicalJson(value) {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.keys(value).filter((name) => value[name] !== void 0).sort().map((name) => `${JSON.stringify(name)}:${canonicalJson(value[name])}`);
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
function sameDigest(a, b) {
  if (typeof a !== "string" || a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

const claimKey = (key) => `ev:${key}`;
async function readClaim(key) {
  try {
    const value = await readKeyOrNull(claimKey(key));
    if (value === null) return null;
    return { run: String(value.run), page: typeof value.page === "number" ? value.page : 0 };
  } catch {
    return "unknown";
  }
}
async function claimEvent(key, run, page) {
  try {
    await createKey(claimKey(key), { at: Date.now(), run, page }, HISTORY_TTL_SECONDS);
    return "claimed";
  } catch (err) {
    if (err.kind !== "condition") return "unknown";
    const claim = await readClaim(key);
    if (claim === "unknown") return "unknown";
    return claim?.run === run ? { ours: claim } : "duplicate";
  }
}
const newRunToken = (secret, key, now) => hmacSha256(secret, `${key}|${now}|${Math.random()}`).slice(0, 16);

function defineDestination(descriptor, behaviour) {
  return { ...behaviour, id: descriptor.id, label: descriptor.label };
}

const INVOCATION_LIMIT_MS = 2e4;
const REQUEST_TIMEOUT_MS = 5e3;
const FINISH_RESERVE_MS = 3e3;
function timeLeftFor(ctx) {
  return Date.now() - ctx.startedAt + REQUEST_TIMEOUT_MS + FINISH_RESERVE_MS <= INVOCATION_LIMIT_MS;
}
async function invokeOnce(spec, ctx) {
  if (!timeLeftFor(ctx)) throw new NotSentError({ status: 0, message: "not started: too little of the 20 s invocation left" });
  try {
    const res = await $request.invokeTemplate(spec.template, spec.options);
    return { status: res.status, body: parseBody(res.response) };
  } catch (err) {
    throw toDeliveryError(err, spec.readMessage, ctx.redactor, Date.now());
  }
}
function worthRetryingNow(err) {
  return err instanceof RetryableError && !(err instanceof NotSentError) && err.retryAfterMs === null && (err.status === 0 || err.status >= 500);
}
function hasControlCharacter(text) {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 32 || code >= 127 && code <= 159 || code === 8232 || code === 8233) return true;
  }
  return false;
}
function checkContext(spec) {
  for (const [name, value] of Object.entries(spec.options.context ?? {})) {
    if (typeof value === "string" && hasControlCharacter(value))
      throw new PayloadInvalidError({
        status: 0,
        message: `not sent: the ${spec.template} template's context value "${name}" contains a control character (CR, LF or another), which could split a header or the URL`
      });
  }
}
async function invoke(spec, ctx) {
  checkContext(spec);
  try {
    return await invokeOnce(spec, ctx);
  } catch (err) {
    if (!spec.idempotent || !worthRetryingNow(err) || !timeLeftFor(ctx)) throw err;
    return invokeOnce(spec, ctx);
  }
}
function isRecord(value) {
  return typeof value === "object" && value !== null;
}
const MAX_PARSED_CHARS = 64 * 1024;
function parseBody(text) {
  if (!text || text.length > MAX_PARSED_CHARS) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
function header(err, name) {
  const headers = err.headers ?? {};
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === void 0 ? void 0 : String(headers[key]);
}
function retryAfterMs(value, now) {
  if (value === void 0 || value.trim() === "") return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1e3;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}
const QUOTA_MESSAGE = /^You have exceeded the limit of \d+ requests per minute/i;
function isPlatformQuotaRefusal(err) {
  const { status, message, response } = err ?? {};
  return status === 429 && response === void 0 && typeof message === "string" && QUOTA_MESSAGE.test(message);
}
const BY_STATUS = { 401: "auth", 403: "auth", 408: "retry" };
function classify(err, status) {
  if (status === 429) return isPlatformQuotaRefusal(err) ? "quota" : "retry";
  const isClientError = status >= 400 && status < 500;
  return BY_STATUS[status] ?? (isClientError ? "invalid" : "retry");
}
const MAY_HAVE_LANDED = /* @__PURE__ */ new Set([0, 408, 500, 502, 503, 504]);
function toDeliveryError(err, readMessage, redactor, now) {
  const status = typeof err.status === "number" ? err.status : 0;
  const message = `HTTP ${status}: ${describe(err, readMessage, redactor)}`;
  const detail = { status, message: redactor.excerpt(message, MAX_REASON), retryAfterMs: retryAfterMs(header(err, "retry-after"), now) };
  const kind = classify(err, status);
  if (kind === "quota") return new PlatformQuotaError(detail);
  if (kind === "auth") return new AuthError(detail);
  if (kind === "invalid") return new PayloadInvalidError(detail);
  return new RetryableError({ ...detail, mayHaveLanded: MAY_HAVE_LANDED.has(status) });
}
const PLATFORM_REASONS = /* @__PURE__ */ new Set([
  "Error in establishing connection",
  "Timeout error while processing the request",
  "Unsupported content type"
]);
function describe(err, readMessage, redactor) {
  if (typeof err.response !== "string") return typeof err.message === "string" && err.message !== "" ? err.message : "no answer";
  const text = err.response;
  if (PLATFORM_REASONS.has(text.trim()) || err.attempts === void 0) return text;
  return readMessage(redactor.value(parseBody(text))) || undocumented(err, text);
}
function undocumented(err, text) {
  if (text === "") return "empty answer";
  const type = header(err, "content-type")?.split(";")[0].trim();
  return `answer not in the documented error form (${text.length} characters${type ? ` of ${type}` : ""}, not kept)`;
}

const EXPIRY_MARGIN_MS = 5 * 6e4;
function readTokenError(body) {
  if (!isRecord(body)) return null;
  const { error, error_description: description } = body;
  return [error, description].filter(Boolean).join(": ") || null;
}
async function cachedToken(now) {
  const schedule = await fetchSchedule(NAMES.token).catch(() => null);
  const { access_token: token, expires_at: expiresAt } = schedule?.data ?? {};
  return token && typeof expiresAt === "number" && expiresAt - EXPIRY_MARGIN_MS > now ? token : null;
}
async function storeToken(token, expiresAt) {
  const data = { kind: "token", access_token: token, expires_at: expiresAt };
  const at = expiresAt - EXPIRY_MARGIN_MS;
  if (await createOnce(NAMES.token, data, at) === "exists") await moveOnce(NAMES.token, data, at);
}
const TOKEN_REQUEST = {
  template: customerGauge$1.templates.token,
  options: { body: "grant_type=client_credentials" },
  readMessage: readTokenError,
  idempotent: true
};
async function fetchToken(ctx) {
  const res = await invoke(TOKEN_REQUEST, ctx).catch((err) => {
    const refused = err instanceof PayloadInvalidError || err instanceof AuthError;
    throw refused ? new AuthError({ status: err.status, message: `CustomerGauge token request refused: ${err.message}` }) : err;
  });
  const body = res.body ?? {};
  if (!body.access_token) throw new AuthError({ status: res.status, message: "token response has no access_token" });
  const expiresAt = Date.now() + (body.expires_in ?? 3600) * 1e3;
  await storeToken(body.access_token, expiresAt);
  return body.access_token;
}
async function accessToken(ctx, forceRefresh) {
  const cached = forceRefresh ? null : await cachedToken(Date.now());
  const token = cached ?? await fetchToken(ctx);
  ctx.redactor.learn(token);
  return token;
}

function readCustomerGaugeError(body) {
  if (!isRecord(body)) return null;
  const { message, errors } = body;
  const details = Object.entries(errors ?? {}).map(([field, messages]) => `${field}: ${messages.join(" ")}`);
  return details.length > 0 ? `${message ?? "Error"} ${details.join("; ")}` : message ?? null;
}
async function put(payload, token, ctx) {
  const options = { context: { access_token: token }, body: JSON.stringify(payload) };
  const res = await invoke(
    { template: customerGauge$1.templates.upsertActivity, options, readMessage: readCustomerGaugeError, idempotent: true },
    ctx
  );
  const data = res.body?.data;
  return { status: res.status, remoteId: data?.id === void 0 ? null : String(data.id) };
}
async function upsertActivity(payload, ctx) {
  const token = await accessToken(ctx, false);
  try {
    return await put(payload, token, ctx);
  } catch (err) {
    if (!(err instanceof AuthError)) throw err;
    return put(payload, await accessToken(ctx, true), ctx);
  }
}

function statusLabel(status) {
  if (status === "AVAILABLE") return "Available";
  if (status === "UNAVAILABLE") return "Unavailable";
  return typeof status === "string" && status !== "" ? status : "Unknown";
}
function kindLabel(kind) {
  if (kind === "GeneralAvailability") return "General availability";
  return typeof kind === "string" && kind !== "" ? kind : "Unknown";
}
const DURATION_UNITS = [
  [864e5, "d"],
  [36e5, "h"],
  [6e4, "min"],
  [1e3, "s"]
];
function humanDuration(ms) {
  const parts = [];
  let rest = Math.max(0, Math.round(ms));
  for (const [size, unit] of DURATION_UNITS) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0 && parts.length < 2) parts.push(`${count} ${unit}`);
  }
  return parts.length > 0 ? parts.join(" ") : "0 s";
}

const shortcodes = {"2049":"interrobang","2122":"tm","2139":"information_source","2194":"left_right_arrow","2195":"arrow_up_down","2196":"arrow_upper_left","2197":"arrow_upper_right","2198":"arrow_lower_right","2199":"arrow_lower_left","2328":"keyboard","2600":"sunny","2601":"cloud","2602":"umbrella","2603":"snowman","2604":"comet","2611":"ballot_box_with_check","2614":"umbrella_with_rain_drops","2615":"coffee","2618":"shamrock","2620":"skull_and_crossbones","2622":"radioactive_sign","2623":"biohazard_sign","2626":"orthodox_cross","2638":"wheel_of_dharma","2639":"white_frowning_face","2640":"female_sign","2642":"male_sign","2648":"aries","2649":"taurus","2650":"sagittarius","2651":"capricorn","2652":"aquarius","2653":"pisces","2660":"spades","2663":"clubs","2665":"hearts","2666":"diamonds","2668":"hotsprings","2692":"hammer_and_pick","2693":"anchor","2694":"crossed_swords","2695":["medical_symbol","staff_of_aesculapius"],"2696":"scales","2697":"alembic","2699":"gear","2702":"scissors","2705":"white_check_mark","2708":"airplane","2709":["email","envelope"],"2712":"black_nib","2714":"heavy_check_mark","2716":"heavy_multiplication_x","2721":"star_of_david","2728":"sparkles","2733":"eight_spoked_asterisk","2734":"eight_pointed_black_star","2744":"snowflake","2747":"sparkle","2753":"question","2754":"grey_question","2755":"grey_exclamation","2757":["exclamation","heavy_exclamation_mark"],"2763":"heavy_heart_exclamation_mark_ornament","2764":"heart","2795":"heavy_plus_sign","2796":"heavy_minus_sign","2797":"heavy_division_sign","2934":"arrow_heading_up","2935":"arrow_heading_down","3030":"wavy_dash","3297":"congratulations","3299":"secret","0023-FE0F-20E3":"hash","002A-FE0F-20E3":"keycap_star","0030-FE0F-20E3":"zero","0031-FE0F-20E3":"one","0032-FE0F-20E3":"two","0033-FE0F-20E3":"three","0034-FE0F-20E3":"four","0035-FE0F-20E3":"five","0036-FE0F-20E3":"six","0037-FE0F-20E3":"seven","0038-FE0F-20E3":"eight","0039-FE0F-20E3":"nine","00A9":"copyright","00AE":"registered","1F004":"mahjong","1F0CF":"black_joker","1F170":"a","1F171":"b","1F17E":"o2","1F17F":"parking","1F18E":"ab","1F191":"cl","1F192":"cool","1F193":"free","1F194":"id","1F195":"new","1F196":"ng","1F197":"ok","1F198":"sos","1F199":"up","1F19A":"vs","1F1E6-1F1E8":"flag-ac","1F1E6-1F1E9":"flag-ad","1F1E6-1F1EA":"flag-ae","1F1E6-1F1EB":"flag-af","1F1E6-1F1EC":"flag-ag","1F1E6-1F1EE":"flag-ai","1F1E6-1F1F1":"flag-al","1F1E6-1F1F2":"flag-am","1F1E6-1F1F4":"flag-ao","1F1E6-1F1F6":"flag-aq","1F1E6-1F1F7":"flag-ar","1F1E6-1F1F8":"flag-as","1F1E6-1F1F9":"flag-at","1F1E6-1F1FA":"flag-au","1F1E6-1F1FC":"flag-aw","1F1E6-1F1FD":"flag-ax","1F1E6-1F1FF":"flag-az","1F1E7-1F1E6":"flag-ba","1F1E7-1F1E7":"flag-bb","1F1E7-1F1E9":"flag-bd","1F1E7-1F1EA":"flag-be","1F1E7-1F1EB":"flag-bf","1F1E7-1F1EC":"flag-bg","1F1E7-1F1ED":"flag-bh","1F1E7-1F1EE":"flag-bi","1F1E7-1F1EF":"flag-bj","1F1E7-1F1F1":"flag-bl","1F1E7-1F1F2":"flag-bm","1F1E7-1F1F3":"flag-bn","1F1E7-1F1F4":"flag-bo","1F1E7-1F1F6":"flag-bq","1F1E7-1F1F7":"flag-br","1F1E7-1F1F8":"flag-bs","1F1E7-1F1F9":"flag-bt","1F1E7-1F1FB":"flag-bv","1F1E7-1F1FC":"flag-bw","1F1E7-1F1FE":"flag-by","1F1E7-1F1FF":"flag-bz","1F1E8-1F1E6":"flag-ca","1F1E8-1F1E8":"flag-cc","1F1E8-1F1E9":"flag-cd","1F1E8-1F1EB":"flag-cf","1F1E8-1F1EC":"flag-cg","1F1E8-1F1ED":"flag-ch","1F1E8-1F1EE":"flag-ci","1F1E8-1F1F0":"flag-ck","1F1E8-1F1F1":"flag-cl","1F1E8-1F1F2":"flag-cm","1F1E8-1F1F3":["cn","flag-cn"],"1F1E8-1F1F4":"flag-co","1F1E8-1F1F5":"flag-cp","1F1E8-1F1F6":"flag-sark","1F1E8-1F1F7":"flag-cr","1F1E8-1F1FA":"flag-cu","1F1E8-1F1FB":"flag-cv","1F1E8-1F1FC":"flag-cw","1F1E8-1F1FD":"flag-cx","1F1E8-1F1FE":"flag-cy","1F1E8-1F1FF":"flag-cz","1F1E9-1F1EA":["de","flag-de"],"1F1E9-1F1EC":"flag-dg","1F1E9-1F1EF":"flag-dj","1F1E9-1F1F0":"flag-dk","1F1E9-1F1F2":"flag-dm","1F1E9-1F1F4":"flag-do","1F1E9-1F1FF":"flag-dz","1F1EA-1F1E6":"flag-ea","1F1EA-1F1E8":"flag-ec","1F1EA-1F1EA":"flag-ee","1F1EA-1F1EC":"flag-eg","1F1EA-1F1ED":"flag-eh","1F1EA-1F1F7":"flag-er","1F1EA-1F1F8":["es","flag-es"],"1F1EA-1F1F9":"flag-et","1F1EA-1F1FA":"flag-eu","1F1EB-1F1EE":"flag-fi","1F1EB-1F1EF":"flag-fj","1F1EB-1F1F0":"flag-fk","1F1EB-1F1F2":"flag-fm","1F1EB-1F1F4":"flag-fo","1F1EB-1F1F7":["fr","flag-fr"],"1F1EC-1F1E6":"flag-ga","1F1EC-1F1E7":["gb","uk","flag-gb"],"1F1EC-1F1E9":"flag-gd","1F1EC-1F1EA":"flag-ge","1F1EC-1F1EB":"flag-gf","1F1EC-1F1EC":"flag-gg","1F1EC-1F1ED":"flag-gh","1F1EC-1F1EE":"flag-gi","1F1EC-1F1F1":"flag-gl","1F1EC-1F1F2":"flag-gm","1F1EC-1F1F3":"flag-gn","1F1EC-1F1F5":"flag-gp","1F1EC-1F1F6":"flag-gq","1F1EC-1F1F7":"flag-gr","1F1EC-1F1F8":"flag-gs","1F1EC-1F1F9":"flag-gt","1F1EC-1F1FA":"flag-gu","1F1EC-1F1FC":"flag-gw","1F1EC-1F1FE":"flag-gy","1F1ED-1F1F0":"flag-hk","1F1ED-1F1F2":"flag-hm","1F1ED-1F1F3":"flag-hn","1F1ED-1F1F7":"flag-hr","1F1ED-1F1F9":"flag-ht","1F1ED-1F1FA":"flag-hu","1F1EE-1F1E8":"flag-ic","1F1EE-1F1E9":"flag-id","1F1EE-1F1EA":"flag-ie","1F1EE-1F1F1":"flag-il","1F1EE-1F1F2":"flag-im","1F1EE-1F1F3":"flag-in","1F1EE-1F1F4":"flag-io","1F1EE-1F1F6":"flag-iq","1F1EE-1F1F7":"flag-ir","1F1EE-1F1F8":"flag-is","1F1EE-1F1F9":["it","flag-it"],"1F1EF-1F1EA":"flag-je","1F1EF-1F1F2":"flag-jm","1F1EF-1F1F4":"flag-jo","1F1EF-1F1F5":["jp","flag-jp"],"1F1F0-1F1EA":"flag-ke","1F1F0-1F1EC":"flag-kg","1F1F0-1F1ED":"flag-kh","1F1F0-1F1EE":"flag-ki","1F1F0-1F1F2":"flag-km","1F1F0-1F1F3":"flag-kn","1F1F0-1F1F5":"flag-kp","1F1F0-1F1F7":["kr","flag-kr"],"1F1F0-1F1FC":"flag-kw","1F1F0-1F1FE":"flag-ky","1F1F0-1F1FF":"flag-kz","1F1F1-1F1E6":"flag-la","1F1F1-1F1E7":"flag-lb","1F1F1-1F1E8":"flag-lc","1F1F1-1F1EE":"flag-li","1F1F1-1F1F0":"flag-lk","1F1F1-1F1F7":"flag-lr","1F1F1-1F1F8":"flag-ls","1F1F1-1F1F9":"flag-lt","1F1F1-1F1FA":"flag-lu","1F1F1-1F1FB":"flag-lv","1F1F1-1F1FE":"flag-ly","1F1F2-1F1E6":"flag-ma","1F1F2-1F1E8":"flag-mc","1F1F2-1F1E9":"flag-md","1F1F2-1F1EA":"flag-me","1F1F2-1F1EB":"flag-mf","1F1F2-1F1EC":"flag-mg","1F1F2-1F1ED":"flag-mh","1F1F2-1F1F0":"flag-mk","1F1F2-1F1F1":"flag-ml","1F1F2-1F1F2":"flag-mm","1F1F2-1F1F3":"flag-mn","1F1F2-1F1F4":"flag-mo","1F1F2-1F1F5":"flag-mp","1F1F2-1F1F6":"flag-mq","1F1F2-1F1F7":"flag-mr","1F1F2-1F1F8":"flag-ms","1F1F2-1F1F9":"flag-mt","1F1F2-1F1FA":"flag-mu","1F1F2-1F1FB":"flag-mv","1F1F2-1F1FC":"flag-mw","1F1F2-1F1FD":"flag-mx","1F1F2-1F1FE":"flag-my","1F1F2-1F1FF":"flag-mz","1F1F3-1F1E6":"flag-na","1F1F3-1F1E8":"flag-nc","1F1F3-1F1EA":"flag-ne","1F1F3-1F1EB":"flag-nf","1F1F3-1F1EC":"flag-ng","1F1F3-1F1EE":"flag-ni","1F1F3-1F1F1":"flag-nl","1F1F3-1F1F4":"flag-no","1F1F3-1F1F5":"flag-np","1F1F3-1F1F7":"flag-nr","1F1F3-1F1FA":"flag-nu","1F1F3-1F1FF":"flag-nz","1F1F4-1F1F2":"flag-om","1F1F5-1F1E6":"flag-pa","1F1F5-1F1EA":"flag-pe","1F1F5-1F1EB":"flag-pf","1F1F5-1F1EC":"flag-pg","1F1F5-1F1ED":"flag-ph","1F1F5-1F1F0":"flag-pk","1F1F5-1F1F1":"flag-pl","1F1F5-1F1F2":"flag-pm","1F1F5-1F1F3":"flag-pn","1F1F5-1F1F7":"flag-pr","1F1F5-1F1F8":"flag-ps","1F1F5-1F1F9":"flag-pt","1F1F5-1F1FC":"flag-pw","1F1F5-1F1FE":"flag-py","1F1F6-1F1E6":"flag-qa","1F1F7-1F1EA":"flag-re","1F1F7-1F1F4":"flag-ro","1F1F7-1F1F8":"flag-rs","1F1F7-1F1FA":["ru","flag-ru"],"1F1F7-1F1FC":"flag-rw","1F1F8-1F1E6":"flag-sa","1F1F8-1F1E7":"flag-sb","1F1F8-1F1E8":"flag-sc","1F1F8-1F1E9":"flag-sd","1F1F8-1F1EA":"flag-se","1F1F8-1F1EC":"flag-sg","1F1F8-1F1ED":"flag-sh","1F1F8-1F1EE":"flag-si","1F1F8-1F1EF":"flag-sj","1F1F8-1F1F0":"flag-sk","1F1F8-1F1F1":"flag-sl","1F1F8-1F1F2":"flag-sm","1F1F8-1F1F3":"flag-sn","1F1F8-1F1F4":"flag-so","1F1F8-1F1F7":"flag-sr","1F1F8-1F1F8":"flag-ss","1F1F8-1F1F9":"flag-st","1F1F8-1F1FB":"flag-sv","1F1F8-1F1FD":"flag-sx","1F1F8-1F1FE":"flag-sy","1F1F8-1F1FF":"flag-sz","1F1F9-1F1E6":"flag-ta","1F1F9-1F1E8":"flag-tc","1F1F9-1F1E9":"flag-td","1F1F9-1F1EB":"flag-tf","1F1F9-1F1EC":"flag-tg","1F1F9-1F1ED":"flag-th","1F1F9-1F1EF":"flag-tj","1F1F9-1F1F0":"flag-tk","1F1F9-1F1F1":"flag-tl","1F1F9-1F1F2":"flag-tm","1F1F9-1F1F3":"flag-tn","1F1F9-1F1F4":"flag-to","1F1F9-1F1F7":"flag-tr","1F1F9-1F1F9":"flag-tt","1F1F9-1F1FB":"flag-tv","1F1F9-1F1FC":"flag-tw","1F1F9-1F1FF":"flag-tz","1F1FA-1F1E6":"flag-ua","1F1FA-1F1EC":"flag-ug","1F1FA-1F1F2":"flag-um","1F1FA-1F1F3":"flag-un","1F1FA-1F1F8":["us","flag-us"],"1F1FA-1F1FE":"flag-uy","1F1FA-1F1FF":"flag-uz","1F1FB-1F1E6":"flag-va","1F1FB-1F1E8":"flag-vc","1F1FB-1F1EA":"flag-ve","1F1FB-1F1EC":"flag-vg","1F1FB-1F1EE":"flag-vi","1F1FB-1F1F3":"flag-vn","1F1FB-1F1FA":"flag-vu","1F1FC-1F1EB":"flag-wf","1F1FC-1F1F8":"flag-ws","1F1FD-1F1F0":"flag-xk","1F1FE-1F1EA":"flag-ye","1F1FE-1F1F9":"flag-yt","1F1FF-1F1E6":"flag-za","1F1FF-1F1F2":"flag-zm","1F1FF-1F1FC":"flag-zw","1F201":"koko","1F202":"sa","1F21A":"u7121","1F22F":"u6307","1F232":"u7981","1F233":"u7a7a","1F234":"u5408","1F235":"u6e80","1F236":"u6709","1F237":"u6708","1F238":"u7533","1F239":"u5272","1F23A":"u55b6","1F250":"ideograph_advantage","1F251":"accept","1F300":"cyclone","1F301":"foggy","1F302":"closed_umbrella","1F303":"night_with_stars","1F304":"sunrise_over_mountains","1F305":"sunrise","1F306":"city_sunset","1F307":"city_sunrise","1F308":"rainbow","1F309":"bridge_at_night","1F30A":"ocean","1F30B":"volcano","1F30C":"milky_way","1F30D":"earth_africa","1F30E":"earth_americas","1F30F":"earth_asia","1F310":"globe_with_meridians","1F311":"new_moon","1F312":"waxing_crescent_moon","1F313":"first_quarter_moon","1F314":["moon","waxing_gibbous_moon"],"1F315":"full_moon","1F316":"waning_gibbous_moon","1F317":"last_quarter_moon","1F318":"waning_crescent_moon","1F319":"crescent_moon","1F31A":"new_moon_with_face","1F31B":"first_quarter_moon_with_face","1F31C":"last_quarter_moon_with_face","1F31D":"full_moon_with_face","1F31E":"sun_with_face","1F31F":"star2","1F320":"stars","1F321":"thermometer","1F324":["mostly_sunny","sun_small_cloud"],"1F325":["barely_sunny","sun_behind_cloud"],"1F326":["partly_sunny_rain","sun_behind_rain_cloud"],"1F327":"rain_cloud","1F328":"snow_cloud","1F329":["lightning","lightning_cloud"],"1F32A":["tornado","tornado_cloud"],"1F32B":"fog","1F32C":"wind_blowing_face","1F32D":"hotdog","1F32E":"taco","1F32F":"burrito","1F330":"chestnut","1F331":"seedling","1F332":"evergreen_tree","1F333":"deciduous_tree","1F334":"palm_tree","1F335":"cactus","1F336":"hot_pepper","1F337":"tulip","1F338":"cherry_blossom","1F339":"rose","1F33A":"hibiscus","1F33B":"sunflower","1F33C":"blossom","1F33D":"corn","1F33E":"ear_of_rice","1F33F":"herb","1F340":"four_leaf_clover","1F341":"maple_leaf","1F342":"fallen_leaf","1F343":"leaves","1F344-200D-1F7EB":"brown_mushroom","1F344":"mushroom","1F345":"tomato","1F346":"eggplant","1F347":"grapes","1F348":"melon","1F349":"watermelon","1F34A":"tangerine","1F34B-200D-1F7E9":"lime","1F34B":"lemon","1F34C":"banana","1F34D":"pineapple","1F34E":"apple","1F34F":"green_apple","1F350":"pear","1F351":"peach","1F352":"cherries","1F353":"strawberry","1F354":"hamburger","1F355":"pizza","1F356":"meat_on_bone","1F357":"poultry_leg","1F358":"rice_cracker","1F359":"rice_ball","1F35A":"rice","1F35B":"curry","1F35C":"ramen","1F35D":"spaghetti","1F35E":"bread","1F35F":"fries","1F360":"sweet_potato","1F361":"dango","1F362":"oden","1F363":"sushi","1F364":"fried_shrimp","1F365":"fish_cake","1F366":"icecream","1F367":"shaved_ice","1F368":"ice_cream","1F369":"doughnut","1F36A":"cookie","1F36B":"chocolate_bar","1F36C":"candy","1F36D":"lollipop","1F36E":"custard","1F36F":"honey_pot","1F370":"cake","1F371":"bento","1F372":"stew","1F373":["fried_egg","cooking"],"1F374":"fork_and_knife","1F375":"tea","1F376":"sake","1F377":"wine_glass","1F378":"cocktail","1F379":"tropical_drink","1F37A":"beer","1F37B":"beers","1F37C":"baby_bottle","1F37D":"knife_fork_plate","1F37E":"champagne","1F37F":"popcorn","1F380":"ribbon","1F381":"gift","1F382":"birthday","1F383":"jack_o_lantern","1F384":"christmas_tree","1F385":"santa","1F386":"fireworks","1F387":"sparkler","1F388":"balloon","1F389":"tada","1F38A":"confetti_ball","1F38B":"tanabata_tree","1F38C":"crossed_flags","1F38D":"bamboo","1F38E":"dolls","1F38F":"flags","1F390":"wind_chime","1F391":"rice_scene","1F392":"school_satchel","1F393":"mortar_board","1F396":"medal","1F397":"reminder_ribbon","1F399":"studio_microphone","1F39A":"level_slider","1F39B":"control_knobs","1F39E":"film_frames","1F39F":"admission_tickets","1F3A0":"carousel_horse","1F3A1":"ferris_wheel","1F3A2":"roller_coaster","1F3A3":"fishing_pole_and_fish","1F3A4":"microphone","1F3A5":"movie_camera","1F3A6":"cinema","1F3A7":"headphones","1F3A8":"art","1F3A9":"tophat","1F3AA":"circus_tent","1F3AB":"ticket","1F3AC":"clapper","1F3AD":"performing_arts","1F3AE":"video_game","1F3AF":"dart","1F3B0":"slot_machine","1F3B1":"8ball","1F3B2":"game_die","1F3B3":"bowling","1F3B4":"flower_playing_cards","1F3B5":"musical_note","1F3B6":"notes","1F3B7":"saxophone","1F3B8":"guitar","1F3B9":"musical_keyboard","1F3BA":"trumpet","1F3BB":"violin","1F3BC":"musical_score","1F3BD":"running_shirt_with_sash","1F3BE":"tennis","1F3BF":"ski","1F3C0":"basketball","1F3C1":"checkered_flag","1F3C2":"snowboarder","1F3C3-200D-2640-FE0F":"woman-running","1F3C3-200D-2640-FE0F-200D-27A1-FE0F":"woman_running_facing_right","1F3C3-200D-2642-FE0F":"man-running","1F3C3-200D-2642-FE0F-200D-27A1-FE0F":"man_running_facing_right","1F3C3-200D-27A1-FE0F":"person_running_facing_right","1F3C3":["runner","running"],"1F3C4-200D-2640-FE0F":"woman-surfing","1F3C4-200D-2642-FE0F":"man-surfing","1F3C4":"surfer","1F3C5":"sports_medal","1F3C6":"trophy","1F3C7":"horse_racing","1F3C8":"football","1F3C9":"rugby_football","1F3CA-200D-2640-FE0F":"woman-swimming","1F3CA-200D-2642-FE0F":"man-swimming","1F3CA":"swimmer","1F3CB-FE0F-200D-2640-FE0F":"woman-lifting-weights","1F3CB-FE0F-200D-2642-FE0F":"man-lifting-weights","1F3CB":"weight_lifter","1F3CC-FE0F-200D-2640-FE0F":"woman-golfing","1F3CC-FE0F-200D-2642-FE0F":"man-golfing","1F3CC":"golfer","1F3CD":"racing_motorcycle","1F3CE":"racing_car","1F3CF":"cricket_bat_and_ball","1F3D0":"volleyball","1F3D1":"field_hockey_stick_and_ball","1F3D2":"ice_hockey_stick_and_puck","1F3D3":"table_tennis_paddle_and_ball","1F3D4":"snow_capped_mountain","1F3D5":"camping","1F3D6":"beach_with_umbrella","1F3D7":"building_construction","1F3D8":"house_buildings","1F3D9":"cityscape","1F3DA":"derelict_house_building","1F3DB":"classical_building","1F3DC":"desert","1F3DD":"desert_island","1F3DE":"national_park","1F3DF":"stadium","1F3E0":"house","1F3E1":"house_with_garden","1F3E2":"office","1F3E3":"post_office","1F3E4":"european_post_office","1F3E5":"hospital","1F3E6":"bank","1F3E7":"atm","1F3E8":"hotel","1F3E9":"love_hotel","1F3EA":"convenience_store","1F3EB":"school","1F3EC":"department_store","1F3ED":"factory","1F3EE":["izakaya_lantern","lantern"],"1F3EF":"japanese_castle","1F3F0":"european_castle","1F3F3-FE0F-200D-1F308":"rainbow-flag","1F3F3-FE0F-200D-26A7-FE0F":"transgender_flag","1F3F3":"waving_white_flag","1F3F4-200D-2620-FE0F":"pirate_flag","1F3F4-E0067-E0062-E0065-E006E-E0067-E007F":"flag-england","1F3F4-E0067-E0062-E0073-E0063-E0074-E007F":"flag-scotland","1F3F4-E0067-E0062-E0077-E006C-E0073-E007F":"flag-wales","1F3F4":"waving_black_flag","1F3F5":"rosette","1F3F7":"label","1F3F8":"badminton_racquet_and_shuttlecock","1F3F9":"bow_and_arrow","1F3FA":"amphora","1F3FB":"skin-tone-2","1F3FC":"skin-tone-3","1F3FD":"skin-tone-4","1F3FE":"skin-tone-5","1F3FF":"skin-tone-6","1F400":"rat","1F401":"mouse2","1F402":"ox","1F403":"water_buffalo","1F404":"cow2","1F405":"tiger2","1F406":"leopard","1F407":"rabbit2","1F408-200D-2B1B":"black_cat","1F408":"cat2","1F409":"dragon","1F40A":"crocodile","1F40B":"whale2","1F40C":"snail","1F40D":"snake","1F40E":"racehorse","1F40F":"ram","1F410":"goat","1F411":"sheep","1F412":"monkey","1F413":"rooster","1F414":"chicken","1F415-200D-1F9BA":"service_dog","1F415":"dog2","1F416":"pig2","1F417":"boar","1F418":"elephant","1F419":"octopus","1F41A":"shell","1F41B":"bug","1F41C":"ant","1F41D":["bee","honeybee"],"1F41E":["ladybug","lady_beetle"],"1F41F":"fish","1F420":"tropical_fish","1F421":"blowfish","1F422":"turtle","1F423":"hatching_chick","1F424":"baby_chick","1F425":"hatched_chick","1F426-200D-1F525":"phoenix","1F426-200D-2B1B":"black_bird","1F426":"bird","1F427":"penguin","1F428":"koala","1F429":"poodle","1F42A":"dromedary_camel","1F42B":"camel","1F42C":["dolphin","flipper"],"1F42D":"mouse","1F42E":"cow","1F42F":"tiger","1F430":"rabbit","1F431":"cat","1F432":"dragon_face","1F433":"whale","1F434":"horse","1F435":"monkey_face","1F436":"dog","1F437":"pig","1F438":"frog","1F439":"hamster","1F43A":"wolf","1F43B-200D-2744-FE0F":"polar_bear","1F43B":"bear","1F43C":"panda_face","1F43D":"pig_nose","1F43E":["feet","paw_prints"],"1F43F":"chipmunk","1F440":"eyes","1F441-FE0F-200D-1F5E8-FE0F":"eye-in-speech-bubble","1F441":"eye","1F442":"ear","1F443":"nose","1F444":"lips","1F445":"tongue","1F446":"point_up_2","1F447":"point_down","1F448":"point_left","1F449":"point_right","1F44A":["facepunch","punch"],"1F44B":"wave","1F44C":"ok_hand","1F44D":["+1","thumbsup"],"1F44E":["-1","thumbsdown"],"1F44F":"clap","1F450":"open_hands","1F451":"crown","1F452":"womans_hat","1F453":"eyeglasses","1F454":"necktie","1F455":["shirt","tshirt"],"1F456":"jeans","1F457":"dress","1F458":"kimono","1F459":"bikini","1F45A":"womans_clothes","1F45B":"purse","1F45C":"handbag","1F45D":"pouch","1F45E":["mans_shoe","shoe"],"1F45F":"athletic_shoe","1F460":"high_heel","1F461":"sandal","1F462":"boot","1F463":"footprints","1F464":"bust_in_silhouette","1F465":"busts_in_silhouette","1F466":"boy","1F467":"girl","1F468-200D-1F33E":"male-farmer","1F468-200D-1F373":"male-cook","1F468-200D-1F37C":"man_feeding_baby","1F468-200D-1F393":"male-student","1F468-200D-1F3A4":"male-singer","1F468-200D-1F3A8":"male-artist","1F468-200D-1F3EB":"male-teacher","1F468-200D-1F3ED":"male-factory-worker","1F468-200D-1F466-200D-1F466":"man-boy-boy","1F468-200D-1F466":"man-boy","1F468-200D-1F467-200D-1F466":"man-girl-boy","1F468-200D-1F467-200D-1F467":"man-girl-girl","1F468-200D-1F467":"man-girl","1F468-200D-1F468-200D-1F466":"man-man-boy","1F468-200D-1F468-200D-1F466-200D-1F466":"man-man-boy-boy","1F468-200D-1F468-200D-1F467":"man-man-girl","1F468-200D-1F468-200D-1F467-200D-1F466":"man-man-girl-boy","1F468-200D-1F468-200D-1F467-200D-1F467":"man-man-girl-girl","1F468-200D-1F469-200D-1F466":"man-woman-boy","1F468-200D-1F469-200D-1F466-200D-1F466":"man-woman-boy-boy","1F468-200D-1F469-200D-1F467":"man-woman-girl","1F468-200D-1F469-200D-1F467-200D-1F466":"man-woman-girl-boy","1F468-200D-1F469-200D-1F467-200D-1F467":"man-woman-girl-girl","1F468-200D-1F4BB":"male-technologist","1F468-200D-1F4BC":"male-office-worker","1F468-200D-1F527":"male-mechanic","1F468-200D-1F52C":"male-scientist","1F468-200D-1F680":"male-astronaut","1F468-200D-1F692":"male-firefighter","1F468-200D-1F9AF-200D-27A1-FE0F":"man_with_white_cane_facing_right","1F468-200D-1F9AF":"man_with_probing_cane","1F468-200D-1F9B0":"red_haired_man","1F468-200D-1F9B1":"curly_haired_man","1F468-200D-1F9B2":"bald_man","1F468-200D-1F9B3":"white_haired_man","1F468-200D-1F9BC-200D-27A1-FE0F":"man_in_motorized_wheelchair_facing_right","1F468-200D-1F9BC":"man_in_motorized_wheelchair","1F468-200D-1F9BD-200D-27A1-FE0F":"man_in_manual_wheelchair_facing_right","1F468-200D-1F9BD":"man_in_manual_wheelchair","1F468-200D-2695-FE0F":"male-doctor","1F468-200D-2696-FE0F":"male-judge","1F468-200D-2708-FE0F":"male-pilot","1F468-200D-2764-FE0F-200D-1F468":"man-heart-man","1F468-200D-2764-FE0F-200D-1F48B-200D-1F468":"man-kiss-man","1F468":"man","1F469-200D-1F33E":"female-farmer","1F469-200D-1F373":"female-cook","1F469-200D-1F37C":"woman_feeding_baby","1F469-200D-1F393":"female-student","1F469-200D-1F3A4":"female-singer","1F469-200D-1F3A8":"female-artist","1F469-200D-1F3EB":"female-teacher","1F469-200D-1F3ED":"female-factory-worker","1F469-200D-1F466-200D-1F466":"woman-boy-boy","1F469-200D-1F466":"woman-boy","1F469-200D-1F467-200D-1F466":"woman-girl-boy","1F469-200D-1F467-200D-1F467":"woman-girl-girl","1F469-200D-1F467":"woman-girl","1F469-200D-1F469-200D-1F466":"woman-woman-boy","1F469-200D-1F469-200D-1F466-200D-1F466":"woman-woman-boy-boy","1F469-200D-1F469-200D-1F467":"woman-woman-girl","1F469-200D-1F469-200D-1F467-200D-1F466":"woman-woman-girl-boy","1F469-200D-1F469-200D-1F467-200D-1F467":"woman-woman-girl-girl","1F469-200D-1F4BB":"female-technologist","1F469-200D-1F4BC":"female-office-worker","1F469-200D-1F527":"female-mechanic","1F469-200D-1F52C":"female-scientist","1F469-200D-1F680":"female-astronaut","1F469-200D-1F692":"female-firefighter","1F469-200D-1F9AF-200D-27A1-FE0F":"woman_with_white_cane_facing_right","1F469-200D-1F9AF":"woman_with_probing_cane","1F469-200D-1F9B0":"red_haired_woman","1F469-200D-1F9B1":"curly_haired_woman","1F469-200D-1F9B2":"bald_woman","1F469-200D-1F9B3":"white_haired_woman","1F469-200D-1F9BC-200D-27A1-FE0F":"woman_in_motorized_wheelchair_facing_right","1F469-200D-1F9BC":"woman_in_motorized_wheelchair","1F469-200D-1F9BD-200D-27A1-FE0F":"woman_in_manual_wheelchair_facing_right","1F469-200D-1F9BD":"woman_in_manual_wheelchair","1F469-200D-2695-FE0F":"female-doctor","1F469-200D-2696-FE0F":"female-judge","1F469-200D-2708-FE0F":"female-pilot","1F469-200D-2764-FE0F-200D-1F468":"woman-heart-man","1F469-200D-2764-FE0F-200D-1F469":"woman-heart-woman","1F469-200D-2764-FE0F-200D-1F48B-200D-1F468":"woman-kiss-man","1F469-200D-2764-FE0F-200D-1F48B-200D-1F469":"woman-kiss-woman","1F469":"woman","1F46A":"family","1F46B":["man_and_woman_holding_hands","woman_and_man_holding_hands","couple"],"1F46C":["two_men_holding_hands","men_holding_hands"],"1F46D":["two_women_holding_hands","women_holding_hands"],"1F46E-200D-2640-FE0F":"female-police-officer","1F46E-200D-2642-FE0F":"male-police-officer","1F46E":"cop","1F46F-200D-2640-FE0F":["women-with-bunny-ears-partying","woman-with-bunny-ears-partying"],"1F46F-200D-2642-FE0F":["men-with-bunny-ears-partying","man-with-bunny-ears-partying"],"1F46F":"dancers","1F470-200D-2640-FE0F":"woman_with_veil","1F470-200D-2642-FE0F":"man_with_veil","1F470":"bride_with_veil","1F471-200D-2640-FE0F":"blond-haired-woman","1F471-200D-2642-FE0F":"blond-haired-man","1F471":"person_with_blond_hair","1F472":"man_with_gua_pi_mao","1F473-200D-2640-FE0F":"woman-wearing-turban","1F473-200D-2642-FE0F":"man-wearing-turban","1F473":"man_with_turban","1F474":"older_man","1F475":"older_woman","1F476":"baby","1F477-200D-2640-FE0F":"female-construction-worker","1F477-200D-2642-FE0F":"male-construction-worker","1F477":"construction_worker","1F478":"princess","1F479":"japanese_ogre","1F47A":"japanese_goblin","1F47B":"ghost","1F47C":"angel","1F47D":"alien","1F47E":"space_invader","1F47F":"imp","1F480":"skull","1F481-200D-2640-FE0F":"woman-tipping-hand","1F481-200D-2642-FE0F":"man-tipping-hand","1F481":"information_desk_person","1F482-200D-2640-FE0F":"female-guard","1F482-200D-2642-FE0F":"male-guard","1F482":"guardsman","1F483":"dancer","1F484":"lipstick","1F485":"nail_care","1F486-200D-2640-FE0F":"woman-getting-massage","1F486-200D-2642-FE0F":"man-getting-massage","1F486":"massage","1F487-200D-2640-FE0F":"woman-getting-haircut","1F487-200D-2642-FE0F":"man-getting-haircut","1F487":"haircut","1F488":"barber","1F489":"syringe","1F48A":"pill","1F48B":"kiss","1F48C":"love_letter","1F48D":"ring","1F48E":"gem","1F48F":"couplekiss","1F490":"bouquet","1F491":"couple_with_heart","1F492":"wedding","1F493":"heartbeat","1F494":"broken_heart","1F495":"two_hearts","1F496":"sparkling_heart","1F497":"heartpulse","1F498":"cupid","1F499":"blue_heart","1F49A":"green_heart","1F49B":"yellow_heart","1F49C":"purple_heart","1F49D":"gift_heart","1F49E":"revolving_hearts","1F49F":"heart_decoration","1F4A0":"diamond_shape_with_a_dot_inside","1F4A1":"bulb","1F4A2":"anger","1F4A3":"bomb","1F4A4":"zzz","1F4A5":["boom","collision"],"1F4A6":"sweat_drops","1F4A7":"droplet","1F4A8":"dash","1F4A9":["hankey","poop","shit"],"1F4AA":"muscle","1F4AB":"dizzy","1F4AC":"speech_balloon","1F4AD":"thought_balloon","1F4AE":"white_flower","1F4AF":"100","1F4B0":"moneybag","1F4B1":"currency_exchange","1F4B2":"heavy_dollar_sign","1F4B3":"credit_card","1F4B4":"yen","1F4B5":"dollar","1F4B6":"euro","1F4B7":"pound","1F4B8":"money_with_wings","1F4B9":"chart","1F4BA":"seat","1F4BB":"computer","1F4BC":"briefcase","1F4BD":"minidisc","1F4BE":"floppy_disk","1F4BF":"cd","1F4C0":"dvd","1F4C1":"file_folder","1F4C2":"open_file_folder","1F4C3":"page_with_curl","1F4C4":"page_facing_up","1F4C5":"date","1F4C6":"calendar","1F4C7":"card_index","1F4C8":"chart_with_upwards_trend","1F4C9":"chart_with_downwards_trend","1F4CA":"bar_chart","1F4CB":"clipboard","1F4CC":"pushpin","1F4CD":"round_pushpin","1F4CE":"paperclip","1F4CF":"straight_ruler","1F4D0":"triangular_ruler","1F4D1":"bookmark_tabs","1F4D2":"ledger","1F4D3":"notebook","1F4D4":"notebook_with_decorative_cover","1F4D5":"closed_book","1F4D6":["book","open_book"],"1F4D7":"green_book","1F4D8":"blue_book","1F4D9":"orange_book","1F4DA":"books","1F4DB":"name_badge","1F4DC":"scroll","1F4DD":["memo","pencil"],"1F4DE":"telephone_receiver","1F4DF":"pager","1F4E0":"fax","1F4E1":"satellite_antenna","1F4E2":"loudspeaker","1F4E3":"mega","1F4E4":"outbox_tray","1F4E5":"inbox_tray","1F4E6":"package","1F4E7":"e-mail","1F4E8":"incoming_envelope","1F4E9":"envelope_with_arrow","1F4EA":"mailbox_closed","1F4EB":"mailbox","1F4EC":"mailbox_with_mail","1F4ED":"mailbox_with_no_mail","1F4EE":"postbox","1F4EF":"postal_horn","1F4F0":"newspaper","1F4F1":"iphone","1F4F2":"calling","1F4F3":"vibration_mode","1F4F4":"mobile_phone_off","1F4F5":"no_mobile_phones","1F4F6":"signal_strength","1F4F7":"camera","1F4F8":"camera_with_flash","1F4F9":"video_camera","1F4FA":"tv","1F4FB":"radio","1F4FC":"vhs","1F4FD":"film_projector","1F4FF":"prayer_beads","1F500":"twisted_rightwards_arrows","1F501":"repeat","1F502":"repeat_one","1F503":"arrows_clockwise","1F504":"arrows_counterclockwise","1F505":"low_brightness","1F506":"high_brightness","1F507":"mute","1F508":"speaker","1F509":"sound","1F50A":"loud_sound","1F50B":"battery","1F50C":"electric_plug","1F50D":"mag","1F50E":"mag_right","1F50F":"lock_with_ink_pen","1F510":"closed_lock_with_key","1F511":"key","1F512":"lock","1F513":"unlock","1F514":"bell","1F515":"no_bell","1F516":"bookmark","1F517":"link","1F518":"radio_button","1F519":"back","1F51A":"end","1F51B":"on","1F51C":"soon","1F51D":"top","1F51E":"underage","1F51F":"keycap_ten","1F520":"capital_abcd","1F521":"abcd","1F522":"1234","1F523":"symbols","1F524":"abc","1F525":"fire","1F526":"flashlight","1F527":"wrench","1F528":"hammer","1F529":"nut_and_bolt","1F52A":["hocho","knife"],"1F52B":"gun","1F52C":"microscope","1F52D":"telescope","1F52E":"crystal_ball","1F52F":"six_pointed_star","1F530":"beginner","1F531":"trident","1F532":"black_square_button","1F533":"white_square_button","1F534":"red_circle","1F535":"large_blue_circle","1F536":"large_orange_diamond","1F537":"large_blue_diamond","1F538":"small_orange_diamond","1F539":"small_blue_diamond","1F53A":"small_red_triangle","1F53B":"small_red_triangle_down","1F53C":"arrow_up_small","1F53D":"arrow_down_small","1F549":"om_symbol","1F54A":"dove_of_peace","1F54B":"kaaba","1F54C":"mosque","1F54D":"synagogue","1F54E":"menorah_with_nine_branches","1F550":"clock1","1F551":"clock2","1F552":"clock3","1F553":"clock4","1F554":"clock5","1F555":"clock6","1F556":"clock7","1F557":"clock8","1F558":"clock9","1F559":"clock10","1F55A":"clock11","1F55B":"clock12","1F55C":"clock130","1F55D":"clock230","1F55E":"clock330","1F55F":"clock430","1F560":"clock530","1F561":"clock630","1F562":"clock730","1F563":"clock830","1F564":"clock930","1F565":"clock1030","1F566":"clock1130","1F567":"clock1230","1F56F":"candle","1F570":"mantelpiece_clock","1F573":"hole","1F574":"man_in_business_suit_levitating","1F575-FE0F-200D-2640-FE0F":"female-detective","1F575-FE0F-200D-2642-FE0F":"male-detective","1F575":"sleuth_or_spy","1F576":"dark_sunglasses","1F577":"spider","1F578":"spider_web","1F579":"joystick","1F57A":"man_dancing","1F587":"linked_paperclips","1F58A":"lower_left_ballpoint_pen","1F58B":"lower_left_fountain_pen","1F58C":"lower_left_paintbrush","1F58D":"lower_left_crayon","1F590":"raised_hand_with_fingers_splayed","1F595":["middle_finger","reversed_hand_with_middle_finger_extended"],"1F596":"spock-hand","1F5A4":"black_heart","1F5A5":"desktop_computer","1F5A8":"printer","1F5B1":"three_button_mouse","1F5B2":"trackball","1F5BC":"frame_with_picture","1F5C2":"card_index_dividers","1F5C3":"card_file_box","1F5C4":"file_cabinet","1F5D1":"wastebasket","1F5D2":"spiral_note_pad","1F5D3":"spiral_calendar_pad","1F5DC":"compression","1F5DD":"old_key","1F5DE":"rolled_up_newspaper","1F5E1":"dagger_knife","1F5E3":"speaking_head_in_silhouette","1F5E8":"left_speech_bubble","1F5EF":"right_anger_bubble","1F5F3":"ballot_box_with_ballot","1F5FA":"world_map","1F5FB":"mount_fuji","1F5FC":"tokyo_tower","1F5FD":"statue_of_liberty","1F5FE":"japan","1F5FF":"moyai","1F600":"grinning","1F601":"grin","1F602":"joy","1F603":"smiley","1F604":"smile","1F605":"sweat_smile","1F606":["laughing","satisfied"],"1F607":"innocent","1F608":"smiling_imp","1F609":"wink","1F60A":"blush","1F60B":"yum","1F60C":"relieved","1F60D":"heart_eyes","1F60E":"sunglasses","1F60F":"smirk","1F610":"neutral_face","1F611":"expressionless","1F612":"unamused","1F613":"sweat","1F614":"pensive","1F615":"confused","1F616":"confounded","1F617":"kissing","1F618":"kissing_heart","1F619":"kissing_smiling_eyes","1F61A":"kissing_closed_eyes","1F61B":"stuck_out_tongue","1F61C":"stuck_out_tongue_winking_eye","1F61D":"stuck_out_tongue_closed_eyes","1F61E":"disappointed","1F61F":"worried","1F620":"angry","1F621":"rage","1F622":"cry","1F623":"persevere","1F624":"triumph","1F625":"disappointed_relieved","1F626":"frowning","1F627":"anguished","1F628":"fearful","1F629":"weary","1F62A":"sleepy","1F62B":"tired_face","1F62C":"grimacing","1F62D":"sob","1F62E-200D-1F4A8":"face_exhaling","1F62E":"open_mouth","1F62F":"hushed","1F630":"cold_sweat","1F631":"scream","1F632":"astonished","1F633":"flushed","1F634":"sleeping","1F635-200D-1F4AB":"face_with_spiral_eyes","1F635":"dizzy_face","1F636-200D-1F32B-FE0F":"face_in_clouds","1F636":"no_mouth","1F637":"mask","1F638":"smile_cat","1F639":"joy_cat","1F63A":"smiley_cat","1F63B":"heart_eyes_cat","1F63C":"smirk_cat","1F63D":"kissing_cat","1F63E":"pouting_cat","1F63F":"crying_cat_face","1F640":"scream_cat","1F641":"slightly_frowning_face","1F642-200D-2194-FE0F":"head_shaking_horizontally","1F642-200D-2195-FE0F":"head_shaking_vertically","1F642":"slightly_smiling_face","1F643":"upside_down_face","1F644":"face_with_rolling_eyes","1F645-200D-2640-FE0F":"woman-gesturing-no","1F645-200D-2642-FE0F":"man-gesturing-no","1F645":"no_good","1F646-200D-2640-FE0F":"woman-gesturing-ok","1F646-200D-2642-FE0F":"man-gesturing-ok","1F646":"ok_woman","1F647-200D-2640-FE0F":"woman-bowing","1F647-200D-2642-FE0F":"man-bowing","1F647":"bow","1F648":"see_no_evil","1F649":"hear_no_evil","1F64A":"speak_no_evil","1F64B-200D-2640-FE0F":"woman-raising-hand","1F64B-200D-2642-FE0F":"man-raising-hand","1F64B":"raising_hand","1F64C":"raised_hands","1F64D-200D-2640-FE0F":"woman-frowning","1F64D-200D-2642-FE0F":"man-frowning","1F64D":"person_frowning","1F64E-200D-2640-FE0F":"woman-pouting","1F64E-200D-2642-FE0F":"man-pouting","1F64E":"person_with_pouting_face","1F64F":"pray","1F680":"rocket","1F681":"helicopter","1F682":"steam_locomotive","1F683":"railway_car","1F684":"bullettrain_side","1F685":"bullettrain_front","1F686":"train2","1F687":"metro","1F688":"light_rail","1F689":"station","1F68A":"tram","1F68B":"train","1F68C":"bus","1F68D":"oncoming_bus","1F68E":"trolleybus","1F68F":"busstop","1F690":"minibus","1F691":"ambulance","1F692":"fire_engine","1F693":"police_car","1F694":"oncoming_police_car","1F695":"taxi","1F696":"oncoming_taxi","1F697":["car","red_car"],"1F698":"oncoming_automobile","1F699":"blue_car","1F69A":"truck","1F69B":"articulated_lorry","1F69C":"tractor","1F69D":"monorail","1F69E":"mountain_railway","1F69F":"suspension_railway","1F6A0":"mountain_cableway","1F6A1":"aerial_tramway","1F6A2":"ship","1F6A3-200D-2640-FE0F":"woman-rowing-boat","1F6A3-200D-2642-FE0F":"man-rowing-boat","1F6A3":"rowboat","1F6A4":"speedboat","1F6A5":"traffic_light","1F6A6":"vertical_traffic_light","1F6A7":"construction","1F6A8":"rotating_light","1F6A9":"triangular_flag_on_post","1F6AA":"door","1F6AB":"no_entry_sign","1F6AC":"smoking","1F6AD":"no_smoking","1F6AE":"put_litter_in_its_place","1F6AF":"do_not_litter","1F6B0":"potable_water","1F6B1":"non-potable_water","1F6B2":"bike","1F6B3":"no_bicycles","1F6B4-200D-2640-FE0F":"woman-biking","1F6B4-200D-2642-FE0F":"man-biking","1F6B4":"bicyclist","1F6B5-200D-2640-FE0F":"woman-mountain-biking","1F6B5-200D-2642-FE0F":"man-mountain-biking","1F6B5":"mountain_bicyclist","1F6B6-200D-2640-FE0F":"woman-walking","1F6B6-200D-2640-FE0F-200D-27A1-FE0F":"woman_walking_facing_right","1F6B6-200D-2642-FE0F":"man-walking","1F6B6-200D-2642-FE0F-200D-27A1-FE0F":"man_walking_facing_right","1F6B6-200D-27A1-FE0F":"person_walking_facing_right","1F6B6":"walking","1F6B7":"no_pedestrians","1F6B8":"children_crossing","1F6B9":"mens","1F6BA":"womens","1F6BB":"restroom","1F6BC":"baby_symbol","1F6BD":"toilet","1F6BE":"wc","1F6BF":"shower","1F6C0":"bath","1F6C1":"bathtub","1F6C2":"passport_control","1F6C3":"customs","1F6C4":"baggage_claim","1F6C5":"left_luggage","1F6CB":"couch_and_lamp","1F6CC":"sleeping_accommodation","1F6CD":"shopping_bags","1F6CE":"bellhop_bell","1F6CF":"bed","1F6D0":"place_of_worship","1F6D1":"octagonal_sign","1F6D2":"shopping_trolley","1F6D5":"hindu_temple","1F6D6":"hut","1F6D7":"elevator","1F6DC":"wireless","1F6DD":"playground_slide","1F6DE":"wheel","1F6DF":"ring_buoy","1F6E0":"hammer_and_wrench","1F6E1":"shield","1F6E2":"oil_drum","1F6E3":"motorway","1F6E4":"railway_track","1F6E5":"motor_boat","1F6E9":"small_airplane","1F6EB":"airplane_departure","1F6EC":"airplane_arriving","1F6F0":"satellite","1F6F3":"passenger_ship","1F6F4":"scooter","1F6F5":"motor_scooter","1F6F6":"canoe","1F6F7":"sled","1F6F8":"flying_saucer","1F6F9":"skateboard","1F6FA":"auto_rickshaw","1F6FB":"pickup_truck","1F6FC":"roller_skate","1F7E0":"large_orange_circle","1F7E1":"large_yellow_circle","1F7E2":"large_green_circle","1F7E3":"large_purple_circle","1F7E4":"large_brown_circle","1F7E5":"large_red_square","1F7E6":"large_blue_square","1F7E7":"large_orange_square","1F7E8":"large_yellow_square","1F7E9":"large_green_square","1F7EA":"large_purple_square","1F7EB":"large_brown_square","1F7F0":"heavy_equals_sign","1F90C":"pinched_fingers","1F90D":"white_heart","1F90E":"brown_heart","1F90F":"pinching_hand","1F910":"zipper_mouth_face","1F911":"money_mouth_face","1F912":"face_with_thermometer","1F913":"nerd_face","1F914":"thinking_face","1F915":"face_with_head_bandage","1F916":"robot_face","1F917":"hugging_face","1F918":["the_horns","sign_of_the_horns"],"1F919":"call_me_hand","1F91A":"raised_back_of_hand","1F91B":"left-facing_fist","1F91C":"right-facing_fist","1F91D":"handshake","1F91E":["crossed_fingers","hand_with_index_and_middle_fingers_crossed"],"1F91F":"i_love_you_hand_sign","1F920":"face_with_cowboy_hat","1F921":"clown_face","1F922":"nauseated_face","1F923":"rolling_on_the_floor_laughing","1F924":"drooling_face","1F925":"lying_face","1F926-200D-2640-FE0F":"woman-facepalming","1F926-200D-2642-FE0F":"man-facepalming","1F926":"face_palm","1F927":"sneezing_face","1F928":["face_with_raised_eyebrow","face_with_one_eyebrow_raised"],"1F929":["star-struck","grinning_face_with_star_eyes"],"1F92A":["zany_face","grinning_face_with_one_large_and_one_small_eye"],"1F92B":["shushing_face","face_with_finger_covering_closed_lips"],"1F92C":["face_with_symbols_on_mouth","serious_face_with_symbols_covering_mouth"],"1F92D":["face_with_hand_over_mouth","smiling_face_with_smiling_eyes_and_hand_covering_mouth"],"1F92E":["face_vomiting","face_with_open_mouth_vomiting"],"1F92F":["exploding_head","shocked_face_with_exploding_head"],"1F930":"pregnant_woman","1F931":"breast-feeding","1F932":"palms_up_together","1F933":"selfie","1F934":"prince","1F935-200D-2640-FE0F":"woman_in_tuxedo","1F935-200D-2642-FE0F":"man_in_tuxedo","1F935":"person_in_tuxedo","1F936":["mrs_claus","mother_christmas"],"1F937-200D-2640-FE0F":"woman-shrugging","1F937-200D-2642-FE0F":"man-shrugging","1F937":"shrug","1F938-200D-2640-FE0F":"woman-cartwheeling","1F938-200D-2642-FE0F":"man-cartwheeling","1F938":"person_doing_cartwheel","1F939-200D-2640-FE0F":"woman-juggling","1F939-200D-2642-FE0F":"man-juggling","1F939":"juggling","1F93A":"fencer","1F93C-200D-2640-FE0F":"woman-wrestling","1F93C-200D-2642-FE0F":"man-wrestling","1F93C":"wrestlers","1F93D-200D-2640-FE0F":"woman-playing-water-polo","1F93D-200D-2642-FE0F":"man-playing-water-polo","1F93D":"water_polo","1F93E-200D-2640-FE0F":"woman-playing-handball","1F93E-200D-2642-FE0F":"man-playing-handball","1F93E":"handball","1F93F":"diving_mask","1F940":"wilted_flower","1F941":"drum_with_drumsticks","1F942":"clinking_glasses","1F943":"tumbler_glass","1F944":"spoon","1F945":"goal_net","1F947":"first_place_medal","1F948":"second_place_medal","1F949":"third_place_medal","1F94A":"boxing_glove","1F94B":"martial_arts_uniform","1F94C":"curling_stone","1F94D":"lacrosse","1F94E":"softball","1F94F":"flying_disc","1F950":"croissant","1F951":"avocado","1F952":"cucumber","1F953":"bacon","1F954":"potato","1F955":"carrot","1F956":"baguette_bread","1F957":"green_salad","1F958":"shallow_pan_of_food","1F959":"stuffed_flatbread","1F95A":"egg","1F95B":"glass_of_milk","1F95C":"peanuts","1F95D":"kiwifruit","1F95E":"pancakes","1F95F":"dumpling","1F960":"fortune_cookie","1F961":"takeout_box","1F962":"chopsticks","1F963":"bowl_with_spoon","1F964":"cup_with_straw","1F965":"coconut","1F966":"broccoli","1F967":"pie","1F968":"pretzel","1F969":"cut_of_meat","1F96A":"sandwich","1F96B":"canned_food","1F96C":"leafy_green","1F96D":"mango","1F96E":"moon_cake","1F96F":"bagel","1F970":"smiling_face_with_3_hearts","1F971":"yawning_face","1F972":"smiling_face_with_tear","1F973":"partying_face","1F974":"woozy_face","1F975":"hot_face","1F976":"cold_face","1F977":"ninja","1F978":"disguised_face","1F979":"face_holding_back_tears","1F97A":"pleading_face","1F97B":"sari","1F97C":"lab_coat","1F97D":"goggles","1F97E":"hiking_boot","1F97F":"womans_flat_shoe","1F980":"crab","1F981":"lion_face","1F982":"scorpion","1F983":"turkey","1F984":"unicorn_face","1F985":"eagle","1F986":"duck","1F987":"bat","1F988":"shark","1F989":"owl","1F98A":"fox_face","1F98B":"butterfly","1F98C":"deer","1F98D":"gorilla","1F98E":"lizard","1F98F":"rhinoceros","1F990":"shrimp","1F991":"squid","1F992":"giraffe_face","1F993":"zebra_face","1F994":"hedgehog","1F995":"sauropod","1F996":"t-rex","1F997":"cricket","1F998":"kangaroo","1F999":"llama","1F99A":"peacock","1F99B":"hippopotamus","1F99C":"parrot","1F99D":"raccoon","1F99E":"lobster","1F99F":"mosquito","1F9A0":"microbe","1F9A1":"badger","1F9A2":"swan","1F9A3":"mammoth","1F9A4":"dodo","1F9A5":"sloth","1F9A6":"otter","1F9A7":"orangutan","1F9A8":"skunk","1F9A9":"flamingo","1F9AA":"oyster","1F9AB":"beaver","1F9AC":"bison","1F9AD":"seal","1F9AE":"guide_dog","1F9AF":"probing_cane","1F9B4":"bone","1F9B5":"leg","1F9B6":"foot","1F9B7":"tooth","1F9B8-200D-2640-FE0F":"female_superhero","1F9B8-200D-2642-FE0F":"male_superhero","1F9B8":"superhero","1F9B9-200D-2640-FE0F":"female_supervillain","1F9B9-200D-2642-FE0F":"male_supervillain","1F9B9":"supervillain","1F9BA":"safety_vest","1F9BB":"ear_with_hearing_aid","1F9BC":"motorized_wheelchair","1F9BD":"manual_wheelchair","1F9BE":"mechanical_arm","1F9BF":"mechanical_leg","1F9C0":"cheese_wedge","1F9C1":"cupcake","1F9C2":"salt","1F9C3":"beverage_box","1F9C4":"garlic","1F9C5":"onion","1F9C6":"falafel","1F9C7":"waffle","1F9C8":"butter","1F9C9":"mate_drink","1F9CA":"ice_cube","1F9CB":"bubble_tea","1F9CC":"troll","1F9CD-200D-2640-FE0F":"woman_standing","1F9CD-200D-2642-FE0F":"man_standing","1F9CD":"standing_person","1F9CE-200D-2640-FE0F":"woman_kneeling","1F9CE-200D-2640-FE0F-200D-27A1-FE0F":"woman_kneeling_facing_right","1F9CE-200D-2642-FE0F":"man_kneeling","1F9CE-200D-2642-FE0F-200D-27A1-FE0F":"man_kneeling_facing_right","1F9CE-200D-27A1-FE0F":"person_kneeling_facing_right","1F9CE":"kneeling_person","1F9CF-200D-2640-FE0F":"deaf_woman","1F9CF-200D-2642-FE0F":"deaf_man","1F9CF":"deaf_person","1F9D0":"face_with_monocle","1F9D1-200D-1F33E":"farmer","1F9D1-200D-1F373":"cook","1F9D1-200D-1F37C":"person_feeding_baby","1F9D1-200D-1F384":"mx_claus","1F9D1-200D-1F393":"student","1F9D1-200D-1F3A4":"singer","1F9D1-200D-1F3A8":"artist","1F9D1-200D-1F3EB":"teacher","1F9D1-200D-1F3ED":"factory_worker","1F9D1-200D-1F4BB":"technologist","1F9D1-200D-1F4BC":"office_worker","1F9D1-200D-1F527":"mechanic","1F9D1-200D-1F52C":"scientist","1F9D1-200D-1F680":"astronaut","1F9D1-200D-1F692":"firefighter","1F9D1-200D-1F91D-200D-1F9D1":"people_holding_hands","1F9D1-200D-1F9AF-200D-27A1-FE0F":"person_with_white_cane_facing_right","1F9D1-200D-1F9AF":"person_with_probing_cane","1F9D1-200D-1F9B0":"red_haired_person","1F9D1-200D-1F9B1":"curly_haired_person","1F9D1-200D-1F9B2":"bald_person","1F9D1-200D-1F9B3":"white_haired_person","1F9D1-200D-1F9BC-200D-27A1-FE0F":"person_in_motorized_wheelchair_facing_right","1F9D1-200D-1F9BC":"person_in_motorized_wheelchair","1F9D1-200D-1F9BD-200D-27A1-FE0F":"person_in_manual_wheelchair_facing_right","1F9D1-200D-1F9BD":"person_in_manual_wheelchair","1F9D1-200D-1F9D1-200D-1F9D2":"family_adult_adult_child","1F9D1-200D-1F9D1-200D-1F9D2-200D-1F9D2":"family_adult_adult_child_child","1F9D1-200D-1F9D2-200D-1F9D2":"family_adult_child_child","1F9D1-200D-1F9D2":"family_adult_child","1F9D1-200D-2695-FE0F":"health_worker","1F9D1-200D-2696-FE0F":"judge","1F9D1-200D-2708-FE0F":"pilot","1F9D1":"adult","1F9D2":"child","1F9D3":"older_adult","1F9D4-200D-2640-FE0F":"woman_with_beard","1F9D4-200D-2642-FE0F":"man_with_beard","1F9D4":"bearded_person","1F9D5":"person_with_headscarf","1F9D6-200D-2640-FE0F":"woman_in_steamy_room","1F9D6-200D-2642-FE0F":"man_in_steamy_room","1F9D6":"person_in_steamy_room","1F9D7-200D-2640-FE0F":"woman_climbing","1F9D7-200D-2642-FE0F":"man_climbing","1F9D7":"person_climbing","1F9D8-200D-2640-FE0F":"woman_in_lotus_position","1F9D8-200D-2642-FE0F":"man_in_lotus_position","1F9D8":"person_in_lotus_position","1F9D9-200D-2640-FE0F":"female_mage","1F9D9-200D-2642-FE0F":"male_mage","1F9D9":"mage","1F9DA-200D-2640-FE0F":"female_fairy","1F9DA-200D-2642-FE0F":"male_fairy","1F9DA":"fairy","1F9DB-200D-2640-FE0F":"female_vampire","1F9DB-200D-2642-FE0F":"male_vampire","1F9DB":"vampire","1F9DC-200D-2640-FE0F":"mermaid","1F9DC-200D-2642-FE0F":"merman","1F9DC":"merperson","1F9DD-200D-2640-FE0F":"female_elf","1F9DD-200D-2642-FE0F":"male_elf","1F9DD":"elf","1F9DE-200D-2640-FE0F":"female_genie","1F9DE-200D-2642-FE0F":"male_genie","1F9DE":"genie","1F9DF-200D-2640-FE0F":"female_zombie","1F9DF-200D-2642-FE0F":"male_zombie","1F9DF":"zombie","1F9E0":"brain","1F9E1":"orange_heart","1F9E2":"billed_cap","1F9E3":"scarf","1F9E4":"gloves","1F9E5":"coat","1F9E6":"socks","1F9E7":"red_envelope","1F9E8":"firecracker","1F9E9":"jigsaw","1F9EA":"test_tube","1F9EB":"petri_dish","1F9EC":"dna","1F9ED":"compass","1F9EE":"abacus","1F9EF":"fire_extinguisher","1F9F0":"toolbox","1F9F1":"bricks","1F9F2":"magnet","1F9F3":"luggage","1F9F4":"lotion_bottle","1F9F5":"thread","1F9F6":"yarn","1F9F7":"safety_pin","1F9F8":"teddy_bear","1F9F9":"broom","1F9FA":"basket","1F9FB":"roll_of_paper","1F9FC":"soap","1F9FD":"sponge","1F9FE":"receipt","1F9FF":"nazar_amulet","1FA70":"ballet_shoes","1FA71":"one-piece_swimsuit","1FA72":"briefs","1FA73":"shorts","1FA74":"thong_sandal","1FA75":"light_blue_heart","1FA76":"grey_heart","1FA77":"pink_heart","1FA78":"drop_of_blood","1FA79":"adhesive_bandage","1FA7A":"stethoscope","1FA7B":"x-ray","1FA7C":"crutch","1FA80":"yo-yo","1FA81":"kite","1FA82":"parachute","1FA83":"boomerang","1FA84":"magic_wand","1FA85":"pinata","1FA86":"nesting_dolls","1FA87":"maracas","1FA88":"flute","1FA89":"harp","1FA8F":"shovel","1FA90":"ringed_planet","1FA91":"chair","1FA92":"razor","1FA93":"axe","1FA94":"diya_lamp","1FA95":"banjo","1FA96":"military_helmet","1FA97":"accordion","1FA98":"long_drum","1FA99":"coin","1FA9A":"carpentry_saw","1FA9B":"screwdriver","1FA9C":"ladder","1FA9D":"hook","1FA9E":"mirror","1FA9F":"window","1FAA0":"plunger","1FAA1":"sewing_needle","1FAA2":"knot","1FAA3":"bucket","1FAA4":"mouse_trap","1FAA5":"toothbrush","1FAA6":"headstone","1FAA7":"placard","1FAA8":"rock","1FAA9":"mirror_ball","1FAAA":"identification_card","1FAAB":"low_battery","1FAAC":"hamsa","1FAAD":"folding_hand_fan","1FAAE":"hair_pick","1FAAF":"khanda","1FAB0":"fly","1FAB1":"worm","1FAB2":"beetle","1FAB3":"cockroach","1FAB4":"potted_plant","1FAB5":"wood","1FAB6":"feather","1FAB7":"lotus","1FAB8":"coral","1FAB9":"empty_nest","1FABA":"nest_with_eggs","1FABB":"hyacinth","1FABC":"jellyfish","1FABD":"wing","1FABE":"leafless_tree","1FABF":"goose","1FAC0":"anatomical_heart","1FAC1":"lungs","1FAC2":"people_hugging","1FAC3":"pregnant_man","1FAC4":"pregnant_person","1FAC5":"person_with_crown","1FAC6":"fingerprint","1FACE":"moose","1FACF":"donkey","1FAD0":"blueberries","1FAD1":"bell_pepper","1FAD2":"olive","1FAD3":"flatbread","1FAD4":"tamale","1FAD5":"fondue","1FAD6":"teapot","1FAD7":"pouring_liquid","1FAD8":"beans","1FAD9":"jar","1FADA":"ginger_root","1FADB":"pea_pod","1FADC":"root_vegetable","1FADF":"splatter","1FAE0":"melting_face","1FAE1":"saluting_face","1FAE2":"face_with_open_eyes_and_hand_over_mouth","1FAE3":"face_with_peeking_eye","1FAE4":"face_with_diagonal_mouth","1FAE5":"dotted_line_face","1FAE6":"biting_lip","1FAE7":"bubbles","1FAE8":"shaking_face","1FAE9":"face_with_bags_under_eyes","1FAF0":"hand_with_index_finger_and_thumb_crossed","1FAF1":"rightwards_hand","1FAF2":"leftwards_hand","1FAF3":"palm_down_hand","1FAF4":"palm_up_hand","1FAF5":"index_pointing_at_the_viewer","1FAF6":"heart_hands","1FAF7":"leftwards_pushing_hand","1FAF8":"rightwards_pushing_hand","203C":"bangbang","21A9":"leftwards_arrow_with_hook","21AA":"arrow_right_hook","231A":"watch","231B":"hourglass","23CF":"eject","23E9":"fast_forward","23EA":"rewind","23EB":"arrow_double_up","23EC":"arrow_double_down","23ED":"black_right_pointing_double_triangle_with_vertical_bar","23EE":"black_left_pointing_double_triangle_with_vertical_bar","23EF":"black_right_pointing_triangle_with_double_vertical_bar","23F0":"alarm_clock","23F1":"stopwatch","23F2":"timer_clock","23F3":"hourglass_flowing_sand","23F8":"double_vertical_bar","23F9":"black_square_for_stop","23FA":"black_circle_for_record","24C2":"m","25AA":"black_small_square","25AB":"white_small_square","25B6":"arrow_forward","25C0":"arrow_backward","25FB":"white_medium_square","25FC":"black_medium_square","25FD":"white_medium_small_square","25FE":"black_medium_small_square","260E":["phone","telephone"],"261D":"point_up","262A":"star_and_crescent","262E":"peace_symbol","262F":"yin_yang","263A":"relaxed","264A":"gemini","264B":"cancer","264C":"leo","264D":"virgo","264E":"libra","264F":"scorpius","265F":"chess_pawn","267B":"recycle","267E":"infinity","267F":"wheelchair","269B":"atom_symbol","269C":"fleur_de_lis","26A0":"warning","26A1":"zap","26A7":"transgender_symbol","26AA":"white_circle","26AB":"black_circle","26B0":"coffin","26B1":"funeral_urn","26BD":"soccer","26BE":"baseball","26C4":"snowman_without_snow","26C5":"partly_sunny","26C8":"thunder_cloud_and_rain","26CE":"ophiuchus","26CF":"pick","26D1":"helmet_with_white_cross","26D3-FE0F-200D-1F4A5":"broken_chain","26D3":"chains","26D4":"no_entry","26E9":"shinto_shrine","26EA":"church","26F0":"mountain","26F1":"umbrella_on_ground","26F2":"fountain","26F3":"golf","26F4":"ferry","26F5":["boat","sailboat"],"26F7":"skier","26F8":"ice_skate","26F9-FE0F-200D-2640-FE0F":"woman-bouncing-ball","26F9-FE0F-200D-2642-FE0F":"man-bouncing-ball","26F9":"person_with_ball","26FA":"tent","26FD":"fuelpump","270A":"fist","270B":["hand","raised_hand"],"270C":"v","270D":"writing_hand","270F":"pencil2","271D":"latin_cross","274C":"x","274E":"negative_squared_cross_mark","2764-FE0F-200D-1F525":"heart_on_fire","2764-FE0F-200D-1FA79":"mending_heart","27A1":"arrow_right","27B0":"curly_loop","27BF":"loop","2B05":"arrow_left","2B06":"arrow_up","2B07":"arrow_down","2B1B":"black_large_square","2B1C":"white_large_square","2B50":"star","2B55":"o","303D":"part_alternation_mark"};

const SHORTCODE = /^:?([a-z0-9_+-]+):?$/i;
const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;
const TABLE = shortcodes;
function characterOf(name) {
  for (const hexcode in TABLE) {
    const names = TABLE[hexcode];
    if (names !== name && !(Array.isArray(names) && names.includes(name))) continue;
    const character = String.fromCodePoint(...hexcode.split("-").map((hex) => parseInt(hex, 16)));
    return !hexcode.includes("-") && !/\p{Emoji_Presentation}/u.test(character) ? `${character}\uFE0F` : character;
  }
  return null;
}
function emojiText(emoji) {
  const text = emoji?.trim();
  if (!text) return null;
  const name = SHORTCODE.exec(text)?.[1];
  if (name !== void 0) return characterOf(name.toLowerCase());
  return EMOJI.test(text) ? text : null;
}

function agentLabel(change) {
  return change.agent.name ?? change.agent.email ?? `Agent ${change.agent.id ?? "unknown"}`;
}
function timeInPrevious(change) {
  if (change.prevChangedAt === null || change.prevChangedAt > change.changedAt) return null;
  return change.changedAt - change.prevChangedAt;
}
function changeTitle(change) {
  const spent = timeInPrevious(change);
  const previous = statusLabel(change.prevStatus);
  const tail = spent === null ? "" : `, ${humanDuration(spent)} ${previous.toLowerCase()}`;
  return `${agentLabel(change)}: ${previous} \u2192 ${statusLabel(change.status)} (${kindLabel(change.kind)})${tail}`;
}
function statusText(change) {
  const emoji = emojiText(change.emoji);
  return `${statusLabel(change.status)}${emoji ? ` ${emoji}` : ""}`;
}
function activityName(change) {
  return `Agent status: ${statusText(change)}`;
}
function changeDescription(change) {
  const spent = timeInPrevious(change);
  const duration = spent === null ? "" : ` after ${humanDuration(spent)}`;
  const by = change.actor.type === "system" ? " (set automatically)" : "";
  return `${agentLabel(change)} changed ${kindLabel(change.kind)} status from ${statusLabel(change.prevStatus)} to ${statusLabel(change.status)}${duration}${by}.`;
}
function changeFacts(change) {
  const spent = timeInPrevious(change);
  return {
    agent: agentLabel(change),
    agent_email: change.agent.email,
    agent_id: change.agent.id,
    change_type: change.kind,
    status: change.status,
    previous_status: change.prevStatus,
    changed_at_utc: new Date(change.changedAt).toISOString(),
    previous_changed_at_utc: change.prevChangedAt === null ? null : new Date(change.prevChangedAt).toISOString(),
    seconds_in_previous_status: spent === null ? null : Math.round(spent / 1e3),
    time_in_previous_status: spent === null ? null : humanDuration(spent),
    custom_status_id: change.customStatusId,
    emoji: emojiText(change.emoji),
    changed_by: change.actor.type,
    routing_sub_entity: change.subEntity
  };
}

const CUSTOMERGAUGE_ACTIVITY_TYPE = "Agent status change";
const CUSTOMERGAUGE_LIMITS = { reference: 128, account: 255, contact: 255 };
function customerGaugeReference(change) {
  return truncate(`freshchat-agent-activity-${change.key}`, CUSTOMERGAUGE_LIMITS.reference);
}
function mapToCustomerGauge(change, settings) {
  const activity = {
    reference: customerGaugeReference(change),
    account: truncate(settings.cg_account, CUSTOMERGAUGE_LIMITS.account),
    type: CUSTOMERGAUGE_ACTIVITY_TYPE,
    source: "Freshchat",
    happened_at: cgDateTime(change.changedAt),
    additional_information_object: informationObject(change)
  };
  if (settings.cg_send_contact && change.agent.email) activity.contact = truncate(change.agent.email, CUSTOMERGAUGE_LIMITS.contact);
  return activity;
}
function informationObject(change) {
  const facts = {
    ...changeFacts(change),
    status: statusText(change),
    previous_status: change.prevStatus === null ? null : statusLabel(change.prevStatus),
    description: changeDescription(change),
    timezone: "UTC"
  };
  const present = Object.entries(facts).filter((entry) => entry[1] !== null && entry[1] !== "");
  return Object.fromEntries(present.map(([name, value]) => [name, String(value)]));
}
function cgDateTime(ms) {
  return isoUtcSeconds(ms).slice(0, 19).replace("T", " ");
}

function maxLengthOf(iparams, name) {
  const limit = iparams.find((p) => p.name === name)?.maxLength;
  if (limit === void 0) throw new Error(`${name} has no maxLength in its descriptor`);
  return limit;
}
const KNOWN_EVENT_KINDS = ["GeneralAvailability", "Intelliassign"];
const LATER_KINDS_OPTION = "Kinds added later";
const PAGE_IPARAMS = DESCRIPTORS.flatMap(
  (destination) => destination.iparams.flatMap((p) => p.field && p.derived !== true ? [{ ...p, field: p.field, destination }] : [])
);
({
  ...Object.fromEntries(PAGE_IPARAMS.filter((p) => p.field.kind !== "secret").map((p) => [p.name, p.field.default]))
});

const CustomerGaugeSettings = typebox.Type.Object({
  cg_region: OneOf(CUSTOMERGAUGE_REGIONS),
  cg_client_id: typebox.Type.String({ minLength: 1 }),
  // base64(client_id:client_secret), built by the installation page: the secret reaches the
  // token request only through this header value, never through code or the browser after install.
  cg_client_credentials: typebox.Type.String({ minLength: 4 }),
  cg_account: typebox.Type.String({ minLength: 1, maxLength: maxLengthOf(customerGauge$1.iparams, "cg_account") }),
  cg_send_contact: typebox.Type.Optional(typebox.Type.Boolean({ default: false }))
});

const customerGauge = defineDestination(customerGauge$1, {
  settings: CustomerGaugeSettings,
  map: mapToCustomerGauge,
  summarize: (payload) => ({
    name: `${payload.type}: ${payload.additional_information_object["status"] ?? ""}`,
    happened_at: `${payload.happened_at} UTC`,
    recipient: payload.contact ? `${payload.account} / ${payload.contact}` : payload.account,
    reference: payload.reference
  }),
  send: upsertActivity,
  idempotent: true,
  fetchToken: (ctx) => accessToken(ctx, false)
});

function readFreshdeskError(body) {
  if (!isRecord(body)) return null;
  const { description, message, errors } = body;
  const head = description ?? message ?? null;
  return errors?.length ? `${head ?? "Error"}: ${errors.map(describeFieldError).join("; ")}` : head;
}
function describeFieldError(error) {
  return [error.field, error.code, error.message && `(${error.message})`].filter(Boolean).join(" ");
}
async function createContactActivity(payload, ctx) {
  const spec = {
    template: freshdesk$1.templates.createContactActivity,
    options: { body: JSON.stringify(payload) },
    readMessage: readFreshdeskError,
    idempotent: false
  };
  const res = await invoke(spec, ctx);
  return { status: res.status, remoteId: null };
}

const FRESHDESK_LIMITS = { name: 255, description: 1e3, id: 255 };
function contactFor(change, settings) {
  if (settings.freshdesk_contact_mode === FRESHDESK_CONTACT_MODES.fixed) {
    const externalId = settings.freshdesk_contact_external_id?.trim();
    if (!externalId)
      throw new PayloadInvalidError({ status: 0, message: "iparam freshdesk_contact_external_id is required in fixed-contact mode" });
    return { unique_external_id: externalId, is_actor: false };
  }
  if (!change.agent.email) {
    throw new PayloadInvalidError({
      status: 0,
      message: "the event has no agent email (data.agent_activity.email) to pick the Freshdesk contact"
    });
  }
  return { email: change.agent.email, is_actor: change.actor.self === true };
}
function mapToFreshdesk(change, settings) {
  return {
    activity: {
      name: truncate(activityName(change), FRESHDESK_LIMITS.name),
      // Freshdesk's documented date formats have no fraction of a second.
      timestamp: isoUtcSeconds(change.changedAt),
      description: truncate(changeDescription(change), FRESHDESK_LIMITS.description),
      actor: {
        type: change.actor.type === "agent" ? "agent" : "system",
        id: truncate(change.actor.id ?? change.agent.id ?? "system", FRESHDESK_LIMITS.id),
        name: truncate(change.actor.type === "agent" ? agentLabel(change) : "Freshchat", FRESHDESK_LIMITS.name)
      },
      source: { name: "Freshchat", id: truncate(change.account ?? "freshchat", FRESHDESK_LIMITS.id) },
      object: { type: "agent_status", id: change.key },
      context: changeFacts(change)
    },
    contact: contactFor(change, settings)
  };
}

const { agent: CONTACT_MODE_AGENT, fixed: CONTACT_MODE_FIXED } = FRESHDESK_CONTACT_MODES;
const FreshdeskSettings = typebox.Type.Object({
  freshdesk_subdomain: typebox.Type.String({ pattern: FRESHDESK_SUBDOMAIN_PATTERN }),
  freshdesk_api_key: typebox.Type.String({ minLength: 1 }),
  freshdesk_contact_mode: OneOf([CONTACT_MODE_AGENT, CONTACT_MODE_FIXED], { default: CONTACT_MODE_AGENT }),
  freshdesk_contact_external_id: typebox.Type.Optional(typebox.Type.String({ maxLength: maxLengthOf(freshdesk$1.iparams, "freshdesk_contact_external_id") }))
});

const freshdesk = defineDestination(freshdesk$1, {
  settings: FreshdeskSettings,
  map: mapToFreshdesk,
  summarize: (payload) => ({
    name: payload.activity.name,
    happened_at: payload.activity.timestamp,
    recipient: "email" in payload.contact ? payload.contact.email : `external id ${payload.contact.unique_external_id}`,
    reference: payload.activity.object.id
  }),
  send: createContactActivity,
  idempotent: false
});

const IMPLEMENTATIONS = {
  freshdesk,
  customergauge: customerGauge
};
const destinations = DESCRIPTORS.map((d) => IMPLEMENTATIONS[d.id]);

const attemptsAfter = (a, attempted) => (a.previous?.attempts ?? 0) + (attempted ? 1 : 0);
const failingSince = (a) => a.previous?.failing_since ?? a.now;
const quotaDeferral = (previous) => previous?.quota_deferred_at === void 0 ? {} : { quota_deferred_at: previous.quota_deferred_at };
const carried = (a) => ({
  updated_at: a.now,
  sent: a.sent ?? a.previous?.sent ?? null,
  may_duplicate: a.mayDuplicate,
  replayed_at: a.previous?.replayed_at ?? null,
  ...quotaDeferral(a.previous)
});
function toDelivered(a, status, remoteId) {
  const attempts = (a.previous?.attempts ?? 0) + 1;
  return {
    ...carried(a),
    outcome: "delivered",
    reason: null,
    attempts,
    last_status: status,
    next_retry_at: null,
    remote_id: remoteId,
    failing_since: null
  };
}
function toRejected(a, reason, status, attempted) {
  return {
    ...carried(a),
    outcome: "rejected",
    reason,
    attempts: attemptsAfter(a, attempted),
    last_status: status,
    next_retry_at: null,
    remote_id: null,
    failing_since: failingSince(a)
  };
}
const lastStatus = (a, status) => status ?? a.previous?.last_status ?? null;
function toWaiting(a, reason, status, at, attempted) {
  return {
    ...carried(a),
    outcome: "retrying",
    reason,
    attempts: attemptsAfter(a, attempted),
    last_status: lastStatus(a, status),
    next_retry_at: at,
    remote_id: null,
    failing_since: failingSince(a)
  };
}
function toDeadLetter(a, reason, status, attempted) {
  return { ...toRejected(a, reason, status, attempted), outcome: "dead_letter" };
}
function toSkipped(now, reason) {
  return {
    outcome: "skipped",
    reason,
    attempts: 0,
    last_status: null,
    next_retry_at: null,
    updated_at: now,
    sent: null,
    remote_id: null,
    may_duplicate: false,
    failing_since: null,
    replayed_at: null
  };
}
function toReplayed(push, now) {
  return {
    ...push,
    outcome: "retrying",
    reason: "retry requested",
    attempts: 0,
    next_retry_at: now,
    updated_at: now,
    failing_since: now,
    replayed_at: now
  };
}
function toRecovered(push, now, idempotent) {
  return { ...push, may_duplicate: push.may_duplicate || !idempotent, updated_at: now };
}

const TIME_BUDGET_MS = 24 * 36e5;
const FIRST_PROBE_MS = 5 * 6e4;
const LONGEST_PROBE_MS = 2 * 36e5;
const RATE_LIMIT_WAIT_MS = 6e4;
const probeDelayMs = (failures) => Math.min(LONGEST_PROBE_MS, FIRST_PROBE_MS * 2 ** Math.max(0, failures - 1));
function waitOrGiveUp(f, at, attempted) {
  const status = statusOf$1(f.err);
  const reason = reasonOf(f.err);
  const since = f.previous?.failing_since ?? f.now;
  if (f.now - since >= TIME_BUDGET_MS)
    return toDeadLetter(f, `gave up after ${Math.round(TIME_BUDGET_MS / 36e5)} h failing: ${reason}`, status, attempted);
  return toWaiting(f, reason, status, at, attempted);
}
const statusOf$1 = (err) => err instanceof DeliveryError ? err.status : null;
function rateLimited(f, err) {
  const until = f.now + (err.retryAfterMs ?? RATE_LIMIT_WAIT_MS);
  const mark = { until, failures: f.mark?.failures ?? 0, since: f.mark?.since ?? f.now, reason: reasonOf(err) };
  return { push: waitOrGiveUp(f, until, false), mark };
}
function failed(f, err) {
  const failures = (f.mark?.failures ?? 0) + 1;
  const until = f.now + Math.max(err.retryAfterMs ?? 0, probeDelayMs(failures));
  return { push: waitOrGiveUp(f, until, true), mark: { until, failures, since: f.mark?.since ?? f.now, reason: reasonOf(err) } };
}
function refused(f) {
  const permanent = f.err instanceof AuthError || f.err instanceof PayloadInvalidError;
  const reason = permanent ? reasonOf(f.err) : `unexpected error: ${reasonOf(f.err)}`;
  return { push: toRejected(f, reason, statusOf$1(f.err), true), mark: null };
}
function notSent(f, err) {
  const push = waitOrGiveUp(f, f.now + (err.retryAfterMs ?? 0), false);
  return err instanceof PlatformQuotaError ? { ...push, quota_deferred_at: f.now } : push;
}
function decide(f) {
  const { err } = f;
  if (err instanceof NotSentError) return { push: notSent(f, err), mark: null };
  if (err instanceof RetryableError) return err.status === 429 ? rateLimited(f, err) : failed(f, err);
  return refused(f);
}

const PipelineSettings = typebox.Type.Object({
  destinations: typebox.Type.Array(typebox.Type.String(), { default: [...DESTINATION_LABELS] }),
  event_kinds: typebox.Type.Array(typebox.Type.String(), { default: [...KNOWN_EVENT_KINDS, LATER_KINDS_OPTION] })
});
function forwardsKind(eventKinds, kind) {
  const known = KNOWN_EVENT_KINDS.includes(kind);
  return eventKinds.includes(known ? kind : LATER_KINDS_OPTION);
}

const destinationOf = (id) => destinations.find((d) => d.id === id);
const allDestinations = () => destinations.map((d) => d.id);
function skipReason(destination, change, iparams) {
  const settings = validate(PipelineSettings, iparams, "iparams");
  if (!settings.ok) return `installation settings invalid: ${settings.message}`;
  if (!settings.value.destinations.includes(destination.label)) return `${destination.label} is switched off in the app settings`;
  if (!forwardsKind(settings.value.event_kinds, change.kind)) return `${change.kind} events are not forwarded (app settings)`;
  return null;
}
const isHeldBack = (mark, now) => mark !== void 0 && mark.until > now;
function heldBack(destination, base, mark) {
  const reason = `waiting: ${destination.label} has been failing since ${new Date(mark.since).toISOString()} (${mark.reason})`;
  return { id: destination.id, push: toWaiting(base, reason, null, mark.until, false), mark: void 0, attempted: false };
}
async function send(destination, change, settings, base, ctx) {
  const mark = ctx.head.down[destination.id];
  const attempt = { ...base };
  try {
    const payload = destination.map(change, settings);
    attempt.sent = destination.summarize(payload);
    const receipt = await destination.send(payload, ctx);
    return {
      id: destination.id,
      push: toDelivered(attempt, receipt.status, receipt.remoteId),
      mark: mark ? null : void 0,
      attempted: true
    };
  } catch (err) {
    return failure(destination, attempt, err, mark);
  }
}
function failure(destination, attempt, err, mark) {
  const landed = !destination.idempotent && err instanceof RetryableError && err.mayHaveLanded;
  const decision = decide({ ...attempt, err, mark, mayDuplicate: attempt.mayDuplicate || landed });
  const attempted = decision.push.attempts > (attempt.previous?.attempts ?? 0);
  return { id: destination.id, push: decision.push, mark: decision.mark ?? void 0, attempted };
}
function pushOne(destination, change, previous, ctx, mayHaveLanded) {
  const now = Date.now();
  const mark = ctx.head.down[destination.id];
  const flagged = previous?.may_duplicate === true || mayHaveLanded && !destination.idempotent;
  const base = { now, previous, sent: null, mayDuplicate: flagged };
  const settings = validate(destination.settings, ctx.iparams, "iparams");
  if (!settings.ok) {
    const push = toRejected(base, `installation settings invalid: ${settings.message}`, null, false);
    return Promise.resolve({ id: destination.id, push, mark: void 0, attempted: false });
  }
  if (isHeldBack(mark, now)) return Promise.resolve(heldBack(destination, base, mark));
  return send(destination, change, settings.value, base, ctx);
}
function deliverEvent(change, ids, ctx, mayHaveLanded) {
  return Promise.all(
    ids.map((id) => {
      const destination = destinationOf(id);
      const reason = skipReason(destination, change, ctx.iparams);
      if (reason) return { id, push: toSkipped(Date.now(), reason), mark: void 0, attempted: false };
      return pushOne(destination, change, void 0, ctx, mayHaveLanded);
    })
  );
}

const isRedactor = (source) => typeof source.text === "function" && typeof source.value === "function";
function redactSecrets(record, secrets) {
  return (isRedactor(secrets) ? secrets : redactorFor(secrets)).value(record);
}

const recordText = (record) => canonicalJson(storable({ key: record.key, received_at: record.received_at, change: record.change, invalid: record.invalid }));
const pushText = (key, destination, push) => {
  const state = { ...push };
  delete state.sig;
  return `${key}|${destination}|${canonicalJson(storable(state))}`;
};
function sealPush(key, destination, push, secret) {
  return { ...push, sig: hmacSha256(secret, pushText(key, destination, push)) };
}
function sealRecord(record, secret) {
  const pushes = {};
  for (const [id, push] of Object.entries(record.pushes))
    pushes[id] = sealPush(record.key, id, push, secret);
  return { ...record, pushes, sig: hmacSha256(secret, `${recordText(record)}`) };
}
const recordIsAuthentic = (record, secret) => sameDigest(record.sig, hmacSha256(secret, recordText(record)));
function pushIsAuthentic(record, destination, secret) {
  const push = record.pushes[destination];
  return push !== void 0 && recordIsAuthentic(record, secret) && sameDigest(push.sig, hmacSha256(secret, pushText(record.key, destination, push)));
}

const OUTCOMES = ["delivered", "skipped", "rejected", "retrying", "dead_letter"];
const RESERVE_NOTICE = "The history is read at most a few times a minute, so that deliveries keep their storage quota: showing what could be read now. Try again in a minute.";

const RESERVE_PER_MINUTE = 4;
const noteUse = (now) => updateHead(
  (head) => ({
    ...head,
    reserve_at: Math.max(head.reserve_at ?? 0, now),
    // Coming into use: the backlog placed so far was paced without the reserve.
    booked_from: reserveInUse(head, now) ? head.booked_from : head.backlog_at
  }),
  (head) => (head.reserve_at ?? 0) >= now,
  true
).catch(() => void 0);
async function takeToken(minute, index, now) {
  const token = await createOnce(NAMES.readToken(minute, index), { kind: "reserve" }, now);
  if (token === "created" && index === 0) await noteUse(now);
  return token;
}
async function takeReserve(wanted) {
  const now = Date.now();
  const minute = Math.floor(now / 6e4);
  let got = 0;
  for (let i = 0; i < RESERVE_PER_MINUTE && got < wanted; i++) {
    const token = await takeToken(minute, i, now);
    if (token === "full" || token === "failed") return wanted;
    if (token === "created") got++;
  }
  return got;
}

function forStorage(record, redactor, secret) {
  const cut = fitToBytes(redactSecrets(record, redactor), MAX_RECORD_BYTES - SEAL_ROOM);
  return secret === null ? cut : sealRecord(cut, secret);
}
const SEAL_ROOM = 300;
const PROBE = allDestinations()[0];
function redactText(text, redactor) {
  const probe = {
    key: "",
    page: null,
    received_at: 0,
    change: null,
    invalid: null,
    pushes: { [PROBE]: { reason: text } }
  };
  return redactSecrets(probe, redactor).pushes[PROBE]?.reason ?? "";
}
function pushForStorage(key, id, push, redactor, secret) {
  const redacted = redactSecrets({ key, page: null, received_at: 0, change: null, invalid: null, pushes: { [id]: push } }, redactor);
  return sealPush(key, id, redacted.pushes[id], secret);
}
async function wakeAt(at) {
  const when = Math.max(at, Date.now() + MIN_LEAD_MS);
  const armed = await createOnce(NAMES.wake(when), { kind: "wake" }, when);
  if (armed === "exists") return "stands";
  const due = armed === "created" ? when : Date.now();
  await updateHead(
    (h) => ({ ...h, wake_at: h.wake_at === null || h.wake_at > due || h.wake_at < Date.now() ? due : h.wake_at }),
    (h) => h.wake_at !== null && h.wake_at <= due && h.wake_at >= Math.min(due, Date.now())
  );
  return "armed";
}
function wakeStands(head, due) {
  const now = Date.now();
  return head.wake_at !== null && head.wake_at > now && head.wake_at <= Math.max(due, now + MIN_LEAD_MS);
}
const OVERDUE_MS$1 = 2 * 6e4;
async function rearmIfOverdue(head) {
  if (head.wake_at !== null && head.wake_at < Date.now() - OVERDUE_MS$1) await wakeAt(Date.now());
}
async function noWakeNeeded(from) {
  await updateHead(
    (h) => h.wake_at === from ? { ...h, wake_at: null } : h,
    (h) => h.wake_at !== from
  );
}
function headNeeds(head, s) {
  const page = pageNumber(s.page);
  const waiting = s.pushes.some(([, p]) => p.outcome === "retrying");
  const failed = s.pushes.some(([, p]) => isFailed(p));
  const marksHold = s.marks.every(([id, mark]) => mark === null ? head.down[id] === void 0 : head.down[id]?.until === mark.until);
  return waiting && head.open_from > page || failed && (head.failed_from === null || head.failed_from > page) || !marksHold;
}
function applyTo(head, s) {
  const page = pageNumber(s.page);
  const down = { ...head.down };
  for (const [id, mark] of s.marks) {
    if (mark === null) delete down[id];
    else down[id] = mark;
  }
  const waiting = s.pushes.some(([, p]) => p.outcome === "retrying");
  const failed = s.pushes.some(([, p]) => isFailed(p));
  return {
    ...head,
    down,
    open_from: waiting ? Math.min(head.open_from, page) : head.open_from,
    failed_from: failed ? Math.min(head.failed_from ?? page, page) : head.failed_from
  };
}
async function afterStored(head, stored) {
  const s = {
    ...stored,
    marks: stored.marks.map(([id, mark]) => [
      id,
      mark && { ...mark, reason: redactText(mark.reason, stored.redactor) }
    ])
  };
  if (headNeeds(head, s))
    await updateHead(
      (h) => applyTo(h, s),
      (h) => !headNeeds(h, s)
    );
  const due = s.pushes.filter(([, p]) => p.outcome === "retrying").map(([, p]) => p.next_retry_at ?? Date.now());
  if (due.length > 0 && !wakeStands(head, Math.min(...due))) await wakeAt(Math.min(...due));
}
const OPS_PER_MINUTE = 50;
const OPS_PER_EVENT = 2;
const SPARE_OPS = OPS_PER_EVENT + 1;
const FREE_OPS = OPS_PER_MINUTE - SPARE_OPS;
const spacing = (ops) => Math.ceil(6e4 * OPS_PER_EVENT / ops);
const SPACING_MS = { whole: spacing(FREE_OPS), booked: spacing(FREE_OPS - RESERVE_PER_MINUTE) };
const YIELD_ONE_IN = Math.round(FREE_OPS / RESERVE_PER_MINUTE);
function yieldsToReserve(head, now) {
  if (!reserveInUse(head, now) || now >= head.booked_from || head.backlog_at <= now + MIN_LEAD_MS) return false;
  return Math.floor(now / SPACING_MS.whole) % YIELD_ONE_IN === 0;
}
async function backlogSlot(head) {
  const now = Date.now();
  const at = Math.max(now + MIN_LEAD_MS, head.backlog_at + (reserveInUse(head, now) ? SPACING_MS.booked : SPACING_MS.whole));
  await updateHead(
    (h) => ({ ...h, backlog_at: Math.max(h.backlog_at, at) }),
    (h) => h.backlog_at >= at
  ).catch(() => void 0);
  return at;
}

const BACKUP_BACKLOG_MS = 5e4;
const BACKUP_DELAY_MS = 10 * 6e4;
const dataOf = (data) => data;
const sameRun = (data) => (found) => found.run === data.run;
function atResume(data) {
  if (data.step === "pushed") return { ...data, mayBeStored: true };
  if (data.step === "unclaimed") return { ...data, step: void 0 };
  return data;
}
const writeAhead = (data, at = Date.now()) => createHolder(NAMES.writeAhead(data.record.key), dataOf(data), at, sameRun(data));
const retakeCopy = (data) => retakeOnce(NAMES.writeAhead(data.record.key), dataOf(data), sameRun(data));
async function parkAhead(data, at) {
  const backup = data.backup === true || at - Date.now() < MIN_LEAD_MS + BACKUP_BACKLOG_MS;
  const parked = { ...data, backup };
  if (!await moveOnce(NAMES.writeAhead(data.record.key), dataOf(parked), at)) return false;
  if (backup) await upsertOnce(NAMES.backupAhead(data.record.key), dataOf(atResume(parked)), at + BACKUP_DELAY_MS);
  return true;
}
async function clearWriteAhead(data) {
  const cleared = await removeSchedule(NAMES.writeAhead(data.record.key));
  if (data.backup) await removeSchedule(NAMES.backupAhead(data.record.key));
  return cleared;
}

const MAX_REASON_CHARS = 300;
async function drop(key, why) {
  console.error(`event ${key} dropped: ${why}`);
  await countDrop(key).catch(() => void 0);
  return "dropped";
}
const MAX_STORE_TRIES = 3;
function copyOf(work) {
  const data = { ...work };
  delete data.marks;
  return data;
}
const isQuota = (err) => err.kind === "quota";
const certainlyNotStored = (err) => isQuota(err) || err.kind === "refused";
async function defer(work, ctx, hasCopy, step) {
  if (!hasCopy) return work.backup ? "deferred" : drop(work.record.key, "neither the store nor a write-ahead copy could take it");
  await parkAhead({ ...copyOf(work), step }, await backlogSlot(ctx.head));
  return "deferred";
}
async function notStored(work, ctx, sealed, hasCopy, err) {
  const tries = (work.tries ?? 0) + (isQuota(err) ? 0 : 1);
  const parked = {
    ...copyOf(work),
    record: sealed,
    inflight: [],
    tries,
    step: "pushed",
    mayBeStored: !certainlyNotStored(err)
  };
  const kept = hasCopy ? tries < MAX_STORE_TRIES && await parkAhead(parked, await backlogSlot(ctx.head)) : work.backup === true;
  if (kept) return "deferred";
  console.error(`history: event ${work.record.key} pushed but not recorded: ${reasonOf(err, ctx.redactor)}`);
  return finish(work, hasCopy, "unrecorded");
}
async function store(work, ctx, hasCopy) {
  const sealed = forStorage(work.record, ctx.redactor, ctx.head.secret);
  let page;
  try {
    page = await placeNew(sealed, ctx.head);
  } catch (err) {
    return notStored(work, ctx, sealed, hasCopy, err);
  }
  const pushes = Object.entries(sealed.pushes);
  await afterStored(ctx.head, { redactor: ctx.redactor, page, pushes, marks: work.marks ?? [] }).catch(
    (err) => console.error(`engine: event ${work.record.key} stored, its bookkeeping failed: ${reasonOf(err, ctx.redactor)}`)
  );
  return finish(work, hasCopy, "done");
}
async function pushAndStore(work, ctx, hasCopy, mayHaveLanded) {
  const results = await deliverEvent(work.record.change, work.inflight, ctx, mayHaveLanded);
  for (const result of results) work.record.pushes[result.id] = result.push;
  work.marks = results.filter((r) => r.mark !== void 0).map((r) => [r.id, r.mark ?? null]);
  return store(work, ctx, hasCopy);
}
function invalidRecord(payload, field, message, now) {
  const { key, excerpt } = invalidPayloadIdentity(payload?.data ?? null);
  const record = newRecord(key, null, now);
  record.invalid = { field, message: truncate(message, MAX_REASON_CHARS), excerpt };
  return record;
}
async function recordInvalid(record, ctx) {
  try {
    await placeNew(forStorage(record, ctx.redactor, ctx.head.secret), ctx.head);
    return "done";
  } catch (err) {
    return drop(record.key, `rejected event not recorded: ${reasonOf(err, ctx.redactor)}`);
  }
}
const contextFor = async (iparams, call) => ({ ...call, iparams, head: await readHead() });
async function receiveEvent(payload, iparams, call) {
  const now = Date.now();
  const parsed = parseAgentActivityEvent(payload);
  const ctx = await contextFor(iparams, call).catch(() => null);
  if (!ctx)
    return {
      status: await withoutHead(parsed.ok ? newRecord(parsed.change.key, parsed.change, now) : null, call),
      record: newRecord("", null, now)
    };
  if (!parsed.ok) {
    const record2 = invalidRecord(payload, parsed.field, parsed.message, now);
    return { status: await recordInvalid(record2, ctx), record: record2 };
  }
  await rearmIfOverdue(ctx.head);
  const record = newRecord(parsed.change.key, parsed.change, now);
  const work = { kind: "event", run: newRunToken(ctx.head.secret, record.key, now), record, inflight: allDestinations() };
  return { status: await receive(work, ctx), record };
}
async function withoutHead(record, call) {
  if (!record) return "dropped";
  const data = {
    kind: "event",
    run: `r${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`,
    record: forStorage(record, call.redactor, null),
    inflight: allDestinations()
  };
  const copy = await writeAhead(data);
  if (copy === "created") return "deferred";
  if (copy === "exists") return "duplicate";
  console.error(`event ${record.key} dropped: neither the engine head nor a write-ahead copy could be reached`);
  return "dropped";
}
async function receive(work, ctx) {
  const data = { ...work, record: forStorage(work.record, ctx.redactor, ctx.head.secret) };
  const copy = await writeAhead(data);
  if (copy === "exists") return "duplicate";
  const hasCopy = copy === "created";
  const claim = await claimEvent(work.record.key, work.run, ctx.head.page);
  if (claim === "duplicate") return finish(work, hasCopy, "duplicate");
  if (claim === "unknown") return defer(data, ctx, hasCopy, "unclaimed");
  return pushAndStore({ ...work, claimPage: ctx.head.page }, ctx, hasCopy, false);
}
async function findStored(key, from, head) {
  for (let page = from; page <= Math.min(head, from + 2); page++) {
    const records = await readPage(pageId(page)).catch(() => "unknown");
    if (records === "unknown") return "unknown";
    const found = (records ?? []).find((r) => r.key === key);
    if (found) return found;
  }
  return null;
}
async function resumeClaimed(work, ctx, hasCopy, claimPage) {
  const stored = await findStored(work.record.key, claimPage, ctx.head.page);
  if (stored === "unknown") return defer({ ...work, claimPage }, ctx, hasCopy, work.step ?? "claimed");
  if (stored) return finish(work, hasCopy, "done");
  if (work.inflight.length > 0) return pushAndStore(work, ctx, hasCopy, true);
  return store(work, ctx, hasCopy);
}
const givesWay = (work, ctx, hasCopy) => hasCopy && work.step === "unclaimed" && yieldsToReserve(ctx.head, Date.now());
async function reclaim(work, ctx, hasCopy) {
  if (givesWay(work, ctx, hasCopy)) return defer(work, ctx, hasCopy, work.step);
  const claim = await claimEvent(work.record.key, work.run, ctx.head.page);
  if (claim === "duplicate") return finish(work, hasCopy, "duplicate");
  if (claim === "unknown") return defer(work, ctx, hasCopy, work.step);
  if (claim === "claimed") return pushAndStore({ ...work, claimPage: ctx.head.page }, ctx, hasCopy, false);
  if (work.step === "unclaimed") return pushAndStore({ ...work, claimPage: claim.ours.page }, ctx, hasCopy, false);
  return resumeClaimed(work, ctx, hasCopy, claim.ours.page);
}
async function resumeEvent(data, iparams, call) {
  const copy = await retakeCopy(atResume(data));
  if (copy === "exists") return "duplicate";
  const ctx = await contextFor(iparams, call);
  const hasCopy = copy === "created";
  const work = { ...data, record: { ...data.record, page: null } };
  if (work.step === "pushed" && !work.mayBeStored) return store(work, ctx, hasCopy);
  if (work.step === "pushed" || work.step === "claimed") return resumeClaimed(work, ctx, hasCopy, work.claimPage ?? ctx.head.page);
  return reclaim(work, ctx, hasCopy);
}
async function finish(work, hasCopy, status) {
  if (hasCopy) await clearWriteAhead(work);
  return status;
}

const isTime = (ms) => typeof ms === "number" && Math.abs(ms) <= 864e13;
const iso$2 = (ms) => isTime(ms) ? new Date(ms).toISOString() : null;
const PAGE_PATTERN = "^[0-9a-z]{1,12}\\+{0,2}$";
const KEY_PATTERN = "^[0-9a-z]{1,40}$";
const isPage = (value) => typeof value === "string" && new RegExp(PAGE_PATTERN).test(value);
const isKey = (value) => typeof value === "string" && new RegExp(KEY_PATTERN).test(value);
const activityId = (item) => `${item.page}.${item.key}.${item.destination ?? "event"}`;
function parseActivityId(id) {
  const [page, key, destination, ...rest] = id.split(".");
  if (rest.length > 0 || !isPage(page) || !isKey(key) || !/^[a-z]+$/.test(destination ?? "")) return null;
  return { page, key, destination };
}
function itemsOf(record) {
  if (!isPage(record.page) || !isKey(record.key)) return [];
  const receivedAt = isTime(record.received_at) ? record.received_at : 0;
  const base = { page: record.page, received_at: receivedAt, key: record.key, record };
  const pushes = typeof record.pushes === "object" && record.pushes !== null ? record.pushes : {};
  if (record.invalid) return [{ ...base, slot: 0, destination: null }];
  return destinations.map((d, slot) => ({ ...base, slot, destination: d.id })).filter((item) => pushes[item.destination] !== void 0);
}
function systemActivity(item, described) {
  const at = iso$2(item.received_at);
  const nothingSent = { attempts: 0, last_status: null, next_retry_at: null, retryable: false, may_duplicate: false, sent: null };
  return {
    id: activityId(item),
    actor: { type: "system", id: null, name: null, email: null },
    ...described,
    ...nothingSent,
    created_at: at,
    updated_at: at
  };
}
function invalidActivity(item) {
  const invalid = item.record.invalid;
  if (typeof invalid.message !== "string") throw new Error("its note on the invalid event has no message");
  return systemActivity(item, {
    verb: "agent_activity.invalid",
    title: `Rejected event: ${invalid.message}`,
    object: { invalid_event: invalid },
    target: null,
    outcome: "rejected",
    reason: invalid.message
  });
}
function unreadableActivity(item, err) {
  const stored = item.destination ? item.record.pushes?.[item.destination]?.outcome : void 0;
  const destination = destinations[item.slot];
  const reason = `This history record could not be read (${err instanceof Error ? err.message : String(err)}).`;
  return systemActivity(item, {
    verb: "agent_activity.unreadable",
    title: "Unreadable history record",
    object: { unreadable_record: { reason } },
    target: item.destination ? { destination: destination.id, name: destination.label, reference: null, remote_id: null } : null,
    outcome: OUTCOMES.includes(stored) ? stored : "rejected",
    reason
  });
}
function storedPush(record, destination) {
  const push = record.pushes[destination];
  if (typeof push !== "object" || push === null || !OUTCOMES.includes(push.outcome))
    throw new Error(`the ${destination} push has no known outcome`);
  return push;
}
function toActivity(item) {
  try {
    return readActivity(item);
  } catch (err) {
    return unreadableActivity(item, err);
  }
}
function readActivity(item) {
  const { record } = item;
  const change = record.change;
  if (!change || !item.destination) return invalidActivity(item);
  const push = storedPush(record, item.destination);
  const destination = destinations[item.slot];
  return {
    id: activityId(item),
    verb: `agent_activity.${change.kind.toLowerCase()}`,
    title: changeTitle(change),
    actor: { type: change.actor.type, id: change.agent.id, name: change.agent.name, email: change.agent.email },
    object: {
      agent_activity: {
        kind: change.kind,
        status: change.status,
        prev_status: change.prevStatus,
        changed_at: iso$2(change.changedAt),
        prev_changed_at: iso$2(change.prevChangedAt),
        custom_status_id: change.customStatusId,
        emoji: change.emoji,
        // Fields kept other than as sent: "data.agent_activity.emoji cut; …" (issue 17 finding 14).
        adjusted: change.adjusted ? Object.entries(change.adjusted).map(([field, how]) => `${field} ${how}`).join("; ") : null
      }
    },
    target: { destination: destination.id, name: destination.label, reference: push.sent?.reference ?? null, remote_id: push.remote_id },
    outcome: push.outcome,
    reason: push.reason,
    attempts: push.attempts,
    last_status: push.last_status,
    next_retry_at: iso$2(push.next_retry_at),
    retryable: isReplayable(push),
    may_duplicate: push.may_duplicate,
    sent: push.sent,
    created_at: iso$2(item.received_at),
    updated_at: iso$2(push.updated_at) ?? iso$2(item.received_at)
  };
}

const PUSHES_PER_SWEEP = 10;
const PAGES_PER_SWEEP = 3;
const NEXT_SWEEP_MS = 6e4;
const lockData = (page, inflight, since) => ({
  kind: "page",
  page,
  inflight,
  since
});
const waitingEntries = (records, secret) => records.flatMap(
  (record) => Object.entries(record.pushes).filter(([id, push]) => push?.outcome === "retrying" && pushIsAuthentic(record, id, secret)).map(([id, push]) => ({ record, id, push }))
);
const isDue = (entry, head, now) => (entry.push.next_retry_at ?? 0) <= now && !isHeldBack(head.down[entry.id], now);
function choose(records, head, now, budget) {
  const entries = waitingEntries(records, head.secret);
  const expired = entries.filter((e) => now - (e.push.failing_since ?? now) >= TIME_BUDGET_MS);
  const due = [];
  const probing = /* @__PURE__ */ new Set();
  for (const entry of entries.filter((e) => !expired.includes(e) && isDue(e, head, now))) {
    if (probing.has(entry.id) || due.length >= budget) continue;
    if (head.down[entry.id]) probing.add(entry.id);
    due.push(entry);
  }
  return { due, expired };
}
function pushAll(due, ctx) {
  return Promise.all(due.map((d) => pushOne(destinationOf(d.id), d.record.change, d.push, ctx, false)));
}
const BUSY = { open: true, pushed: 0, next: null };
async function drainPage(id, ctx, budget) {
  const lock = NAMES.pageLock(id);
  if (await createOnce(lock, lockData(id, []), Date.now()) !== "created") return BUSY;
  try {
    const records = await readPage(id);
    if (records === null) return { open: false, pushed: 0, next: null };
    const now = Date.now();
    const { due, expired } = choose(records, ctx.head, now, budget);
    if (due.length > 0 && !await moveOnce(
      lock,
      lockData(
        id,
        due.map((d) => ({ key: d.record.key, id: d.id })),
        now
      ),
      now
    ))
      return BUSY;
    const results = await pushAll(due, ctx);
    const changes = [
      ...results.map((r, i) => ({ key: due[i].record.key, destination: r.id, push: r.push })),
      ...expired.map((d) => ({
        key: d.record.key,
        destination: d.id,
        push: toDeadLetter(
          { now, previous: d.push, sent: null, mayDuplicate: d.push.may_duplicate },
          `gave up after 24 h failing: ${d.push.reason ?? ""}`,
          d.push.last_status,
          false
        )
      }))
    ].map((c) => ({ ...c, push: pushForStorage(c.key, c.destination, c.push, ctx.redactor, ctx.head.secret) }));
    await rewritePushes(id, changes);
    const marks = results.filter((r) => r.mark !== void 0).map((r) => [r.id, r.mark ?? null]);
    await afterStored(ctx.head, { redactor: ctx.redactor, page: id, pushes: changes.map((c) => [c.destination, c.push]), marks });
    const left = records.flatMap(
      (r) => Object.entries(r.pushes).filter(
        ([dest, p]) => p?.outcome === "retrying" && !changes.some((c) => c.key === r.key && c.destination === dest)
      )
    );
    const stillWaiting = [...left.map(([, p]) => p), ...changes.map((c) => c.push).filter((p) => p.outcome === "retrying")];
    const times = stillWaiting.map((p) => p.next_retry_at ?? now);
    return {
      open: stillWaiting.length > 0,
      pushed: results.filter((r) => r.attempted).length,
      next: times.length > 0 ? Math.min(...times) : null
    };
  } catch (err) {
    console.error(`drain: page ${id} not finished: ${reasonOf(err, ctx.redactor)}`);
    return { ...BUSY, next: Date.now() };
  } finally {
    await removeSchedule(lock).catch(() => void 0);
  }
}
async function advance(head, to) {
  const target = Math.min(to, head.page - 1);
  if (target <= head.open_from) return;
  const from = head.open_from;
  await updateHead(
    (h) => h.open_from === from ? { ...h, open_from: target } : h,
    (h) => h.open_from !== from
  );
}
function note(swept, result) {
  if (result.open && swept.firstOpen === null) swept.firstOpen = swept.page;
  if (result.next !== null) swept.next = Math.min(swept.next ?? result.next, result.next);
}
async function drainPages(ctx) {
  const { head } = ctx;
  const swept = { page: head.open_from, firstOpen: null, next: null };
  let budget = PUSHES_PER_SWEEP;
  const more = (read) => read < PAGES_PER_SWEEP && swept.page <= head.page && budget > 0;
  for (let read = 0; more(read); read++, swept.page++) {
    const result = await drainPage(pageId(swept.page), ctx, budget);
    budget -= result.pushed;
    note(swept, result);
  }
  return swept;
}
const DRAINS_AHEAD = 7;
async function armDrains(from) {
  const start = Math.max(from, Date.now() + MIN_LEAD_MS);
  const first = await wakeAt(start) === "stands" ? DRAINS_AHEAD - 1 : 1;
  for (let i = first; i < DRAINS_AHEAD; i++) await wakeAt(start + i * NEXT_SWEEP_MS);
}
async function sweep(iparams, call, fired = {}) {
  await releaseFired(fired);
  const head = await readHead();
  const { page, firstOpen, next } = await drainPages({ ...call, iparams, head });
  await advance(head, firstOpen ?? page);
  if (page <= head.page || next !== null) await armDrains(Math.max(next ?? 0, Date.now() + NEXT_SWEEP_MS));
  else if (head.wake_at !== null) await noWakeNeeded(head.wake_at);
}
function recovered(data, records, secret, redactor, now) {
  const othersSettleAfter = data.since === void 0 ? Infinity : data.since + INVOCATION_LIMIT_MS;
  return data.inflight.flatMap(({ key, id }) => {
    const record = records.find((r) => r.key === key);
    const push = record && pushIsAuthentic(record, id, secret) ? record.pushes[id] : void 0;
    const state = push && recoveredPush(push, destinationOf(id).idempotent, othersSettleAfter, now);
    return state ? [{ key, destination: id, push: pushForStorage(key, id, state, redactor, secret) }] : [];
  });
}
function recoveredPush(push, idempotent, othersSettleAfter, now) {
  if (push.outcome === "retrying") return { ...toRecovered(push, now, idempotent), next_retry_at: now };
  const sentTwice = push.updated_at > othersSettleAfter && !idempotent;
  return sentTwice && !push.may_duplicate ? toRecovered(push, now, idempotent) : null;
}
async function recoverPage(data, iparams, call) {
  const lock = NAMES.pageLock(data.page);
  const fired = lockData(data.page, data.inflight, data.since);
  const held = data.inflight.length > 0 && await retakeOnce(lock, fired) === "exists";
  if (held && await createOnce(NAMES.pageRecovery(data.page), fired, Date.now()) === "created") return;
  const head = await readHead();
  const records = await readPage(data.page) ?? [];
  await rewritePushes(data.page, recovered(data, records, head.secret, call.redactor, Date.now()));
  await removeSchedule(lock);
  if (data.name !== lock) await releaseFired(data);
  await sweep(iparams, call);
}

const REPLAY_INTERVAL_MS = 10 * 6e4;
const RETRY_ALL_MAX = 100;
const RETRY_ALL_PAGES = 2;
const iso$1 = (ms) => ms === null ? null : new Date(ms).toISOString();
const recentlyReplayed = (push, now) => push.replayed_at !== null && now - push.replayed_at < REPLAY_INTERVAL_MS;
function activityOf(record2, id) {
  const item = itemsOf(record2).find((i) => i.destination === id);
  if (!item) throw new HttpStatusError(404, `activity ${record2.page}.${record2.key}.${id} was not found`);
  return toActivity(item);
}
async function reserve(ops) {
  if (await takeReserve(ops) < ops) throw new HttpStatusError(429, RESERVE_NOTICE);
}
function authentic(record2, id, head) {
  if (!record2?.pushes[id]) throw new HttpStatusError(404, "activity was not found");
  if (!pushIsAuthentic(record2, id, head.secret))
    throw new HttpStatusError(409, "this history record was not written by the app: it is never replayed");
  return record2;
}
function vet(found, id, head, now) {
  const record2 = authentic(found, id, head);
  const push = record2.pushes[id];
  const activity = activityOf(record2, id);
  if (push.outcome === "retrying") {
    const at = iso$1(push.next_retry_at);
    return { activity, queued_at: at, message: `Already queued: the next attempt is at ${at}.` };
  }
  if (!isFailed(push)) throw new HttpStatusError(409, `activity ${activity.id} has nothing to retry`);
  if (recentlyReplayed(push, now)) {
    const next = iso$1(push.replayed_at + REPLAY_INTERVAL_MS);
    return { activity, queued_at: null, message: `Already retried at ${iso$1(push.replayed_at)}: it can be retried again from ${next}.` };
  }
  return push;
}
const replayLock = (data) => ({ ...data });
function storedFor(lock, push, redactor) {
  return { redactor, page: lock.page, pushes: [[lock.id, push]], marks: lock.mark === void 0 ? [] : [[lock.id, lock.mark]] };
}
async function record(lock, push, ctx) {
  await rewritePushes(lock.page, [{ key: lock.key, destination: lock.id, push }]);
  await afterStored(ctx.head, storedFor(lock, push, ctx.redactor));
}
async function recordLater(lock, push, err, redactor) {
  const name = NAMES.pageLock(lock.page);
  await moveOnce(name, replayLock({ ...lock, push }), Date.now());
  const reason = reasonOf(err, redactor);
  console.error(`retry: the outcome of ${lock.key}.${lock.id} is recorded later: ${reason}`);
  return ` The history could not record it now (${reason}); it does within ${Math.ceil(MIN_LEAD_MS / 6e4)} minutes.`;
}
async function replayUnderLock(page, key, id, ctx) {
  const records = await readPage(page);
  const found = records?.find((r) => r.key === key);
  const now = Date.now();
  const vetted = vet(found, id, ctx.head, now);
  if ("activity" in vetted) return vetted;
  const stored = found;
  await reserve(1);
  const lock = { kind: "replay", page, key, id, at: now };
  if (!await moveOnce(NAMES.pageLock(page), replayLock(lock), now))
    throw new HttpStatusError(503, "the retry could not be started (the scheduler failed): nothing was sent, try again in a minute");
  const result = await pushOne(destinationOf(id), stored.change, toReplayed(vetted, now), ctx, false);
  const push = pushForStorage(key, id, result.push, ctx.redactor, ctx.head.secret);
  const sent = { ...lock, mark: result.mark };
  const later = await record(sent, push, ctx).then(
    () => null,
    (err) => recordLater(sent, push, err, ctx.redactor)
  );
  const activity = activityOf({ ...stored, pushes: { ...stored.pushes, [id]: push } }, id);
  const keepLock = later !== null;
  if (push.outcome === "retrying")
    return {
      activity,
      queued_at: iso$1(push.next_retry_at),
      message: `Queued: it runs at ${iso$1(push.next_retry_at)}.${later ?? ""}`,
      keepLock
    };
  return { activity, queued_at: null, message: `Retried: ${activity.outcome}.${later ?? ""}`, keepLock };
}
async function replayPush(rawId, iparams, call) {
  const parsed = typeof rawId === "string" ? parseActivityId(rawId) : null;
  if (!parsed || parsed.destination === "event") throw new HttpStatusError(400, "id is not an activity id");
  const head = await readHead();
  const lock = NAMES.pageLock(parsed.page);
  const locked = await createOnce(lock, { kind: "page", page: parsed.page, inflight: [] }, Date.now());
  if (locked !== "created")
    throw new HttpStatusError(409, `activity ${rawId} is being retried or drained right now: try again in a minute`);
  let keepLock = false;
  try {
    await reserve(1);
    const { keepLock: keep, ...result } = await replayUnderLock(parsed.page, parsed.key, parsed.destination, {
      ...call,
      iparams,
      head
    });
    keepLock = keep === true;
    return result;
  } finally {
    if (!keepLock) await removeSchedule(lock);
  }
}
async function recordReplay(lock, iparams, call) {
  const head = await readHead();
  const found = (await readPage(lock.page))?.find((r) => r.key === lock.key);
  if (!found || !pushIsAuthentic(found, lock.id, head.secret)) return;
  const stored = found.pushes[lock.id];
  const push = outcomeOf(lock, stored, call.redactor, head.secret);
  try {
    if (push === stored) await afterStored(head, storedFor(lock, push, call.redactor));
    else await record(lock, push, { ...call, iparams, head });
  } catch (err) {
    const again = await createOnce(NAMES.pageLock(lock.page), replayLock({ ...lock, push }), Date.now());
    console.error(`retry: the outcome of ${lock.key}.${lock.id} is not recorded yet (${reasonOf(err, call.redactor)}); lock ${again}`);
    return;
  }
  await sweep(iparams, call);
}
function outcomeOf(lock, stored, redactor, secret) {
  if (stored.replayed_at === lock.at) return stored;
  if (lock.push) return lock.push;
  const now = Date.now();
  const recovered = { ...toRecovered(toReplayed(stored, lock.at), now, destinationOf(lock.id).idempotent), next_retry_at: now };
  return pushForStorage(lock.key, lock.id, recovered, redactor, secret);
}
function sortPushes(records, head, room, now) {
  const all = records.flatMap(
    (record2) => Object.entries(record2.pushes).map(([id, push]) => ({ record: record2, id, push }))
  );
  const already = all.filter((p) => p.push?.outcome === "retrying").length;
  const failed = all.filter((p) => isFailed(p.push) && pushIsAuthentic(p.record, p.id, head.secret));
  const ready = failed.filter((p) => !recentlyReplayed(p.push, now));
  const marks = ready.slice(0, room).map((p) => [p.record, p.id, p.push]);
  return { marks, already, left: marks.length < failed.length };
}
function queuedPush(records, change, at) {
  const record2 = records.find((r) => r.key === change.key);
  const activity = activityOf({ ...record2, pushes: { ...record2.pushes, [change.destination]: change.push } }, change.destination);
  return { id: activity.id, at: iso$1(at), updated_at: activity.updated_at };
}
async function markPage(page, head, redactor, room, at) {
  const records = await readPage(page) ?? [];
  const now = Date.now();
  const sorted = sortPushes(records, head, room, now);
  const changes = sorted.marks.map(([record2, id, push]) => ({
    key: record2.key,
    destination: id,
    push: pushForStorage(record2.key, id, toReplayed(push, now), redactor, head.secret)
  }));
  if (changes.length > 0 && await takeReserve(1) < 1) return { queued: [], already: sorted.already, failedLeft: true, starved: true };
  await rewritePushes(page, changes);
  return { queued: changes.map((c) => queuedPush(records, c, at)), already: sorted.already, failedLeft: sorted.left, starved: false };
}
async function mayReadAnother(walked, head) {
  if (walked.starved || walked.read >= RETRY_ALL_PAGES || walked.next > head.page || walked.queued.length >= RETRY_ALL_MAX) return false;
  walked.starved = await takeReserve(1) < 1;
  return !walked.starved;
}
async function markPages(head, redactor, at) {
  const from = Math.min(head.failed_from ?? head.page + 1, head.open_from);
  const walked = { queued: [], already: 0, failedLeft: false, starved: false, from, next: from, read: 0 };
  let firstLeft = null;
  while (await mayReadAnother(walked, head)) {
    const marked = await markPage(pageId(walked.next), head, redactor, RETRY_ALL_MAX - walked.queued.length, at);
    walked.queued.push(...marked.queued);
    walked.already += marked.already;
    walked.starved = marked.starved;
    if (marked.failedLeft && firstLeft === null) firstLeft = walked.next;
    walked.next++;
    walked.read++;
  }
  return { ...walked, failedLeft: firstLeft !== null, next: firstLeft ?? walked.next };
}
function progress(walked, head) {
  if (walked.next > head.page && !walked.starved) return null;
  const pages = `Looked at ${walked.read} of the ${head.page - walked.from + 1} history pages that may hold failed pushes`;
  if (walked.starved)
    return `${pages}: the history is read and written at most a few times a minute, so that deliveries keep their storage quota. Click again in a minute for the rest.`;
  return `${pages} (${RETRY_ALL_PAGES} a click): click again for the rest.`;
}
function answer$1(walked, head, at) {
  const { queued } = walked;
  const notice = progress(walked, head);
  const done = queued.length > 0 ? `Queued ${queued.length} to run from ${iso$1(at)}.` : notice === null ? "Nothing to retry." : "Nothing queued yet.";
  const first = queued.length > 0 ? queued[0].at : null;
  const last = queued.length > 0 ? queued[queued.length - 1].at : null;
  return {
    queued: queued.length,
    first_at: first,
    last_at: last,
    already_queued: walked.already,
    queued_pushes: queued,
    notice,
    message: notice === null ? done : `${done} ${notice}`
  };
}
async function replayAllFailed(iparams) {
  const head = await readHead();
  const at = Date.now() + MIN_LEAD_MS;
  const walked = await markPages(head, redactorFor(iparams), at);
  if (walked.read === 0 && walked.starved) throw new HttpStatusError(429, RESERVE_NOTICE);
  if (walked.queued.length > 0) {
    const first = pageNumber(walked.queued[0].id.split(".")[0]);
    await updateHead(
      (h) => ({ ...h, open_from: Math.min(h.open_from, first) }),
      (h) => h.open_from <= first
    );
    await wakeAt(Date.now());
  }
  await moveFailedCursor(head, walked.next);
  return answer$1(walked, head, at);
}
async function moveFailedCursor(head, to) {
  const from = head.failed_from;
  if (from === null || to <= from) return;
  const target = Math.min(to, head.page);
  if (target <= from) return;
  await updateHead(
    (h) => h.failed_from === from ? { ...h, failed_from: target } : h,
    (h) => h.failed_from !== from
  );
}

const probeDb = {
  get: readKey,
  delete: deleteKey,
  update: (key, attributes, options) => options === void 0 ? setAttributes(key, attributes) : setAttributesWithOptions(key, attributes, options)
};
const probeSchedule = rawSchedule;
const statusOf = (err) => {
  const status = err?.status;
  return typeof status === "number" ? status : 0;
};

const PROBED_RULES = {
  db_update_options: {
    title: "$db.update applies an options argument (setIf)",
    readings: ["ignored", "honoured"],
    fallback: "none needed: the delivery engine passes no options to $db.update (a history page is opened with set and its expiry before any update), so either reading is safe"
  },
  fired_schedule: {
    title: "A one-time schedule frees its place among the 1,000 once it has fired",
    readings: ["freed", "kept"],
    fallback: "none needed: the app deletes each one-time schedule once it has fired (a resumed copy or page lock is taken back and deleted, wake-ups and reserve tokens delete themselves, the probe deletes its own)"
  },
  schedule_calls: {
    title: "$schedule calls count against no per-minute quota",
    readings: ["unmetered", "metered"],
    fallback: "the engine spends 4 $schedule calls an event and about 2 a waiting push: about 12 events a minute are then sustainable; beyond that an event whose head read and write-ahead copy are both refused is logged and dropped"
  },
  server_method_timeout: {
    title: "A server method gets the timeout its manifest declares (20 s for Retry and Retry all)",
    readings: ["declared", "default"],
    fallback: "Retry and Retry all queue their pushes instead of sending within the call (FDK default: 5 s)",
    unprobed: "only a server-method call that runs past 5 s can tell, and the install and scheduled events that run the probes are not server methods"
  },
  form_content_type: {
    title: "A request template may send Content-Type application/x-www-form-urlencoded (an OAuth token request)",
    readings: ["accepted", "refused"],
    fallback: "none through request templates: the pushes of the destination that needs the token are rejected with the platform's reason; the other destinations are unaffected"
  }
};
const PROBED_RULE_IDS = Object.keys(PROBED_RULES);

const PLATFORM_RULES_KEY = "platform-rules";
const ProbeEntry = typebox.Type.Object({
  /** the reading seen, or null when the probe could not tell */
  reading: typebox.Type.Union([typebox.Type.String(), typebox.Type.Null()]),
  /** when the probe ran (epoch ms) */
  at: typebox.Type.Number(),
  evidence: typebox.Type.String({ maxLength: 400 }),
  /** the fired-schedule probe: when its schedule fired while still listed (the daily run looks again) */
  fired_at: typebox.Type.Optional(typebox.Type.Union([typebox.Type.Number(), typebox.Type.Null()]))
});
const MAX_EVIDENCE = 400;
function entry(reading, at, evidence, extra = {}) {
  return { reading, at, evidence: evidence.length > MAX_EVIDENCE ? `${evidence.slice(0, MAX_EVIDENCE - 1)}\u2026` : evidence, ...extra };
}
function readableEntry(rule, value) {
  const checked = validate(ProbeEntry, value, rule);
  if (!checked.ok) return void 0;
  const { reading } = checked.value;
  return reading === null || PROBED_RULES[rule].readings.includes(reading) ? checked.value : void 0;
}
function entriesOf(stored) {
  const record = typeof stored === "object" && stored !== null ? stored : {};
  const entries = {};
  for (const rule of PROBED_RULE_IDS) {
    const found = readableEntry(rule, record[rule]);
    if (found) entries[rule] = found;
  }
  return entries;
}
function statusOfReading(rule, observed) {
  if (observed === null) return "not_yet_known";
  return observed === PROBED_RULES[rule].readings[0] ? "verified" : "contradicted";
}
function checkOf(rule, found) {
  const { title, readings, fallback, unprobed } = PROBED_RULES[rule];
  const observed = found ? found.reading : null;
  const status = statusOfReading(rule, observed);
  return {
    rule,
    title,
    assumed: readings[0],
    observed,
    status,
    evidence: found?.evidence ?? unprobed ?? "not probed yet",
    fallback: status === "contradicted" ? fallback : null,
    checked_at: found ? new Date(found.at).toISOString() : null
  };
}
function checksOf(stored) {
  const entries = entriesOf(stored);
  return PROBED_RULE_IDS.map((rule) => checkOf(rule, entries[rule]));
}
async function readEntries() {
  try {
    return entriesOf(await probeDb.get(PLATFORM_RULES_KEY));
  } catch (err) {
    if (statusOf(err) === 404) return {};
    throw err;
  }
}
async function saveEntries(entries) {
  if (Object.keys(entries).length > 0) await probeDb.update(PLATFORM_RULES_KEY, entries);
}

const SCRATCH_KEY = "platform-probe:scratch";
const FIRE_PROBE_SCHEDULE = "platform-probe-fire";
const PROBE_SCHEDULE_KIND = "platform-probe";
const ABSENT_SCHEDULE = "platform-probe-absent";
const METERING_CALLS = 51;
const FIRE_PROBE_LEAD_MS = 5.5 * 6e4;
const reason = (err) => `${statusOf(err) || "no status"}: ${messageOf(err)}`;
async function probeDbUpdateOptions(now) {
  try {
    await probeDb.delete(SCRATCH_KEY);
    await probeDb.update(SCRATCH_KEY, { probed_at: now }, { setIf: "exist" });
  } catch (err) {
    if (statusOf(err) === 400) return entry("honoured", now, `update(missing key, set, \u2026, {setIf: 'exist'}) was refused (${reason(err)})`);
    return entry(null, now, `the probe's $db calls failed (${reason(err)}); tried again tomorrow`);
  }
  await probeDb.delete(SCRATCH_KEY).catch(() => void 0);
  return entry("ignored", now, "update(missing key, set, \u2026, {setIf: 'exist'}) created the key: the option was not read");
}
async function armFireProbe(now) {
  const spec = {
    name: FIRE_PROBE_SCHEDULE,
    data: { kind: PROBE_SCHEDULE_KIND },
    schedule_at: new Date(now + FIRE_PROBE_LEAD_MS).toISOString()
  };
  await probeSchedule.create(spec).catch(() => void 0);
}
async function checkFireProbeWhileFiring(now) {
  try {
    await probeSchedule.fetch(FIRE_PROBE_SCHEDULE);
  } catch (err) {
    if (statusOf(err) === 404) return entry("freed", now, "fetched by name while its own event ran: 404, already deleted");
    return entry(null, now, `fetching the fired probe schedule failed (${reason(err)}); tried again tomorrow`);
  }
  return entry(null, now, "still listed while its own event ran; looked at again by the daily run", { fired_at: now });
}
async function fireProbeState(now) {
  try {
    const firesAt = Date.parse((await probeSchedule.fetch(FIRE_PROBE_SCHEDULE)).schedule_at);
    return firesAt > now ? { state: "waiting" } : { state: "fired", firedAt: firesAt };
  } catch (err) {
    if (statusOf(err) === 404) return { state: "absent" };
    return { state: "failed", entry: entry(null, now, `fetching the probe schedule failed (${reason(err)}); tried again tomorrow`) };
  }
}
async function recheckFireProbe(now, last) {
  const found = await fireProbeState(now);
  if (found.state === "failed") return found.entry;
  if (found.state === "waiting") return void 0;
  if (found.state === "fired") {
    await probeSchedule.delete(FIRE_PROBE_SCHEDULE).catch(() => void 0);
    await armFireProbe(now);
    return entry("kept", now, `still listed ${Math.round((now - found.firedAt) / 6e4)} min after it fired (the probe deleted it)`);
  }
  await armFireProbe(now);
  const freedSince = typeof last?.fired_at === "number";
  return freedSince ? entry("freed", now, "listed while its own event ran, gone once the event had ended") : void 0;
}
async function probeScheduleMetering(now) {
  const answers = await Promise.allSettled(Array.from({ length: METERING_CALLS }, () => probeSchedule.fetch(ABSENT_SCHEDULE)));
  const statuses = answers.map((answer) => answer.status === "rejected" ? statusOf(answer.reason) : 200);
  const refused = statuses.filter((status) => status === 429).length;
  if (refused > 0)
    return entry("metered", now, `${refused} of ${METERING_CALLS} $schedule calls made within one minute were refused with 429`);
  if (statuses.every((status) => status === 404))
    return entry("unmetered", now, `${METERING_CALLS} $schedule calls made within one minute all answered (more than $db allows)`);
  return entry(null, now, `the $schedule calls failed otherwise (statuses ${[...new Set(statuses)].join(", ")}); tried again tomorrow`);
}
function formTokenUser(iparams) {
  const enabled = Array.isArray(iparams.destinations) ? iparams.destinations : [];
  return destinations.find((destination) => destination.fetchToken !== void 0 && enabled.includes(destination.label));
}
const FORM_REFUSED = /content.?type|invalid_request/i;
async function probeFormContentType(now, iparams) {
  const destination = formTokenUser(iparams);
  if (!destination?.fetchToken) return entry(null, now, "no destination that requests a token is switched on: nothing to learn from");
  try {
    await destination.fetchToken({ startedAt: now, redactor: redactorFor(iparams) });
    return entry("accepted", now, `${destination.label}'s form-urlencoded token template obtained a token (cached for its next delivery)`);
  } catch (err) {
    const message = messageOf(err);
    if (FORM_REFUSED.test(message)) return entry("refused", now, message);
    return entry(null, now, `${destination.label}'s token request did not settle it (${message}); tried again tomorrow`);
  }
}

const DAILY_SCHEDULE_KIND = "head";
async function checkPlatformAtInstall() {
  const now = Date.now();
  const entries = { db_update_options: await probeDbUpdateOptions(now) };
  await armFireProbe(now);
  await saveEntries(entries);
}
async function daily(now) {
  const last = await readEntries();
  const entries = { db_update_options: await probeDbUpdateOptions(now) };
  const fired = await recheckFireProbe(now, last.fired_schedule);
  if (fired) entries.fired_schedule = fired;
  await saveEntries(entries);
}
async function fireProbe(now, iparams) {
  const last = await readEntries();
  const entries = { fired_schedule: await checkFireProbeWhileFiring(now) };
  if (!last.form_content_type?.reading) entries.form_content_type = await probeFormContentType(now, iparams);
  if (last.schedule_calls?.reading !== "metered") entries.schedule_calls = await probeScheduleMetering(now);
  await saveEntries(entries);
}
async function checkPlatformOnSchedule(data, iparams) {
  const kind = data?.kind;
  try {
    if (kind === DAILY_SCHEDULE_KIND) await daily(Date.now());
    else if (kind === PROBE_SCHEDULE_KIND) await fireProbe(Date.now(), iparams);
  } catch (err) {
    console.error(`platform self-check: ${reasonOf(err)}`);
  }
}

const iparamsOf = (payload) => payload.iparams ?? {};
const callFor = (payload) => ({ startedAt: Date.now(), redactor: redactorFor(payload.iparams) });
async function onAgentActivityCreate(payload) {
  const call = callFor(payload);
  try {
    const run = await receiveEvent(payload, iparamsOf(payload), call);
    if (run.status === "duplicate") console.info(`onAgentActivityCreate: duplicate of event ${run.record.key} ignored`);
    else if (run.record.invalid) console.info(`onAgentActivityCreate: rejected event: ${run.record.invalid.message}`);
  } catch (err) {
    console.error(`onAgentActivityCreate: could not process the event: ${reasonOf(err, call.redactor)}`);
  }
}
const BY_KIND = {
  event: (data, iparams, call) => resumeEvent(data, iparams, call),
  page: (data, iparams, call) => recoverPage(data, iparams, call),
  replay: (data, iparams, call) => recordReplay(data, iparams, call),
  wake: (data, iparams, call) => sweep(iparams, call, data),
  head: (data, iparams, call) => sweep(iparams, call, data),
  reserve: (data) => releaseFired(data)
};
async function onScheduledEvent(payload) {
  const data = payload.data ?? {};
  const call = callFor(payload);
  try {
    const work = typeof data.kind === "string" && Object.hasOwn(BY_KIND, data.kind) ? BY_KIND[data.kind] : void 0;
    if (work) await work(data, iparamsOf(payload), call);
    await checkPlatformOnSchedule(data, iparamsOf(payload));
  } catch (err) {
    console.error(`onScheduledEvent: ${String(data.kind)} not handled: ${reasonOf(err, call.redactor)}`);
  }
}
async function onAppInstall() {
  await checkPlatformAtInstall().catch((err) => console.error(`onAppInstall: platform self-check: ${reasonOf(err)}`));
  renderData(null, {});
}
async function onAppUninstall() {
  await Promise.resolve();
  renderData(null, {});
}

const HOUR_MS = 36e5;
const DAY_MS = 24 * HOUR_MS;
const OVERDUE_MS = MIN_LEAD_MS + 6e4;
const iso = (at) => new Date(at).toISOString();
const figure = (value, exact) => ({ value, exact });
function pushesOf(records, id) {
  return records.flatMap((record) => {
    const push = record.pushes[id];
    return push ? [{ record, push }] : [];
  });
}
const statusIn = (reason) => {
  const match = /^HTTP (\d{3})\b/.exec(reason);
  return match ? Number(match[1]) : null;
};
const KIND_BY_STATUS = {
  0: "unreachable",
  401: "credentials",
  403: "credentials",
  408: "unreachable",
  429: "rate_limited"
};
function kindOf(status, quota) {
  if (quota) return "quota";
  if (status === null || status >= 500) return "unreachable";
  return KIND_BY_STATUS[status] ?? (status >= 400 ? "refused" : "other");
}
const WORDS = {
  credentials: "credentials refused",
  rate_limited: "rate-limited",
  unreachable: "unreachable",
  refused: "refused the push",
  quota: "the installation's platform quota was spent",
  other: "failed"
};
function words(kind, status) {
  return status !== null && status > 0 && kind !== "quota" ? `${WORDS[kind]} (HTTP ${status})` : WORDS[kind];
}
function errorFromMark(mark) {
  const status = statusIn(mark.reason);
  const kind = kindOf(status, false);
  return { kind, words: words(kind, status), reason: mark.reason, since: iso(mark.since), until: iso(mark.until), ongoing: true };
}
const waitsForQuota = (p) => p.outcome === "retrying" && p.quota_deferred_at !== void 0 && p.quota_deferred_at >= p.updated_at;
const isFailure = (p) => p.outcome === "rejected" || p.outcome === "dead_letter" || p.outcome === "retrying" && p.reason !== "retry requested";
function errorFromPush(p, ongoing) {
  const status = p.last_status ?? statusIn(p.reason ?? "");
  const kind = kindOf(status, waitsForQuota(p));
  return {
    kind,
    words: words(kind, status),
    reason: p.reason ?? "",
    since: iso(p.failing_since ?? p.updated_at),
    until: p.outcome === "retrying" && p.next_retry_at !== null ? iso(p.next_retry_at) : null,
    ongoing
  };
}
const newest = (pushes) => pushes.reduce((best, p) => best === void 0 || p.push.updated_at > best.push.updated_at ? p : best, void 0);
const COLOUR_RULES = [
  // An outage mark is in the engine's head, known without reading the history.
  // A vendor's rate limit is not a failure: its pushes wait, without spending attempts.
  [(j) => j.held && j.h.last_error?.kind === "rate_limited", "amber", () => "Rate-limited: its pushes wait until the limit lifts."],
  [(j) => j.held, "red", () => "Failing: its pushes wait for the next probe."],
  [(j) => j.h.last_push === null && !j.read, "grey", () => "Nothing known yet: the history could not be read now."],
  [(j) => j.h.last_push === null, "grey", () => "Nothing pushed in the pages read."],
  [
    (j) => j.h.last_push?.outcome === "rejected" || j.h.last_push?.outcome === "dead_letter",
    "red",
    () => "Failing: the last push did not go through."
  ],
  [(j) => j.quotaWaits > 0, "amber", (j) => `${j.quotaWaits} waiting for the installation's platform quota: deliveries are quota-bound.`],
  [(j) => j.h.last_push?.outcome !== "delivered", "amber", () => "The last push is waiting for its next try."],
  [
    (j) => j.h.oldest_waiting?.overdue === true,
    "amber",
    () => "The last push went through, but pushes wait longer than their retry time (catching up)."
  ],
  [(j) => !j.h.waiting.exact, "amber", () => "The last push went through; not every waiting push could be read now."],
  [(j) => j.h.waiting.value > 0, "green", () => "The last push went through; the pushes waiting are within their retry time."],
  [() => true, "green", () => "The last push went through; nothing waits."]
];
function colourOf(judged) {
  const [, colour, text] = COLOUR_RULES.find(([holds]) => holds(judged));
  return [colour, text(judged)];
}
function oldestWaiting(waiting, now) {
  const oldest = waiting.reduce(
    (o, p) => o === void 0 || p.record.received_at < o.record.received_at ? p : o,
    void 0
  );
  if (!oldest) return null;
  return {
    since: iso(oldest.record.received_at),
    next_attempt: iso(oldest.push.next_retry_at ?? now),
    overdue: waiting.some((p) => (p.push.next_retry_at ?? now) < now - OVERDUE_MS)
  };
}
function lastErrorOf(mark, pushes, ongoing) {
  if (mark) return errorFromMark(mark);
  const failure = newest(pushes.filter((p) => isFailure(p.push)));
  return failure ? errorFromPush(failure.push, ongoing) : null;
}
function destinationHealth(id, label, head, reads, now) {
  const pushes = pushesOf(reads.records, id).filter((p) => p.push.outcome !== "skipped");
  const count = (outcome, window, exact) => figure(pushes.filter((p) => (outcome === null || p.push.outcome === outcome) && p.push.updated_at >= now - window).length, exact);
  const waiting = pushes.filter((p) => p.push.outcome === "retrying");
  const latest = newest(pushes);
  const mark = head.down[id];
  const held = mark !== void 0 && mark.until > now;
  const ongoing = held || latest?.push.outcome !== "delivered";
  const h = {
    destination: id,
    label,
    delivered_last_hour: count("delivered", HOUR_MS, reads.hourComplete),
    delivered_last_day: count("delivered", DAY_MS, reads.dayComplete),
    waiting: figure(waiting.length, reads.waitingComplete),
    oldest_waiting: oldestWaiting(waiting, now),
    dead_letters: count("dead_letter", DAY_MS, reads.dayComplete),
    rejected: count("rejected", DAY_MS, reads.dayComplete),
    quota_deferred_last_hour: figure(pushes.filter((p) => (p.push.quota_deferred_at ?? 0) >= now - HOUR_MS).length, reads.hourComplete),
    last_push: latest ? { outcome: latest.push.outcome, at: iso(latest.push.updated_at) } : null,
    last_error: lastErrorOf(mark, pushes, ongoing)
  };
  const [colour, summary] = colourOf({
    h,
    held,
    read: reads.known,
    quotaWaits: waiting.filter((p) => waitsForQuota(p.push)).length
  });
  return { ...h, colour, summary };
}

const MAX_PAGES = 2;
const QUOTA_NOTICE$1 = "The installation's storage quota is spent for this minute: the figures are from the pages read before it ran out.";
const PARTIAL_NOTICE = 'Counts marked "at least" are lower bounds: the history is longer than one check reads (its newest pages and the oldest with a waiting push).';
function readPlan(head, reads) {
  const newest = Array.from({ length: Math.min(reads, head.page + 1) }, (_, i) => head.page - i);
  const lowest = newest[newest.length - 1] ?? 0;
  if (head.open_from >= lowest) return newest;
  return [...newest.slice(0, -1), head.open_from];
}
const nothingStored = (head) => head.opened_at === null && head.page === 0;
function readOrder(head) {
  const pages = nothingStored(head) ? [] : readPlan(head, MAX_PAGES);
  return [...pages.slice(0, 1), "rules", ...pages.slice(1)];
}
function covers(read, from, head) {
  const missingAt = Math.max(-1, ...read.filter((r) => r.records === null).map((r) => r.page));
  const pages = new Set(read.map((r) => r.page));
  for (let page = Math.max(from, missingAt + 1); page <= head.page; page++) if (!pages.has(page)) return false;
  return true;
}
function windowStart(read, now, window) {
  const sorted = [...read].sort((a, b) => b.page - a.page);
  for (const r of sorted) {
    if (r.records === null) return r.page + 1;
    if (r.records.some((record) => record.received_at < now - window)) return r.page;
  }
  return sorted.length > 0 && sorted[sorted.length - 1].page === 0 ? 0 : -1;
}
function waitingSeen(read, head) {
  const noneWaits = head.wake_at === null && !read.some((r) => (r.records ?? []).some((rec) => Object.values(rec.pushes).some((p) => p?.outcome === "retrying")));
  return noneWaits || covers(read, head.open_from, head);
}
function readsOf(read, head, now) {
  if (nothingStored(head)) return { records: [], known: true, hourComplete: true, dayComplete: true, waitingComplete: true };
  const waitingComplete = waitingSeen(read, head);
  const windowComplete = (window) => {
    const start = windowStart(read, now, window);
    return start >= 0 && covers(read, Math.min(start, head.open_from), head);
  };
  return {
    records: read.flatMap((r) => r.records ?? []),
    known: read.length > 0,
    hourComplete: windowComplete(HOUR_MS),
    dayComplete: windowComplete(DAY_MS),
    waitingComplete
  };
}
async function readAll(order) {
  const done = { pages: [], rules: null, quotaSpent: false };
  for (const read of order) {
    try {
      if (read === "rules") done.rules = checksOf(await readKeyOrNull(PLATFORM_RULES_KEY));
      else done.pages.push({ page: read, records: await readPage(pageId(read)) });
    } catch (err) {
      if (err.kind !== "quota") throw err;
      return { ...done, quotaSpent: true };
    }
  }
  return done;
}
function noticeOf(quotaSpent, readsShort, complete) {
  if (quotaSpent) return QUOTA_NOTICE$1;
  if (readsShort) return RESERVE_NOTICE;
  return complete ? null : PARTIAL_NOTICE;
}
const storeQuotaUntil = (head, now) => head.backlog_at > now - HOUR_MS ? new Date(head.backlog_at).toISOString() : null;
async function healthCheck(now) {
  const head = await readHead();
  const order = readOrder(head);
  const tokens = await takeReserve(order.length);
  const { pages, rules, quotaSpent } = await readAll(order.slice(0, tokens));
  const reads = readsOf(pages, head, now);
  const complete = reads.hourComplete && reads.dayComplete && reads.waitingComplete;
  const health = destinations.map((d) => destinationHealth(d.id, d.label, head, reads, now));
  const storeUntil = storeQuotaUntil(head, now);
  return {
    health: {
      checked_at: new Date(now).toISOString(),
      destinations: health,
      dropped: head.dropped,
      quota_bound: storeUntil !== null || health.some((h) => h.quota_deferred_last_hour.value > 0),
      store_quota_until: storeUntil,
      coverage: { pages_read: pages.length, complete },
      notice: noticeOf(quotaSpent, tokens < order.length, complete),
      platform_rules: rules
    }
  };
}

const MAX_PAGE_SIZE = 100;
const DEFAULT_PAGE_SIZE = 25;
const ListArgs = typebox.Type.Object({
  page: typebox.Type.Optional(
    typebox.Type.Object(
      {
        size: typebox.Type.Optional(typebox.Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE })),
        after: typebox.Type.Optional(typebox.Type.String({ maxLength: 500 })),
        before: typebox.Type.Optional(typebox.Type.String({ maxLength: 500 }))
      },
      { additionalProperties: false }
    )
  ),
  filter: typebox.Type.Optional(
    typebox.Type.Object(
      {
        since: typebox.Type.Optional(typebox.Type.Union([typebox.Type.String({ maxLength: 64 }), typebox.Type.Number()])),
        destination: typebox.Type.Optional(OneOf(destinations.map((d) => d.id))),
        outcome: typebox.Type.Optional(OneOf(OUTCOMES)),
        agent: typebox.Type.Optional(typebox.Type.String({ minLength: 1, maxLength: 200 }))
      },
      { additionalProperties: false }
    )
  )
});
class QueryError extends Error {
  constructor(message) {
    super(message);
    this.status = 400;
  }
}
function comparePositions(a, b) {
  return comparePages(a.page, b.page) || b.received_at - a.received_at || (a.key < b.key ? 1 : a.key > b.key ? -1 : 0) || a.slot - b.slot;
}
function encodeCursor(position) {
  return base64(JSON.stringify([position.page, position.received_at, position.key, position.slot])).replace(/=+$/, "");
}
const CursorSchema = typebox.Type.Object(
  {
    page: typebox.Type.String({ pattern: PAGE_PATTERN }),
    received_at: typebox.Type.Integer({ minimum: 0, maximum: 864e13 }),
    key: typebox.Type.String({ pattern: KEY_PATTERN }),
    slot: typebox.Type.Integer({ minimum: 0, maximum: destinations.length - 1 })
  },
  { additionalProperties: false }
);
const CURSOR_FIELDS = Object.keys(CursorSchema.properties);
function cursorFields(cursor) {
  try {
    const fields = JSON.parse(unbase64(cursor));
    if (!Array.isArray(fields) || fields.length !== CURSOR_FIELDS.length) return null;
    return Object.fromEntries(CURSOR_FIELDS.map((name, i) => [name, fields[i]]));
  } catch {
    return null;
  }
}
function decodeCursor(cursor, name) {
  const refusal = `page[${name}] is not a cursor issued by this API`;
  const fields = cursorFields(cursor);
  if (!fields) throw new QueryError(refusal);
  const checked = validate(CursorSchema, fields, "");
  if (!checked.ok) throw new QueryError(`${refusal}: its ${checked.message}`);
  return checked.value;
}
const FILTERS = [
  (a, f) => !f.destination || a.target?.destination === f.destination,
  (a, f) => !f.outcome || a.outcome === f.outcome,
  (a, f) => !f.agent || matchesAgent(a, f.agent.toLowerCase())
];
function matches(item, activityOf, filter, since) {
  if (since !== null && item.received_at < since) return false;
  const activity = activityOf(item);
  return FILTERS.every((test) => test(activity, filter));
}
function matchesAgent(activity, needle) {
  return [activity.actor.name, activity.actor.email, activity.actor.id].some(
    (v) => typeof v === "string" && v.toLowerCase().includes(needle)
  );
}
function sinceOf(filter) {
  if (filter.since === void 0) return null;
  const since = parseTimestamp(filter.since);
  if (since === null) throw new QueryError("filter[since] is not a readable date-time");
  return since;
}
const MAX_PAGES_PER_CALL = 2;
const QUOTA_NOTICE = "The installation's storage quota is spent for this minute: showing what could be read.";
const newBudget = () => ({ pages: MAX_PAGES_PER_CALL, notice: null });
async function mayRead(budget) {
  if (await takeReserve(1) === 1) return true;
  budget.notice = RESERVE_NOTICE;
  return false;
}
function pageOrder(head, from, backwards) {
  const start = from === null ? head : Math.min(pageNumber(from.page), head);
  if (!backwards) return Array.from({ length: start + 1 }, (_, i) => start - i);
  return Array.from({ length: head - start + 1 }, (_, i) => start + i);
}
async function readOrNull(id, budget) {
  try {
    return await readPage(id);
  } catch (err) {
    if (err.status !== 429) throw err;
    budget.notice = QUOTA_NOTICE;
    return "quota";
  }
}
function endsHere(records, backwards) {
  if (records === "quota") return false;
  return records === null && !backwards ? true : null;
}
async function stopBefore(found, want, read, budget) {
  return found >= want || read >= budget.pages || !await mayRead(budget);
}
async function walk(head, from, backwards, want, keep, budget) {
  const direction = backwards ? -1 : 1;
  const items = [];
  const wanted = (i) => (from === null || direction * comparePositions(i, from) > 0) && keep(i);
  for (const [read, page] of pageOrder(head, from, backwards).entries()) {
    if (await stopBefore(items.length, want, read, budget)) return { items, exhausted: false };
    const records = await readOrNull(pageId(page), budget);
    const end = endsHere(records, backwards);
    if (end !== null) return { items, exhausted: end };
    items.push(
      ...(records ?? []).flatMap(itemsOf).filter(wanted).sort((a, b) => direction * comparePositions(a, b))
    );
  }
  return { items, exhausted: true };
}
function backlogNotice(head, now) {
  if (head.backlog_at <= now) return null;
  const minutes = Math.ceil((head.backlog_at - now) / 6e4);
  return `Deliveries are catching up with a burst: some of its events are not stored yet, so they are not listed; all will be within ${minutes} min.`;
}
function parseListArgs(args) {
  const checked = validate(ListArgs, args, "");
  if (!checked.ok) throw new QueryError(checked.message);
  const { page = {}, filter = {} } = checked.value;
  if (page.after && page.before) throw new QueryError("page[after] and page[before] cannot be used together");
  return { page, filter };
}
function startOf(page) {
  if (page.after) return decodeCursor(page.after, "after");
  return page.before ? decodeCursor(page.before, "before") : null;
}
const ANSWER_BYTES = 100 * 1024;
const META_ROOM = 2 * 1024;
function fitting(items, activityOf) {
  let used = META_ROOM;
  const kept = [];
  for (const item of items) {
    used += utf8Bytes(JSON.stringify(activityOf(item))) + 1;
    if (used > ANSWER_BYTES) break;
    kept.push(item);
  }
  return kept;
}
async function listActivities(args) {
  const { page, filter } = parseListArgs(args);
  const size = page.size ?? DEFAULT_PAGE_SIZE;
  const backwards = page.before !== void 0;
  const since = sinceOf(filter);
  const now = Date.now();
  const [head, budget] = [await readHead(), newBudget()];
  const built = /* @__PURE__ */ new Map();
  const activityOf = (item) => built.get(item) ?? built.set(item, toActivity(item)).get(item);
  const result = await walk(head.page, startOf(page), backwards, size + 1, (i) => matches(i, activityOf, filter, since), budget);
  const items = fitting(result.items.slice(0, size), activityOf);
  if (backwards) items.reverse();
  const moreBeyond = result.items.length > items.length || !result.exhausted;
  return {
    activities: items.map(activityOf),
    meta: {
      // Zendesk's has_more speaks of the direction of travel: older items for `after`, newer for `before`.
      has_more: moreBeyond,
      after_cursor: items.length > 0 ? encodeCursor(items[items.length - 1]) : null,
      before_cursor: items.length > 0 ? encodeCursor(items[0]) : null,
      notice: budget.notice ?? backlogNotice(head, now),
      now: new Date(now).toISOString(),
      dropped: head.dropped
    }
  };
}
async function findActivityItem(id) {
  const parsed = typeof id === "string" ? parseActivityId(id) : null;
  if (!parsed) throw new QueryError("id is not an activity id");
  if (await takeReserve(1) === 0) throw new HttpStatusError(429, RESERVE_NOTICE);
  const records = await readPage(parsed.page) ?? [];
  const item = records.flatMap(itemsOf).find((i) => i.key === parsed.key && (i.destination ?? "event") === parsed.destination);
  if (!item) throw Object.assign(new QueryError(`activity ${id} was not found`), { status: 404 });
  return item;
}
async function showActivity(args) {
  return { activity: toActivity(await findActivityItem(args.id)) };
}
async function countActivities(now) {
  const [head, budget] = [await readHead(), newBudget()];
  const counted = await walk(head.page, null, false, Number.MAX_SAFE_INTEGER, () => true, budget);
  return {
    count: {
      value: counted.items.length,
      refreshed_at: new Date(now).toISOString(),
      exact: counted.exhausted,
      dropped: head.dropped,
      notice: budget.notice
    }
  };
}

async function answer(work, redactor) {
  try {
    renderData(null, await work());
  } catch (err) {
    const status = err.status ?? 500;
    renderData({ status, message: reasonOf(err, redactor) });
  }
}
function ownArgs(args) {
  return Object.fromEntries(Object.entries(args).filter(([name]) => name !== "iparams"));
}
async function listActivitiesMethod(args) {
  await answer(() => listActivities(ownArgs(args)));
}
async function showActivityMethod(args) {
  await answer(() => showActivity(args));
}
async function countActivitiesMethod() {
  await answer(() => countActivities(Date.now()));
}
async function retryActivityMethod(args) {
  const call = { startedAt: Date.now(), redactor: redactorFor(args.iparams) };
  await answer(() => replayPush(args.id, args.iparams, call), call.redactor);
}
async function retryAllFailedMethod(args) {
  await answer(() => replayAllFailed(args.iparams));
}
async function healthCheckMethod() {
  await answer(() => healthCheck(Date.now()));
}

exports = {
  onAgentActivityCreateHandler: function(payload) {
    return onAgentActivityCreate(payload);
  },
  onScheduledEventHandler: function(payload) {
    return onScheduledEvent(payload);
  },
  onAppInstallHandler: function() {
    return onAppInstall();
  },
  onAppUninstallHandler: function() {
    return onAppUninstall();
  },
  listActivities: function(args) {
    return listActivitiesMethod(args);
  },
  showActivity: function(args) {
    return showActivityMethod(args);
  },
  countActivities: function() {
    return countActivitiesMethod();
  },
  retryActivity: function(args) {
    return retryActivityMethod(args);
  },
  retryAllFailed: function(args) {
    return retryAllFailedMethod(args);
  },
  healthCheck: function() {
    return healthCheckMethod();
  }
};
