"use server";
import { revalidatePath } from "next/cache";
import { guardPage } from "@/lib/auth/page-guard";
import { AppError } from "@/lib/errors";
import { registerModel } from "@/lib/model-registry/register-model";

export interface RegisterModelState {
  ok: boolean;
  message: string;
  issues: { field: string; message: string }[];
}

function parseJsonField(field: string, text: string): unknown {
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AppError("VALIDATION", `${field}: not valid JSON`, [{ field, message: (error as Error).message }]);
  }
}

export async function registerModelAction(_previous: RegisterModelState, form: FormData): Promise<RegisterModelState> {
  const user = await guardPage("models:write");
  try {
    await registerModel(user.id, {
      name: String(form.get("name") ?? ""),
      version: String(form.get("version") ?? "") || undefined,
      kind: String(form.get("kind") ?? ""),
      config: parseJsonField("config", String(form.get("config") ?? "")) ?? {},
      defaultParams: parseJsonField("defaultParams", String(form.get("defaultParams") ?? "")),
    });
  } catch (error) {
    if (error instanceof AppError) return { ok: false, message: error.message, issues: error.issues };
    throw error;
  }
  revalidatePath("/models");
  return { ok: true, message: "Model registered.", issues: [] };
}
