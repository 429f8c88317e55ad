/**
 * Builds of the app for browser tests that "deploy" versions, each into its own folder (never
 * `dist/`, which other runs share). `migratingLogs` builds the next version of a phone's database:
 * the logs collection at schema version 1 with a migration that keeps each log as it is, so
 * opening it runs RxDB's real migration in the browser. The shipped schemas are not touched.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build, type Plugin } from 'vite';

export interface BuildOptions {
  migratingLogs?: boolean;
}

/** The logs schema one version up, with a migration that keeps each log as it is. */
function migratingLogsPlugin(): Plugin {
  const schemaVersion = /(title: 'daily log',[^}]*?\n\s*version: )(\d+)/;
  let next = -1;
  return {
    name: 'test-migrating-logs',
    enforce: 'pre',
    transform(code, id) {
      if (id.endsWith('src/shared/schemas/daily-log.schema.ts')) {
        const found = schemaVersion.exec(code);
        if (!found) throw new Error(`No logs schema version in ${id}: update app-builds.ts`);
        next = Number(found[2]) + 1;
        return code.replace(schemaVersion, `$1${next}`);
      }
      if (id.endsWith('src/db/local-schemas.ts')) {
        if (!code.includes('export const replicatedMigrations')) {
          throw new Error(`No replicatedMigrations in ${id}: update app-builds.ts`);
        }
        // Resolved when the module runs, after the schema module read its version.
        return `${code}\nimport { dailyLogSchemaLiteral as testLogsSchema } from '../shared/schemas/daily-log.schema';\nreplicatedMigrations.logs = { ...replicatedMigrations.logs, [testLogsSchema.version]: (log: never) => log };\n`;
      }
      return undefined;
    },
    buildEnd() {
      if (next < 0) throw new Error('The logs schema was not bumped: update app-builds.ts');
    },
  };
}

export async function buildApp(outDir: string, options: BuildOptions = {}): Promise<void> {
  // Vitest runs with NODE_ENV=test, which would make this a development build (no service worker).
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: 'vite.config.ts',
      mode: 'production',
      logLevel: 'error',
      build: { outDir, emptyOutDir: true, sourcemap: false },
      plugins: options.migratingLogs ? [migratingLogsPlugin()] : [],
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}

/** The entry script a build's index.html loads: tells which version a tab is running. */
export function entryScriptOf(outDir: string): string {
  const html = readFileSync(join(outDir, 'index.html'), 'utf8');
  const match = /<script type="module" crossorigin src="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error(`No entry script in ${outDir}/index.html`);
  return match[1];
}
