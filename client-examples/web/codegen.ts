/**
 * graphql-codegen configuration: the app's typed operations from the committed SDL.
 *
 * Same approach as client-examples/typescript (client preset, scalars map, enums as string
 * unions), with one difference: `documentMode: "string"` — each operation is generated as
 * its text (a typed string), so the browser bundle needs no `graphql` runtime to print it.
 * `npm run codegen` writes src/gql/ (committed) and src/gql/persisted-documents.json (the
 * app's trusted-documents manifest, should a town run CRENEAU_TRUSTED_DOCUMENTS_MODE).
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
        scalars: {
          Date: { input: "string", output: "string" }, // "2026-12-07"
          DateTime: { input: "string", output: "string" }, // ISO 8601 with offset
          Time: { input: "string", output: "string" }, // "07:30:00"
          Upload: { input: "File | Blob", output: "never" },
        },
        strictScalars: true,
        enumsAsTypes: true,
        useTypeImports: true,
        avoidOptionals: { field: true, inputValue: false, object: false },
        documentMode: "string",
      },
      presetConfig: {
        fragmentMasking: false,
        persistedDocuments: { mode: "embedHashInDocument", hashAlgorithm: "sha256" },
      },
    },
  },
};

export default config;
