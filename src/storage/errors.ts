/** Storage failures the resolvers map to STORAGE_ERROR / TOO_LARGE. */
export class StorageError extends Error {
  override readonly name = 'StorageError';
  constructor(
    message: string,
    override readonly cause?: unknown,
    /** What the app was doing, in words a user may read ("read the project settings"). */
    readonly what?: string,
  ) {
    super(message);
  }
}

/** The record would not fit; we refuse rather than truncate anybody's answers. */
export class TooLargeError extends Error {
  override readonly name = 'TooLargeError';
  constructor(readonly bytes: number, readonly limit: number) {
    super(`The handoff record would be ${Math.ceil(bytes / 1024)} KiB; the limit is ${Math.floor(limit / 1024)} KiB. Remove or shorten some entries and save again.`);
  }
}

/** Runs a storage call and turns any platform failure into a StorageError (keeps typed errors as they are). */
export async function guarded<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof StorageError || e instanceof TooLargeError) throw e;
    throw new StorageError(`Could not ${what}: ${e instanceof Error ? e.message : String(e)}`, e, what);
  }
}
