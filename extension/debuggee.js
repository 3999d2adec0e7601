// chrome.debugger on the shared tabs. The API gives an extension one debugger session per tab; the hub multiplexes
// its clients over it. Frames inside a tab (and its workers) come as flat child sessions (Chrome 125+).

/** @type {Set<number>} tabs this service worker attached to */
const attached = new Set();

/** Attaches to a tab (taking over an attachment of ours from before a service worker restart); its target info. */
export async function attach(tabId) {
  const target = { tabId };
  if (!attached.has(tabId)) {
    try {
      await chrome.debugger.attach(target, '1.3');
    } catch (e) {
      if (!/already attached/i.test(String(e && e.message))) {
        throw e;
      }
      // ours, from before this service worker restarted (detach fails when DevTools or another extension holds it)
      await chrome.debugger.detach(target);
      await chrome.debugger.attach(target, '1.3');
    }
    attached.add(tabId);
  }
  const { targetInfo } = await chrome.debugger.sendCommand(target, 'Target.getTargetInfo');
  return targetInfo;
}

export async function detach(tabId) {
  const was = attached.delete(tabId);
  await chrome.debugger.detach({ tabId }).catch(() => {});
  return was;
}

export async function detachAll() {
  await Promise.all([...attached].map((tabId) => detach(tabId)));
}

export function isAttached(tabId) {
  return attached.has(tabId);
}

/** Chromium detached us (the tab closed, DevTools opened, or the person pressed Cancel on the debugging bar). */
export function forget(tabId) {
  attached.delete(tabId);
}

/** One CDP command to a tab, or to a frame or worker in it ({@code sessionId}). */
export function send(tabId, sessionId, method, params) {
  const target = sessionId ? { tabId, sessionId } : { tabId };
  return chrome.debugger.sendCommand(target, method, params ?? {});
}
