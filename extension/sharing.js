// Which tabs the person shares with the hub. The hub hears about these tabs only, and can attach to no other.
// Kept in chrome.storage.session: a tab stays shared until the person stops sharing it, closes it, or restarts the
// browser (tab ids do not survive a restart). Tabs at the hub's own address are never shared: they carry its
// sign-in cookie.

const BADGE_CONNECTED = '#137333';
const BADGE_WAITING = '#5b6475';

export class Sharing {
  constructor() {
    /** The shared tabs by id, as the hub sees them: {id, windowId, url, title, active}. */
    this.tabs = new Map();
    /** Tabs opened later in a window with a shared tab (or by a shared tab) are shared too. */
    this.autoShare = true;
    /** The paired hub's origin, e.g. http://127.0.0.1:9333; null when not paired. */
    this.hub = null;
    /** The hub connection's state, for the badge: 'unpaired', 'connecting', 'connected', 'refused'. */
    this.hubState = 'unpaired';
    /** @type {() => void} */
    this.onChange = () => {};
  }

  async load() {
    const { shared = [] } = await chrome.storage.session.get('shared');
    const { autoShare = true } = await chrome.storage.local.get('autoShare');
    for (const tab of await chrome.tabs.query({})) {
      if (shared.includes(tab.id)) {
        this.tabs.set(tab.id, describe(tab));
      }
    }
    this.autoShare = autoShare;
  }

  has(tabId) {
    return this.tabs.has(tabId);
  }

  /** Whether this tab may be shared: not the hub's own pages. */
  shareable(tab) {
    const url = tab.pendingUrl || tab.url || '';
    return !(this.hub && (url === this.hub || url.startsWith(this.hub + '/')));
  }

  async share(tab) {
    if (this.tabs.has(tab.id) || !this.shareable(tab)) {
      return false;
    }
    this.tabs.set(tab.id, describe(tab));
    await this.changed([tab.id]);
    return true;
  }

  async unshare(tabId) {
    if (!this.tabs.delete(tabId)) {
      return false;
    }
    await this.changed([tabId]);
    return true;
  }

  /** Shares every tab of every normal window, except the hub's own pages. */
  async shareAll() {
    const added = (await chrome.tabs.query({ windowType: 'normal' })).filter((t) => !this.tabs.has(t.id) && this.shareable(t));
    added.forEach((t) => this.tabs.set(t.id, describe(t)));
    await this.changed(added.map((t) => t.id));
    return added.length;
  }

  async unshareAll() {
    const removed = [...this.tabs.keys()];
    this.tabs.clear();
    await this.changed(removed);
    return removed.length;
  }

  async setAutoShare(on) {
    this.autoShare = Boolean(on);
    await chrome.storage.local.set({ autoShare: this.autoShare });
  }

  /** A tab just opened: shared too when it opens in a window with a shared tab, or from a shared tab. */
  async opened(tab) {
    if (!this.autoShare || !this.hub || this.tabs.has(tab.id)) {
      return false;
    }
    const sharedWindows = new Set([...this.tabs.values()].map((t) => t.windowId));
    if (this.tabs.has(tab.openerTabId) || sharedWindows.has(tab.windowId)) {
      return this.share(tab);
    }
    return false;
  }

  /** A shared tab changed (its URL, title, or whether it is the active tab of its window); false for other tabs. */
  updated(tab) {
    const before = this.tabs.get(tab.id);
    if (!before) {
      return false;
    }
    const now = describe(tab);
    this.tabs.set(tab.id, now);
    return now.url !== before.url || now.title !== before.title || now.active !== before.active || now.windowId !== before.windowId;
  }

  /** The shared tabs as the hub sees them. */
  list() {
    return [...this.tabs.values()];
  }

  async changed(tabIds) {
    await chrome.storage.session.set({ shared: [...this.tabs.keys()] });
    this.onChange();
    await Promise.all(tabIds.map((id) => this.badge(id)));
  }

  /** The hub connection changed: every badge says so. */
  async hubChanged(hub, state) {
    this.hub = hub;
    this.hubState = state;
    const tabs = await chrome.tabs.query({});
    await Promise.all(tabs.map((t) => this.badge(t.id)));
  }

  /** "ON" on a shared tab (green while the hub is connected, grey while it is not), and a title that says what a click does. */
  async badge(tabId) {
    const shared = this.tabs.has(tabId);
    const where = this.hub ?? 'a hub';
    let title;
    if (!this.hub) {
      title = 'browserhub: not connected to a hub (click to set up)';
    } else if (shared) {
      title = `browserhub: this tab is shared with ${where}${this.hubState === 'connected' ? '' : ' (hub not reachable; reconnecting)'}. Click to stop sharing it.`;
    } else {
      title = `browserhub: click to share this tab with ${where}${this.hubState === 'connected' ? '' : ' (hub not reachable; reconnecting)'}`;
    }
    try {
      await chrome.action.setBadgeText({ tabId, text: shared ? 'ON' : '' });
      await chrome.action.setBadgeBackgroundColor({ tabId, color: this.hubState === 'connected' ? BADGE_CONNECTED : BADGE_WAITING });
      await chrome.action.setTitle({ tabId, title });
    } catch {
      // the tab closed meanwhile
    }
  }
}

function describe(tab) {
  return { id: tab.id, windowId: tab.windowId, url: tab.pendingUrl || tab.url || '', title: tab.title || '', active: Boolean(tab.active) };
}
