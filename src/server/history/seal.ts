/**
 * Keyed digests of what the history stores. `$db` is writable from every agent's browser
 * (`client.db`), so a record or a push state is acted on (pushed, replayed) only when its digest,
 * made with the installation's secret (kept in the head's schedule data, which no browser reaches),
 * matches. The digest covers the stored form (./store writes values through `storable`), keys sorted.
 */
import { canonicalJson, hmacSha256, sameDigest } from '../core/digest';
import type { DestinationId } from '../destinations/types';
import { storable } from '../platform/db';
import type { EventRecord, PushState } from './record';

const recordText = (record: EventRecord): string =>
  canonicalJson(storable({ key: record.key, received_at: record.received_at, change: record.change, invalid: record.invalid }));

const pushText = (key: string, destination: DestinationId, push: PushState): string => {
  const state: Partial<PushState> = { ...push };
  delete state.sig;
  return `${key}|${destination}|${canonicalJson(storable(state))}`;
};

export function sealPush(key: string, destination: DestinationId, push: PushState, secret: string): PushState {
  return { ...push, sig: hmacSha256(secret, pushText(key, destination, push)) };
}

/** Signs the record and each of its pushes. */
export function sealRecord(record: EventRecord, secret: string): EventRecord {
  const pushes: EventRecord['pushes'] = {};
  for (const [id, push] of Object.entries(record.pushes) as Array<[DestinationId, PushState]>)
    pushes[id] = sealPush(record.key, id, push, secret);
  return { ...record, pushes, sig: hmacSha256(secret, `${recordText(record)}`) };
}

export const recordIsAuthentic = (record: EventRecord, secret: string): boolean =>
  sameDigest(record.sig, hmacSha256(secret, recordText(record)));

export function pushIsAuthentic(record: EventRecord, destination: DestinationId, secret: string): boolean {
  const push = record.pushes[destination];
  return (
    push !== undefined &&
    recordIsAuthentic(record, secret) &&
    sameDigest(push.sig, hmacSha256(secret, pushText(record.key, destination, push)))
  );
}
