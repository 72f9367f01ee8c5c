import "server-only";
import { z } from "zod";
import { AppError } from "../errors";
import { ADAPTER_CONFIG_SCHEMAS, ADAPTER_KINDS, isAdapterKind, type AdapterKind } from "../models/config";
import { SECRET_FIELDS } from "./register-model";

/**
 * One field of an adapter's config as the registration form asks for it. Derived from the
 * kind's zod schema (lib/models/<kind>/config.ts: its fields, `.describe()` help, defaults,
 * bounds and choices), so the form and the validation cannot drift apart.
 */
export interface ConfigField {
  name: string;
  /** text, number, checkbox, a choice, or JSON for nested values. */
  input: "text" | "number" | "checkbox" | "select" | "json";
  required: boolean;
  help: string;
  /** The schema's default, as the form shows it. */
  defaultValue?: string;
  options?: string[];
  min?: number;
  max?: number;
  integer?: boolean;
  /** A JSON field that also takes plain text (a body template written as a string). */
  acceptsText?: boolean;
  /** Stored apart and never shown again (a password box). */
  secret: boolean;
  /** Has a default: folded under "More settings". */
  tuning: boolean;
}

export interface AdapterForm {
  kind: AdapterKind;
  help: string;
  fields: ConfigField[];
}

interface JsonSchema {
  type?: string;
  description?: string;
  default?: unknown;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  anyOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
}

const cache = new Map<AdapterKind, AdapterForm>();

/** The registration form of every adapter kind lib/models registers. */
export function adapterForms(): AdapterForm[] {
  return ADAPTER_KINDS.map(adapterForm);
}

export function adapterForm(kind: AdapterKind): AdapterForm {
  let form = cache.get(kind);
  if (!form) {
    const schema = z.toJSONSchema(ADAPTER_CONFIG_SCHEMAS[kind], { io: "input", unrepresentable: "any" }) as JsonSchema;
    const required = new Set(schema.required ?? []);
    const fields = Object.entries(schema.properties ?? {}).map(([name, prop]) =>
      toField(name, prop, required.has(name)),
    );
    form = { kind, help: schema.description ?? "", fields };
    cache.set(kind, form);
  }
  return form;
}

function toField(name: string, prop: JsonSchema, required: boolean): ConfigField {
  const base = {
    name,
    required,
    help: prop.description ?? "",
    defaultValue:
      prop.default === undefined
        ? undefined
        : typeof prop.default === "string"
          ? prop.default
          : JSON.stringify(prop.default),
    secret: SECRET_FIELDS.includes(name),
    tuning: prop.default !== undefined,
  };
  if (prop.enum) return { ...base, input: "select", options: prop.enum.map(String) };
  if (prop.type === "boolean") return { ...base, input: "checkbox" };
  if (prop.type === "integer" || prop.type === "number") {
    return {
      ...base,
      input: "number",
      integer: prop.type === "integer",
      min: prop.minimum,
      // zod's .int() alone reads as MAX_SAFE_INTEGER: no real bound.
      max: prop.maximum !== undefined && prop.maximum < Number.MAX_SAFE_INTEGER ? prop.maximum : undefined,
    };
  }
  if (prop.type === "string") return { ...base, input: "text" };
  return { ...base, input: "json", acceptsText: (prop.anyOf ?? []).some((s) => s.type === "string") };
}

/**
 * The config a registration form describes: each field of the kind's form (named `config.<field>`)
 * read as its input says, empty ones left out so the schema's defaults apply. Values are checked
 * by the schema afterwards (registerModel); only what cannot even be read fails here, by field.
 */
export function configFromForm(kind: string, valuesOf: (name: string) => string[]): Record<string, unknown> {
  if (!isAdapterKind(kind)) return {}; // registerModel names the unknown kind
  const config: Record<string, unknown> = {};
  const issues: { field: string; message: string }[] = [];
  for (const field of adapterForm(kind).fields) {
    const raw = (valuesOf(`config.${field.name}`).at(-1) ?? "").trim();
    if (raw === "") continue;
    if (field.input === "checkbox") config[field.name] = raw === "true";
    else if (field.input === "number") {
      const value = Number(raw);
      if (Number.isFinite(value)) config[field.name] = value;
      else issues.push({ field: `config.${field.name}`, message: "must be a number" });
    } else if (field.input === "json") {
      try {
        config[field.name] = JSON.parse(raw);
      } catch (error) {
        if (field.acceptsText) config[field.name] = raw;
        else issues.push({ field: `config.${field.name}`, message: `not valid JSON (${(error as Error).message})` });
      }
    } else config[field.name] = raw;
  }
  if (issues.length)
    throw new AppError(
      "VALIDATION",
      `invalid ${kind} model config: ${issues.map((i) => `${i.field}: ${i.message}`).join("; ")}`,
      issues,
    );
  return config;
}
