import { ipcMain } from 'electron';
import type { IpcMainEvent, IpcMainInvokeEvent, WebContents } from 'electron';
import { contract, METHOD_NAMES } from '../../contract/index.ts';
import type { CallResult, MethodName } from '../../contract/index.ts';
import type { CoreClient, CoreEvent } from './core-client.ts';
import { createEventRouter } from './event-router.ts';
import {
  callChannel,
  checkCallPayload,
  DEFAULT_MAX_CALL_BYTES,
  EVENT_CHANNEL,
  EVENT_SESSION_CHANNEL,
  isAppUrl,
  isTrustedSender,
  READY_CHANNEL,
  SESSION_MAX_LENGTH,
} from './guards.ts';
import type { SenderFacts } from './guards.ts';
import { isOurWebContents } from './windows.ts';

type Log = (level: 'info' | 'warn' | 'error', message: string, detail?: unknown) => void;

const REFUSED: CallResult<MethodName> = {
  ok: false,
  error: { code: 'PD_RPC_005', message: 'This request is not allowed from here.' },
};

function senderFacts(event: IpcMainInvokeEvent | IpcMainEvent): SenderFacts {
  try {
    const frame = event.senderFrame;
    const top = event.sender.mainFrame;
    return {
      frameUrl: frame?.url ?? null,
      isMainFrame:
        frame !== null &&
        !frame.detached &&
        frame.parent === null &&
        frame.processId === top.processId &&
        frame.frameToken === top.frameToken,
      isOurWindow: isOurWebContents(event.sender),
    };
  } catch {
    // The frame or webContents went away while we looked at it.
    return { frameUrl: null, isMainFrame: false, isOurWindow: false };
  }
}

/**
 * Binds the contract to IPC: one `ipcMain.handle` per method on `pd:call:<method>` (no catch-all
 * channel), each checking the sender frame and the envelope before the core sees anything; and
 * core events pushed on `pd:event` to each window for the session its renderer named on
 * `pd:events-session`, once it said `pd:ready` (routing: event-router.ts).
 */
export function registerIpc(core: CoreClient, log: Log) {
  const router = createEventRouter(core);

  for (const method of METHOD_NAMES) {
    const maxBytes = contract[method].maxBytes ?? DEFAULT_MAX_CALL_BYTES;
    ipcMain.handle(callChannel(method), async (event, payload: unknown): Promise<CallResult<MethodName>> => {
      const facts = senderFacts(event);
      if (!isTrustedSender(facts)) {
        log('warn', `refused ${method} from an untrusted sender`, {
          url: facts.frameUrl,
          mainFrame: facts.isMainFrame,
          ourWindow: facts.isOurWindow,
        });
        return REFUSED;
      }
      const checked = checkCallPayload(payload, maxBytes);
      if (!checked.ok) return { ok: false, error: checked.error };
      return core.call(method, checked.session, checked.input);
    });
  }

  const deliver = (contents: WebContents, e: CoreEvent) => {
    if (!contents.isDestroyed() && isAppUrl(contents.getURL()))
      contents.send(EVENT_CHANNEL, { event: e.event, payload: e.payload });
  };

  ipcMain.on(READY_CHANNEL, (event) => {
    if (!isTrustedSender(senderFacts(event))) return;
    router.ready(event.sender.id);
  });

  ipcMain.on(EVENT_SESSION_CHANNEL, (event, session: unknown) => {
    if (!isTrustedSender(senderFacts(event))) return;
    const valid = typeof session === 'string' && session.length > 0 && session.length <= SESSION_MAX_LENGTH;
    router.listenAs(event.sender.id, valid ? session : null);
  });

  return {
    /** Route events to a window we created; a new page load hears nothing until it names its session again. */
    attach(contents: WebContents) {
      const id = contents.id;
      router.attach(id, (e) => deliver(contents, e));
      contents.on('did-start-navigation', (details) => {
        if (details.isMainFrame && !details.isSameDocument) router.navigated(id);
      });
      contents.once('destroyed', () => router.detach(id));
    },
    dispose() {
      for (const method of METHOD_NAMES) ipcMain.removeHandler(callChannel(method));
      ipcMain.removeAllListeners(READY_CHANNEL);
      ipcMain.removeAllListeners(EVENT_SESSION_CHANNEL);
      router.dispose();
    },
  };
}
