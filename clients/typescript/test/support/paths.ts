/** Where things are, found from this file (build/test/support/ at run time). */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

function findPackageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name === "quantaseal") {
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) {
      throw new Error("package root not found");
    }
    dir = parent;
  }
}

/** clients/typescript */
export const PACKAGE_ROOT = findPackageRoot();
/** The repository root. */
export const REPO_ROOT = join(PACKAGE_ROOT, "..", "..");
export const VECTORS_DIR = join(REPO_ROOT, "docs", "vectors");
export const GOLDEN_VECTORS = join(VECTORS_DIR, "envelope-v1.json");
export const CLIENT_KEY_VECTOR = join(VECTORS_DIR, "client-key-v1.json");
export const CONFORMANCE_FILE = join(VECTORS_DIR, "envelope-v1-conformance.json");
export const OPENAPI = join(REPO_ROOT, "docs", "openapi.yaml");
