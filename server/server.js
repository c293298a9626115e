/* Built from src/ by `npm run build`; do not edit. */
const typebox = require('@sinclair/typebox');
const Ajv = require('ajv');

class DeliveryError extends Error {
  status;
  constructor(detail) {
    super(detail.message);
    this.status = detail.status;
  }
}
class RetryableError extends DeliveryError {
  retryAfterMs;
  /** True when a timeout means the request may have landed (Freshdesk has no idempotency key). */
  mayHaveLanded;
  constructor(detail) {
    super(detail);
    this.retryAfterMs = detail.retryAfterMs ?? null;
    this.mayHaveLanded = detail.mayHaveLanded ?? false;
  }
}
class PlatformQuotaError extends RetryableError {
}
class AuthError extends DeliveryError {
}
class PayloadInvalidError extends DeliveryError {
}

function truncate(text, max) {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return chars.slice(0, max - 1).join("") + "\u2026";
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

const MAX_ATTEMPTS = 6;
const FIRST_STEP_MS = 3e4;
const MAX_STEP_MS = 60 * 6e4;
const QUOTA_WAIT_MS = 6e4;
function backoffMs(attempts) {
  return Math.min(FIRST_STEP_MS * 2 ** Math.max(0, attempts - 1), MAX_STEP_MS);
}
function reasonOf(err) {
  return truncate(err instanceof Error ? err.message : String(err), 300);
}
function retryLater(err, attempts, now) {
  const wait = Math.max(err.retryAfterMs ?? 0, backoffMs(attempts));
  const reason = reasonOf(err);
  if (attempts >= MAX_ATTEMPTS) {
    return { outcome: "dead_letter", reason: `gave up after ${attempts} attempts: ${reason}`, attempts, last_status: err.status, next_retry_at: null };
  }
  return { outcome: "retrying", reason, attempts, last_status: err.status, next_retry_at: now + wait };
}
function decide(err, attempts, now) {
  if (err instanceof PlatformQuotaError) {
    const wait = Math.max(err.retryAfterMs ?? 0, QUOTA_WAIT_MS);
    return { outcome: "retrying", reason: reasonOf(err), attempts: attempts - 1, last_status: err.status, next_retry_at: now + wait };
  }
  if (err instanceof RetryableError) return retryLater(err, attempts, now);
  const status = err instanceof DeliveryError ? err.status : null;
  const permanent = err instanceof AuthError || err instanceof PayloadInvalidError;
  const reason = permanent ? reasonOf(err) : `unexpected error: ${reasonOf(err)}`;
  return { outcome: "rejected", reason, attempts, last_status: status, next_retry_at: null };
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
function cgDateTime(ms) {
  return isoUtc(ms).slice(0, 19).replace("T", " ");
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
const Id = typebox.Type.Union([typebox.Type.String({ maxLength: 200 }), typebox.Type.Number()]);
const Timestamp = typebox.Type.Union([typebox.Type.String({ minLength: 1, maxLength: 64 }), typebox.Type.Number()]);
const Text = (maxLength) => typebox.Type.String({ maxLength });
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
  timestamp: Nullable(Timestamp)
});

const str = (value, max = 200) => value === null || value === void 0 || value === "" ? null : truncate(String(value), max);
function parseAgentActivityEvent(payload) {
  const checked = validate(AgentActivityEventSchema, payload, "");
  if (!checked.ok) return checked;
  const activity = checked.value.data.agent_activity;
  const changedAt = parseTimestamp(activity.status_change_timestamp);
  if (changedAt === null) return unreadable("data.agent_activity.status_change_timestamp");
  const prevChangedAt = parseTimestamp(activity.prev_status_change_timestamp ?? null);
  if (activity.prev_status_change_timestamp != null && prevChangedAt === null) {
    return unreadable("data.agent_activity.prev_status_change_timestamp");
  }
  return identified(normalise(checked.value, changedAt, prevChangedAt));
}
function identified(change) {
  if (change.agent.id || change.agent.email) return { ok: true, change };
  return { ok: false, field: "data.agent_activity.org_agent_id", message: "data.agent_activity.org_agent_id or email is required to identify the agent" };
}
function unreadable(field) {
  return { ok: false, field, message: `${field} is not a readable timestamp (ISO 8601, or epoch seconds or milliseconds)` };
}
function agentName(event) {
  const actor = event.data.actor;
  if (!actor || actor.type !== "agent") return null;
  return str([actor.first_name, actor.last_name].filter(Boolean).join(" "));
}
const NO_ACTOR = { type: "system" };
function agentOf(event, actor) {
  const activity = event.data.agent_activity;
  return { id: str(activity.org_agent_id) ?? str(actor.org_actor_id), email: str(activity.email) ?? str(actor.email), name: agentName(event) };
}
function normalise(event, changedAt, prevChangedAt) {
  const activity = event.data.agent_activity;
  const actor = event.data.actor ?? NO_ACTOR;
  const agent = agentOf(event, actor);
  const status = truncate(activity.status, 200);
  const prevStatus = str(activity.prev_status);
  const identity = [activity.availability_event_type, agent.id ?? agent.email, status, prevStatus, changedAt].join("|");
  return {
    key: digest(identity),
    kind: truncate(activity.availability_event_type, 60),
    status,
    prevStatus,
    changedAt,
    prevChangedAt,
    agent,
    actor: { type: actor.type, id: str(actor.id) },
    customStatusId: str(activity.custom_status_id),
    emoji: str(activity.emoji, 60),
    subEntity: str(actor.sub_entity, 60),
    account: str(event.account_id) ?? str(event.domain)
  };
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

const PipelineSettings = typebox.Type.Object({
  destinations: typebox.Type.Array(typebox.Type.String(), { default: ["Freshdesk", "CustomerGauge"] }),
  event_kinds: typebox.Type.Array(typebox.Type.String(), { default: ["GeneralAvailability", "Intelliassign"] })
});
const SECURE_IPARAMS = ["freshdesk_api_key", "cg_client_secret", "cg_client_credentials"];

const MIN_SECRET_LENGTH = 4;
function secretsOf(iparams) {
  return SECURE_IPARAMS.map((name) => iparams[name]).filter((v) => typeof v === "string" && v.length >= MIN_SECRET_LENGTH).flatMap((v) => [v, base64(v)]);
}
function redactSecrets(record, iparams) {
  let text = JSON.stringify(record);
  const secrets = secretsOf(iparams);
  if (!secrets.some((secret) => text.includes(secret))) return record;
  for (const secret of secrets) text = text.split(secret).join("[redacted]");
  return JSON.parse(text);
}

const BUCKET_MS = 6e4;
const HISTORY_TTL_SECONDS = 30 * 24 * 3600;
const DIRECTORY_KEY = "h:dir";
const OVERFLOW_LEVELS = 3;
const bucketKey = (bucket) => `h:${bucket}`;
const bucketOf = (now) => Math.floor(now / BUCKET_MS).toString(36);
const statusOf = (err) => err?.status ?? 0;
const DIRECTORY_KEEP = 1e3;
async function pruneFullDirectory() {
  const oldest = (await readDirectory()).slice(DIRECTORY_KEEP);
  await pruneDirectory(oldest);
}
async function registerBucket(bucket, now) {
  try {
    await $db.update(DIRECTORY_KEY, "set", { [bucket]: now });
  } catch (err) {
    const status = statusOf(err);
    if (status === 400) {
      await pruneFullDirectory();
      await $db.update(DIRECTORY_KEY, "set", { [bucket]: now });
      return;
    }
    if (status !== 404) throw err;
    await $db.set(DIRECTORY_KEY, { [bucket]: now });
  }
}
async function createBucket(bucket, record, now) {
  try {
    await $db.set(bucketKey(bucket), { [record.key]: record }, { setIf: "not_exist", ttl: HISTORY_TTL_SECONDS });
  } catch (err) {
    if (statusOf(err) !== 400) throw err;
    await $db.update(bucketKey(bucket), "set", { [record.key]: record });
    return;
  }
  await registerBucket(bucket, now);
}
async function writeTo(bucket, record, now) {
  try {
    await $db.update(bucketKey(bucket), "set", { [record.key]: record });
  } catch (err) {
    if (statusOf(err) !== 404) throw err;
    await createBucket(bucket, record, now);
  }
}
async function saveRecord(record, now) {
  const candidates = record.bucket ? [record.bucket] : Array.from({ length: OVERFLOW_LEVELS }, (_, level) => bucketOf(now) + "+".repeat(level));
  for (const [index, bucket] of candidates.entries()) {
    const isLast = index === candidates.length - 1;
    const placed = await writeTo(bucket, { ...record, bucket }, now).then(
      () => true,
      (err) => statusOf(err) === 400 && !isLast ? false : Promise.reject(err)
    );
    if (placed) {
      record.bucket = bucket;
      return;
    }
  }
}
function isEventRecord(value) {
  return typeof value === "object" && value !== null && "key" in value && "pushes" in value;
}
async function readBucket(bucket) {
  try {
    const value = await $db.get(bucketKey(bucket));
    return Object.values(value).filter(isEventRecord);
  } catch (err) {
    if (statusOf(err) === 404) return [];
    throw err;
  }
}
async function readDirectory() {
  try {
    const value = await $db.get(DIRECTORY_KEY);
    return Object.keys(value).sort(compareBuckets);
  } catch (err) {
    if (statusOf(err) === 404) return [];
    throw err;
  }
}
function compareBuckets(a, b) {
  const minute = (id) => parseInt(id.replace(/\+/g, ""), 36);
  return minute(b) - minute(a) || b.length - a.length;
}
async function pruneDirectory(expired) {
  if (expired.length > 0) await $db.update(DIRECTORY_KEY, "remove", expired);
}

const CLAIM_TTL_SECONDS = 7 * 24 * 3600;
async function claimEvent(key, now) {
  try {
    await $db.set(`ev:${key}`, { at: now }, { setIf: "not_exist", ttl: CLAIM_TTL_SECONDS });
    return "claimed";
  } catch (err) {
    const { status, message } = err;
    if (status === 400 && /setif/i.test(message ?? "")) return "duplicate";
    return "deferred";
  }
}

function defineDestination(destination) {
  return destination;
}

async function invoke(template, options, readMessage, now) {
  try {
    const res = await $request.invokeTemplate(template, options);
    return { status: res.status, body: parseBody(res.response) };
  } catch (err) {
    throw toDeliveryError(err, readMessage, now);
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
const MAY_HAVE_LANDED = /* @__PURE__ */ new Set([0, 408, 504]);
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
  return detail ? `HTTP ${status}: ${detail}` : `HTTP ${status}`;
}

const TOKEN_SCHEDULE = "cg-token";
const EXPIRY_MARGIN_MS = 5 * 6e4;
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
    schedule_at: new Date(expiresAt - EXPIRY_MARGIN_MS).toISOString()
  };
  try {
    await $schedule.create(spec);
  } catch {
    await $schedule.update(spec).catch(() => void 0);
  }
}
async function fetchToken(now) {
  const res = await invoke("customerGaugeToken", { body: "grant_type=client_credentials" }, readTokenError, now).catch((err) => {
    const refused = err instanceof PayloadInvalidError || err instanceof AuthError;
    throw refused ? new AuthError({ status: err.status, message: `CustomerGauge token request refused: ${err.message}` }) : err;
  });
  const body = res.body ?? {};
  if (!body.access_token) throw new AuthError({ status: res.status, message: "token response has no access_token" });
  const expiresAt = now + (body.expires_in ?? 3600) * 1e3;
  await storeToken(body.access_token, expiresAt);
  return body.access_token;
}
async function accessToken(now, forceRefresh) {
  const cached = forceRefresh ? null : await cachedToken(now);
  return cached ?? fetchToken(now);
}

function readCustomerGaugeError(body) {
  if (!isRecord(body)) return null;
  const { message, errors } = body;
  const details = Object.entries(errors ?? {}).map(([field, messages]) => `${field}: ${messages.join(" ")}`);
  return details.length > 0 ? `${message ?? "Error"} ${details.join("; ")}` : message ?? null;
}
async function put(payload, token, now) {
  const res = await invoke(
    "customerGaugeUpsertActivity",
    { context: { access_token: token }, body: JSON.stringify(payload) },
    readCustomerGaugeError,
    now
  );
  const data = res.body?.data;
  return { status: res.status, remoteId: data?.id === void 0 ? null : String(data.id) };
}
async function upsertActivity(payload, now) {
  const token = await accessToken(now, false);
  try {
    return await put(payload, token, now);
  } catch (err) {
    if (!(err instanceof AuthError)) throw err;
    return put(payload, await accessToken(now, true), now);
  }
}

function statusLabel(status) {
  if (status === "AVAILABLE") return "Available";
  if (status === "UNAVAILABLE") return "Unavailable";
  return typeof status === "string" && status !== "" ? status : "Unknown";
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
function kindLabel(kind) {
  return kind === "GeneralAvailability" ? "General availability" : kind;
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

const FRESHDESK_SUBDOMAIN_PATTERN = "^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$";
const CG_ACCOUNT_MAX = 255;
const CG_REGIONS = ["eu", "us", "au"];

const CustomerGaugeSettings = typebox.Type.Object({
  cg_region: OneOf(CG_REGIONS),
  cg_client_id: typebox.Type.String({ minLength: 1 }),
  // base64(client_id:client_secret), built by the installation page: the secret reaches the
  // token request only through this header value, never through code or the browser after install.
  cg_client_credentials: typebox.Type.String({ minLength: 4 }),
  cg_account: typebox.Type.String({ minLength: 1, maxLength: CG_ACCOUNT_MAX }),
  cg_send_contact: typebox.Type.Optional(typebox.Type.Boolean({ default: false }))
});

const customerGauge = defineDestination({
  id: "customergauge",
  label: "CustomerGauge",
  iparamOption: "CustomerGauge",
  settings: CustomerGaugeSettings,
  map: mapToCustomerGauge,
  summarize: (payload) => ({
    name: payload.type,
    happened_at: `${payload.happened_at} UTC`,
    recipient: payload.contact ? `${payload.account} / ${payload.contact}` : payload.account,
    reference: payload.reference
  }),
  send: (payload, _settings, now) => upsertActivity(payload, now),
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
async function createContactActivity(payload, now) {
  const res = await invoke("freshdeskCreateContactActivity", { body: JSON.stringify(payload) }, readFreshdeskError, now);
  return { status: res.status, remoteId: null };
}

const CONTACT_MODE_AGENT = "Agent's own email";
const CONTACT_MODE_FIXED = "One fixed contact (unique external ID)";
const FreshdeskSettings = typebox.Type.Object({
  freshdesk_subdomain: typebox.Type.String({ pattern: FRESHDESK_SUBDOMAIN_PATTERN }),
  freshdesk_api_key: typebox.Type.String({ minLength: 1 }),
  freshdesk_contact_mode: OneOf([CONTACT_MODE_AGENT, CONTACT_MODE_FIXED], { default: CONTACT_MODE_AGENT }),
  freshdesk_contact_external_id: typebox.Type.Optional(typebox.Type.String({ maxLength: 255 }))
});

const FRESHDESK_LIMITS = { name: 255, description: 1e3, id: 255 };
function contactFor(change, settings) {
  if (settings.freshdesk_contact_mode === CONTACT_MODE_FIXED) {
    const externalId = settings.freshdesk_contact_external_id?.trim();
    if (!externalId) throw new PayloadInvalidError({ status: 0, message: "iparam freshdesk_contact_external_id is required in fixed-contact mode" });
    return { unique_external_id: externalId };
  }
  if (!change.agent.email) {
    throw new PayloadInvalidError({ status: 0, message: "the event has no agent email (data.agent_activity.email) to pick the Freshdesk contact" });
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

const freshdesk = defineDestination({
  id: "freshdesk",
  label: "Freshdesk",
  iparamOption: "Freshdesk",
  settings: FreshdeskSettings,
  map: mapToFreshdesk,
  summarize: (payload) => ({
    name: payload.activity.name,
    happened_at: payload.activity.timestamp,
    recipient: "email" in payload.contact ? payload.contact.email : `external id ${payload.contact.unique_external_id}`,
    reference: payload.activity.object.id
  }),
  send: (payload, _settings, now) => createContactActivity(payload, now),
  idempotent: false
});

const destinations = [freshdesk, customerGauge];

function skipped(reason, now) {
  return { outcome: "skipped", reason, attempts: 0, last_status: null, next_retry_at: null, updated_at: now, sent: null, remote_id: null, may_duplicate: false };
}
function skipReason(destination, change, iparams) {
  const settings = validate(PipelineSettings, iparams, "iparams");
  if (!settings.ok) return `installation settings invalid: ${settings.message}`;
  if (!settings.value.destinations.includes(destination.iparamOption)) return `${destination.label} is switched off in the app settings`;
  if (!settings.value.event_kinds.includes(change.kind)) return `${change.kind} events are not forwarded (app settings)`;
  return null;
}
async function attempt(destination, change, iparams, previous, now) {
  const done = previous?.attempts ?? 0;
  const base = { updated_at: now, sent: null, remote_id: null, may_duplicate: previous?.may_duplicate === true };
  const settings = validate(destination.settings, iparams, "iparams");
  if (!settings.ok) {
    return { ...base, outcome: "rejected", reason: `installation settings invalid: ${settings.message}`, attempts: done, last_status: null, next_retry_at: null };
  }
  try {
    const payload = destination.map(change, settings.value);
    base.sent = destination.summarize(payload);
    const receipt = await destination.send(payload, settings.value, now);
    return { ...base, outcome: "delivered", reason: null, attempts: done + 1, last_status: receipt.status, next_retry_at: null, remote_id: receipt.remoteId };
  } catch (err) {
    return { ...base, ...decide(err, done + 1, now), may_duplicate: base.may_duplicate || mayDuplicate(destination, err) };
  }
}
function mayDuplicate(destination, err) {
  return !destination.idempotent && err instanceof RetryableError && err.mayHaveLanded;
}
async function deliverTo(destination, record, iparams, now) {
  const previous = record.pushes[destination.id];
  if (!record.change || !isOpen(previous)) return;
  const reason = previous ? null : skipReason(destination, record.change, iparams);
  record.pushes[destination.id] = reason ? skipped(reason, now) : await attempt(destination, record.change, iparams, previous, now);
}
async function deliverOpenPushes(record, iparams, now) {
  await Promise.all(destinations.map((destination) => deliverTo(destination, record, iparams, now)));
}
function nextRetryAt(record) {
  const times = Object.values(record.pushes).filter((p) => p?.outcome === "retrying" && p.next_retry_at !== null).map((p) => p.next_retry_at);
  return times.length > 0 ? Math.min(...times) : null;
}

const QUEUE_PREFIX = "q-";
class QueueFullError extends Error {
}
async function enqueue(work, at, now) {
  const spec = {
    name: QUEUE_PREFIX + work.record.key,
    data: work,
    // The platform refuses times in the past; a second from now is "as soon as possible".
    schedule_at: new Date(Math.max(at, now + 1e3)).toISOString()
  };
  try {
    await $schedule.create(spec);
  } catch (createErr) {
    try {
      await $schedule.update(spec);
    } catch {
      throw new QueueFullError(`could not queue event ${work.record.key}: ${createErr.message ?? "schedule refused"}`);
    }
  }
}
async function dequeue(key) {
  await $schedule.delete({ name: QUEUE_PREFIX + key }).catch(() => void 0);
}

const DB_QUOTA_WAIT_MS = 6e4;
function invalidRecord(payload, field, message, now) {
  const raw = JSON.stringify(payload?.data ?? null);
  const record = newRecord(`x${digest(raw)}`, null, now);
  record.invalid = { field, message: truncate(message, 300), excerpt: truncate(raw, 300) };
  return record;
}
async function runClaimed(input, iparams, now) {
  await deliverOpenPushes(input, iparams, now);
  const record = redactSecrets(input, iparams);
  const saved = await saveRecord(record, now).then(
    () => true,
    () => false
  );
  const retryAt = nextRetryAt(record);
  if (retryAt === null && saved) return record;
  try {
    await enqueue({ kind: "deliver", claimed: true, record }, retryAt ?? now + DB_QUOTA_WAIT_MS, now);
  } catch (err) {
    if (!(err instanceof QueueFullError)) throw err;
    deadLetterOpen(record, `retry queue full: ${err.message}`, now);
    await saveRecord(record, now);
  }
  return record;
}
function deadLetterOpen(record, reason, now) {
  for (const push of Object.values(record.pushes)) {
    if (push?.outcome === "retrying") Object.assign(push, { outcome: "dead_letter", reason, next_retry_at: null, updated_at: now });
  }
}
function processEvent(payload, iparams, now) {
  const parsed = parseAgentActivityEvent(payload);
  if (!parsed.ok) {
    return runClaimed(invalidRecord(payload, parsed.field, parsed.message, now), iparams, now);
  }
  const record = newRecord(parsed.change.key, parsed.change, now);
  return claimAndRun({ kind: "deliver", claimed: false, record }, iparams, now);
}
async function claimAndRun(work, iparams, now) {
  const claim = await claimEvent(work.record.key, now);
  if (claim === "duplicate") return null;
  if (claim === "deferred") {
    await enqueue(work, now + DB_QUOTA_WAIT_MS, now);
    return work.record;
  }
  return runClaimed(work.record, iparams, now);
}
function resumeQueued(work, iparams, now) {
  return work.claimed ? runClaimed(work.record, iparams, now) : claimAndRun(work, iparams, now);
}

const iparamsOf = (payload) => payload.iparams ?? {};
async function onAgentActivityCreate(payload) {
  try {
    const record = await processEvent(payload, iparamsOf(payload), Date.now());
    if (!record) console.info("onAgentActivityCreate: duplicate event ignored");
    else if (record.invalid) console.error(`onAgentActivityCreate: rejected event: ${record.invalid.message}`);
  } catch (err) {
    console.error(`onAgentActivityCreate: could not process the event: ${reasonOf(err)}`);
  }
}
async function onScheduledEvent(payload) {
  const work = payload.data;
  if (work?.kind !== "deliver") return;
  try {
    await resumeQueued(work, iparamsOf(payload), Date.now());
  } catch (err) {
    console.error(`onScheduledEvent: could not resume queued work: ${reasonOf(err)}`);
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

const iso = (ms) => ms === null ? null : new Date(ms).toISOString();
const activityId = (item) => `${item.bucket}.${item.key}.${item.destination ?? "event"}`;
function parseActivityId(id) {
  const match = /^([0-9a-z]+\+{0,2})\.([0-9a-z]+)\.([a-z]+)$/.exec(id);
  return match ? { bucket: match[1], key: match[2], destination: match[3] } : null;
}
function itemsOf(record) {
  const base = { bucket: record.bucket ?? "", received_at: record.received_at, key: record.key, record };
  if (record.invalid) return [{ ...base, slot: 0, destination: null }];
  return destinations.map((d, slot) => ({ ...base, slot, destination: d.id })).filter((item) => record.pushes[item.destination] !== void 0);
}
function invalidActivity(item) {
  const { record } = item;
  const invalid = record.invalid;
  const at = iso(record.received_at);
  return {
    id: activityId(item),
    verb: "agent_activity.invalid",
    title: `Rejected event: ${invalid.message}`,
    actor: { type: "system", id: null, name: null, email: null },
    object: { invalid_event: invalid },
    target: null,
    outcome: "rejected",
    reason: invalid.message,
    attempts: 0,
    last_status: null,
    next_retry_at: null,
    retryable: false,
    may_duplicate: false,
    sent: null,
    created_at: at,
    updated_at: at
  };
}
function toActivity(item) {
  const { record } = item;
  const change = record.change;
  if (!change || !item.destination) return invalidActivity(item);
  const push = record.pushes[item.destination];
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
        changed_at: iso(change.changedAt),
        prev_changed_at: iso(change.prevChangedAt),
        custom_status_id: change.customStatusId,
        emoji: change.emoji
      }
    },
    target: { destination: destination.id, name: destination.label, reference: push.sent?.reference ?? null, remote_id: push.remote_id },
    outcome: push.outcome,
    reason: push.reason,
    attempts: push.attempts,
    last_status: push.last_status,
    next_retry_at: iso(push.next_retry_at),
    retryable: isReplayable(push),
    may_duplicate: push.may_duplicate,
    sent: push.sent,
    created_at: iso(record.received_at),
    updated_at: iso(push.updated_at)
  };
}

const MAX_PAGE_SIZE = 100;
const DEFAULT_PAGE_SIZE = 25;
const MAX_BUCKETS_PER_CALL = 8;
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
  status = 400;
}
function comparePositions(a, b) {
  return compareBuckets(a.bucket, b.bucket) || b.received_at - a.received_at || (a.key < b.key ? 1 : a.key > b.key ? -1 : 0) || a.slot - b.slot;
}
const CURSOR_SALT = "agent-activity-history-v1";
function encodeCursor(position) {
  const body = JSON.stringify([position.bucket, position.received_at, position.key, position.slot]);
  return base64(JSON.stringify([body, digest(body + CURSOR_SALT)])).replace(/=+$/, "");
}
function decodeCursor(cursor, name) {
  try {
    const [body, sig] = JSON.parse(unbase64(cursor));
    if (digest(body + CURSOR_SALT) !== sig) throw new Error("signature");
    const [bucket, received_at, key, slot] = JSON.parse(body);
    return { bucket, received_at, key, slot };
  } catch {
    throw new QueryError(`page[${name}] is not a cursor issued by this API`);
  }
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
  return [activity.actor.name, activity.actor.email, activity.actor.id].some((v) => v?.toLowerCase().includes(needle));
}
function sinceOf(filter) {
  if (filter.since === void 0) return null;
  const since = parseTimestamp(filter.since);
  if (since === null) throw new QueryError("filter[since] is not a readable date-time");
  return since;
}
async function walk(directory, from, backwards, want, keep) {
  const order = backwards ? [...directory].reverse() : directory;
  const direction = backwards ? -1 : 1;
  const inRange = (b) => from === null || direction * compareBuckets(b, from.bucket) >= 0;
  const buckets = order.filter(inRange);
  const items = [];
  let read = 0;
  for (const bucket of buckets) {
    if (items.length >= want || read >= MAX_BUCKETS_PER_CALL) return { items, exhausted: false };
    read++;
    const records = await readBucket(bucket);
    const found = records.flatMap(itemsOf).filter((i) => (from === null || direction * comparePositions(i, from) > 0) && keep(i));
    items.push(...found.sort((a, b) => direction * comparePositions(a, b)));
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
function bucketsSince(directory, since) {
  if (since === null) return directory;
  const first = Math.floor(since / BUCKET_MS);
  return directory.filter((b) => parseInt(b, 36) >= first);
}
async function listActivities(args) {
  const { page, filter } = parseListArgs(args);
  const size = page.size ?? DEFAULT_PAGE_SIZE;
  const backwards = page.before !== void 0;
  const since = sinceOf(filter);
  const directory = bucketsSince(await readDirectory(), since);
  const built = /* @__PURE__ */ new Map();
  const activityOf = (item) => built.get(item) ?? built.set(item, toActivity(item)).get(item);
  const result = await walk(directory, startOf(page), backwards, size + 1, (i) => matches(i, activityOf, filter, since));
  const items = result.items.slice(0, size);
  if (backwards) items.reverse();
  const moreBeyond = result.items.length > size || !result.exhausted;
  return {
    activities: items.map(activityOf),
    meta: {
      // Zendesk's has_more speaks of the direction of travel: older items for `after`, newer for `before`.
      has_more: moreBeyond,
      after_cursor: items.length > 0 ? encodeCursor(items[items.length - 1]) : null,
      before_cursor: items.length > 0 ? encodeCursor(items[0]) : null
    }
  };
}
async function findActivityItem(id) {
  const parsed = typeof id === "string" ? parseActivityId(id) : null;
  if (!parsed) throw new QueryError("id is not an activity id");
  const records = await readBucket(parsed.bucket);
  const item = records.flatMap(itemsOf).find((i) => i.key === parsed.key && (i.destination ?? "event") === parsed.destination);
  if (!item) throw Object.assign(new QueryError(`activity ${id} was not found`), { status: 404 });
  return item;
}
async function showActivity(args) {
  return { activity: toActivity(await findActivityItem(args.id)) };
}
async function countActivities(now) {
  const directory = await readDirectory();
  const counted = await walk(directory, null, false, Number.MAX_SAFE_INTEGER, () => true);
  return { count: { value: counted.items.length, refreshed_at: new Date(now).toISOString(), exact: counted.exhausted } };
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
function reopen(record, destination, now) {
  const push = record.pushes[destination];
  if (!isReplayable(push) || !push) return false;
  record.pushes[destination] = { ...push, outcome: "retrying", attempts: 0, next_retry_at: now };
  return true;
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
  await answer(async () => {
    const now = Date.now();
    const item = await findActivityItem(args.id);
    if (!item.destination || !reopen(item.record, item.destination, now)) {
      throw Object.assign(new Error(`activity ${String(args.id)} has nothing to retry`), { status: 409 });
    }
    await dequeue(item.record.key);
    const record = await runClaimed(item.record, args.iparams ?? {}, now);
    return { activity: toActivity({ ...item, record }) };
  });
}
async function retryAllFailedMethod() {
  await answer(async () => {
    const now = Date.now();
    const buckets = (await readDirectory()).slice(0, MAX_BUCKETS_PER_CALL);
    let queued = 0;
    for (const bucket of buckets) {
      for (const record of await readBucket(bucket)) {
        const reopened = itemsOf(record).filter((i) => i.destination && reopen(record, i.destination, now));
        if (reopened.length === 0) continue;
        await enqueue({ kind: "deliver", claimed: true, record }, now + 1e3 + queued * 100, now);
        queued += reopened.length;
      }
    }
    return { queued, destinations: destinations.map((d) => d.id) };
  });
}

exports = {
  onAgentActivityCreateHandler: onAgentActivityCreate,
  onScheduledEventHandler: onScheduledEvent,
  onAppInstallHandler: onAppInstall,
  onAppUninstallHandler: onAppUninstall,
  listActivities: listActivitiesMethod,
  showActivity: showActivityMethod,
  countActivities: countActivitiesMethod,
  retryActivity: retryActivityMethod,
  retryAllFailed: retryAllFailedMethod
};
