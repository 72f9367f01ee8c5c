/** A preset that cannot be filled from this config; `field` names what to set. */
export class PresetError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = "PresetError";
  }
}
