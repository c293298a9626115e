/* Built from src/ by `npm run build`; do not edit. */
const typebox = require('@sinclair/typebox');
const Ajv = require('ajv');

const REDACTED = "[redacted]";
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
  out = out.replace(PATTERNS[0], (_m, scheme) => `${scheme} ${REDACTED}`);
  out = out.replace(PATTERNS[1], (_m, name, sep) => `${name}${sep}${REDACTED}`);
  return out.replace(PATTERNS[2], REDACTED);
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
function emojiText(emoji) {
  if (!emoji) return null;
  return /^[a-z0-9_+-]+$/i.test(emoji) ? `:${emoji}:` : emoji;
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
function base64(text) {
  const bytes = Array.from(unescape(encodeURIComponent(text)), (c) => c.charCodeAt(0));
  const alphabet = BASE64;
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const n = bytes[i] << 16 | (bytes[i + 1] ?? 0) << 8 | (bytes[i + 2] ?? 0);
    const chunk = [18, 12, 6, 0].map((shift) => alphabet[n >> shift & 63]).join("");
    out += chunk.slice(0, Math.min(4, bytes.length - i + 1)).padEnd(4, "=");
  }
  return out;
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
const cut = (text) => truncate(scrubCredentials(text), MAX_REASON);
function reasonOf(err) {
  if (err instanceof Error) return cut(err.message || err.name);
  return cut(typeof err === "string" ? err : describeValue(err));
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
const Text = (maxLength) => typebox.Type.String({ maxLength });
const Id = typebox.Type.Unsafe({
  type: ["string", "integer"],
  maxLength: 200,
  minimum: -Number.MAX_SAFE_INTEGER,
  maximum: Number.MAX_SAFE_INTEGER
});
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
  type: Text(64),
  id: Nullable(Id),
  org_actor_id: Nullable(Id),
  first_name: Nullable(Text(500)),
  last_name: Nullable(Text(500)),
  email: Nullable(Text(500)),
  login_status: Nullable(typebox.Type.Boolean()),
  sub_entity: Nullable(Text(200)),
  avatar: Nullable(typebox.Type.Object({ url: Nullable(Text(2e3)) }))
});
const AgentActivitySchema = typebox.Type.Object({
  availability_event_type: typebox.Type.String({ minLength: 1, maxLength: 100 }),
  status: typebox.Type.String({ minLength: 1, maxLength: 500 }),
  prev_status: Nullable(Text(500)),
  status_change_timestamp: Timestamp,
  prev_status_change_timestamp: Nullable(Timestamp),
  custom_status_id: Nullable(Id),
  emoji: Nullable(Text(100)),
  email: Nullable(Text(500)),
  org_agent_id: Nullable(Id)
});
const AgentActivityEventSchema = typebox.Type.Object({
  data: typebox.Type.Object({
    actor: Nullable(ActorSchema),
    agent_activity: AgentActivitySchema
  }),
  account_id: Nullable(Id),
  domain: Nullable(Text(255)),
  region: Nullable(Text(32)),
  // Set by the platform and not used by the app: typed loosely so it can never reject an event.
  timestamp: Nullable(typebox.Type.Union([typebox.Type.String({ maxLength: 64 }), typebox.Type.Number()]))
});

const str = (value, max = 200) => value === null || value === void 0 || value === "" ? null : truncate(String(value), max);
const ID_FIELDS = /* @__PURE__ */ new Set(["id", "org_actor_id", "org_agent_id", "custom_status_id", "account_id"]);
const TIME_FIELDS = /* @__PURE__ */ new Set(["status_change_timestamp", "prev_status_change_timestamp"]);
function explained(failure) {
  const name = failure.field.slice(failure.field.lastIndexOf(".") + 1);
  if (TIME_FIELDS.has(name)) return unreadable(failure.field);
  if (!ID_FIELDS.has(name)) return failure;
  return {
    ...failure,
    message: `${failure.field} must be a string, or a whole number up to 2^53 (larger numbers lose digits in JSON: send the id as a string)`
  };
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
  if (changedAt === null) return unreadable("data.agent_activity.status_change_timestamp");
  const prev = activity.prev_status_change_timestamp ?? null;
  const prevChangedAt = prev === null ? null : eventTime(prev);
  if (prev !== null && prevChangedAt === null) return unreadable("data.agent_activity.prev_status_change_timestamp");
  return identified(normalise(checked.value, changedAt, prevChangedAt));
}
function identified(change) {
  if (change.agent.id || change.agent.email) return { ok: true, change };
  return {
    ok: false,
    field: "data.agent_activity.org_agent_id",
    message: "data.agent_activity.org_agent_id or email is required to identify the agent"
  };
}
function unreadable(field) {
  return {
    ok: false,
    field,
    message: `${field} is not a readable timestamp (ISO 8601, or epoch seconds or milliseconds, between the years 2000 and 2100)`
  };
}
function agentName(event) {
  const actor = event.data.actor;
  if (!actor || actor.type !== "agent") return null;
  return str([actor.first_name, actor.last_name].filter(Boolean).join(" "));
}
const NO_ACTOR = { type: "system" };
function agentOf(event, actor) {
  const activity = event.data.agent_activity;
  return {
    id: str(activity.org_agent_id) ?? str(actor.org_actor_id),
    email: str(activity.email) ?? str(actor.email),
    name: agentName(event)
  };
}
function actorIsAgent(event, actor) {
  if (actor.type !== "agent") return false;
  const activity = event.data.agent_activity;
  const agentEmail = str(activity.email);
  const actorEmail = str(actor.email);
  if (agentEmail === null) return actorEmail !== null;
  if (actorEmail !== null) return agentEmail.toLowerCase() === actorEmail.toLowerCase();
  const agentId = str(activity.org_agent_id);
  return agentId !== null && agentId === str(actor.org_actor_id);
}
function normalise(event, changedAt, prevChangedAt) {
  const activity = event.data.agent_activity;
  const actor = event.data.actor ?? NO_ACTOR;
  const agent = agentOf(event, actor);
  const status = truncate(activity.status, 200);
  const prevStatus = str(activity.prev_status);
  const account = str(event.account_id) ?? str(event.domain);
  const customStatusId = str(activity.custom_status_id);
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
  return {
    key: digest(identity),
    kind: truncate(activity.availability_event_type, 60),
    status,
    prevStatus,
    changedAt,
    prevChangedAt,
    agent,
    actor: { type: actor.type, id: str(actor.id), self: actorIsAgent(event, actor) },
    customStatusId,
    emoji: str(activity.emoji, 60),
    subEntity: str(actor.sub_entity, 60),
    account
  };
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

const HEAD_SCHEDULE = "history-head";
const DAY_MS = 24 * 36e5;
const EMPTY = { page: 0, dropped: 0 };
const count = (value) => typeof value === "number" && Number.isInteger(value) && value >= 0 ? value : 0;
function readData(data) {
  return { page: count(data?.page), dropped: count(data?.dropped) };
}
async function readHead() {
  try {
    return readData((await $schedule.fetch({ name: HEAD_SCHEDULE })).data);
  } catch (err) {
    if (err.status === 404) return { ...EMPTY };
    throw err;
  }
}
async function writeHead(head) {
  const spec = {
    name: HEAD_SCHEDULE,
    data: { kind: "head", page: head.page, dropped: head.dropped },
    // Kept a day ahead at every write: it fires only after a quiet day, and its handler does nothing.
    schedule_at: new Date(Date.now() + DAY_MS).toISOString(),
    repeat: { time_unit: "days", frequency: 1 }
  };
  await $schedule.update(spec).catch(() => $schedule.create(spec));
}
async function raisePage(page) {
  const head = await readHead();
  if (head.page < page) await writeHead({ ...head, page });
}
const DROP_RECORD_TRIES = 3;
async function countDrop() {
  const before = (await readHead()).dropped;
  for (let i = 0; i < DROP_RECORD_TRIES; i++) {
    const head = await readHead();
    if (head.dropped > before) return;
    await writeHead({ ...head, dropped: head.dropped + 1 });
  }
}

const OUTCOMES = ["delivered", "skipped", "rejected", "retrying", "dead_letter"];
function newRecord(key, change, now) {
  return { key, bucket: null, received_at: now, change, invalid: null, pushes: {} };
}
function isOpen(state) {
  return state === void 0 || state.outcome === "retrying";
}
function isReplayable(state) {
  return state !== void 0 && (state.outcome === "rejected" || state.outcome === "dead_letter" || state.outcome === "retrying");
}
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

const CUSTOMERGAUGE_REGIONS = ["eu", "us", "au"];
const customerGauge$1 = {
  id: "customergauge",
  label: "CustomerGauge",
  iparams: [
    { name: "cg_region", secure: false, options: CUSTOMERGAUGE_REGIONS },
    { name: "cg_client_id", secure: false, account: true },
    { name: "cg_client_secret", secure: true, account: true },
    // base64(client_id:client_secret), built by the installation page for the token request's header.
    { name: "cg_client_credentials", secure: true, derived: true, account: true },
    { name: "cg_account", secure: false, maxLength: 255 },
    { name: "cg_send_contact", secure: false }
  ],
  templates: {
    token: "customerGaugeToken",
    verifyCredentials: "customerGaugeVerifyCredentials",
    upsertActivity: "customerGaugeUpsertActivity"
  },
  vendorHosts: "^(auth|imports\\.api)\\.(eu|us|au)\\.customergauge\\.com$"
};

const FRESHDESK_CONTACT_MODES = {
  agent: "Agent's own email",
  fixed: "One fixed contact (unique external ID)"
};
const freshdesk$1 = {
  id: "freshdesk",
  label: "Freshdesk",
  iparams: [
    { name: "freshdesk_subdomain", secure: false, account: true },
    { name: "freshdesk_api_key", secure: true, account: true },
    { name: "freshdesk_contact_mode", secure: false, options: [FRESHDESK_CONTACT_MODES.agent, FRESHDESK_CONTACT_MODES.fixed] },
    { name: "freshdesk_contact_external_id", secure: false, maxLength: 255 }
  ],
  templates: { createContactActivity: "freshdeskCreateContactActivity", verifyCredentials: "freshdeskVerifyCredentials" },
  vendorHosts: "^[a-z0-9-]+\\.freshdesk\\.com$"
};

const DESCRIPTORS = [freshdesk$1, customerGauge$1];
function iparamsWhere(test) {
  return DESCRIPTORS.flatMap((d) => d.iparams.filter(test).map((p) => p.name));
}
const SECURE_IPARAMS = iparamsWhere((p) => p.secure);
const DESTINATION_LABELS = DESCRIPTORS.map((d) => d.label);

const MIN_SECRET_LENGTH = 4;
function secretsOf(iparams) {
  return SECURE_IPARAMS.map((name) => iparams[name]).filter((v) => typeof v === "string" && v.length >= MIN_SECRET_LENGTH).flatMap((v) => [v, base64(v)]);
}
function scrubReasons(record) {
  for (const push of Object.values(record.pushes)) {
    if (push?.reason) push.reason = scrubCredentials(push.reason);
  }
}
function redactSecrets(record, iparams) {
  scrubReasons(record);
  let text = JSON.stringify(record);
  const secrets = secretsOf(iparams);
  if (!secrets.some((secret) => text.includes(secret))) return record;
  for (const secret of secrets) text = text.split(secret).join("[redacted]");
  return JSON.parse(text);
}

const HISTORY_TTL_SECONDS = 30 * 24 * 3600;
const MAX_RECORD_BYTES = 3e3;
const PAGE_TRIES = 3;
const pageId = (page) => page.toString(36);
const pageNumber = (id) => parseInt(id, 36);
const pageKey = (id) => `h:${id}`;
class HistoryWriteError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}
const statusOf = (err) => err?.status ?? 0;
const isSetIfFailure = (err) => statusOf(err) === 400 && /setif/i.test(messageOf(err));
function classify$1(err) {
  if (isSetIfFailure(err)) return "missing";
  if (statusOf(err) === 400) return "full";
  const { status, message } = err ?? {};
  throw new HistoryWriteError(status ?? 0, `history not saved: ${message ?? "the store failed"}`);
}
async function updateExisting(id, attributes) {
  try {
    await $db.update(pageKey(id), "set", attributes, { setIf: "exist" });
    return "ok";
  } catch (err) {
    return classify$1(err);
  }
}
async function openPage(id, record) {
  try {
    await $db.set(pageKey(id), { [record.key]: record }, { setIf: "not_exist", ttl: HISTORY_TTL_SECONDS });
    return "ok";
  } catch (err) {
    return isSetIfFailure(err) ? updateExisting(id, { [record.key]: record }) : classify$1(err);
  }
}
async function placeOn(page, record) {
  const id = pageId(page);
  const placed = { ...record, bucket: id };
  const result = await updateExisting(id, { [record.key]: placed });
  return result === "missing" ? openPage(id, placed) : result;
}
async function placeNew(record) {
  const start = (await readHead()).page;
  for (let page = start; page < start + PAGE_TRIES; page++) {
    if (await placeOn(page, record) === "ok") {
      record.bucket = pageId(page);
      if (page > start) await raisePage(page);
      return;
    }
  }
  throw new HistoryWriteError(400, `history not saved: pages ${pageId(start)} to ${pageId(start + PAGE_TRIES - 1)} are full`);
}
function rewrite(record, touched) {
  const attributes = {};
  for (const id of touched) attributes[`${record.key}.pushes.${id}`] = record.pushes[id];
  if (touched.length === 0) attributes[record.key] = record;
  return updateExisting(record.bucket, attributes);
}
async function move(record) {
  const old = record.bucket;
  record.bucket = null;
  await placeNew(record);
  if (old !== record.bucket) await $db.update(pageKey(old), "remove", [record.key]).catch(() => void 0);
}
async function saveRecord(input, touched) {
  const record = fitToBytes(input, MAX_RECORD_BYTES);
  if (record.bucket === null) {
    await placeNew(record);
  } else if (await rewrite(record, touched) !== "ok") {
    await move(record);
  }
  input.bucket = record.bucket;
}
function isEventRecord(value) {
  return typeof value === "object" && value !== null && "key" in value && "pushes" in value;
}
async function readPage(id) {
  try {
    const value = await $db.get(pageKey(id));
    return Object.values(value).filter(isEventRecord).map((record) => ({ ...record, bucket: id }));
  } catch (err) {
    if (statusOf(err) === 404) return null;
    throw err;
  }
}
function compareBuckets(a, b) {
  return pageNumber(b) - pageNumber(a);
}

const CLAIM_TTL_SECONDS = HISTORY_TTL_SECONDS;
const claimKey = (key) => `ev:${key}`;
async function claimedBy(key) {
  try {
    const value = await $db.get(claimKey(key));
    return typeof value.run === "string" ? value.run : null;
  } catch {
    return null;
  }
}
async function claimEvent(key, run, now, resuming) {
  try {
    await $db.set(claimKey(key), { at: now, run }, { setIf: "not_exist", ttl: CLAIM_TTL_SECONDS });
    return "claimed";
  } catch (err) {
    const { status } = err;
    if (status !== 400 || !/setif/i.test(messageOf(err))) return "deferred";
    if (!resuming) return "duplicate";
    return await claimedBy(key) === run ? "claimed" : "duplicate";
  }
}
const newRunToken = (now) => now.toString(36) + Math.floor(Math.random() * 36 ** 6).toString(36);

function defineDestination(descriptor, behaviour) {
  return { ...behaviour, id: descriptor.id, label: descriptor.label };
}

const INVOCATION_LIMIT_MS = 2e4;
const REQUEST_TIMEOUT_MS = 15e3;
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
    throw toDeliveryError(err, spec.readMessage, Date.now());
  }
}
function worthRetryingNow(err) {
  return err instanceof RetryableError && !(err instanceof NotSentError) && err.retryAfterMs === null && (err.status === 0 || err.status >= 500);
}
async function invoke(spec, ctx) {
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
function parseBody(text) {
  if (!text) return null;
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
function isPlatformThrottle(err) {
  return err.errorSource === "PLATFORM";
}
const BY_STATUS = { 401: "auth", 403: "auth", 408: "retry" };
function classify(err, status) {
  if (status === 429) return isPlatformThrottle(err) ? "quota" : "retry";
  const isClientError = status >= 400 && status < 500;
  return BY_STATUS[status] ?? (isClientError ? "invalid" : "retry");
}
const MAY_HAVE_LANDED = /* @__PURE__ */ new Set([0, 408, 500, 502, 503, 504]);
function toDeliveryError(err, readMessage, now) {
  const status = typeof err.status === "number" ? err.status : 0;
  const detail = { status, message: describe(err, status, readMessage), retryAfterMs: retryAfterMs(header(err, "retry-after"), now) };
  const kind = classify(err, status);
  if (kind === "quota") return new PlatformQuotaError(detail);
  if (kind === "auth") return new AuthError(detail);
  if (kind === "invalid") return new PayloadInvalidError(detail);
  return new RetryableError({ ...detail, mayHaveLanded: MAY_HAVE_LANDED.has(status) });
}
function describe(err, status, readMessage) {
  const fromBody = readMessage(parseBody(err.response));
  const detail = fromBody ?? (err.response ? err.response.slice(0, 200) : null);
  return scrubCredentials(detail ? `HTTP ${status}: ${detail}` : `HTTP ${status}`);
}

const TOKEN_SCHEDULE = "cg-token";
const EXPIRY_MARGIN_MS = 5 * 6e4;
const MIN_SCHEDULE_LEAD_MS = 5 * 6e4 + 3e4;
function readTokenError(body) {
  if (!isRecord(body)) return null;
  const { error, error_description: description } = body;
  return [error, description].filter(Boolean).join(": ") || null;
}
async function cachedToken(now) {
  try {
    const schedule = await $schedule.fetch({ name: TOKEN_SCHEDULE });
    const { access_token: token, expires_at: expiresAt } = schedule.data;
    return token && typeof expiresAt === "number" && expiresAt - EXPIRY_MARGIN_MS > now ? token : null;
  } catch {
    return null;
  }
}
async function storeToken(token, expiresAt) {
  const spec = {
    name: TOKEN_SCHEDULE,
    data: { kind: "token", access_token: token, expires_at: expiresAt },
    // One-time schedules must lie at least 5 minutes ahead; `cachedToken` checks expires_at itself.
    schedule_at: new Date(Math.max(expiresAt - EXPIRY_MARGIN_MS, Date.now() + MIN_SCHEDULE_LEAD_MS)).toISOString()
  };
  try {
    await $schedule.create(spec);
  } catch {
    await $schedule.update(spec).catch(() => void 0);
  }
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
  return cached ?? fetchToken(ctx);
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
function activityName(change) {
  const emoji = emojiText(change.emoji);
  return `Agent status: ${statusLabel(change.status)}${emoji ? ` ${emoji}` : ""}`;
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
    emoji: change.emoji,
    changed_by: change.actor.type,
    routing_sub_entity: change.subEntity
  };
}

const CUSTOMERGAUGE_LIMITS = { reference: 128, account: 255, type: 100, contact: 255 };
function customerGaugeReference(change) {
  return truncate(`freshchat-agent-activity-${change.key}`, CUSTOMERGAUGE_LIMITS.reference);
}
function mapToCustomerGauge(change, settings) {
  const activity = {
    reference: customerGaugeReference(change),
    account: truncate(settings.cg_account, CUSTOMERGAUGE_LIMITS.account),
    type: truncate(activityName(change), CUSTOMERGAUGE_LIMITS.type),
    source: "Freshchat",
    happened_at: cgDateTime(change.changedAt),
    additional_information_object: { ...changeFacts(change), description: changeDescription(change), timezone: "UTC" }
  };
  if (settings.cg_send_contact && change.agent.email) activity.contact = truncate(change.agent.email, CUSTOMERGAUGE_LIMITS.contact);
  return activity;
}
function cgDateTime(ms) {
  return isoUtcSeconds(ms).slice(0, 19).replace("T", " ");
}

function maxLengthOf(iparams, name) {
  const limit = iparams.find((p) => p.name === name)?.maxLength;
  if (limit === void 0) throw new Error(`${name} has no maxLength in its descriptor`);
  return limit;
}
const FRESHDESK_SUBDOMAIN_PATTERN = "^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$";
const CG_ACCOUNT_MAX = maxLengthOf(customerGauge$1.iparams, "cg_account");
const EXTERNAL_ID_MAX = maxLengthOf(freshdesk$1.iparams, "freshdesk_contact_external_id");
const KNOWN_EVENT_KINDS = ["GeneralAvailability", "Intelliassign"];
const LATER_KINDS_OPTION = "Kinds added later";

const CustomerGaugeSettings = typebox.Type.Object({
  cg_region: OneOf(CUSTOMERGAUGE_REGIONS),
  cg_client_id: typebox.Type.String({ minLength: 1 }),
  // base64(client_id:client_secret), built by the installation page: the secret reaches the
  // token request only through this header value, never through code or the browser after install.
  cg_client_credentials: typebox.Type.String({ minLength: 4 }),
  cg_account: typebox.Type.String({ minLength: 1, maxLength: CG_ACCOUNT_MAX }),
  cg_send_contact: typebox.Type.Optional(typebox.Type.Boolean({ default: false }))
});

const customerGauge = defineDestination(customerGauge$1, {
  settings: CustomerGaugeSettings,
  map: mapToCustomerGauge,
  summarize: (payload) => ({
    name: payload.type,
    happened_at: `${payload.happened_at} UTC`,
    recipient: payload.contact ? `${payload.account} / ${payload.contact}` : payload.account,
    reference: payload.reference
  }),
  send: upsertActivity,
  idempotent: true
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
  freshdesk_contact_external_id: typebox.Type.Optional(typebox.Type.String({ maxLength: EXTERNAL_ID_MAX }))
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

const MAX_ATTEMPTS = 6;
const FIRST_STEP_MS = 5 * 6e4;
function backoffMs(attempts) {
  return FIRST_STEP_MS * 2 ** Math.max(0, attempts - 1);
}
function retryLater(err, attempts, now) {
  const wait = Math.max(err.retryAfterMs ?? 0, backoffMs(attempts));
  const reason = reasonOf(err);
  if (attempts >= MAX_ATTEMPTS) {
    return {
      outcome: "dead_letter",
      reason: `gave up after ${attempts} attempts: ${reason}`,
      attempts,
      last_status: err.status,
      next_retry_at: null
    };
  }
  return { outcome: "retrying", reason, attempts, last_status: err.status, next_retry_at: now + wait };
}
function decide(err, attempts, now) {
  if (err instanceof NotSentError) {
    return {
      outcome: "retrying",
      reason: reasonOf(err),
      attempts: attempts - 1,
      last_status: err.status,
      next_retry_at: now + (err.retryAfterMs ?? 0)
    };
  }
  if (err instanceof RetryableError) return retryLater(err, attempts, now);
  const status = err instanceof DeliveryError ? err.status : null;
  const permanent = err instanceof AuthError || err instanceof PayloadInvalidError;
  const reason = permanent ? reasonOf(err) : `unexpected error: ${reasonOf(err)}`;
  return { outcome: "rejected", reason, attempts, last_status: status, next_retry_at: null };
}

const PipelineSettings = typebox.Type.Object({
  destinations: typebox.Type.Array(typebox.Type.String(), { default: [...DESTINATION_LABELS] }),
  event_kinds: typebox.Type.Array(typebox.Type.String(), { default: [...KNOWN_EVENT_KINDS, LATER_KINDS_OPTION] })
});
function forwardsKind(eventKinds, kind) {
  const known = KNOWN_EVENT_KINDS.includes(kind);
  return eventKinds.includes(known ? kind : LATER_KINDS_OPTION);
}

function skipped(reason, now) {
  return {
    outcome: "skipped",
    reason,
    attempts: 0,
    last_status: null,
    next_retry_at: null,
    updated_at: now,
    sent: null,
    remote_id: null,
    may_duplicate: false
  };
}
function skipReason(destination, change, iparams) {
  const settings = validate(PipelineSettings, iparams, "iparams");
  if (!settings.ok) return `installation settings invalid: ${settings.message}`;
  if (!settings.value.destinations.includes(destination.label)) return `${destination.label} is switched off in the app settings`;
  if (!forwardsKind(settings.value.event_kinds, change.kind)) return `${change.kind} events are not forwarded (app settings)`;
  return null;
}
function mayDuplicate(destination, err) {
  return !destination.idempotent && err instanceof RetryableError && err.mayHaveLanded;
}
function mayHaveLandedBefore(destination, previous, ctx) {
  return previous?.may_duplicate === true || ctx.resuming && !destination.idempotent;
}
async function attempt(destination, change, previous, ctx) {
  const now = Date.now();
  const done = previous?.attempts ?? 0;
  const base = {
    updated_at: now,
    sent: null,
    remote_id: null,
    may_duplicate: mayHaveLandedBefore(destination, previous, ctx)
  };
  const settings = validate(destination.settings, ctx.iparams, "iparams");
  if (!settings.ok) {
    return {
      ...base,
      outcome: "rejected",
      reason: `installation settings invalid: ${settings.message}`,
      attempts: done,
      last_status: null,
      next_retry_at: null
    };
  }
  try {
    const payload = destination.map(change, settings.value);
    base.sent = destination.summarize(payload);
    const receipt = await destination.send(payload, ctx);
    return {
      ...base,
      outcome: "delivered",
      reason: null,
      attempts: done + 1,
      last_status: receipt.status,
      next_retry_at: null,
      remote_id: receipt.remoteId
    };
  } catch (err) {
    return { ...base, ...decide(err, done + 1, now), may_duplicate: base.may_duplicate || mayDuplicate(destination, err) };
  }
}
function due(state, now) {
  return isOpen(state) && (state?.next_retry_at ?? 0) <= now;
}
async function deliverTo(destination, record, ctx) {
  const previous = record.pushes[destination.id];
  if (!record.change || !due(previous, Date.now())) return false;
  const reason = previous ? null : skipReason(destination, record.change, ctx.iparams);
  record.pushes[destination.id] = reason ? skipped(reason, Date.now()) : await attempt(destination, record.change, previous, ctx);
  return true;
}
async function deliverOpenPushes(record, only, ctx) {
  const mine = destinations.filter((d) => only.includes(d.id));
  const attempted = await Promise.all(mine.map((destination) => deliverTo(destination, record, ctx)));
  return mine.filter((_, i) => attempted[i]).map((d) => d.id);
}
function stillOpen(record, only) {
  const open = only.filter((id) => record.pushes[id]?.outcome === "retrying");
  const times = open.map((id) => record.pushes[id].next_retry_at);
  return { open, at: times.length > 0 ? Math.min(...times) : null };
}
const allDestinations = () => destinations.map((d) => d.id);

const SLOTS_PER_MINUTE = 23;
const MINUTE_MS = 6e4;
const MIN_LEAD_MS = 5 * MINUTE_MS + 15e3;
const HORIZON_MINUTES = 4096;
const CREATE_TRIES = 6;
const slotName = (slot) => `q${slot.minute.toString(36)}-${slot.index.toString(36)}`;
const slotTime = (slot) => slot.minute * MINUTE_MS + Math.floor(slot.index * MINUTE_MS / SLOTS_PER_MINUTE);
class QueueFullError extends Error {
}
async function taken(slot) {
  try {
    await $schedule.fetch({ name: slotName(slot) });
    return true;
  } catch (err) {
    return err.status !== 404;
  }
}
const lastOf = (minute) => ({ minute, index: SLOTS_PER_MINUTE - 1 });
function firstSlotAt(at) {
  const minute = Math.floor(at / MINUTE_MS);
  const index = Math.ceil((at - minute * MINUTE_MS) * SLOTS_PER_MINUTE / MINUTE_MS);
  return index < SLOTS_PER_MINUTE ? { minute, index } : { minute: minute + 1, index: 0 };
}
async function firstOpenMinute(from) {
  if (!await taken(lastOf(from))) return from;
  let full = from;
  let step = 1;
  while (step < HORIZON_MINUTES && await taken(lastOf(from + step))) {
    full = from + step;
    step *= 2;
  }
  let open = from + step;
  while (open - full > 1) {
    const mid = Math.floor((full + open) / 2);
    if (await taken(lastOf(mid))) full = mid;
    else open = mid;
  }
  return open;
}
async function firstOpenIndex(minute, from) {
  let low = from;
  let high = SLOTS_PER_MINUTE - 1;
  while (low < high) {
    const mid = Math.floor((low + high) / 2);
    if (await taken({ minute, index: mid })) low = mid + 1;
    else high = mid;
  }
  return low;
}
async function firstFreeSlot(at) {
  const start = firstSlotAt(at);
  const minute = await firstOpenMinute(start.minute);
  return { minute, index: await firstOpenIndex(minute, minute === start.minute ? start.index : 0) };
}
const nextSlot = (slot) => slot.index + 1 < SLOTS_PER_MINUTE ? { minute: slot.minute, index: slot.index + 1 } : { minute: slot.minute + 1, index: 0 };
async function createAt(slot, data) {
  try {
    await $schedule.create({ name: slotName(slot), data, schedule_at: new Date(slotTime(slot)).toISOString() });
    return "created";
  } catch (err) {
    return /maximum number|limit/i.test(messageOf(err)) ? "full" : "taken";
  }
}
const PRIORITY_INDEX = SLOTS_PER_MINUTE;
const PRIORITY_MINUTES = 30;
async function firstFreePrioritySlot(at) {
  const first = Math.ceil(at / MINUTE_MS) - 1;
  for (let minute = first; minute < first + PRIORITY_MINUTES; minute++) {
    const slot = { minute, index: PRIORITY_INDEX };
    if (slotTime(slot) >= at && !await taken(slot)) return slot;
  }
  return firstFreeSlot(at);
}
async function park(data, notBefore, priority) {
  const earliest = Math.max(notBefore, Date.now() + MIN_LEAD_MS);
  let slot = priority ? await firstFreePrioritySlot(earliest) : await firstFreeSlot(earliest);
  for (let i = 0; i < CREATE_TRIES; i++) {
    const result = await createAt(slot, data);
    if (result === "created") return slotTime(slot);
    if (result === "full") throw new QueueFullError("the platform holds 1,000 one-time schedules and all are in use");
    slot = nextSlot(slot);
  }
  throw new QueueFullError(`no free slot found after ${CREATE_TRIES} tries from ${new Date(earliest).toISOString()}`);
}
async function queueBusy(now) {
  const minute = Math.floor(now / MINUTE_MS);
  return await taken(lastOf(minute)) || taken(lastOf(minute + 1));
}

const nameOf = (key) => `w${key}`;
async function writeAhead(key, data) {
  try {
    await $schedule.create({ name: nameOf(key), data, schedule_at: new Date(Date.now() + MIN_LEAD_MS).toISOString() });
    return "written";
  } catch (err) {
    return /exist/i.test(messageOf(err)) ? "held" : "unavailable";
  }
}
function keepAsQueued(key, data, at) {
  const spec = { name: nameOf(key), data, schedule_at: new Date(Math.max(at, Date.now() + MIN_LEAD_MS)).toISOString() };
  return $schedule.update(spec).then(
    () => true,
    () => false
  );
}
async function clearWriteAhead(key) {
  await $schedule.delete({ name: nameOf(key) }).catch(() => void 0);
}

const MAX_HISTORY_TRIES = 3;
const MAX_REASON_CHARS = 300;
const result = (status, record, at = null) => ({ status, record, at });
async function drop(work, why) {
  console.error(`event ${work.record.key} dropped: ${why}`);
  await countDrop().catch(() => void 0);
  return result("dropped", work.record);
}
async function giveUp(work, why) {
  const { open } = stillOpen(work.record, work.only);
  if (!work.claimed || open.length === 0) return drop(work, why);
  const now = Date.now();
  for (const id of open)
    Object.assign(work.record.pushes[id], {
      outcome: "dead_letter",
      reason: `could not be queued for retry: ${why}`,
      next_retry_at: null,
      updated_at: now
    });
  const saved = await saveRecord(work.record, open).then(
    () => true,
    () => false
  );
  return saved ? result("done", work.record) : drop(work, why);
}
async function parkWork(work, at, hasWriteAhead) {
  const data = { ...work, resuming: false, record: fitToBytes(work.record, MAX_RECORD_BYTES) };
  try {
    return { ...result("queued", work.record, await park(data, at, work.priority === true)), kept: false };
  } catch (err) {
    if (hasWriteAhead && await keepAsQueued(work.record.key, data, at)) return { ...result("queued", work.record, at), kept: true };
    return { ...await giveUp(work, reasonOf(err)), kept: false };
  }
}
async function save(work, touched) {
  const pushes = [.../* @__PURE__ */ new Set([...work.unsaved ?? [], ...touched])];
  try {
    await saveRecord(work.record, pushes);
    return true;
  } catch (err) {
    const tries = (work.historyTries ?? 0) + 1;
    const hopeless = err instanceof HistoryWriteError && err.status === 400;
    if (hopeless || tries >= MAX_HISTORY_TRIES) {
      console.error(`history: event ${work.record.key} not recorded after ${tries} tries: ${reasonOf(err)}`);
      await countDrop().catch(() => void 0);
      return true;
    }
    Object.assign(work, { historyTries: tries, unsaved: pushes });
    return false;
  }
}
async function checkBasis(work) {
  if (!work.basis || !work.record.bucket) return true;
  const page = await readPage(work.record.bucket).catch(() => void 0);
  if (page === void 0) return false;
  const stored = (page ?? []).find((r) => r.key === work.record.key);
  work.only = work.only.filter((id) => stored?.pushes[id]?.updated_at === work.basis?.[id]);
  return true;
}
async function deliverAndRecord(work, ctx, hasWriteAhead) {
  if (!await checkBasis(work)) return parkWork(work, Date.now(), hasWriteAhead);
  const touched = await deliverOpenPushes(work.record, work.only, ctx);
  work.record = redactSecrets(work.record, ctx.iparams);
  const saved = await save(work, touched);
  const { open, at } = stillOpen(work.record, work.only);
  if (open.length === 0 && saved) return { ...result("done", work.record), kept: false };
  const next = {
    ...work,
    basis: void 0,
    priority: void 0,
    only: open.length > 0 ? open : work.only,
    unsaved: saved ? void 0 : work.unsaved
  };
  return parkWork(next, at ?? Date.now(), hasWriteAhead);
}
async function runHeld(work, ctx, hasWriteAhead) {
  if (!work.claimed) {
    const claim = await claimEvent(work.record.key, work.run, Date.now(), ctx.resuming);
    if (claim === "duplicate") return { ...result("duplicate", work.record), kept: false };
    if (claim === "deferred") return parkWork(work, Date.now(), hasWriteAhead);
    work.claimed = true;
  }
  return deliverAndRecord(work, ctx, hasWriteAhead);
}
async function runWork(work, ctx) {
  if (work.record.change === null) return runHeld(work, ctx, false);
  const copy = await writeAhead(work.record.key, { ...work, resuming: true, record: fitToBytes(work.record, MAX_RECORD_BYTES) });
  if (copy === "held") return result("held", work.record);
  const outcome = await runHeld(work, ctx, copy === "written");
  if (copy === "written" && !outcome.kept) await clearWriteAhead(work.record.key);
  return outcome;
}
function invalidRecord(payload, field, message, now) {
  const { key, excerpt } = invalidPayloadIdentity(payload?.data ?? null);
  const record = newRecord(key, null, now);
  record.invalid = { field, message: truncate(message, MAX_REASON_CHARS), excerpt };
  return record;
}
const contextFor = (iparams, call, resuming) => ({ ...call, iparams, resuming });
async function processEvent(payload, iparams, call) {
  const now = Date.now();
  const parsed = parseAgentActivityEvent(payload);
  if (!parsed.ok) {
    const work2 = {
      kind: "deliver",
      claimed: true,
      run: "",
      only: [],
      record: invalidRecord(payload, parsed.field, parsed.message, now)
    };
    return runWork(work2, contextFor(iparams, call, false));
  }
  const work = {
    kind: "deliver",
    claimed: false,
    run: newRunToken(now),
    only: allDestinations(),
    record: newRecord(parsed.change.key, parsed.change, now)
  };
  if (await queueBusy(now)) return parkWork(work, now, false);
  return runWork(work, contextFor(iparams, call, false));
}
function queueWork(work, at) {
  return parkWork(work, at, false);
}
async function resumeQueued(work, iparams, call) {
  const outcome = await runWork(work, contextFor(iparams, call, work.resuming === true));
  return outcome.status === "held" ? parkWork({ ...work, resuming: false }, Date.now(), false) : outcome;
}

const iparamsOf = (payload) => payload.iparams ?? {};
async function onAgentActivityCreate(payload) {
  const call = { startedAt: Date.now() };
  try {
    const run = await processEvent(payload, iparamsOf(payload), call);
    if (run.status === "duplicate" || run.status === "held")
      console.info(`onAgentActivityCreate: duplicate of event ${run.record.key} ignored`);
    else if (run.record.invalid) console.info(`onAgentActivityCreate: rejected event: ${run.record.invalid.message}`);
  } catch (err) {
    console.error(`onAgentActivityCreate: could not process the event: ${reasonOf(err)}`);
  }
}
async function onScheduledEvent(payload) {
  const work = payload.data;
  if (work?.kind !== "deliver") return;
  try {
    await resumeQueued(work, iparamsOf(payload), { startedAt: Date.now() });
  } catch (err) {
    console.error(`onScheduledEvent: could not resume queued work for event ${String(work.record?.key)}: ${reasonOf(err)}`);
  }
}
async function onAppInstall() {
  await Promise.resolve();
  renderData(null, {});
}
async function onAppUninstall() {
  await Promise.resolve();
  renderData(null, {});
}

const isTime = (ms) => typeof ms === "number" && Math.abs(ms) <= 864e13;
const iso$1 = (ms) => isTime(ms) ? new Date(ms).toISOString() : null;
const BUCKET_PATTERN = "^[0-9a-z]{1,12}\\+{0,2}$";
const KEY_PATTERN = "^[0-9a-z]{1,40}$";
const isBucket = (value) => typeof value === "string" && new RegExp(BUCKET_PATTERN).test(value);
const isKey = (value) => typeof value === "string" && new RegExp(KEY_PATTERN).test(value);
const activityId = (item) => `${item.bucket}.${item.key}.${item.destination ?? "event"}`;
function parseActivityId(id) {
  const [bucket, key, destination, ...rest] = id.split(".");
  if (rest.length > 0 || !isBucket(bucket) || !isKey(key) || !/^[a-z]+$/.test(destination ?? "")) return null;
  return { bucket, key, destination };
}
function itemsOf(record) {
  if (!isBucket(record.bucket) || !isKey(record.key)) return [];
  const receivedAt = isTime(record.received_at) ? record.received_at : 0;
  const base = { bucket: record.bucket, received_at: receivedAt, key: record.key, record };
  const pushes = typeof record.pushes === "object" && record.pushes !== null ? record.pushes : {};
  if (record.invalid) return [{ ...base, slot: 0, destination: null }];
  return destinations.map((d, slot) => ({ ...base, slot, destination: d.id })).filter((item) => pushes[item.destination] !== void 0);
}
function systemActivity(item, described) {
  const at = iso$1(item.received_at);
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
        changed_at: iso$1(change.changedAt),
        prev_changed_at: iso$1(change.prevChangedAt),
        custom_status_id: change.customStatusId,
        emoji: change.emoji
      }
    },
    target: { destination: destination.id, name: destination.label, reference: push.sent?.reference ?? null, remote_id: push.remote_id },
    outcome: push.outcome,
    reason: push.reason,
    attempts: push.attempts,
    last_status: push.last_status,
    next_retry_at: iso$1(push.next_retry_at),
    retryable: isReplayable(push),
    may_duplicate: push.may_duplicate,
    sent: push.sent,
    created_at: iso$1(item.received_at),
    updated_at: iso$1(push.updated_at) ?? iso$1(item.received_at)
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
  return compareBuckets(a.bucket, b.bucket) || b.received_at - a.received_at || (a.key < b.key ? 1 : a.key > b.key ? -1 : 0) || a.slot - b.slot;
}
function encodeCursor(position) {
  return base64(JSON.stringify([position.bucket, position.received_at, position.key, position.slot])).replace(/=+$/, "");
}
const CursorSchema = typebox.Type.Object(
  {
    bucket: typebox.Type.String({ pattern: BUCKET_PATTERN }),
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
const BUSY_NOTICE = "Deliveries are catching up with a burst: the history shows its newest page only for now.";
const QUOTA_NOTICE = "The installation's storage quota is spent for this minute: showing what could be read.";
async function readBudget(now) {
  return await queueBusy(now).catch(() => false) ? { pages: 1, notice: BUSY_NOTICE } : { pages: MAX_PAGES_PER_CALL, notice: null };
}
function pageOrder(head, from, backwards) {
  const start = from === null ? head : Math.min(pageNumber(from.bucket), head);
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
async function walk(head, from, backwards, want, keep, budget) {
  const direction = backwards ? -1 : 1;
  const items = [];
  const wanted = (i) => (from === null || direction * comparePositions(i, from) > 0) && keep(i);
  for (const [read, page] of pageOrder(head, from, backwards).entries()) {
    if (items.length >= want || read >= budget.pages) return { items, exhausted: false };
    const records = await readOrNull(pageId(page), budget);
    const end = endsHere(records, backwards);
    if (end !== null) return { items, exhausted: end };
    items.push(
      ...(records ?? []).flatMap(itemsOf).filter(wanted).sort((a, b) => direction * comparePositions(a, b))
    );
  }
  return { items, exhausted: true };
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
async function listActivities(args) {
  const { page, filter } = parseListArgs(args);
  const size = page.size ?? DEFAULT_PAGE_SIZE;
  const backwards = page.before !== void 0;
  const since = sinceOf(filter);
  const [head, budget] = await Promise.all([readHead(), readBudget(Date.now())]);
  const built = /* @__PURE__ */ new Map();
  const activityOf = (item) => built.get(item) ?? built.set(item, toActivity(item)).get(item);
  const result = await walk(head.page, startOf(page), backwards, size + 1, (i) => matches(i, activityOf, filter, since), budget);
  const items = result.items.slice(0, size);
  if (backwards) items.reverse();
  const moreBeyond = result.items.length > size || !result.exhausted;
  return {
    activities: items.map(activityOf),
    meta: {
      // Zendesk's has_more speaks of the direction of travel: older items for `after`, newer for `before`.
      has_more: moreBeyond,
      after_cursor: items.length > 0 ? encodeCursor(items[items.length - 1]) : null,
      before_cursor: items.length > 0 ? encodeCursor(items[0]) : null,
      notice: budget.notice
    }
  };
}
async function findActivityItem(id) {
  const parsed = typeof id === "string" ? parseActivityId(id) : null;
  if (!parsed) throw new QueryError("id is not an activity id");
  const records = await readPage(parsed.bucket) ?? [];
  const item = records.flatMap(itemsOf).find((i) => i.key === parsed.key && (i.destination ?? "event") === parsed.destination);
  if (!item) throw Object.assign(new QueryError(`activity ${id} was not found`), { status: 404 });
  return item;
}
async function showActivity(args) {
  return { activity: toActivity(await findActivityItem(args.id)) };
}
async function countActivities(now) {
  const [head, budget] = await Promise.all([readHead(), readBudget(now)]);
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

const iso = (ms) => ms === null ? null : new Date(ms).toISOString();
function replayWork(record, ids, now) {
  const copy = JSON.parse(JSON.stringify(record));
  const basis = {};
  for (const id of ids) {
    const push = copy.pushes[id];
    basis[id] = push.updated_at;
    copy.pushes[id] = { ...push, outcome: "retrying", attempts: 0, next_retry_at: now, reason: "retry requested" };
  }
  return { kind: "deliver", claimed: true, run: newRunToken(now), only: ids, basis, record: copy, priority: ids.length === 1 };
}
const replayable = (item) => item.destination !== null && isReplayable(item.record.pushes[item.destination]);
function alreadyWaiting(item, push) {
  const at = iso(push.next_retry_at);
  return { activity: toActivity(item), queued_at: at, message: `Already queued: the next attempt is at ${at}, as the destination asked.` };
}
function answerFor(item, record, status, at) {
  const activity = toActivity({ ...item, record });
  if (status === "held") throw new HttpStatusError(409, `activity ${activity.id} is being retried already`);
  if (status === "queued") return { activity, queued_at: iso(at), message: `Queued: it runs at ${iso(at)}.` };
  return { activity, queued_at: null, message: `Retried: ${activity.outcome}.` };
}
async function replayPush(id, iparams, call) {
  const item = await findActivityItem(id);
  const push = item.destination ? item.record.pushes[item.destination] : void 0;
  if (push?.outcome === "retrying") return alreadyWaiting(item, push);
  if (!replayable(item)) throw new HttpStatusError(409, `activity ${String(id)} has nothing to retry`);
  const work = replayWork(item.record, [item.destination], Date.now());
  const run = await runWork(work, { ...call, iparams, resuming: false });
  return answerFor(item, run.record, run.status, run.at);
}
const RETRY_ALL_MAX = 40;
async function newestRecords(now) {
  const head = await readHead();
  const budget = await readBudget(now);
  const pages = Array.from({ length: Math.min(budget.pages, head.page + 1) }, (_, i) => pageId(head.page - i));
  return (await Promise.all(pages.map((page) => readPage(page)))).flatMap((r) => r ?? []);
}
const idsWhere = (record, test) => Object.keys(record.pushes).filter((id) => {
  const push = record.pushes[id];
  return push !== void 0 && test(push);
});
const queuedPushes = (record, ids, at) => itemsOf(record).filter((item) => ids.includes(item.destination)).map((item) => toActivity(item)).map((activity) => ({ id: activity.id, at: new Date(at).toISOString(), updated_at: activity.updated_at }));
async function queueFailed(records, now) {
  const queued = [];
  let after = now;
  for (const record of records) {
    const failed = idsWhere(record, (p) => p.outcome !== "retrying" && isReplayable(p));
    if (failed.length === 0 || queued.length >= RETRY_ALL_MAX) continue;
    const { at } = await queueWork(replayWork(record, failed, now), after);
    if (at === null) continue;
    after = at;
    queued.push(...queuedPushes(record, failed, at));
  }
  return queued;
}
async function replayAllFailed(now) {
  const records = await newestRecords(now);
  const already = records.reduce((n, record) => n + idsWhere(record, (p) => p.outcome === "retrying").length, 0);
  const queued = await queueFailed(records, now);
  const first = queued.length > 0 ? queued[0].at : null;
  const last = queued.length > 0 ? queued[queued.length - 1].at : null;
  const message = queued.length > 0 ? `Queued ${queued.length} to run from ${first} to ${last}.` : "Nothing to retry.";
  return { queued: queued.length, first_at: first, last_at: last, already_queued: already, queued_pushes: queued, message };
}

async function answer(work) {
  try {
    renderData(null, await work());
  } catch (err) {
    const status = err.status ?? 500;
    renderData({ status, message: reasonOf(err) });
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
  const call = { startedAt: Date.now() };
  await answer(() => replayPush(args.id, args.iparams, call));
}
async function retryAllFailedMethod() {
  await answer(() => replayAllFailed(Date.now()));
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
  retryAllFailed: function() {
    return retryAllFailedMethod();
  }
};
