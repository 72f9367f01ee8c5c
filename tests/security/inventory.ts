import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

/**
 * What the app exposes, read from the file system (never from a hand-kept list): every route
 * handler with its methods and the permission its guardedRoute names, every page, every file
 * with server actions. The probe suite checks each one, so a new route or page is probed the
 * moment it exists.
 */
export const ROOT = path.resolve(import.meta.dirname, "../..");
const APP = path.join(ROOT, "app");

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

const rel = (file: string) => path.relative(ROOT, file).split(path.sep).join("/");

/** `app/api/x/[id]/route.ts` → `/api/x/[id]` (route groups `(g)` dropped). */
export function urlTemplate(file: string): string {
  const dir = path.dirname(rel(file)).replace(/^app/, "");
  return (
    dir
      .split("/")
      .filter((s) => !/^\(.*\)$/.test(s))
      .join("/") || "/"
  );
}

export function paramsOf(template: string): string[] {
  return [...template.matchAll(/\[(?:\.\.\.)?(\w+)\]/g)].map((m) => m[1]);
}

export interface RouteExport {
  file: string;
  template: string;
  method: string;
  /** The permission named in guardedRoute(...), "public", or null when not built with guardedRoute. */
  permission: string | null;
}

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

export function routeExports(): RouteExport[] {
  return walk(APP)
    .filter((f) => /\/route\.(ts|tsx|js)$/.test(f))
    .flatMap((file) => {
      const source = readFileSync(file, "utf8");
      const found: RouteExport[] = [];
      for (const method of METHODS) {
        const asConst = new RegExp(`export\\s+const\\s+${method}\\s*=\\s*([\\w.]+)\\(\\s*("([^"]+)")?`).exec(source);
        const asFunction = new RegExp(`export\\s+(async\\s+)?function\\s+${method}\\b`).test(source);
        const destructured = new RegExp(`export\\s+const\\s*\\{[^}]*\\b${method}\\b[^}]*\\}\\s*=`).test(source);
        const reexported = new RegExp(`export\\s*\\{[^}]*\\b${method}\\b[^}]*\\}`).test(source);
        if (!asConst && !asFunction && !destructured && !reexported) continue;
        const permission = asConst && asConst[1] === "guardedRoute" && asConst[3] ? asConst[3] : null;
        found.push({ file: rel(file), template: urlTemplate(file), method, permission });
      }
      return found;
    });
}

/** A page's guard and its permission: guardPage("…"), or guardAndLoad("…", load) which calls it. */
export const PAGE_GUARD = /\b(?:guardPage|guardAndLoad)\(\s*"([^"]+)"/;

/** A server action's guard: guardPage / requirePermission in its body, or the guardedAction("…", work) wrapper. */
export const ACTION_GUARD = /\b(?:guardPage|requirePermission|guardedAction)(?:<[^>]*>)?\(\s*"[^"]+"/;

export function pageFiles(): { file: string; template: string; source: string }[] {
  return walk(APP)
    .filter((f) => /\/page\.(tsx|ts|jsx|js)$/.test(f))
    .map((file) => ({ file: rel(file), template: urlTemplate(file), source: readFileSync(file, "utf8") }));
}

export interface ServerAction {
  file: string;
  name: string;
  body: string;
}

/** Exported functions of every `"use server"` file, and files with inline "use server" functions. */
export function serverActions(): { actions: ServerAction[]; inline: string[] } {
  const files = walk(APP).filter((f) => /\.(ts|tsx)$/.test(f));
  const actions: ServerAction[] = [];
  const inline: string[] = [];
  for (const file of files) {
    const source = readFileSync(file, "utf8");
    const moduleLevel = /^\s*(\/\/[^\n]*\n|\/\*[\s\S]*?\*\/\s*)*["']use server["']/.test(source);
    if (moduleLevel) {
      const re = /export\s+(?:async\s+)?function\s+(\w+)|export\s+const\s+(\w+)\s*=/g;
      const starts = [...source.matchAll(re)];
      starts.forEach((m, i) => {
        const end = starts[i + 1]?.index ?? source.length;
        actions.push({ file: rel(file), name: m[1] ?? m[2], body: source.slice(m.index, end) });
      });
    } else if (/["']use server["']/.test(source)) {
      inline.push(rel(file));
    }
  }
  return { actions, inline };
}
