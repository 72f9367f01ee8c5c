/** What `npm run demo` seeds: three logins, a few prompts, two candidate models. */
export const DEMO_USERS = [
  { email: "admin@photogenic.local", password: "demo-admin-pass", name: "Demo Admin", role: "admin" },
  {
    email: "researcher@photogenic.local",
    password: "demo-researcher-pass",
    name: "Demo Researcher",
    role: "researcher",
  },
  { email: "annotator@photogenic.local", password: "demo-annotator-pass", name: "Demo Annotator", role: "annotator" },
] as const;

export const DEMO_PROMPT_SET = "Demo prompts";
export const DEMO_CAMPAIGN = "Demo: smooth vs noisy";

export const DEMO_PROMPTS = [
  { externalId: "demo-01", text: "a red fox sleeping in fresh snow", category: "Animals", challenge: "Basic" },
  { externalId: "demo-02", text: "a lighthouse on a cliff at sunset", category: "Outdoor Scenes", challenge: "Basic" },
  { externalId: "demo-03", text: "three ceramic cups on a wooden table", category: "Artifacts", challenge: "Quantity" },
  {
    externalId: "demo-04",
    text: "a watercolor painting of a city street in the rain",
    category: "Arts",
    challenge: "Style & Format",
  },
  {
    externalId: "demo-05",
    text: "a bowl of ramen with a soft-boiled egg",
    category: "Food & Beverage",
    challenge: "Fine-grained Detail",
  },
  {
    externalId: "demo-06",
    text: "an astronaut riding a horse on the moon",
    category: "Illustrations",
    challenge: "Imagination",
  },
  {
    externalId: "demo-07",
    text: "a vintage red bicycle leaning against a blue door",
    category: "Vehicles",
    challenge: "Properties & Positioning",
  },
  {
    externalId: "demo-08",
    text: "a cozy reading nook with a green armchair",
    category: "Indoor Scenes",
    challenge: "Simple Detail",
  },
  // Twelve prompts, so the voting e2e can judge ten pairs and still have some left.
  {
    externalId: "demo-09",
    text: "a paper boat floating on a puddle",
    category: "Artifacts",
    challenge: "Simple Detail",
  },
  {
    externalId: "demo-10",
    text: "a snowy mountain village at night",
    category: "Outdoor Scenes",
    challenge: "Complex",
  },
  { externalId: "demo-11", text: "two parrots sharing a mango", category: "Animals", challenge: "Quantity" },
  {
    externalId: "demo-12",
    text: "a stained glass window of a sunflower",
    category: "Arts",
    challenge: "Style & Format",
  },
] as const;

export const DEMO_MODELS = [
  { name: "demo-smooth", variant: "demo-smooth" },
  { name: "demo-noisy", variant: "demo-noisy" },
] as const;
