declare const __CUSTRACK_VERSION__: string;
declare const __CUSTRACK_BUILD__: string;

/** The package version, set by the build (vitest sets '0.0.0-test'); '0.0.0-dev' when nothing sets it. */
export const VERSION = typeof __CUSTRACK_VERSION__ === 'string' ? __CUSTRACK_VERSION__ : '0.0.0-dev';

/**
 * This build of the program: the version and a digest of the sources bundled (build.mjs), so that
 * anything stored from a computation (src/db/repos/reports.ts) is recomputed after any change to it,
 * released or not.
 */
export const PROGRAM_ID = `${VERSION}+${typeof __CUSTRACK_BUILD__ === 'string' ? __CUSTRACK_BUILD__ : 'src'}`;
