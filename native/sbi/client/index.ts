/** The SBI client: transport, discovery, the per-device client and the STREAM parser. */
export { sbiExchange, sbiHttp } from './http.ts';
export type { SbiHttpHead, SbiHttpLimits, SbiHttpRequest, SbiHttpResponse, SbiHttpSink } from './http.ts';
export { discoverSbi, isReady, readDiscoveryAnswer } from './discovery.ts';
export type { DiscoverOptions, DiscoveredDevice, DiscoveryProblem, DiscoveryResult } from './discovery.ts';
export { DEFAULT_LIMITS, SbiClient } from './sbi-client.ts';
export type { CaptureAnswer, LimitKind, SbiAnswer, SbiClientOptions, SbiVerb, StreamSummary } from './sbi-client.ts';
export { boundaryOf, MjpegParser } from './multipart.ts';
export type { MjpegFrame } from './multipart.ts';
