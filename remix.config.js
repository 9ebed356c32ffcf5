/**
 * The single home of the Remix options. vite.config.ts passes them to the Remix Vite plugin,
 * which does not read this file by itself.
 * @type {import("@remix-run/dev").VitePluginConfig}
 */
export const remixOptions = {
  appDirectory: "app",
  // BUILD_DIR lets several builds live side by side (e.g. a test run next to a running server).
  buildDirectory: process.env.BUILD_DIR || "build",
  ignoredRouteFiles: ["**/*.test.{ts,tsx}", "**/.*"],
  serverModuleFormat: "esm",
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: true,
  },
};

export default remixOptions;
