/** `items` with the i-th one patched: how the wizard's list editors (questions, curation stages) edit one entry. */
export function patchAt<T>(items: T[], i: number, patch: Partial<T>): T[] {
  return items.map((item, j) => (j === i ? { ...item, ...patch } : item));
}
