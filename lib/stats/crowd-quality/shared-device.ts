export interface SharedDeviceEvidence {
  /** The annotator's device/address hash; null when none was recorded. */
  hash: string | null;
  /** Other annotators with the same hash, sorted. */
  sharedWith: string[];
}

/**
 * Crowd ids that share a device or network address. The inputs are hashes (a salted HMAC per
 * campaign, lib/access/address-hash.ts), never addresses: equal hashes mean equal addresses.
 * Several crowd ids behind one address are the classic sign of one person collecting several
 * payments (or of a bot farm); a shared lab or household network looks the same, so the flag is
 * a prompt to look, and the group is shown.
 * Definition: groups of annotators by equal hash; each annotator's evidence names the others in
 * their group. Reference: Chmielewski & Kucker (2020), "An MTurk crisis? Shifts in data quality
 * and the impact on study results", Social Psychological and Personality Science 11(4):464–473
 * (duplicate and suspicious locations as a screening criterion); Kennedy et al. (2020), "The shape
 * of and solutions to the MTurk quality crisis", Political Science Research and Methods 8(4):614–629.
 * Complexity: O(A log A) for A annotators.
 */
export function sharedDevices(hashes: ReadonlyMap<string, string | null>): Map<string, SharedDeviceEvidence> {
  const groups = new Map<string, string[]>();
  for (const [annotatorId, hash] of hashes) {
    if (hash === null || hash === "") continue;
    let list = groups.get(hash);
    if (!list) groups.set(hash, (list = []));
    list.push(annotatorId);
  }
  const out = new Map<string, SharedDeviceEvidence>();
  for (const [annotatorId, hash] of hashes) {
    const group = hash ? (groups.get(hash) ?? []) : [];
    out.set(annotatorId, { hash: hash || null, sharedWith: group.filter((a) => a !== annotatorId).sort() });
  }
  return out;
}

/** The flag rule: the annotator's group holds at least `minGroup` annotators. */
export function sharedDeviceFlag(e: SharedDeviceEvidence, minGroup: number): boolean {
  return e.hash !== null && e.sharedWith.length + 1 >= minGroup;
}
