import { create } from 'zustand';
import type { UserProfile } from '../contract.ts';

const TOKEN_KEY = 'pd.session';

/** Why the last session ended; shown once on the sign-in page. */
export type SessionNotice = 'inactivity' | 'sessionEnded' | 'signedOut';

function readToken(): string | null {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

function writeToken(token: string | null): void {
  try {
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    else sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // memory still holds it; only reload-survival is lost
  }
}

interface SessionState {
  /** Kept in memory and in sessionStorage (per tab, cleared with it) so a reload stays signed in. */
  token: string | null;
  user: UserProfile | null;
  notice: SessionNotice | null;
  signIn(token: string, user: UserProfile): void;
  setUser(user: UserProfile): void;
  end(notice: SessionNotice): void;
  clearNotice(): void;
}

export const useSession = create<SessionState>()((set) => ({
  token: readToken(),
  user: null,
  notice: null,
  signIn(token, user) {
    writeToken(token);
    set({ token, user, notice: null });
  },
  setUser(user) {
    set({ user });
  },
  end(notice) {
    writeToken(null);
    set({ token: null, user: null, notice });
  },
  clearNotice() {
    set({ notice: null });
  },
}));
