import type { Rule } from 'eslint';

export type Layer = 'electron-host' | 'preload' | 'renderer' | 'contract' | 'core' | 'node' | 'other';
export function layerOf(rel: string): Layer;
declare const rule: Rule.RuleModule;
export default rule;
