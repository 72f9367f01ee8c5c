import "server-only";

/**
 * One forward pass at a time on a worker's device. Two models' batches (or two pollers of one
 * model) running at once on the same cores or GPU only slow each other down (oversubscribed
 * threads, memory traffic); serialised, one batch's storage and database work overlaps the next
 * batch's generation instead.
 */
export class DeviceLock {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work, work);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
