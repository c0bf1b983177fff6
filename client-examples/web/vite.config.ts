/**
 * Vite: `npm run dev` serves the app with hot reload at http://127.0.0.1:5173/<tenant>/app/
 * and proxies the API paths, WebSocket included, to the running server that CRENEAU_URL
 * names (the same variable as every client example: the GraphQL endpoint, default
 * http://127.0.0.1:8000/saint-ismier/graphql); `npm run build` writes the static app to
 * ../../server/static/web/ (relative asset URLs: the server serves it under /<tenant>/app/).
 */
import { defineConfig } from "vite";

const endpoint = new URL(process.env["CRENEAU_URL"] || "http://127.0.0.1:8000/saint-ismier/graphql");
const server = endpoint.origin;
const tenant = endpoint.pathname.split("/")[1] || "saint-ismier";

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
