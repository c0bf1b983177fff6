/**
 * Vite: `npm run dev` serves the app with hot reload at http://127.0.0.1:5173/<tenant>/app/
 * and proxies the API paths to a running `creneau serve` (CRENEAU_SERVER, default
 * http://127.0.0.1:8000), WebSocket included; `npm run build` writes the static app to
 * ../../server/static/web/ (relative asset URLs: the server serves it under /<tenant>/app/).
 */
import { defineConfig } from "vite";

const server = process.env["CRENEAU_SERVER"] || "http://127.0.0.1:8000";
const tenant = process.env["CRENEAU_TENANT"] || "saint-ismier";

export default defineConfig(({ command }) => ({
  base: command === "serve" ? `/${tenant}/app/` : "./",
  build: {
    outDir: "../../server/static/web",
    emptyOutDir: true,
    assetsDir: "assets",
    target: "es2022",
    sourcemap: false,
    reportCompressedSize: true,
    modulePreload: { polyfill: false }, // no inline script: the page stays CSP-friendly
  },
  server: {
    host: "127.0.0.1",
    port: 5173,
    strictPort: true,
    proxy: {
      // Everything of the API but the app itself: GraphQL (HTTP + WebSocket), PDFs,
      // documents, the payment sandbox's pages.
      "^/[^/]+/(graphql|invoices|documents|children|payment-sandbox|payments)(/|$)": {
        target: server,
        ws: true,
        changeOrigin: false,
      },
    },
  },
}));
