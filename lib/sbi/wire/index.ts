/** SBI 0.9.5 wire format (with the 1.0 aliases): zod schemas and the normalised model. */
export * from './enums.ts';
export * from './common.ts';
export * from './digital-id.ts';
export * from './discovery.ts';
export * from './device-info.ts';
export * from './capture.ts';
export * from './stream.ts';
export * from './blocks.ts';
