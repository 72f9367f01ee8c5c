"use server";
import { revalidatePath } from "next/cache";
import { guardPage } from "@/lib/auth/page-guard";
import { AppError } from "@/lib/errors";
import { runAction, type ActionResult } from "@/lib/http/action-result";
import { configFromForm } from "@/lib/model-registry/config-form";
import { registerModel } from "@/lib/model-registry/register-model";

function parseJsonField(field: string, text: string): Record<string, unknown> | undefined {
  if (!text.trim()) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new AppError("VALIDATION", `${field}: not valid JSON`, [{ field, message: (error as Error).message }]);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value))
    throw new AppError("VALIDATION", `${field}: must be a JSON object`, [{ field, message: "must be a JSON object" }]);
  return value as Record<string, unknown>;
}

/** The form's fields of the chosen kind, with the "advanced JSON" box (if filled) over them. */
export async function registerModelAction(_previous: ActionResult, form: FormData): Promise<ActionResult> {
  const user = await guardPage("models:write");
  return runAction(async () => {
    const kind = String(form.get("kind") ?? "");
    const fields = configFromForm(kind, (name) => form.getAll(name).map(String));
    const config = { ...fields, ...parseJsonField("configJson", String(form.get("configJson") ?? "")) };
    await registerModel(user.id, {
      name: String(form.get("name") ?? ""),
      version: String(form.get("version") ?? "") || undefined,
      kind,
      config,
      defaultParams: parseJsonField("defaultParams", String(form.get("defaultParams") ?? "")),
    });
    revalidatePath("/models");
    return { message: "Model registered." };
  });
}
