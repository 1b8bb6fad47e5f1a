// js-yaml 4 ships no types and @types/js-yaml is not installed; it comes with electron-updater
// (a dependency), which parses the same latest*.yml files with it. Only what we call is declared.
declare module 'js-yaml' {
  export function load(text: string, options?: { schema?: unknown; json?: boolean }): unknown;
  export function dump(value: unknown, options?: { lineWidth?: number; noRefs?: boolean; sortKeys?: boolean }): string;
  export const FAILSAFE_SCHEMA: unknown;
  export const JSON_SCHEMA: unknown;
  export const CORE_SCHEMA: unknown;
}
