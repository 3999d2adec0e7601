// The extension view (/extension): drive your own browser. Install the browserhub extension, connect this browser to
// the hub (the hub makes a credential of its own for it, which the page hands to the extension), share tabs, and see
// every paired browser. The page talks to the extension directly (externally_connectable), so only the browser the
// page is open in can be connected or have its tabs shared from here.
import { Hub } from '../hub';
import { h, setText, showError, toast } from '../ui';
import { sessionHref } from './sessions';
import { REFRESH_MS, View } from './view';

const ID_PATTERN = '[A-Za-z0-9][A-Za-z0-9._\\-]{0,63}';

interface SharedTab { id: number; url: string; title: string; attached: boolean }

interface PairedBrowser {
  session: string;
  connected: boolean;
  pairedAt: string;
  lastSeenAt: string | null;
  browser?: string;
  extensionVersion?: string;
  autoShare?: boolean;
  state: string | null;
  sharedTabs: SharedTab[];
}

interface Status { extensionId: string; version: string; download: string; browsers: PairedBrowser[] }

/** What the extension in this browser says about itself (only its own hub learns which session it is). */
interface Local { installed: boolean; version?: string; paired?: boolean; session?: string; state?: string; autoShare?: boolean; shared?: number }

interface ChromeRuntime {
  sendMessage(extensionId: string, message: unknown, callback: (response: unknown) => void): void;
  lastError?: { message?: string };
}

/** chrome.runtime exists in a page only when an installed extension lets the page's origin talk to it. */
function runtime(): ChromeRuntime | null {
  const chrome = (globalThis as { chrome?: { runtime?: ChromeRuntime } }).chrome;
  return chrome?.runtime?.sendMessage ? chrome.runtime : null;
}

/** One request to the extension; rejects with its error sentence. */
export function askExtension<T>(extensionId: string, message: Record<string, unknown>): Promise<T> {
  const rt = runtime();
  if (!rt) {
    return Promise.reject(new Error('The browserhub extension is not installed in this browser.'));
  }
  return new Promise((resolve, reject) => {
    rt.sendMessage(extensionId, message, (response) => {
      const failure = rt.lastError?.message ?? (response as { error?: string } | undefined)?.error;
      if (failure || response === undefined) {
        reject(new Error(failure ?? 'The browserhub extension did not answer.'));
      } else {
        resolve(response as T);
      }
    });
  });
}

export class ExtensionView implements View {
  readonly element: HTMLElement;
  readonly title = 'Your browser';
  private status: Status | null = null;
  private local: Local = { installed: false };
  private readonly installState: HTMLParagraphElement;
  private readonly download: HTMLAnchorElement;
  private readonly connectState: HTMLParagraphElement;
  private readonly sessionInput: HTMLInputElement;
  private readonly connectButton: HTMLButtonElement;
  private readonly shareSection: HTMLElement;
  private readonly shareState: HTMLParagraphElement;
  private readonly shareAllButton: HTMLButtonElement;
  private readonly unshareAllButton: HTMLButtonElement;
  private readonly autoShare: HTMLInputElement;
  private readonly browsers: HTMLDivElement;
  private readonly timer: number;
  private readonly offReady: () => void;

  constructor(private readonly hub: Hub) {
    this.installState = h('p', { class: 'step-state', id: 'extension-install-state', role: 'status' }, 'Looking for the extension…');
    this.download = h('a', { class: 'button', href: '/extension/browserhub-extension.zip', download: 'browserhub-extension.zip' }, 'Download the extension');
    this.connectState = h('p', { class: 'step-state', id: 'extension-connect-state', role: 'status' });
    this.sessionInput = h('input', { name: 'session', value: 'my-browser', pattern: ID_PATTERN, maxlength: 64, autocomplete: 'off', 'aria-label': 'Session name' });
    this.connectButton = h('button', { type: 'submit', class: 'primary', id: 'connect-browser' }, 'Connect this browser');
    this.shareState = h('p', { class: 'step-state', id: 'extension-share-state', role: 'status' });
    this.shareAllButton = h('button', { type: 'button', class: 'primary', id: 'share-all', onclick: () => void this.shareAll(true) }, 'Share all tabs');
    this.unshareAllButton = h('button', { type: 'button', id: 'unshare-all', onclick: () => void this.shareAll(false) }, 'Stop sharing all tabs');
    this.autoShare = h('input', { type: 'checkbox', id: 'auto-share', onchange: () => void this.setAutoShare() });
    this.browsers = h('div', { class: 'paired-browsers' });

    const connectForm = h('form', { class: 'connect-form' },
      h('label', { class: 'field' }, h('span', {}, 'As session'), this.sessionInput), this.connectButton);
    connectForm.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.connect();
    });
    this.shareSection = h('section', { class: 'step', 'aria-labelledby': 'step-share' },
      h('h2', { id: 'step-share' }, '3. Share tabs'),
      this.shareState,
      h('p', {}, 'Click the browserhub button in the toolbar on any tab to share it, or to stop sharing it. A shared tab shows ',
        h('span', { class: 'badge-on' }, 'ON'), ' on the button. Agents see and drive shared tabs only.'),
      h('div', { class: 'action-buttons start' }, this.shareAllButton, this.unshareAllButton),
      h('label', { class: 'check' }, this.autoShare, h('span', {}, 'Also share tabs I open later in a window with a shared tab')));

    this.element = h('section', { class: 'extension-view', 'aria-labelledby': 'extension-title' },
      h('h1', { id: 'extension-title', tabindex: -1 }, 'Drive your own browser'),
      h('p', { class: 'lead' }, 'Agents can work in the tabs you already have open, with the logins you already have, beside you. '
        + 'Your browser becomes a session of this hub, with the same control leases, activity log and doors as any other; '
        + 'stopping it never closes your tabs.'),
      h('section', { class: 'step', 'aria-labelledby': 'step-install' },
        h('h2', { id: 'step-install' }, '1. Install the extension'),
        this.installState,
        h('p', {}, 'Unzip it, open ', h('code', {}, 'chrome://extensions'), ', turn on Developer mode and choose Load unpacked; or run ',
          h('code', {}, 'browserhub extension path'), ' and load the folder it prints.'),
        h('div', { class: 'action-buttons start' }, this.download)),
      h('section', { class: 'step', 'aria-labelledby': 'step-connect' },
        h('h2', { id: 'step-connect' }, '2. Connect this browser'),
        this.connectState,
        h('p', {}, 'The hub makes a credential for this browser alone (not the hub\'s token); you can revoke it below. '
          + 'The first time, the extension asks you to confirm in a small window of its own.'),
        connectForm),
      this.shareSection,
      h('section', { class: 'step', 'aria-labelledby': 'paired-title' },
        h('h2', { id: 'paired-title' }, 'Paired browsers'),
        this.browsers));
    this.offReady = hub.whenReady(() => void this.refresh());
    this.timer = window.setInterval(() => void this.refresh(), REFRESH_MS);
  }

  dispose(): void {
    clearInterval(this.timer);
    this.offReady();
  }

  private async refresh(): Promise<void> {
    if (!this.hub.ready) {
      return;
    }
    try {
      this.status = await this.hub.rpc.call<Status>('extension.status');
    } catch (e) {
      if (this.hub.rpc.connectionState === 'open') {
        showError('Could not read the extension status', e);
      }
      return;
    }
    try {
      this.local = await askExtension<Local>(this.status.extensionId, { type: 'status' });
    } catch {
      this.local = { installed: false };
    }
    this.render();
  }

  private render(): void {
    const status = this.status!;
    const local = this.local;
    setText(this.installState, local.installed
      ? `The browserhub extension ${local.version ?? ''} is installed in this browser.`
      : `The browserhub extension (${status.version}) is not installed in this browser, or it is turned off.`);
    this.installState.dataset.state = local.installed ? 'ok' : 'todo';
    const me = local.paired ? status.browsers.find((b) => b.session === local.session) : undefined;
    let connect: string;
    if (!local.installed) {
      connect = 'Install the extension first.';
    } else if (!local.paired) {
      connect = 'This browser is not connected to this hub.';
    } else if (me?.connected) {
      connect = `This browser is connected as session ${local.session}.`;
    } else {
      connect = `This browser is paired as session ${local.session}, and is connecting…`;
    }
    setText(this.connectState, connect);
    this.connectState.dataset.state = me?.connected ? 'ok' : 'todo';
    this.connectButton.disabled = !local.installed;
    setText(this.connectButton, local.paired ? 'Connect again' : 'Connect this browser');
    this.shareSection.hidden = !local.paired;
    const shared = me?.sharedTabs.length ?? local.shared ?? 0;
    setText(this.shareState, shared === 0 ? 'No tab of this browser is shared.' : `${shared} tab${shared === 1 ? ' is' : 's are'} shared.`);
    this.unshareAllButton.disabled = shared === 0;
    if (document.activeElement !== this.autoShare) {
      this.autoShare.checked = local.autoShare ?? true;
    }
    this.renderBrowsers(status.browsers);
  }

  private renderBrowsers(browsers: PairedBrowser[]): void {
    if (browsers.length === 0) {
      this.browsers.replaceChildren(h('p', { class: 'empty' }, 'No browser is paired with this hub yet.'));
      return;
    }
    const rows = browsers.map((b) => {
      const tabs = b.sharedTabs.length === 0 ? h('span', { class: 'muted' }, 'no shared tab')
        : h('ul', { class: 'shared-tabs' }, ...b.sharedTabs.map((t) => h('li', { title: t.url }, t.title || t.url || 'about:blank')));
      return h('tr', { 'data-session': b.session },
        h('th', { scope: 'row' }, h('a', { href: sessionHref(b.session), class: 'session-link' }, b.session)),
        h('td', {}, h('span', { class: `state ${b.connected ? 'state-running' : ''}` }, b.connected ? 'connected' : 'not connected'),
          b.browser ? h('div', { class: 'muted' }, b.browser) : null),
        h('td', {}, b.state ?? '—'),
        h('td', {}, tabs),
        h('td', { class: 'actions' }, h('div', { class: 'action-buttons' },
          h('a', { class: 'button', href: sessionHref(b.session) }, 'Open'),
          h('button', { type: 'button', class: 'danger', onclick: () => void this.revoke(b.session) }, 'Revoke'))));
    });
    this.browsers.replaceChildren(h('div', { class: 'table-scroll' }, h('table', { class: 'sessions' },
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, 'Session'), h('th', { scope: 'col' }, 'Browser'), h('th', { scope: 'col' }, 'State'),
        h('th', { scope: 'col' }, 'Shared tabs'), h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Actions')))),
      h('tbody', {}, ...rows))));
  }

  /** The hub makes the credential; the page hands it to the extension, which asks the person to confirm a new hub. */
  private async connect(): Promise<void> {
    const status = this.status;
    if (!status) {
      return;
    }
    const session = this.sessionInput.value.trim() || 'my-browser';
    this.connectButton.disabled = true;
    try {
      const paired = await this.hub.rpc.call<{ session: string; credential: string }>('extension.pair', { id: session });
      const answer = await askExtension<{ status: string }>(status.extensionId, { type: 'pair', session: paired.session, credential: paired.credential });
      toast(answer.status === 'confirm'
        ? 'Confirm in the browserhub window that just opened.'
        : `This browser is connected as session ${paired.session}.`);
    } catch (e) {
      showError('Could not connect this browser', e);
    } finally {
      this.connectButton.disabled = false;
    }
    await this.refresh();
  }

  private async shareAll(share: boolean): Promise<void> {
    try {
      const r = await askExtension<{ shared?: number; unshared?: number }>(this.status!.extensionId, { type: share ? 'shareAll' : 'unshareAll' });
      toast(share ? `${r.shared ?? 0} more tab${r.shared === 1 ? '' : 's'} shared.` : 'No tab is shared any more.');
    } catch (e) {
      showError(share ? 'Could not share the tabs' : 'Could not stop sharing', e);
    }
    await this.refresh();
  }

  private async setAutoShare(): Promise<void> {
    try {
      await askExtension(this.status!.extensionId, { type: 'setAutoShare', value: this.autoShare.checked });
    } catch (e) {
      showError('Could not change the option', e);
    }
  }

  private async revoke(session: string): Promise<void> {
    try {
      await this.hub.rpc.call('extension.revoke', { id: session });
      toast(`The browser of session ${session} is disconnected; it must be connected again to be used.`);
    } catch (e) {
      showError(`Could not revoke ${session}`, e);
    }
    await this.refresh();
  }
}
