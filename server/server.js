/* Built from src/ (source 748cf2b0c87ac156ffe9109ce9e24332e20dbff2e8b5b8f67b11c4d29abb3b8c) by `npm run build`; do not edit. */
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
function isoUtc(ms) {
  return new Date(ms).toISOString();
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
    actor: { type: actor.type, id: str(actor.id) },
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

const MIN_LEAD_MS = 5 * 6e4 + 6e4 + 3e4;
const SKEW_RETRY_MS = 2 * 6e4;
const NAMES = {
  /** The engine's head (history page, HMAC key, outage marks, drop count): the one recurring schedule. */
  head: "history-head",
  /** CustomerGauge's cached token. */
  token: "cg-token",
  /** An event's lock and write-ahead copy: whoever holds it is the only one pushing this event. */
  writeAhead: (key) => `w${key}`,
  /** A page's lock while its waiting pushes are drained. */
  pageLock: (page) => `s${page}`,
  /** Wake-ups of the drain: one per minute of a 16-minute wheel. */
  wake: (at) => `k${Math.floor(at / 6e4) % 16}`,
  /** A server method's share of this minute's `$db` reserve (see history/reserve.ts). */
  readToken: (minute, index) => `r${minute.toString(36)}-${index}`
};
const text = (err) => String(err?.message);
const statusOf$1 = (err) => {
  const status = err?.status;
  return typeof status === "number" ? status : 0;
};
function classifyCreate(err) {
  const message = text(err);
  if (statusOf$1(err) !== 400) return "failed";
  if (/already exists/i.test(message)) return "exists";
  if (/maximum number/i.test(message)) return "full";
  return /at least 5 minutes/i.test(message) ? "too_soon" : "failed";
}
const isoAt = (at) => new Date(at).toISOString();
async function createOnce(name, data, at) {
  const when = Math.max(at, Date.now() + MIN_LEAD_MS);
  try {
    await $schedule.create({ name, data, schedule_at: isoAt(when) });
    return "created";
  } catch (err) {
    const result = classifyCreate(err);
    if (result !== "too_soon") return result;
    return $schedule.create({ name, data, schedule_at: isoAt(when + SKEW_RETRY_MS) }).then(
      () => "created",
      (again) => classifyCreate(again) === "exists" ? "exists" : "failed"
    );
  }
}
async function fetchSchedule(name) {
  try {
    const found = await $schedule.fetch({ name });
    return { data: found.data ?? {}, at: Date.parse(found.schedule_at) };
  } catch (err) {
    if (statusOf$1(err) === 404) return null;
    throw err;
  }
}
function moveOnce(name, data, at) {
  return $schedule.update({ name, data, schedule_at: isoAt(Math.max(at, Date.now() + MIN_LEAD_MS)) }).then(
    () => true,
    () => false
  );
}
function removeSchedule(name) {
  return $schedule.delete({ name }).then(
    () => true,
    (err) => statusOf$1(err) === 404
  );
}
const DAY_MS$1 = 24 * 36e5;
async function writeRecurring(name, data) {
  const spec = { name, data, schedule_at: isoAt(Date.now() + DAY_MS$1), repeat: { time_unit: "days", frequency: 1 } };
  await $schedule.update(spec).catch(() => $schedule.create(spec));
}
async function createRecurring(name, data) {
  const spec = { name, data, schedule_at: isoAt(Date.now() + DAY_MS$1), repeat: { time_unit: "days", frequency: 1 } };
  try {
    await $schedule.create(spec);
    return "created";
  } catch (err) {
    const result = classifyCreate(err);
    return result === "too_soon" ? "failed" : result;
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
const EMPTY = { page: 0, opened_at: null, open_from: 0, failed_from: null, wake_at: null, backlog_at: 0, dropped: 0, drops: [], down: {} };
async function readHead() {
  const found = await fetchSchedule(NAMES.head);
  if (found && typeof found.data.secret === "string" && found.data.secret.length >= 32) return readData(found.data, found.data.secret);
  if (found) {
    await writeRecurring(NAMES.head, { ...found.data, kind: "head", secret: newSecret() });
  } else {
    await createRecurring(NAMES.head, toData({ ...EMPTY, secret: newSecret() }));
  }
  const again = await fetchSchedule(NAMES.head);
  if (!again || typeof again.data.secret !== "string") throw new Error("the engine head could not be created");
  return readData(again.data, again.data.secret);
}
const HEAD_TRIES = 3;
async function updateHead(change, holds) {
  let head = await readHead();
  for (let i = 0; i < HEAD_TRIES && !holds(head); i++) {
    await writeRecurring(NAMES.head, toData(change(head)));
    head = await readHead();
  }
  return head;
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
    return claim?.run === run ? "ours" : "duplicate";
  }
}
const newRunToken = (secret, key, now) => hmacSha256(secret, `${key}|${now}|${Math.random()}`).slice(0, 16);

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
  return isoUtc(ms).slice(0, 19).replace("T", " ");
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
    return { unique_external_id: externalId };
  }
  if (!change.agent.email) {
    throw new PayloadInvalidError({
      status: 0,
      message: "the event has no agent email (data.agent_activity.email) to pick the Freshdesk contact"
    });
  }
  return { email: change.agent.email };
}
function mapToFreshdesk(change, settings) {
  return {
    activity: {
      name: truncate(activityName(change), FRESHDESK_LIMITS.name),
      timestamp: isoUtc(change.changedAt),
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
  const status = statusOf(f.err);
  const reason = reasonOf(f.err);
  const since = f.previous?.failing_since ?? f.now;
  if (f.now - since >= TIME_BUDGET_MS)
    return toDeadLetter(f, `gave up after ${Math.round(TIME_BUDGET_MS / 36e5)} h failing: ${reason}`, status, attempted);
  return toWaiting(f, reason, status, at, attempted);
}
const statusOf = (err) => err instanceof DeliveryError ? err.status : null;
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
  return { push: toRejected(f, reason, statusOf(f.err), true), mark: null };
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

function forStorage(record, iparams, secret) {
  const cut = fitToBytes(redactSecrets(record, iparams), MAX_RECORD_BYTES - SEAL_ROOM);
  return secret === null ? cut : sealRecord(cut, secret);
}
const SEAL_ROOM = 300;
function redactText(text, iparams) {
  const probe = {
    key: "",
    page: null,
    received_at: 0,
    change: null,
    invalid: null,
    pushes: { freshdesk: { reason: text } }
  };
  return redactSecrets(probe, iparams).pushes.freshdesk?.reason ?? "";
}
function pushForStorage(key, id, push, iparams, secret) {
  const redacted = redactSecrets({ key, page: null, received_at: 0, change: null, invalid: null, pushes: { [id]: push } }, iparams);
  return sealPush(key, id, redacted.pushes[id], secret);
}
async function wakeAt(at) {
  const when = Math.max(at, Date.now() + MIN_LEAD_MS);
  const armed = await createOnce(NAMES.wake(when), { kind: "wake" }, when) !== "failed";
  const due = armed ? when : Date.now();
  await updateHead(
    (h) => ({ ...h, wake_at: h.wake_at === null || h.wake_at > due || h.wake_at < Date.now() ? due : h.wake_at }),
    (h) => h.wake_at !== null && h.wake_at <= due && h.wake_at >= Math.min(due, Date.now())
  );
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
      mark && { ...mark, reason: redactText(mark.reason, stored.iparams) }
    ])
  };
  if (headNeeds(head, s))
    await updateHead(
      (h) => applyTo(h, s),
      (h) => !headNeeds(h, s)
    );
  const due = s.pushes.filter(([, p]) => p.outcome === "retrying").map(([, p]) => p.next_retry_at ?? Date.now());
  if (due.length > 0) await wakeAt(Math.min(...due));
}
const BACKLOG_PER_MINUTE = 22;
async function backlogSlot(head) {
  const at = Math.max(Date.now() + MIN_LEAD_MS, head.backlog_at + Math.ceil(6e4 / BACKLOG_PER_MINUTE));
  await updateHead(
    (h) => ({ ...h, backlog_at: Math.max(h.backlog_at, at) }),
    (h) => h.backlog_at >= at
  ).catch(() => void 0);
  return at;
}

const writeAhead = (data, at = Date.now()) => createOnce(NAMES.writeAhead(data.record.key), data, at);
const rewriteAhead = (data, at = Date.now()) => moveOnce(NAMES.writeAhead(data.record.key), data, at);
const clearWriteAhead = (key) => removeSchedule(NAMES.writeAhead(key));

const MAX_REASON_CHARS = 300;
async function drop(key, why) {
  console.error(`event ${key} dropped: ${why}`);
  await countDrop(key).catch(() => void 0);
  return "dropped";
}
const MAX_STORE_TRIES = 3;
async function notStored(work, sealed, hasCopy, err) {
  const tries = (work.tries ?? 0) + 1;
  const kept = hasCopy && tries < MAX_STORE_TRIES && await rewriteAhead({ ...work, record: sealed, inflight: [], tries });
  if (kept) return "deferred";
  console.error(`history: event ${work.record.key} pushed but not recorded: ${reasonOf(err)}`);
  return finish(work, hasCopy, "unrecorded");
}
async function store(work, ctx, hasCopy) {
  const sealed = forStorage(work.record, ctx.iparams, ctx.head.secret);
  let page;
  try {
    page = await placeNew(sealed, ctx.head);
  } catch (err) {
    return notStored(work, sealed, hasCopy, err);
  }
  const pushes = Object.entries(sealed.pushes);
  await afterStored(ctx.head, { iparams: ctx.iparams, page, pushes, marks: work.marks ?? [] }).catch(
    (err) => console.error(`engine: event ${work.record.key} stored, its bookkeeping failed: ${reasonOf(err)}`)
  );
  return "done";
}
async function pushAndStore(work, ctx, hasCopy, mayHaveLanded) {
  const results = await deliverEvent(work.record.change, work.inflight, ctx, mayHaveLanded);
  for (const result of results) work.record.pushes[result.id] = result.push;
  work.marks = results.filter((r) => r.mark !== void 0).map((r) => [r.id, r.mark ?? null]);
  const status = await store(work, ctx, hasCopy);
  if (status === "done" && hasCopy) await clearWriteAhead(work.record.key);
  return status;
}
function invalidRecord(payload, field, message, now) {
  const { key, excerpt } = invalidPayloadIdentity(payload?.data ?? null);
  const record = newRecord(key, null, now);
  record.invalid = { field, message: truncate(message, MAX_REASON_CHARS), excerpt };
  return record;
}
async function recordInvalid(record, ctx) {
  try {
    await placeNew(forStorage(record, ctx.iparams, ctx.head.secret), ctx.head);
    return "done";
  } catch (err) {
    return drop(record.key, `rejected event not recorded: ${reasonOf(err)}`);
  }
}
const contextFor = async (iparams, call) => ({ ...call, iparams, head: await readHead() });
async function defer(work, ctx, hasCopy) {
  if (!hasCopy) return drop(work.record.key, "neither the store nor a write-ahead copy could take it");
  await rewriteAhead(work, await backlogSlot(ctx.head));
  return "deferred";
}
async function receiveEvent(payload, iparams, call) {
  const now = Date.now();
  const parsed = parseAgentActivityEvent(payload);
  const ctx = await contextFor(iparams, call).catch(() => null);
  if (!ctx)
    return {
      status: await withoutHead(parsed.ok ? newRecord(parsed.change.key, parsed.change, now) : null, iparams),
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
async function withoutHead(record, iparams) {
  if (!record) return "dropped";
  const data = {
    kind: "event",
    run: `r${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`,
    record: forStorage(record, iparams, null),
    inflight: allDestinations()
  };
  const copy = await writeAhead(data);
  if (copy === "created") return "deferred";
  if (copy === "exists") return "duplicate";
  console.error(`event ${record.key} dropped: neither the engine head nor a write-ahead copy could be reached`);
  return "dropped";
}
async function receive(work, ctx) {
  const data = { ...work, record: forStorage(work.record, ctx.iparams, ctx.head.secret) };
  const behind = ctx.head.backlog_at > Date.now();
  const copy = await writeAhead(data, behind ? await backlogSlot(ctx.head) : Date.now());
  if (copy === "exists") return "duplicate";
  const hasCopy = copy === "created";
  if (behind) return hasCopy ? "deferred" : drop(work.record.key, "no write-ahead copy could hold it");
  const claim = await claimEvent(work.record.key, work.run, ctx.head.page);
  if (claim === "duplicate") return finish(work, hasCopy, "duplicate");
  if (claim === "unknown") return defer(data, ctx, hasCopy);
  return pushAndStore(work, ctx, hasCopy, false);
}
async function findStored(key, claim, head) {
  for (let page = claim.page; page <= Math.min(head, claim.page + 2); page++) {
    const records = await readPage(pageId(page)).catch(() => "unknown");
    if (records === "unknown") return "unknown";
    const found = (records ?? []).find((r) => r.key === key);
    if (found) return found;
  }
  return null;
}
async function resumeClaimed(work, ctx, hasCopy) {
  const claim = await readClaim(work.record.key);
  const stored = claim === "unknown" || claim === null ? "unknown" : await findStored(work.record.key, claim, ctx.head.page);
  if (stored === "unknown") return defer(work, ctx, hasCopy);
  if (stored) return finish(work, hasCopy, "done");
  if (work.inflight.length > 0) return pushAndStore(work, ctx, hasCopy, true);
  const status = await store(work, ctx, hasCopy);
  return status === "done" ? finish(work, hasCopy, status) : status;
}
async function resumeEvent(data, iparams, call) {
  const copy = await writeAhead(data);
  if (copy === "exists") return "duplicate";
  const ctx = await contextFor(iparams, call);
  const hasCopy = copy === "created";
  const work = { ...data, record: { ...data.record, page: null } };
  const claim = await claimEvent(work.record.key, work.run, ctx.head.page);
  if (claim === "duplicate") return finish(work, hasCopy, "duplicate");
  if (claim === "unknown") return defer(work, ctx, hasCopy);
  if (claim === "claimed") return pushAndStore(work, ctx, hasCopy, false);
  return resumeClaimed(work, ctx, hasCopy);
}
async function finish(work, hasCopy, status) {
  if (hasCopy) await clearWriteAhead(work.record.key);
  return status;
}

const PUSHES_PER_SWEEP = 10;
const PAGES_PER_SWEEP = 3;
const NEXT_SWEEP_MS = 6e4;
const lockData = (page, inflight) => ({ kind: "page", page, inflight });
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
        due.map((d) => ({ key: d.record.key, id: d.id }))
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
    ].map((c) => ({ ...c, push: pushForStorage(c.key, c.destination, c.push, ctx.iparams, ctx.head.secret) }));
    await rewritePushes(id, changes);
    const marks = results.filter((r) => r.mark !== void 0).map((r) => [r.id, r.mark ?? null]);
    await afterStored(ctx.head, { iparams: ctx.iparams, page: id, pushes: changes.map((c) => [c.destination, c.push]), marks });
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
    console.error(`drain: page ${id} not finished: ${reasonOf(err)}`);
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
async function sweep(iparams, call) {
  const head = await readHead();
  const { page, firstOpen, next } = await drainPages({ ...call, iparams, head });
  await advance(head, firstOpen ?? page);
  if (page <= head.page || next !== null) await wakeAt(Math.max(next ?? 0, Date.now() + NEXT_SWEEP_MS));
  else if (head.wake_at !== null) await noWakeNeeded(head.wake_at);
}
async function recoverPage(data, iparams, call) {
  const head = await readHead();
  const records = await readPage(data.page) ?? [];
  const now = Date.now();
  const changes = data.inflight.flatMap(({ key, id }) => {
    const record = records.find((r) => r.key === key);
    const push = record?.pushes[id];
    if (!record || push?.outcome !== "retrying" || !pushIsAuthentic(record, id, head.secret)) return [];
    const recovered = { ...toRecovered(push, now, destinationOf(id).idempotent), next_retry_at: now };
    return [{ key, destination: id, push: pushForStorage(key, id, recovered, iparams, head.secret) }];
  });
  await rewritePushes(data.page, changes);
  await sweep(iparams, call);
}

const iparamsOf = (payload) => payload.iparams ?? {};
async function onAgentActivityCreate(payload) {
  const call = { startedAt: Date.now() };
  try {
    const run = await receiveEvent(payload, iparamsOf(payload), call);
    if (run.status === "duplicate") console.info(`onAgentActivityCreate: duplicate of event ${run.record.key} ignored`);
    else if (run.record.invalid) console.info(`onAgentActivityCreate: rejected event: ${run.record.invalid.message}`);
  } catch (err) {
    console.error(`onAgentActivityCreate: could not process the event: ${reasonOf(err)}`);
  }
}
async function onScheduledEvent(payload) {
  const data = payload.data ?? {};
  const call = { startedAt: Date.now() };
  try {
    if (data.kind === "event") await resumeEvent(data, iparamsOf(payload), call);
    else if (data.kind === "page") await recoverPage(data, iparamsOf(payload), call);
    else if (data.kind === "wake" || data.kind === "head") await sweep(iparamsOf(payload), call);
  } catch (err) {
    console.error(`onScheduledEvent: ${String(data.kind)} not handled: ${reasonOf(err)}`);
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

const RESERVE_PER_MINUTE = 4;
async function takeReserve(wanted) {
  const now = Date.now();
  const minute = Math.floor(now / 6e4);
  let got = 0;
  for (let i = 0; i < RESERVE_PER_MINUTE && got < wanted; i++) {
    const token = await createOnce(NAMES.readToken(minute, i), { kind: "reserve" }, now);
    if (token === "full" || token === "failed") return wanted;
    if (token === "created") got++;
  }
  return got;
}
const RESERVE_NOTICE = "The history is read at most a few times a minute, so that deliveries keep their storage quota: showing what could be read now. Try again in a minute.";

const HOUR_MS = 36e5;
const DAY_MS = 24 * HOUR_MS;
const OVERDUE_MS = MIN_LEAD_MS + 6e4;
const iso$2 = (at) => new Date(at).toISOString();
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
  return { kind, words: words(kind, status), reason: mark.reason, since: iso$2(mark.since), until: iso$2(mark.until), ongoing: true };
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
    since: iso$2(p.failing_since ?? p.updated_at),
    until: p.outcome === "retrying" && p.next_retry_at !== null ? iso$2(p.next_retry_at) : null,
    ongoing
  };
}
const newest = (pushes) => pushes.reduce((best, p) => best === void 0 || p.push.updated_at > best.push.updated_at ? p : best, void 0);
const COLOUR_RULES = [
  [(j) => j.h.last_push === null && !j.read, "grey", () => "Nothing known yet: the history could not be read now."],
  [(j) => j.h.last_push === null, "grey", () => "Nothing pushed in the pages read."],
  // A vendor's rate limit is not a failure: its pushes wait, without spending attempts.
  [(j) => j.held && j.h.last_error?.kind === "rate_limited", "amber", () => "Rate-limited: its pushes wait until the limit lifts."],
  [(j) => j.held, "red", () => "Failing: its pushes wait for the next probe."],
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
    since: iso$2(oldest.record.received_at),
    next_attempt: iso$2(oldest.push.next_retry_at ?? now),
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
    last_push: latest ? { outcome: latest.push.outcome, at: iso$2(latest.push.updated_at) } : null,
    last_error: lastErrorOf(mark, pushes, ongoing)
  };
  const [colour, summary] = colourOf({
    h,
    held,
    read: reads.pagesRead > 0,
    quotaWaits: waiting.filter((p) => waitsForQuota(p.push)).length
  });
  return { ...h, colour, summary };
}

const MAX_READS = 3;
const QUOTA_NOTICE$1 = "The installation's storage quota is spent for this minute: the figures are from the pages read before it ran out.";
const PARTIAL_NOTICE = 'Some figures are lower bounds ("at least"): the history is longer than one check reads.';
function readPlan(head, reads) {
  const newest = Array.from({ length: Math.min(reads, head.page + 1) }, (_, i) => head.page - i);
  const lowest = newest[newest.length - 1] ?? 0;
  if (reads < 2 || head.open_from >= lowest) return newest;
  return [...newest.slice(0, -1), head.open_from];
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
  const waitingComplete = waitingSeen(read, head);
  const windowComplete = (window) => {
    const start = windowStart(read, now, window);
    return start >= 0 && covers(read, Math.min(start, head.open_from), head);
  };
  return {
    records: read.flatMap((r) => r.records ?? []),
    pagesRead: read.length,
    hourComplete: windowComplete(HOUR_MS),
    dayComplete: windowComplete(DAY_MS),
    waitingComplete
  };
}
const platformRules = () => [];
async function readPages(plan) {
  const read = [];
  for (const page of plan) {
    try {
      read.push({ page, records: await readPage(pageId(page)) });
    } catch (err) {
      if (err.status !== 429) throw err;
      return { read, quotaSpent: true };
    }
  }
  return { read, quotaSpent: false };
}
function noticeOf(quotaSpent, readsShort, complete) {
  if (quotaSpent) return QUOTA_NOTICE$1;
  if (readsShort) return RESERVE_NOTICE;
  return complete ? null : PARTIAL_NOTICE;
}
const storeQuotaUntil = (head, now) => head.backlog_at > now - HOUR_MS ? new Date(head.backlog_at).toISOString() : null;
async function healthCheck(now) {
  const head = await readHead();
  const tokens = await takeReserve(MAX_READS);
  const { read, quotaSpent } = await readPages(readPlan(head, tokens));
  const reads = readsOf(read, head, now);
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
      coverage: { pages_read: read.length, complete },
      notice: noticeOf(quotaSpent, tokens < Math.min(MAX_READS, head.page + 1), complete),
      platform_rules: platformRules()
    }
  };
}

const OUTCOMES = ["delivered", "skipped", "rejected", "retrying", "dead_letter"];

const isTime = (ms) => typeof ms === "number" && Math.abs(ms) <= 864e13;
const iso$1 = (ms) => isTime(ms) ? new Date(ms).toISOString() : null;
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
  const now = Date.now();
  const [head, budget] = [await readHead(), newBudget()];
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
      notice: budget.notice,
      now: new Date(now).toISOString()
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

const REPLAY_INTERVAL_MS = 10 * 6e4;
const RETRY_ALL_MAX = 100;
const RETRY_ALL_PAGES = 2;
const iso = (ms) => ms === null ? null : new Date(ms).toISOString();
const recentlyReplayed = (push, now) => push.replayed_at !== null && now - push.replayed_at < REPLAY_INTERVAL_MS;
function activityOf(record, id) {
  const item = itemsOf(record).find((i) => i.destination === id);
  if (!item) throw new HttpStatusError(404, `activity ${record.page}.${record.key}.${id} was not found`);
  return toActivity(item);
}
async function reserve(ops) {
  if (await takeReserve(ops) < ops) throw new HttpStatusError(429, RESERVE_NOTICE);
}
function authentic(record, id, head) {
  if (!record?.pushes[id]) throw new HttpStatusError(404, "activity was not found");
  if (!pushIsAuthentic(record, id, head.secret))
    throw new HttpStatusError(409, "this history record was not written by the app: it is never replayed");
  return record;
}
function vet(found, id, head, now) {
  const record = authentic(found, id, head);
  const push = record.pushes[id];
  const activity = activityOf(record, id);
  if (push.outcome === "retrying") {
    const at = iso(push.next_retry_at);
    return { activity, queued_at: at, message: `Already queued: the next attempt is at ${at}.` };
  }
  if (!isFailed(push)) throw new HttpStatusError(409, `activity ${activity.id} has nothing to retry`);
  if (recentlyReplayed(push, now)) {
    const next = iso(push.replayed_at + REPLAY_INTERVAL_MS);
    return { activity, queued_at: null, message: `Already retried at ${iso(push.replayed_at)}: it can be retried again from ${next}.` };
  }
  return push;
}
async function replayUnderLock(page, key, id, ctx) {
  const records = await readPage(page);
  const record = records?.find((r) => r.key === key);
  const now = Date.now();
  const vetted = vet(record, id, ctx.head, now);
  if ("activity" in vetted) return vetted;
  const stored = record;
  await reserve(1);
  await moveOnce(NAMES.pageLock(page), { kind: "page", page, inflight: [{ key, id }] }, now);
  const result = await pushOne(destinationOf(id), stored.change, toReplayed(vetted, now), ctx, false);
  const push = pushForStorage(key, id, result.push, ctx.iparams, ctx.head.secret);
  await rewritePushes(page, [{ key, destination: id, push }]);
  await afterStored(ctx.head, {
    iparams: ctx.iparams,
    page,
    pushes: [[id, push]],
    marks: result.mark === void 0 ? [] : [[id, result.mark]]
  });
  const activity = activityOf({ ...stored, pushes: { ...stored.pushes, [id]: push } }, id);
  if (push.outcome === "retrying")
    return { activity, queued_at: iso(push.next_retry_at), message: `Queued: it runs at ${iso(push.next_retry_at)}.` };
  return { activity, queued_at: null, message: `Retried: ${activity.outcome}.` };
}
async function replayPush(rawId, iparams, call) {
  const parsed = typeof rawId === "string" ? parseActivityId(rawId) : null;
  if (!parsed || parsed.destination === "event") throw new HttpStatusError(400, "id is not an activity id");
  const head = await readHead();
  const lock = NAMES.pageLock(parsed.page);
  const locked = await createOnce(lock, { kind: "page", page: parsed.page, inflight: [] }, Date.now());
  if (locked !== "created")
    throw new HttpStatusError(409, `activity ${rawId} is being retried or drained right now: try again in a minute`);
  try {
    await reserve(1);
    return await replayUnderLock(parsed.page, parsed.key, parsed.destination, { ...call, iparams, head });
  } finally {
    await removeSchedule(lock);
  }
}
function sortPushes(records, head, room, now) {
  const all = records.flatMap(
    (record) => Object.entries(record.pushes).map(([id, push]) => ({ record, id, push }))
  );
  const already = all.filter((p) => p.push?.outcome === "retrying").length;
  const failed = all.filter((p) => isFailed(p.push) && pushIsAuthentic(p.record, p.id, head.secret));
  const ready = failed.filter((p) => !recentlyReplayed(p.push, now));
  const marks = ready.slice(0, room).map((p) => [p.record, p.id, p.push]);
  return { marks, already, left: marks.length < failed.length };
}
function queuedPush(records, change, at) {
  const record = records.find((r) => r.key === change.key);
  const activity = activityOf({ ...record, pushes: { ...record.pushes, [change.destination]: change.push } }, change.destination);
  return { id: activity.id, at: iso(at), updated_at: activity.updated_at };
}
async function markPage(page, head, iparams, room, at) {
  const records = await readPage(page) ?? [];
  const now = Date.now();
  const sorted = sortPushes(records, head, room, now);
  const changes = sorted.marks.map(([record, id, push]) => ({
    key: record.key,
    destination: id,
    push: pushForStorage(record.key, id, toReplayed(push, now), iparams, head.secret)
  }));
  if (changes.length > 0 && await takeReserve(1) < 1) return { queued: [], already: sorted.already, failedLeft: true };
  await rewritePushes(page, changes);
  return { queued: changes.map((c) => queuedPush(records, c, at)), already: sorted.already, failedLeft: sorted.left };
}
async function markPages(head, iparams, at) {
  const walked = { queued: [], already: 0, failedLeft: false, next: Math.min(head.failed_from ?? head.page + 1, head.open_from) };
  let firstLeft = null;
  const more = (read) => read < RETRY_ALL_PAGES && walked.next <= head.page && walked.queued.length < RETRY_ALL_MAX;
  for (let read = 0; more(read); read++) {
    if (await takeReserve(1) < 1) break;
    const marked = await markPage(pageId(walked.next), head, iparams, RETRY_ALL_MAX - walked.queued.length, at);
    walked.queued.push(...marked.queued);
    walked.already += marked.already;
    if (marked.failedLeft && firstLeft === null) firstLeft = walked.next;
    walked.next++;
  }
  return { ...walked, failedLeft: firstLeft !== null, next: firstLeft ?? walked.next };
}
function answer$1(walked, head, at) {
  const { queued } = walked;
  const more = walked.next <= head.page ? " Older pages are still to be looked at: click again in a minute." : "";
  const message = queued.length > 0 ? `Queued ${queued.length} to run from ${iso(at)}.${more}` : `Nothing to retry.${more}`;
  const first = queued.length > 0 ? queued[0].at : null;
  const last = queued.length > 0 ? queued[queued.length - 1].at : null;
  return { queued: queued.length, first_at: first, last_at: last, already_queued: walked.already, queued_pushes: queued, message };
}
async function replayAllFailed(iparams) {
  const head = await readHead();
  const at = Date.now() + MIN_LEAD_MS;
  const walked = await markPages(head, iparams, at);
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
