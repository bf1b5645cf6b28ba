/**
 * Runs a write's reads at once (one wait for the distance to D1 instead of one per read) and answers as
 * if they had run one after another: the first of them, in the order given, that failed decides the
 * error. So an id of another reseller is still a 404 rather than whatever check finished first.
 */
export async function readTogether<T extends readonly unknown[]>(reads: { [K in keyof T]: Promise<T[K]> | T[K] }): Promise<T> {
  const settled = await Promise.allSettled(reads);
  for (const outcome of settled) if (outcome.status === 'rejected') throw outcome.reason;
  return settled.map((outcome) => (outcome as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

/** A check read together with others whose error must wait its turn (after a version check): the error, or undefined. */
export const failureOf = (check: Promise<unknown> | undefined): Promise<unknown> =>
  check
    ? check.then(
        () => undefined,
        (error: unknown) => error,
      )
    : Promise.resolve(undefined);
