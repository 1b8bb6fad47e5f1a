import { create } from 'zustand';
import type { Output } from '../contract.ts';
import { api } from '../api/client.ts';
import { toApiError, type ApiError } from '../api/errors.ts';

export type CertificateCard = Output<'partnerCertificate.list'>['cards'][number];

interface PartnerCertificatesState {
  /** The partner asked for (the admin's `?partnerId=`); null = the signed-in partner's own ids. */
  partnerId: string | null;
  cards: CertificateCard[] | null;
  error: ApiError | null;
  loading: boolean;
  load(partnerId?: string | null): Promise<void>;
  /** A card as returned by an upload, without waiting for the next list. */
  replace(card: CertificateCard): void;
  reset(): void;
}

let latest = 0;

export const usePartnerCertificates = create<PartnerCertificatesState>()((set, get) => ({
  partnerId: null,
  cards: null,
  error: null,
  loading: false,
  async load(partnerId = get().partnerId) {
    const request = ++latest;
    const changed = partnerId !== get().partnerId;
    set({ partnerId, loading: true, ...(changed ? { cards: null, error: null } : {}) });
    try {
      const { cards } = await api.call('partnerCertificate.list', partnerId ? { partnerId } : {});
      if (request === latest) set({ cards, error: null, loading: false });
    } catch (error) {
      if (request === latest) set({ cards: [], error: toApiError(error), loading: false });
    }
  },
  replace(card) {
    set((state) => ({ cards: state.cards?.map((c) => (c.partnerId === card.partnerId ? card : c)) ?? [card] }));
  },
  reset() {
    latest += 1;
    set({ partnerId: null, cards: null, error: null, loading: false });
  },
}));
