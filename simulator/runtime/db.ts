import type { Clock } from './clock';
import { badRequest, isPlainObject, jsonByteLength, jsonClone, notFound, platformError } from './errors';
import type { RollingWindowQuota } from './quota';

export const DB_LIMITS = {
  maxKeyLength: 60,
  maxRecordBytes: 40 * 1024,
} as const;

export interface StoredRecord {
  value: Record<string, unknown>;
  /** epoch ms, or null for no TTL */
  expiresAt: number | null;
}

export type SetIf = 'exist' | 'not_exist';
export type UpdateAction = 'increment' | 'append' | 'set' | 'remove';

export interface DbEmulatorOptions {
  clock: Clock;
  quota: RollingWindowQuota;
  counters: { dbOps: number; dbOpsRefused: number };
  initial?: Record<string, StoredRecord>;
  onChange?: () => void;
  /** 'ignored': `update` drops a fourth argument unread, as FDK 6.9's local store does (PlatformRules.dbUpdateOptions) */
  updateOptions?: 'honoured' | 'ignored';
}

/*
 * Semantics follow FDK 6.9 `lib/api/db.js` and `lib/utils/data-util.js` (hemchander23/glitch-fdk-base,
 * `.fdk/fdk/package/lib/`) and the Freshworks key-value storage docs:
 * - `update` with set/increment/append on a missing key creates the record (with no TTL);
 *   `remove` on a missing key is a 400; `delete` of a missing key answers `{ Deleted: true }`;
 * - `ttl` must be a non-zero number; only a positive ttl sets an expiry (`'ttl' in options && options.ttl > 0`),
 *   so a negative ttl stores the record without expiry;
 * - increment values must be numbers, append values non-empty arrays, remove attributes an array.
 * The key (<= 60 characters) and key+value (<= 40 KB) limits are the docs' current ones (FDK 6.9 still said 30 / 8 KB).
 * - `update` takes no options: FDK's `update(key, action, attributes)` drops a fourth argument, so a
 *   `setIf` passed there is ignored (the docs document none);
 * - empty strings, NaN and ±Infinity inside a stored value come back as null (docs, key-value storage).
 */
const SETIF_FAILED = 'The setIf conditional request failed';
const INVALID_REMOVE_KEY = 'The specified key for remove operation does not exist in the data store';
const TTL_TYPE_ERROR = 'Time to live(ttl) should be of type float and a non-zero value';
const INVALID_INCREMENT_VALUE = 'The value passed to increment should be of type number';
const INVALID_APPEND_VALUE = 'The value passed to append should be of type array and should not be an empty array';
const INVALID_REMOVE_ATTRIBUTES = 'The attributes object passed to remove action should be of type array';

/**
 * `$db` key-value store. Every call (valid or not) consumes one slot of the
 * per-installation quota; calls beyond it are refused before doing anything.
 */
export class DbEmulator {
  private readonly records = new Map<string, StoredRecord>();

  constructor(private readonly options: DbEmulatorOptions) {
    for (const [key, record] of Object.entries(options.initial ?? {})) this.records.set(key, jsonClone(record));
  }

  async set(key: unknown, value: unknown, setOptions?: unknown): Promise<{ Created: true }> {
    return this.metered(() => {
      const validKey = checkKey(key);
      if (!isPlainObject(value) || Object.keys(value).length === 0) throw badRequest('Value must be a non-empty JSON object');
      const { ttl, setIf } = parseSetOptions(setOptions);
      this.checkCondition(validKey, setIf);
      const copy = storable(value) as Record<string, unknown>;
      checkSize(validKey, copy);
      this.records.set(validKey, { value: copy, expiresAt: ttl !== undefined && ttl > 0 ? this.options.clock.now() + ttl * 1000 : null });
      return { Created: true };
    });
  }

  async get(key: unknown): Promise<Record<string, unknown>> {
    return this.metered(() => jsonClone(this.live(checkKey(key)).value), false);
  }

  async delete(key: unknown): Promise<{ Deleted: true }> {
    return this.metered(() => {
      const validKey = checkKey(key);
      this.records.delete(validKey);
      return { Deleted: true };
    });
  }

  /** FDK's `update(key, action, attributes)` drops a fourth argument (the default reading); 'honoured' applies its setIf. */
  async update(key: unknown, action: unknown, attributes: unknown, updateOptions?: unknown): Promise<{ Updated: true }> {
    return this.metered(() => {
      const validKey = checkKey(key);
      const { setIf } = this.options.updateOptions === 'honoured' ? parseSetOptions(updateOptions) : {};
      const record = this.find(validKey);
      if (!record && action === 'remove') throw badRequest(INVALID_REMOVE_KEY);
      this.checkCondition(validKey, setIf);
      const next = applyUpdate(record ? jsonClone(record.value) : {}, action, storable(attributes));
      checkSize(validKey, next);
      // An existing record keeps its expiry; one created by update has none.
      this.records.set(validKey, { value: next, expiresAt: record ? record.expiresAt : null });
      return { Updated: true };
    });
  }

  /** Inspection for tests: live records, no quota. */
  dump(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const key of this.liveKeys()) out[key] = jsonClone(this.records.get(key)!.value);
    return out;
  }

  size(): number {
    return this.liveKeys().length;
  }

  /** Test setup without consuming quota or validating. */
  seed(key: string, value: Record<string, unknown>, ttlSeconds?: number): void {
    this.records.set(key, {
      value: jsonClone(value),
      expiresAt: ttlSeconds === undefined ? null : this.options.clock.now() + ttlSeconds * 1000,
    });
    this.options.onChange?.();
  }

  snapshot(): Record<string, StoredRecord> {
    this.liveKeys();
    return jsonClone(Object.fromEntries(this.records));
  }

  private liveKeys(): string[] {
    const now = this.options.clock.now();
    for (const [key, record] of this.records) if (record.expiresAt !== null && record.expiresAt <= now) this.records.delete(key);
    return [...this.records.keys()];
  }

  private find(key: string): StoredRecord | undefined {
    const record = this.records.get(key);
    if (record && record.expiresAt !== null && record.expiresAt <= this.options.clock.now()) {
      this.records.delete(key);
      return undefined;
    }
    return record;
  }

  private live(key: string): StoredRecord {
    const record = this.find(key);
    if (!record) throw notFound('Record not found');
    return record;
  }

  private checkCondition(key: string, setIf: SetIf | undefined): void {
    const exists = this.find(key) !== undefined;
    if ((setIf === 'exist' && !exists) || (setIf === 'not_exist' && exists)) throw badRequest(SETIF_FAILED);
  }

  private async metered<T>(operation: () => T, mutates = true): Promise<T> {
    const decision = this.options.quota.tryAcquire();
    if (!decision.allowed) {
      this.options.counters.dbOpsRefused++;
      throw platformError(429, 'Rate limit exceeded', { retryAfter: Math.ceil(decision.retryAfterMs / 1000) });
    }
    this.options.counters.dbOps++;
    const result = operation();
    if (mutates) this.options.onChange?.();
    return result;
  }
}

function checkKey(key: unknown): string {
  if (typeof key !== 'string' || key.length === 0) throw badRequest('Key must be a non-empty string');
  if (key.length > DB_LIMITS.maxKeyLength) throw badRequest(`Key length exceeds the limit of ${DB_LIMITS.maxKeyLength} characters`);
  return key;
}

function checkSize(key: string, value: Record<string, unknown>): void {
  const bytes = Buffer.byteLength(key, 'utf8') + jsonByteLength(value);
  if (bytes > DB_LIMITS.maxRecordBytes) throw badRequest(`Record size ${bytes} bytes exceeds the limit of 40 KB`);
}

/** What the store keeps of a value: empty strings, NaN and ±Infinity inside it become null (docs, key-value storage). */
export function storable(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (value === '') return null;
  if (Array.isArray(value)) return value.map(storable);
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, storable(item)]));
  return jsonClone(value);
}

function parseSetOptions(raw: unknown): { ttl?: number; setIf?: SetIf } {
  if (raw === undefined || raw === null) return {};
  if (!isPlainObject(raw)) throw badRequest('Options must be an object');
  const { ttl, setIf } = raw;
  if (ttl !== undefined) {
    // FDK takes parseFloat(ttl); a number is the stricter reading of "of type float".
    if (typeof ttl !== 'number' || !Number.isFinite(ttl) || ttl === 0) throw badRequest(TTL_TYPE_ERROR);
  }
  if (setIf !== undefined && setIf !== 'exist' && setIf !== 'not_exist') throw badRequest("setIf must be 'exist' or 'not_exist'");
  return { ttl: ttl as number | undefined, setIf: setIf as SetIf | undefined };
}

/** Resolves a dotted attribute path to its parent object (created on demand when `create`). */
function parentOf(root: Record<string, unknown>, attrPath: string, create: boolean): [Record<string, unknown> | undefined, string] {
  const parts = attrPath.split('.');
  if (parts.some((part) => part === '')) throw badRequest(`Invalid attribute path '${attrPath}'`);
  let node: Record<string, unknown> = root;
  for (const part of parts.slice(0, -1)) {
    const child = node[part];
    if (child === undefined && create) node[part] = {};
    else if (!isPlainObject(child)) {
      if (create) throw badRequest(`Attribute '${part}' in '${attrPath}' is not an object`);
      return [undefined, ''];
    }
    node = node[part] as Record<string, unknown>;
  }
  return [node, parts[parts.length - 1]];
}

function attributeObject(attributes: unknown, action: string): Record<string, unknown> {
  if (!isPlainObject(attributes) || Object.keys(attributes).length === 0) throw badRequest(`${action} needs a non-empty attributes object`);
  return jsonClone(attributes);
}

function applyUpdate(value: Record<string, unknown>, action: unknown, attributes: unknown): Record<string, unknown> {
  switch (action) {
    case 'increment':
      for (const [attrPath, delta] of Object.entries(attributeObject(attributes, action))) {
        const [parent, leaf] = parentOf(value, attrPath, true);
        const current = parent![leaf] ?? 0;
        if (typeof delta !== 'number') throw badRequest(INVALID_INCREMENT_VALUE);
        if (typeof current !== 'number') throw badRequest(`increment needs a numeric attribute ('${attrPath}')`);
        parent![leaf] = current + delta;
      }
      return value;
    case 'append':
      for (const [attrPath, items] of Object.entries(attributeObject(attributes, action))) {
        const [parent, leaf] = parentOf(value, attrPath, true);
        const current = parent![leaf] ?? [];
        if (!Array.isArray(items) || items.length === 0) throw badRequest(INVALID_APPEND_VALUE);
        if (!Array.isArray(current)) throw badRequest(`append needs an array attribute ('${attrPath}')`);
        parent![leaf] = [...(current as unknown[]), ...items];
      }
      return value;
    case 'set':
      for (const [attrPath, item] of Object.entries(attributeObject(attributes, action))) {
        const [parent, leaf] = parentOf(value, attrPath, true);
        parent![leaf] = item;
      }
      return value;
    case 'remove': {
      if (!Array.isArray(attributes)) throw badRequest(INVALID_REMOVE_ATTRIBUTES);
      if (attributes.length === 0 || !attributes.every((name) => typeof name === 'string' && name !== '')) {
        throw badRequest('remove needs a non-empty array of attribute names');
      }
      for (const attrPath of attributes as string[]) {
        const [parent, leaf] = parentOf(value, attrPath, false);
        if (parent) delete parent[leaf];
      }
      return value;
    }
    default:
      throw badRequest(`Unsupported update action '${String(action)}'; use increment, append, set or remove`);
  }
}
