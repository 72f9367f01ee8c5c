import { SCHEDULER_CLASSES, SCHEDULER_NAMES, type SchedulerName } from "./config";
import { createDdimScheduler } from "./ddim";
import { createEulerAncestralScheduler, createEulerScheduler } from "./euler";
import { createLcmScheduler } from "./lcm";
import type { Scheduler } from "./scheduler";

const FACTORIES: Record<SchedulerName, (raw: Record<string, unknown>, steps: number) => Scheduler> = {
  euler: createEulerScheduler,
  "euler-ancestral": createEulerAncestralScheduler,
  ddim: createDdimScheduler,
  lcm: createLcmScheduler,
};

export interface SchedulerChoice {
  name: SchedulerName;
  /** Set when the export names a scheduler we do not implement and Euler stands in for it. */
  substitutedFor?: string;
}

/**
 * Which scheduler to run: the model config's override, else the class named in
 * scheduler_config.json. Exports of SD 1.x name PNDMScheduler (and others LMS or DPM-Solver);
 * those run with Euler on the same noise schedule — a different sampler, recorded in each
 * image's metadata, rather than a model that cannot generate at all.
 */
export function chooseScheduler(override: string | undefined, className: string | undefined): SchedulerChoice {
  if (override) {
    const byName = (SCHEDULER_NAMES as readonly string[]).includes(override)
      ? (override as SchedulerName)
      : SCHEDULER_CLASSES[override];
    if (!byName)
      throw new Error(
        `unknown scheduler "${override}" (expected one of ${SCHEDULER_NAMES.join(", ")} or ${Object.keys(SCHEDULER_CLASSES).join(", ")})`,
      );
    return { name: byName };
  }
  if (className && SCHEDULER_CLASSES[className]) return { name: SCHEDULER_CLASSES[className] };
  return { name: "euler", substitutedFor: className ?? "(no _class_name)" };
}

export function createScheduler(name: SchedulerName, raw: Record<string, unknown>, steps: number): Scheduler {
  return FACTORIES[name](raw, steps);
}
