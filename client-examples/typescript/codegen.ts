/**
 * graphql-codegen configuration: typed operations from the committed SDL.
 *
 * `npm run codegen` reads ../../schema.graphql (the server's schema snapshot) and every
 * `graphql(`...`)` call under src/, and writes src/gql/:
 *   - graphql.ts: the schema's types that the operations use, and one typed document per
 *     operation (its result and variables types travel with it);
 *   - gql.ts: the `graphql()` function that maps each document's text to its typed node;
 *   - persisted-documents.json: {"<sha256 hex>": "<document>"} — the server's trusted
 *     documents manifest (CRENEAU_TRUSTED_DOCUMENTS).
 *
 * The client preset (not the `typescript` + `typescript-operations` plugins side by side)
 * keeps the types of the whole kit in one module, so no enum is declared twice (TS2567).
 */
import type { CodegenConfig } from "@graphql-codegen/cli";

const config: CodegenConfig = {
  schema: "../../schema.graphql",
  documents: ["src/**/*.ts", "!src/gql/**/*"],
  ignoreNoDocuments: false,
  generates: {
    "./src/gql/": {
      preset: "client",
      config: {
        // Custom scalars as they travel in JSON: nothing is left `unknown`.
        scalars: {
          Date: { input: "string", output: "string" }, // "2026-12-07"
          DateTime: { input: "string", output: "string" }, // ISO 8601 with offset
          Time: { input: "string", output: "string" }, // "07:30:00"
          Upload: { input: "File | Blob", output: "never" }, // multipart request only
        },
        strictScalars: true, // a new scalar in the schema fails codegen until mapped here
        enumsAsTypes: true, // string unions: no runtime enum, nothing to declare twice
        useTypeImports: true,
        avoidOptionals: { field: true, inputValue: false, object: false },
      },
      presetConfig: {
        fragmentMasking: false,
        // Each document carries __meta__.hash (its SHA-256), and the manifest is written.
        persistedDocuments: { mode: "embedHashInDocument", hashAlgorithm: "sha256" },
      },
    },
  },
};

export default config;
