import { ipcMain } from 'electron';
import type { IpcMainEvent, IpcMainInvokeEvent, WebContents } from 'electron';
import { contract, METHOD_NAMES } from '../../contract/index.ts';
import type { CallResult, MethodName } from '../../contract/index.ts';
import type { CoreClient, CoreEvent } from './core-client.ts';
import { callChannel, checkCallPayload, DEFAULT_MAX_CALL_BYTES, EVENT_CHANNEL, isAppUrl, isTrustedSender, READY_CHANNEL } from './guards.ts';
import type { SenderFacts } from './guards.ts';
import { isOurWebContents, ourWebContents } from './windows.ts';

type Log = (level: 'info' | 'warn' | 'error', message: string, detail?: unknown) => void;

/** Events kept per window while its renderer is not ready yet; the oldest are dropped beyond this. */
const MAX_QUEUED_EVENTS = 200;

const REFUSED: CallResult<MethodName> = { ok: false, error: { code: 'PD_RPC_005', message: 'This request is not allowed from here.' } };

function senderFacts(event: IpcMainInvokeEvent | IpcMainEvent): SenderFacts {
  try {
    const frame = event.senderFrame;
    const top = event.sender.mainFrame;
    return {
      frameUrl: frame?.url ?? null,
      isMainFrame:
        frame !== null && !frame.detached && frame.parent === null && frame.processId === top.processId && frame.frameToken === top.frameToken,
      isOurWindow: isOurWebContents(event.sender),
    };
  } catch {
    // The frame or webContents went away while we looked at it.
    return { frameUrl: null, isMainFrame: false, isOurWindow: false };
  }
}

interface WindowEvents {
  ready: boolean;
  queue: CoreEvent[];
}

/**
 * Binds the contract to IPC: one `ipcMain.handle` per method on `pd:call:<method>` (no catch-all
 * channel), each checking the sender frame and the envelope before the core sees anything; and
 * core events pushed on `pd:event` to our windows once their renderer said `pd:ready`.
 */
export function registerIpc(core: CoreClient, log: Log) {
  const windows = new Map<number, WindowEvents>();

  for (const method of METHOD_NAMES) {
    const maxBytes = contract[method].maxBytes ?? DEFAULT_MAX_CALL_BYTES;
    ipcMain.handle(callChannel(method), async (event, payload: unknown): Promise<CallResult<MethodName>> => {
      const facts = senderFacts(event);
      if (!isTrustedSender(facts)) {
        log('warn', `refused ${method} from an untrusted sender`, { url: facts.frameUrl, mainFrame: facts.isMainFrame, ourWindow: facts.isOurWindow });
        return REFUSED;
      }
      const checked = checkCallPayload(payload, maxBytes);
      if (!checked.ok) return { ok: false, error: checked.error };
      return core.call(method, checked.session, checked.input);
    });
  }

  const deliver = (contents: WebContents, e: CoreEvent) => {
    if (!contents.isDestroyed() && isAppUrl(contents.getURL())) contents.send(EVENT_CHANNEL, { event: e.event, payload: e.payload });
  };

  ipcMain.on(READY_CHANNEL, (event) => {
    if (!isTrustedSender(senderFacts(event))) return;
    const state = windows.get(event.sender.id);
    if (!state || state.ready) return;
    state.ready = true;
    const queued = state.queue.splice(0);
    for (const e of queued) deliver(event.sender, e);
  });

  const offCore = core.onEvent((e) => {
    for (const contents of ourWebContents()) {
      const state = windows.get(contents.id);
      if (!state) continue;
      if (state.ready) {
        deliver(contents, e);
      } else {
        state.queue.push(e);
        if (state.queue.length > MAX_QUEUED_EVENTS) state.queue.shift();
      }
    }
  });

  return {
    /** Start queueing events for a window we created; a new page load waits for a new `pd:ready`. */
    attach(contents: WebContents) {
      const state: WindowEvents = { ready: false, queue: [] };
      windows.set(contents.id, state);
      const id = contents.id;
      contents.on('did-start-navigation', (details) => {
        if (details.isMainFrame && !details.isSameDocument) state.ready = false;
      });
      contents.once('destroyed', () => windows.delete(id));
    },
    dispose() {
      for (const method of METHOD_NAMES) ipcMain.removeHandler(callChannel(method));
      ipcMain.removeAllListeners(READY_CHANNEL);
      offCore();
      windows.clear();
    },
  };
}
