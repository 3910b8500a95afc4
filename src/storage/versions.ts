/**
 * Optimistic concurrency for versioned entities (handoff records, project settings): a write is
 * conditional on the version the change was based on, so a concurrent save is refused, never overwritten.
 */
import { Filter, FilterConditions } from '@forge/kvs';

/** The entity's condition for a write based on `baseVersion`: 0 means "none stored yet". */
export function versionCondition<T extends { version: number }>(baseVersion: number): ReturnType<Filter<T>['and']> {
  return baseVersion === 0 ? new Filter<T>().and('version', FilterConditions.notExists()) : new Filter<T>().and('version', FilterConditions.equalTo(baseVersion));
}
