import { useCallback, useEffect, useRef, useState } from 'react';

const ACTIVITY_EVENTS = ['mousemove', 'keydown', 'click', 'scroll'] as const;

interface IdleOptions {
  inactivitySeconds: number;
  promptSeconds: number;
  /** Tells the core the user is still here (auth.keepAlive). */
  keepAlive: () => void;
  onExpire: () => void;
}

/**
 * Tracks activity in the renderer. Activity extends the server session at most once per
 * max(5 s, inactivity/10); after (inactivity − prompt) seconds idle a countdown starts, and
 * once a warning is showing only an explicit "stay signed in" counts, as in the MOSIP portal.
 * Times come from Date.now() so throttled background timers cannot stretch the session.
 */
export function useIdleTimeout({ inactivitySeconds, promptSeconds, keepAlive, onExpire }: IdleOptions) {
  const [remaining, setRemaining] = useState<number | null>(null);
  const lastActivity = useRef(0);
  const lastKeepAlive = useRef(0);
  const warning = useRef(false);
  const keepAliveRef = useRef(keepAlive);
  const onExpireRef = useRef(onExpire);

  useEffect(() => {
    keepAliveRef.current = keepAlive;
    onExpireRef.current = onExpire;
  }, [keepAlive, onExpire]);

  useEffect(() => {
    const throttleMs = Math.max(5, inactivitySeconds / 10) * 1000;
    const warnAfter = Math.max(0, inactivitySeconds - promptSeconds);
    let expired = false;
    // The session was just created or extended: idle time counts from here.
    lastActivity.current = Date.now();
    lastKeepAlive.current = lastActivity.current;

    const onActivity = () => {
      if (warning.current || expired) return;
      const now = Date.now();
      lastActivity.current = now;
      if (now - lastKeepAlive.current >= throttleMs) {
        lastKeepAlive.current = now;
        keepAliveRef.current();
      }
    };

    const tick = () => {
      if (expired) return;
      const idle = (Date.now() - lastActivity.current) / 1000;
      const left = Math.ceil(inactivitySeconds - idle);
      if (left <= 0) {
        expired = true;
        warning.current = false;
        setRemaining(null);
        onExpireRef.current();
      } else if (idle >= warnAfter) {
        warning.current = true;
        setRemaining(left);
      }
    };

    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, onActivity, { capture: true, passive: true });
    document.addEventListener('visibilitychange', tick);
    const timer = setInterval(tick, 500);
    return () => {
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, onActivity, { capture: true });
      document.removeEventListener('visibilitychange', tick);
      clearInterval(timer);
    };
  }, [inactivitySeconds, promptSeconds]);

  const stay = useCallback(() => {
    const now = Date.now();
    lastActivity.current = now;
    lastKeepAlive.current = now;
    warning.current = false;
    setRemaining(null);
    keepAliveRef.current();
  }, []);

  return { remaining, stay };
}
