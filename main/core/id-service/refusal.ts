/**
 * A refusal of the ID authentication service with IDA's code (ida.md §5) — or a PD_IDA_* code
 * where IDA has none — and whether it is a filter-stage error, which IDA reports as
 * [IDA-MLC-007, cause].
 */
export type IdaStage = 'filter' | 'service';

export class IdaRefusal extends Error {
  override name = 'IdaRefusal';
  constructor(
    readonly code: string,
    message: string,
    readonly stage: IdaStage = 'filter',
  ) {
    super(message);
  }
}

export function refuse(code: string, message: string, stage: IdaStage = 'filter'): never {
  throw new IdaRefusal(code, message, stage);
}
