// ESLint (flat config): typescript-eslint's strict, type-checked rules on every TypeScript file.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "build/", "node_modules/", "examples/", "*.js"] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true }],
      // `&` on booleans-as-numbers is the envelope's non-short-circuit join, on purpose.
      "no-bitwise": "off",
    },
  },
  {
    files: ["src/**/*.ts"],
    ignores: ["src/node/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["node:*", "fs", "path", "crypto", "buffer"], message: "The core runs in browsers too: Node-only code goes in src/node/." }] }],
      "no-restricted-globals": ["error", { name: "Buffer", message: "Use Uint8Array: the core runs in browsers too." }, { name: "process", message: "The core runs in browsers too." }],
    },
  },
  {
    files: ["test/**/*.ts", "tools/**/*.ts"],
    rules: {
      "@typescript-eslint/no-non-null-assertion": "off",
      // node:test's describe/test return promises the runner itself awaits.
      "@typescript-eslint/no-floating-promises": "off",
      "@typescript-eslint/require-await": "off",
    },
  },
);
