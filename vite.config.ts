// Build of the PWA. Each rule says why it is there.
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { lingui } from '@lingui/vite-plugin';

/**
 * The service worker is one file: vite-plugin-pwa asks its build for that with rolldown's
 * deprecated `output.inlineDynamicImports`, which prints a warning on every build. This says the
 * same thing in the current words (`codeSplitting: false`) before the bundler sees it.
 */
function singleFileServiceWorker(): Plugin {
  return {
    name: 'fieldbook-single-file-sw',
    config(config) {
      const output = config.build?.rollupOptions?.output;
      if (output && !Array.isArray(output) && 'inlineDynamicImports' in output) {
        const { inlineDynamicImports, ...rest } = output;
        config.build!.rollupOptions!.output = { ...rest, codeSplitting: !inlineDynamicImports };
      }
    },
  };
}

/**
 * RxDB and what it needs load together once someone signs in: split by which screen shares which
 * module they became half a dozen files, each a request before the first sync on a slow link
 * (test/e2e/request-count.test.ts).
 */
const AFTER_SIGN_IN_PACKAGES =
  /\/node_modules\/(?:rxdb|dexie|broadcast-channel|mingo|event-reduce-js|oblivious-set|unload|custom-idle-queue|array-push-at-sort-position|binary-decision-diagram)\//;

const HOME_WAITING_MODULES =
  /\/src\/(?:features\/assignments\/(?:WorkWaiting|ExpertWaitingCards|SupervisorInbox|work-waiting)|db\/(?:reports|timesheets)|shared\/(?:rules\/(?:report-rules|report-workflow|timesheet-rules|timesheet-workflow|workflow|day-rules|assignment-rules)|allowance))\.tsx?$/;

export default defineConfig({
  plugins: [
    react(),
    // Compiles the .po catalogs; a message missing in any language, or not valid ICU, fails the
    // build (no silent fallback to English in a shipped language).
    lingui({ failOnMissing: true, failOnCompileError: true }),
    VitePWA({
      // Our own service worker (src/sw.ts): later issues add background sync to it, which the
      // generated one cannot do.
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'sw.ts',
      // Registration is ours (src/pwa/register-sw.ts): an update waits for the user, so a page
      // never reloads under a half-filled form.
      injectRegister: false,
      registerType: 'prompt',
      injectManifest: {
        // The shell and every hashed asset: the app must start with no network after one visit.
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        // Store screenshots are for install dialogs, not for the app: keep them off 2G first visits.
        // Catalogs of languages other than English: only the one in use is fetched and kept (sw.ts).
        globIgnores: ['screenshots/**', 'assets/lang/**'],
        buildPlugins: { vite: [singleFileServiceWorker()] },
      },
      manifest: {
        id: '/',
        name: 'Fieldbook — CD4D daily logs',
        short_name: 'Fieldbook',
        description:
          'Log your CD4D assignment work, timesheets and knowledge-transfer reports offline; they sync when a network appears.',
        lang: 'en',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'portrait',
        categories: ['productivity', 'business'],
        theme_color: '#0b5cad',
        background_color: '#ffffff',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
        // Long-press on the home-screen icon: straight to today's log.
        shortcuts: [
          {
            name: 'Log today',
            short_name: 'Log today',
            description: "Record today's work on your current assignment",
            url: '/log-today',
            icons: [{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' }],
          },
        ],
        screenshots: [
          {
            src: '/screenshots/assignment-narrow.png',
            sizes: '360x740',
            type: 'image/png',
            form_factor: 'narrow',
            label: "An assignment's daily logs and totals",
          },
          {
            src: '/screenshots/home-wide.png',
            sizes: '1280x800',
            type: 'image/png',
            form_factor: 'wide',
            label: 'My assignments',
          },
        ],
      },
      devOptions: { enabled: false },
    }),
  ],
  build: {
    target: 'es2022',
    // Source maps are built for the bench (test/bench/trace-breakdown.ts names the functions of a
    // trace with them) but not published: 'hidden' leaves no link to them in the served files,
    // and the server answers 404 for any .map (sync-server/src/app.ts).
    sourcemap: 'hidden',
    // Lists each chunk and what it imports: the bench measures what the signed-in home loads from it.
    manifest: true,
    rollupOptions: {
      // A feature's index.ts only re-exports (docs/architecture.md, floors): importing one piece
      // through it must not bring the feature's other pieces into the importer's chunk.
      treeshake: {
        moduleSideEffects: (id: string) => !/\/src\/features\/[\w-]+\/index\.ts$/.test(id),
      },
      output: {
        // A catalog in a language other than English (src/i18n/i18n.ts) goes to assets/lang/, which
        // the service worker caches as used rather than precaching every language.
        chunkFileNames: (chunk) =>
          /\/locales\/\w+\.po$/.test(chunk.facadeModuleId ?? '')
            ? 'assets/lang/[name]-[hash].js'
            : 'assets/[name]-[hash].js',
        codeSplitting: {
          groups: [
            // RxJS in one chunk: split by which screens share which operator, it became a dozen
            // tiny files, several fetched one after the other right after sign-in
            // (test/e2e/request-count). First, so the RxDB group below does not take it along
            // (a group takes its modules' dependencies), which would put RxDB on the first screen.
            { name: 'rxjs', test: /\/node_modules\/rxjs\//, priority: 2 },
            { name: 'rxdb', test: AFTER_SIGN_IN_PACKAGES, priority: 1 },
            // What the home shows once the database is open (issue 11 §2), the device queries it
            // runs and the shared rules the database needs: one file, not ten. Only these
            // modules: what they import stays where it is (the first screen has some of it).
            {
              name: 'home-waiting',
              test: HOME_WAITING_MODULES,
              priority: 1,
              includeDependenciesRecursively: false,
            },
          ],
        },
      },
    },
  },
  server: {
    // `npm run dev` talks to a sync server started separately with `npm run serve`.
    proxy: { '/api': 'http://localhost:8080', '/healthz': 'http://localhost:8080' },
  },
});
