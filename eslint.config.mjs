import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import { layerZones } from "./eslint.layers.mjs";

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    rules: {
      // `const { secret: _secret, ...rest } = row` is how a field is dropped on purpose.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true }],
      // Imports point down the layers: app → components → lib → db/models (docs/architecture.md).
      "import/no-restricted-paths": ["error", { basePath: import.meta.dirname, zones: layerZones }],
      // One link for the app: components/link.tsx turns prefetching off (why: that file).
      "no-restricted-imports": ["error", { paths: [{ name: "next/link", message: "Import Link from @/components/link (no prefetch storms; see that file)." }] }],
    },
  },
  { files: ["components/link.tsx"], rules: { "no-restricted-imports": "off" } },
  { ignores: [".scratch/**", ".next-*/**", "node_modules/**", ".next/**", "data/**", "db/migrations/**", "next-env.d.ts", "test-results/**", "playwright-report/**"] },
];

export default config;
