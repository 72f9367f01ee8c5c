import { describe, expect, it } from "vitest";
import { parseSchedulerConfig } from "./config";
import { chooseScheduler, createScheduler } from "./create-scheduler";
import { eulerSigmas } from "./euler";
import { alphasCumprod, roundHalfEven, spacedTimesteps } from "./noise-schedule";

/*
 * Expected numbers were computed with numpy in float64 from diffusers' formulas, written out here:
 *   β = linspace(√0.00085, √0.012, 1000)²;  ᾱ_t = Π_{s≤t}(1 − β_s);  σ_t = √((1 − ᾱ_t)/ᾱ_t)
 *   Euler timesteps: linspace → linspace(0, 999, N)[::-1]; leading → arange(N)·⌊1000/N⌋[::-1] + offset;
 *     trailing → round(arange(1000, 0, −1000/N)) − 1; σ's = np.interp(t, arange(1000), σ) ++ [0];
 *     init_noise_sigma = max σ (linspace, trailing) or √(max σ² + 1) (leading);
 *     scale_model_input: x/√(σ²+1); step: x̂₀ = x − σ_i ε, d = (x − x̂₀)/σ_i, x + d(σ_{i+1} − σ_i).
 *   Euler ancestral: σ_up = √(σ_{i+1}²(σ_i² − σ_{i+1}²)/σ_i²), σ_down = √(σ_{i+1}² − σ_up²), x + d(σ_down − σ_i) + z σ_up.
 *   DDIM (η = 0): x̂₀ = (x − √(1−ᾱ_t) ε)/√ᾱ_t, x ← √ᾱ_prev x̂₀ + √(1−ᾱ_prev) ε, t_prev = t − ⌊1000/N⌋.
 *   LCM: c = 10t, c_skip = 0.25/(c² + 0.25), c_out = c/√(c² + 0.25), denoised = c_out x̂₀ + c_skip x,
 *     x ← √ᾱ_next denoised + √(1−ᾱ_next) z, except the last step (x ← denoised).
 * The numpy script is testing/scheduler_reference.py. diffusers itself runs in float32; our
 * float64 agrees with it to about 1e-6 relative, so the tolerances below are 5e-6 absolute (5 digits).
 */
const SD = {
  _class_name: "EulerDiscreteScheduler",
  beta_start: 0.00085,
  beta_end: 0.012,
  beta_schedule: "scaled_linear",
  num_train_timesteps: 1000,
};
const x = new Float32Array([1.0, -2.0]);
const eps = new Float32Array([0.5, 0.25]);
const z = new Float32Array([0.3, -0.7]);
const noise = () => z;
const noNoise = () => {
  throw new Error("this scheduler must not draw noise");
};

function expectClose(actual: ArrayLike<number>, expected: number[], digits = 5) {
  expect(actual.length).toBe(expected.length);
  expected.forEach((v, i) => expect(actual[i]).toBeCloseTo(v, digits));
}

describe("noise schedule", () => {
  it("scaled_linear ᾱ and σ match the published SD numbers", () => {
    const ac = alphasCumprod(parseSchedulerConfig("euler", SD));
    expect(ac[0]).toBeCloseTo(0.99915, 10);
    expect(ac[1]).toBeCloseTo(0.9982960278384514, 10);
    expect(ac[999]).toBeCloseTo(0.004660098513077238, 10);
    expect(Math.sqrt((1 - ac[999]) / ac[999])).toBeCloseTo(14.614641229333639, 8); // SD's well-known σ_max
  });

  it("linear and squaredcos_cap_v2 schedules follow their definitions", () => {
    const lin = alphasCumprod(
      parseSchedulerConfig("ddim", { beta_schedule: "linear", beta_start: 0.1, beta_end: 0.3, num_train_timesteps: 3 }),
    );
    expectClose(lin, [0.9, 0.9 * 0.8, 0.9 * 0.8 * 0.7], 12);
    const cos = alphasCumprod(
      parseSchedulerConfig("ddim", { beta_schedule: "squaredcos_cap_v2", num_train_timesteps: 2 }),
    );
    const abar = (t: number) => Math.cos(((t + 0.008) / 1.008) * (Math.PI / 2)) ** 2;
    expect(cos[0]).toBeCloseTo(abar(0.5) / abar(0), 12);
    expect(cos[1]).toBeCloseTo((abar(0.5) / abar(0)) * (1 - 0.999), 12); // β capped at 0.999
  });

  it("spaces timesteps leading / trailing / linspace and rounds half to even like numpy", () => {
    const cfg = (spacing: string, offset = 0) =>
      parseSchedulerConfig("euler", { ...SD, timestep_spacing: spacing, steps_offset: offset });
    expect(spacedTimesteps(cfg("trailing"), 4, false)).toEqual([999, 749, 499, 249]);
    expect(spacedTimesteps(cfg("trailing"), 3, false)).toEqual([999, 666, 332]);
    expect(spacedTimesteps(cfg("trailing"), 7, false)).toEqual([999, 856, 713, 570, 428, 285, 142]);
    expect(spacedTimesteps(cfg("leading", 1), 3, false)).toEqual([667, 334, 1]);
    expect(spacedTimesteps(cfg("linspace"), 3, false)).toEqual([999, 499.5, 0]);
    expect(spacedTimesteps(cfg("linspace"), 3, true)).toEqual([999, 500, 0]); // DDIM: round(499.5) = 500
    expect([0.5, 1.5, 2.5, -0.5, 2.4].map(roundHalfEven)).toEqual([0, 2, 2, -0, 2]);
  });
});

describe("Euler discrete", () => {
  it("σ's and init_noise_sigma for each spacing", () => {
    const t = eulerSigmas(parseSchedulerConfig("euler", { ...SD, timestep_spacing: "trailing" }), 4);
    expectClose(t.sigmas, [14.614641229333639, 4.081729363724308, 1.612886194303876, 0.6932048996386885, 0]);
    expect(t.initNoiseSigma).toBeCloseTo(14.614641229333639, 6);
    const l = eulerSigmas(parseSchedulerConfig("euler", { ...SD, timestep_spacing: "leading", steps_offset: 1 }), 3);
    expectClose(l.sigmas, [2.929548754176115, 0.935509819238228, 0.04131441199678309, 0]);
    expect(l.initNoiseSigma).toBeCloseTo(3.0955219112606565, 6);
    const s = eulerSigmas(parseSchedulerConfig("euler", SD), 3); // class default: linspace
    expectClose(s.sigmas, [14.614641229333639, 1.6155825101612464, 0.029167158151720367, 0]); // σ(499.5) interpolated
    const m = eulerSigmas(parseSchedulerConfig("euler", { ...SD, final_sigmas_type: "sigma_min" }), 3);
    expect(m.sigmas[3]).toBeCloseTo(0.029167158151720367, 8);
  });

  it("scale_model_input and step (SD-Turbo's trailing schedule, 4 steps)", () => {
    const sched = createScheduler("euler", { ...SD, timestep_spacing: "trailing" }, 4);
    expect(sched.timesteps).toEqual([999, 749, 499, 249]);
    expectClose(sched.scaleModelInput(x, 0), [0.0682649142, -0.1365298284], 8);
    expectClose(sched.step(eps, 1, x, noNoise), [-0.234421584710216, -2.617210792355108]);
  });

  it("v-prediction: x̂₀ = v·(−σ/√(σ²+1)) + x/(σ²+1), so the last step (σ→0) lands on x̂₀", () => {
    const sched = createScheduler("euler", { ...SD, timestep_spacing: "trailing", prediction_type: "v_prediction" }, 2);
    // With σ_{i+1} = 0 the step returns x̂₀ exactly: x + (x − x̂₀)/σ · (0 − σ) = x̂₀.
    const sigma = eulerSigmas(parseSchedulerConfig("euler", { ...SD, timestep_spacing: "trailing" }), 2).sigmas[1];
    const expected = [0, 1].map((k) => eps[k] * (-sigma / Math.sqrt(sigma ** 2 + 1)) + x[k] / (sigma ** 2 + 1));
    expectClose(sched.step(eps, 1, x, noNoise), expected);
  });
});

describe("Euler ancestral", () => {
  it("adds σ_up-scaled noise after a step to σ_down", () => {
    const sched = createScheduler("euler-ancestral", { ...SD, timestep_spacing: "trailing" }, 4);
    expect(sched.initNoiseSigma).toBeCloseTo(14.614641229333639, 6);
    // σ_up = 1.4816256069112863, σ_down = 0.6373283586353291 between σ_1 and σ_2.
    expectClose(sched.step(eps, 1, x, noise), [-0.2777128204711034, -3.898238176110145]);
  });
});

describe("DDIM", () => {
  it("leading timesteps with offset, identity input scaling, η = 0 steps", () => {
    const cfg = { ...SD, _class_name: "DDIMScheduler", steps_offset: 1, set_alpha_to_one: false, clip_sample: false };
    const sched = createScheduler("ddim", cfg, 4);
    expect(sched.timesteps).toEqual([751, 501, 251, 1]);
    expect(sched.initNoiseSigma).toBe(1);
    expect(sched.scaleModelInput(x, 0)).toBe(x);
    expectClose(sched.step(eps, 0, x, noNoise), [1.5679194694375647, -4.770014335578312]);
    // Last step: t_prev = 1 − 250 < 0 → ᾱ_prev = ᾱ_0 (set_alpha_to_one false).
    expectClose(sched.step(eps, 3, x, noNoise), [0.9943565783818035, -2.0038907694694355]);
  });

  it("clips x̂₀ when clip_sample (the class default)", () => {
    const sched = createScheduler("ddim", { ...SD, set_alpha_to_one: true }, 1); // t = 0, t_prev < 0 → ᾱ_prev = 1
    // x̂₀ = (x − √(1−ᾱ_0) ε)/√ᾱ_0 = (−2 − 0.0291…·0.25)/0.9996 ≈ −2.01 → clipped to −1; ᾱ_prev = 1 returns x̂₀.
    expectClose(sched.step(eps, 0, x, noNoise), [
      Math.min(1, (1 - Math.sqrt(1 - 0.99915) * 0.5) / Math.sqrt(0.99915)),
      -1,
    ]);
  });
});

describe("LCM", () => {
  it("origin-schedule timesteps, consistency scalings, fresh noise except on the last step", () => {
    const cfg = { ...SD, _class_name: "LCMScheduler", original_inference_steps: 50 };
    const sched = createScheduler("lcm", cfg, 4);
    expect(sched.timesteps).toEqual([999, 759, 499, 259]);
    expect(sched.initNoiseSigma).toBe(1);
    expectClose(sched.step(eps, 0, x, noise), [1.9696050986986993, -8.210898564054498]);
    expectClose(sched.step(eps, 3, x, noNoise), [0.8721815670165284, -2.643587642659091]);
    expect(() => createScheduler("lcm", cfg, 51)).toThrow(/cannot exceed original_inference_steps/);
  });
});

describe("choosing a scheduler", () => {
  it("follows the override, then _class_name, and substitutes Euler for classes we lack", () => {
    expect(chooseScheduler(undefined, "EulerAncestralDiscreteScheduler")).toEqual({ name: "euler-ancestral" });
    expect(chooseScheduler("ddim", "EulerDiscreteScheduler")).toEqual({ name: "ddim" });
    expect(chooseScheduler("LCMScheduler", undefined)).toEqual({ name: "lcm" });
    expect(chooseScheduler(undefined, "PNDMScheduler")).toEqual({ name: "euler", substitutedFor: "PNDMScheduler" });
    expect(() => chooseScheduler("heun", undefined)).toThrow(/unknown scheduler "heun"/);
  });

  it("refuses options it does not implement, naming them", () => {
    expect(() => createScheduler("euler", { ...SD, use_karras_sigmas: true }, 4)).toThrow(/use_karras_sigmas/);
    expect(() => createScheduler("euler", { ...SD, beta_schedule: "sigmoid" }, 4)).toThrow(/beta_schedule/);
  });
});
