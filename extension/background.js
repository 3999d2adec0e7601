// The browserhub extension's service worker. It shares the tabs the person chooses with their browserhub hub, which
// drives them through chrome.debugger, beside the person and under the hub's control leases. What it does:
// - pairing: a hub page (Connect this browser) hands over the hub's address and a credential; a pairing with a hub
//   other than the current one waits for the person to confirm it in the extension's own window (connect.html);
// - sharing: the toolbar button shares or unshares the current tab; the hub page can share or unshare every tab;
// - relaying: the hub's calls (attach, send a CDP command, open, close, activate a tab) for shared tabs only, and
//   the CDP events of attached tabs back to it.
// Listeners are registered at once, as Manifest V3 requires; each waits for the stored state first.
import { HubLink } from './hub.js';
import { Sharing } from './sharing.js';
import * as debuggee from './debuggee.js';

const VERSION = chrome.runtime.getManifest().version;
const sharing = new Sharing();
const hub = new HubLink({
  onCall: (message) => ready.then(() => call(message)),
  hello: async () => ({ version: VERSION, userAgent: navigator.userAgent, tabs: sharing.list(), autoShare: sharing.autoShare }),
  onState: (state, detail, refused) => void stateChanged(state, detail, refused),
});
sharing.onChange = () => reportTabs();

const ready = (async () => {
  await sharing.load();
  const { pairing } = await chrome.storage.local.get('pairing');
  await sharing.hubChanged(pairing?.hub ?? null, 'unpaired');
  if (pairing) {
    hub.connect(pairing);
  }
})();

async function stateChanged(state, detail, refused) {
  await ready;
  const { pairing: stored } = await chrome.storage.local.get('pairing');
  if (state === 'refused' && stored?.credential === refused?.credential) {
    // the hub no longer knows this credential (revoked, or its data directory was reset): pair again
    console.warn(`browserhub: the hub refused this browser (${detail}); pair it again from the hub's /extension page`);
    await chrome.storage.local.remove('pairing');
  }
  if (state !== 'connected') {
    // no hub, no debugger on the person's tabs: the hub attaches again when it needs them
    await debuggee.detachAll();
  }
  const { pairing } = await chrome.storage.local.get('pairing');
  await sharing.hubChanged(pairing?.hub ?? null, state);
}

/** The shared tabs, all of them, whenever they change: synchronous, so the hub hears the lists in order. */
function reportTabs() {
  if (hub.connected) {
    hub.send({ type: 'tabs', tabs: sharing.list(), autoShare: sharing.autoShare });
  }
}

// ---- the hub's calls, for shared tabs only ----

async function call({ op, tab, session, method, params, url, window }) {
  switch (op) {
    case 'attach':
      requireShared(tab);
      return { targetInfo: await debuggee.attach(tab) };
    case 'detach':
      await debuggee.detach(tab);
      return {};
    case 'send':
      requireShared(tab);
      if (!debuggee.isAttached(tab)) {
        throw new Error(`tab ${tab} is not attached`);
      }
      return await debuggee.send(tab, session, method, params);
    case 'open':
      return await openTab(url, window);
    case 'close':
      requireShared(tab);
      await chrome.tabs.remove(tab);
      return {};
    case 'activate': {
      requireShared(tab);
      const t = await chrome.tabs.update(tab, { active: true });
      await chrome.windows.update(t.windowId, { focused: true }).catch(() => {});
      return {};
    }
    default:
      throw new Error(`unknown call ${op}`);
  }
}

function requireShared(tabId) {
  if (!sharing.has(tabId)) {
    throw new Error(`tab ${tabId} is not shared`);
  }
}

/** A tab the hub asked for: in a window with shared tabs (else a new window), and shared from the start. */
async function openTab(url, windowId) {
  let target = windowId;
  if (target === undefined || target === null) {
    const shared = sharing.list();
    target = (shared.find((t) => t.active) ?? shared[0])?.windowId;
  }
  const created = target === undefined
    ? (await chrome.windows.create({ url: url || 'about:blank', focused: false })).tabs[0]
    : await chrome.tabs.create({ url: url || 'about:blank', windowId: target, active: false });
  await sharing.share(created);
  return sharing.tabs.get(created.id) ?? { id: created.id, windowId: created.windowId, url: url || 'about:blank', title: '', active: false };
}

// ---- chrome.debugger ----

chrome.debugger.onEvent.addListener((source, method, params) => {
  if (source.tabId !== undefined && sharing.has(source.tabId)) {
    hub.send({ type: 'event', tab: source.tabId, session: source.sessionId ?? null, method, params: params ?? {} });
  }
});

chrome.debugger.onDetach.addListener((source, reason) => {
  if (source.tabId === undefined) {
    return;
  }
  debuggee.forget(source.tabId);
  hub.send({ type: 'detached', tab: source.tabId, reason });
  if (reason === 'canceled_by_user') {
    // the person pressed Cancel on the "started debugging this browser" bar: they want the hub out of this tab
    void ready.then(() => sharing.unshare(source.tabId));
  }
});

// ---- tabs ----

chrome.tabs.onCreated.addListener((tab) => void ready.then(() => sharing.opened(tab)));

chrome.tabs.onRemoved.addListener((tabId) => void ready.then(async () => {
  debuggee.forget(tabId);
  await sharing.unshare(tabId);
}));

chrome.tabs.onUpdated.addListener((tabId, change, tab) => void ready.then(async () => {
  if (!sharing.has(tabId)) {
    return;
  }
  if (change.url && !sharing.shareable(tab)) {
    // a shared tab went to the hub's own pages, which carry its sign-in: they are never shared
    await debuggee.detach(tabId);
    await sharing.unshare(tabId);
    return;
  }
  if (sharing.updated(tab)) {
    reportTabs();
  }
  if (change.status === 'complete') {
    await sharing.badge(tabId);
  }
}));

chrome.tabs.onActivated.addListener(({ tabId, windowId }) => void ready.then(async () => {
  let changed = false;
  for (const shared of sharing.list().filter((t) => t.windowId === windowId)) {
    const tab = await chrome.tabs.get(shared.id).catch(() => null);
    changed = (tab !== null && sharing.updated(tab)) || changed;
  }
  if (changed || sharing.has(tabId)) {
    reportTabs();
  }
}));

// ---- the toolbar button ----

/** What a click on the toolbar button does: set up when not paired, else share or stop sharing this tab. */
async function toolbarClicked(tab) {
  await ready;
  const { pairing } = await chrome.storage.local.get('pairing');
  if (!pairing) {
    await chrome.tabs.create({ url: chrome.runtime.getURL('connect.html') });
    return 'setup';
  }
  if (sharing.has(tab.id)) {
    await sharing.unshare(tab.id);
    await debuggee.detach(tab.id);
    return 'unshared';
  }
  return (await sharing.share(tab)) ? 'shared' : 'refused';
}
chrome.action.onClicked.addListener((tab) => void toolbarClicked(tab));

// ---- the hub's pages (externally_connectable: http://127.0.0.1 and http://localhost, any port) ----

chrome.runtime.onMessageExternal.addListener((message, sender, respond) => {
  ready.then(() => fromHubPage(message, sender)).then(respond, (e) => respond({ error: e instanceof Error ? e.message : String(e) }));
  return true;
});

async function fromHubPage(message, sender) {
  const { pairing } = await chrome.storage.local.get('pairing');
  const ours = pairing && pairing.hub === sender.origin;
  if (message?.type === 'status') {
    // another local page learns only that the extension is there
    return ours
      ? { installed: true, version: VERSION, paired: true, session: pairing.session, state: hub.state, autoShare: sharing.autoShare, shared: sharing.tabs.size }
      : { installed: true, version: VERSION, paired: false };
  }
  if (sender.tab && sharing.has(sender.tab.id)) {
    // a shared tab is one the hub drives: it must not widen what is shared, or pair the browser elsewhere
    throw new Error('A shared tab cannot change what this browser shares; use a tab that is not shared.');
  }
  switch (message?.type) {
    case 'pair':
      return pair(sender.origin, message, ours);
    case 'shareAll':
      requireOurs(ours);
      return { shared: await sharing.shareAll(), total: sharing.tabs.size };
    case 'unshareAll':
      requireOurs(ours);
      await debuggee.detachAll();
      return { unshared: await sharing.unshareAll() };
    case 'setAutoShare':
      requireOurs(ours);
      await sharing.setAutoShare(message.value);
      reportTabs();
      return { autoShare: sharing.autoShare };
    case 'unpair':
      requireOurs(ours);
      await forgetPairing();
      return { paired: false };
    default:
      throw new Error(`unknown request ${message?.type}`);
  }
}

function requireOurs(ours) {
  if (!ours) {
    throw new Error('This browser is not paired with this hub; click Connect this browser first.');
  }
}

/**
 * A hub page asks to pair. The hub this browser is paired with may renew its credential at once; any other address
 * waits for the person to confirm it in the extension's own window, which no web page can click for them.
 */
async function pair(origin, { credential, session }, ours) {
  if (typeof credential !== 'string' || typeof session !== 'string') {
    throw new Error('pair needs a credential and a session');
  }
  const request = { hub: origin, credential, session };
  if (ours) {
    await usePairing(request);
    return { status: 'paired' };
  }
  await chrome.storage.session.set({ pendingPairing: request });
  await chrome.windows.create({ url: chrome.runtime.getURL('connect.html'), type: 'popup', width: 480, height: 420 });
  return { status: 'confirm' };
}

async function usePairing(pairing) {
  await chrome.storage.local.set({ pairing: { ...pairing, pairedAt: new Date().toISOString() } });
  await sharing.hubChanged(pairing.hub, 'connecting');
  hub.connect(pairing);
}

async function forgetPairing() {
  hub.disconnect();
  await debuggee.detachAll();
  await sharing.unshareAll();
  await chrome.storage.local.remove('pairing');
  await sharing.hubChanged(null, 'unpaired');
}

// ---- the extension's own page (connect.html) ----

chrome.runtime.onMessage.addListener((message, sender, respond) => {
  if (sender.id !== chrome.runtime.id) {
    return false;
  }
  ready.then(() => fromOwnPage(message)).then(respond, (e) => respond({ error: e instanceof Error ? e.message : String(e) }));
  return true;
});

async function fromOwnPage(message) {
  const { pendingPairing } = await chrome.storage.session.get('pendingPairing');
  const { pairing } = await chrome.storage.local.get('pairing');
  switch (message?.type) {
    case 'describe':
      return { pending: pendingPairing ? { hub: pendingPairing.hub, session: pendingPairing.session } : null,
        paired: pairing ? { hub: pairing.hub, session: pairing.session } : null, state: hub.state };
    case 'confirm':
      if (!pendingPairing) {
        throw new Error('There is no pairing to confirm; click Connect this browser on the hub page again.');
      }
      await chrome.storage.session.remove('pendingPairing');
      await usePairing(pendingPairing);
      return { paired: true };
    case 'cancel':
      await chrome.storage.session.remove('pendingPairing');
      return { paired: Boolean(pairing) };
    case 'unpair':
      await forgetPairing();
      return { paired: false };
    default:
      throw new Error(`unknown request ${message?.type}`);
  }
}

// for tests and the browser's DevTools: exactly what the toolbar button does, for a tab id
self.browserhub = { toolbarClicked: async (tabId) => toolbarClicked(await chrome.tabs.get(tabId)), sharing, hub };
