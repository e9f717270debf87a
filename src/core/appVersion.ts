/**
 * The app's version as the build defined it (vite.config.ts: package version and commit, from cli/appVersion.ts), or
 * null where no build defined it (the CLI under tsx, which computes its own).
 */
declare const __APP_VERSION__: string | undefined;

export const APP_VERSION: string | null = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : null;
