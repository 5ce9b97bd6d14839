// Bundles the console into dist/: app.js (src/main.ts and the TypeScript SDK it imports, ES
// modules, minified), app.css and index.html. No inline script or style: the page loads both
// files from its own origin, as the Content-Security-Policy of template.yaml requires.
import { build } from "esbuild";
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, "dist");
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

const result = await build({
  entryPoints: { app: join(here, "src", "main.ts"), "app-styles": join(here, "src", "app.css") },
  outdir: dist,
  entryNames: "[name]",
  bundle: true,
  format: "esm",
  platform: "browser",
  target: ["es2022"],
  minify: true,
  sourcemap: "linked",
  legalComments: "linked",
  metafile: true,
  logLevel: "warning",
});
for (const file of ["index.html", "favicon.svg"]) copyFileSync(join(here, "src", file), join(dist, file));
writeFileSync(join(here, "dist", "meta.json"), JSON.stringify(result.metafile));
const sizes = Object.entries(result.metafile.outputs)
  .filter(([file]) => !file.endsWith(".map"))
  .map(([file, o]) => `${file.replace(/^.*dist\//, "")} ${(o.bytes / 1024).toFixed(1)} KiB`);
console.log(`console: built dist/ (${sizes.join(", ")})`);
