import type en from './en.ts';

/** Same shape as a nested message object, every leaf a string: other bundles must match en exactly. */
export type DeepStringMap<T> = {
  [K in keyof T]: T[K] extends string ? string : DeepStringMap<T[K]>;
};

export type Translation = DeepStringMap<typeof en>;
