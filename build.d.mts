import type { BuildOptions } from 'esbuild';
export declare const BUILD_OPTIONS: BuildOptions & { define: Record<string, string> };
