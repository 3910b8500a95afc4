/**
 * The contract's zod schemas for the forms, loaded on first use rather than with the screen: showing a
 * record needs no schema, and zod plus the schemas are about 30 kB gzip of the panel's first JavaScript
 * (issue 12). Each app preloads them once its first screen is up, so a form's first check never waits.
 */
export type Contract = typeof import('@src/shared/contract');

let loading: Promise<Contract> | undefined;

export function loadContract(): Promise<Contract> {
  loading ??= import('@src/shared/contract').catch((e: unknown) => {
    // A failed download (offline, a new deployment) is tried again by the next form.
    loading = undefined;
    throw e;
  });
  return loading;
}
