/**
 * The host's view of an FTM chip: the three FTM commands over a HidTransport. Transport failures
 * surface as HidError, undecodable answers as FtmError.
 */
import type { HidTransport, RequestOptions } from '../hid/transport.ts';
import { CHALLENGE_MAX, CHALLENGE_MIN, FtmCommand, decodeChain, decodeInfo, decodeSignature } from './protocol.ts';
import type { FtmInfo } from './protocol.ts';

export class FtmChipClient {
  constructor(
    readonly transport: HidTransport,
    private readonly opts: RequestOptions = {},
  ) {}

  async info(opts: RequestOptions = {}): Promise<FtmInfo> {
    return decodeInfo(await this.transport.request(FtmCommand.INFO, new Uint8Array(), { ...this.opts, ...opts }));
  }

  /** DER certificates, the chip certificate first. */
  async certificateChain(opts: RequestOptions = {}): Promise<Uint8Array[]> {
    return decodeChain(
      await this.transport.request(FtmCommand.GET_CERT, new Uint8Array(), {
        ...this.opts,
        ...opts,
      }),
    );
  }

  /** The chip's signature over popMessage(challenge) (RSASSA-PKCS1-v1_5, SHA-256). */
  async sign(challenge: Uint8Array, opts: RequestOptions = {}): Promise<{ algorithm: 'RS256'; signature: Uint8Array }> {
    if (challenge.length < CHALLENGE_MIN || challenge.length > CHALLENGE_MAX)
      throw new RangeError(`challenge of ${challenge.length} bytes (${CHALLENGE_MIN}..${CHALLENGE_MAX})`);
    return decodeSignature(await this.transport.request(FtmCommand.SIGN, challenge, { ...this.opts, ...opts }));
  }
}
