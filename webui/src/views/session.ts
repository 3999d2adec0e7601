// The session view: the live screencast, tabs, address bar, who drives, and taking control.
import { Control } from '../control';
import { Hub } from '../hub';
import { CanvasInput, Send } from '../input';
import { ErrorCode, FrameHeader, Holder, HubEvent, SessionInfo, TabInfo } from '../protocol';
import { RpcError } from '../rpc';
import { Screencast } from '../screencast';
import { forPeople, h, resolveToasts, setText, showError, toast } from '../ui';
import { CdpBox } from './cdp';
import { FilesPanel } from './files';
import { SidePanel } from './sidepanel';
import { TimelineStrip } from './timeline';
import { REFRESH_MS, View } from './view';

/** Kinds after which the tabs and address bar are re-read at once instead of at the next refresh. */
const REFRESHING_KINDS = ['page.navigated', 'page.load', 'tab.opened', 'tab.closed', 'session.state'];
const EVENTED_REFRESH_MS = 15_000;

/** Endings of file names, which are not the top-level domains people type. */
const FILE_ENDINGS = /\.(html?|xhtml|php|aspx?|jsp|txt|json|xml|pdf|png|jpe?g|gif|svg|js|css|md)$/i;

/**
 * What a person typed into the address bar, as a URL: "example.com" is https://example.com, "localhost:3000" is
 * http://localhost:3000, and "form.html" or "../docs/" is a path next to the page the tab shows, as a link would be.
 */
export function normalizeUrl(typed: string, current = ''): string {
  const t = typed.trim();
  if (/^[a-z][a-z0-9+.-]*:(?!\d)/i.test(t)) {
    return t;
  }
  const host = t.split(/[/?#]/, 1)[0].replace(/:\d+$/, '');
  const hostLike = /^(localhost|\d{1,3}(\.\d{1,3}){3}|\[[0-9a-f:.]+\])$/i.test(host)
    || (/^([a-z0-9-]+\.)+[a-z][a-z0-9-]*$/i.test(host) && !FILE_ENDINGS.test(host));
  if (!hostLike && /^(https?|file):/i.test(current)) {
    return new URL(t, current).href;
  }
  return /^(localhost|127\.|\[::1\])/.test(t) ? `http://${t}` : `https://${t}`;
}

/** Zoom of the live view: fit the space, or a share of the page's CSS size (then the picture scrolls, for phones). */
const ZOOMS: [string, string][] = [['fit', 'Fit'], ['0.5', '50%'], ['0.75', '75%'], ['1', '100%'], ['1.5', '150%']];
const ZOOM_KEY = 'browserhub.zoom';

export class SessionView implements View {
  readonly element: HTMLElement;
  readonly title: string;
  private info: SessionInfo | null = null;
  private readonly control: Control;
  private readonly screencast: Screencast;
  private readonly input: CanvasInput;
  private readonly side: SidePanel;
  private readonly timeline: TimelineStrip;
  private readonly files: FilesPanel;
  private readonly cdp = new CdpBox();
  private readonly canvas: HTMLCanvasElement;
  private readonly stage: HTMLDivElement;
  private readonly overlay: HTMLDivElement;
  private readonly overlayText: HTMLParagraphElement;
  private readonly startButton: HTMLButtonElement;
  private readonly stateBadge: HTMLSpanElement;
  private readonly driverTag: HTMLAnchorElement;
  private readonly controlStatus: HTMLSpanElement;
  private readonly controlNote: HTMLSpanElement;
  private readonly controlButton: HTMLButtonElement;
  private readonly tabBar: HTMLDivElement;
  private readonly address: HTMLInputElement;
  private readonly hint: HTMLParagraphElement;
  private readonly zoom: HTMLSelectElement;
  /** Everything that acts on the session; disabled when there is no such session. */
  private readonly driveControls: (HTMLButtonElement | HTMLInputElement)[] = [];
  private tabsSignature = '';
  /** Who holds which tab's lease (control.status tabs, control.changed events with a tab). */
  private tabLeases = new Map<string, Holder>();
  private casting = false;
  private gone = false;
  private refreshTimer = 0;
  private refreshSoon = 0;
  private lastRefresh = 0;
  private controlBusy = false;
  private readonly cleanups: (() => void)[] = [];

  constructor(private readonly hub: Hub, private readonly id: string) {
    this.title = `Session ${id}`;
    this.control = new Control(hub, id);
    this.canvas = h('canvas', {
      class: 'screen', tabindex: 0, role: 'application', 'aria-roledescription': 'remote browser',
      'aria-label': `Live view of session ${id}`, 'aria-describedby': 'screen-hint', width: 1280, height: 720,
    });
    this.overlayText = h('p', {}, 'Connecting…');
    this.startButton = h('button', { type: 'button', class: 'primary', hidden: true, onclick: () => void this.startSession() }, 'Start the browser');
    this.overlay = h('div', { class: 'overlay' }, this.overlayText, this.startButton);
    this.stage = h('div', { class: 'stage' }, this.canvas, this.overlay);
    this.hint = h('p', { class: 'hint', id: 'screen-hint' });
    this.stateBadge = h('span', { class: 'state' });
    this.driverTag = h('a', { class: 'driver-tag', href: '#/extension', hidden: true,
      title: 'A person\'s own browser, through the browserhub extension: its shared tabs' }, 'your browser');
    this.controlStatus = h('span', { class: 'control-status', id: 'control-status', role: 'status', 'aria-live': 'polite' });
    this.controlNote = h('span', { class: 'control-note', hidden: true }, 'control leases: not available on this hub');
    this.controlButton = h('button', { type: 'button', class: 'primary', id: 'control-button', onclick: () => void this.toggleControl() }, 'Take control');
    this.tabBar = h('div', { class: 'tab-bar', role: 'toolbar', 'aria-label': 'Tabs' });
    this.address = h('input', { type: 'text', class: 'address', 'aria-label': 'Address', spellcheck: 'false', autocomplete: 'off', placeholder: 'Type a URL and press Enter' });

    const nav = (method: string, label: string, text: string) =>
      h('button', { type: 'button', class: 'nav', 'aria-label': label, title: label, onclick: () => void this.drive(method, {}, label) }, text);
    const navButtons = [nav('page.back', 'Back', '←'), nav('page.forward', 'Forward', '→'), nav('page.reload', 'Reload', '⟳')];
    const go = h('button', { type: 'submit' }, 'Go');
    this.zoom = h('select', { class: 'zoom', 'aria-label': 'Zoom', title: 'Zoom: fit the picture, or show the page at a size and scroll it' },
      ...ZOOMS.map(([value, label]) => h('option', { value }, label)));
    this.zoom.value = ZOOMS.some(([v]) => v === localStorage.getItem(ZOOM_KEY)) ? localStorage.getItem(ZOOM_KEY)! : 'fit';
    this.zoom.addEventListener('change', () => {
      localStorage.setItem(ZOOM_KEY, this.zoom.value);
      this.fit();
    });
    const addressForm = h('form', { class: 'address-bar', role: 'search', 'aria-label': 'Navigation' },
      ...navButtons, this.address, go, this.zoom);
    this.driveControls.push(...navButtons, this.address, go, this.controlButton);
    addressForm.addEventListener('submit', (e) => {
      e.preventDefault();
      if (this.address.value.trim()) {
        const current = this.info?.tabs.find((t) => t.active)?.url ?? '';
        void this.drive('page.goto', { url: normalizeUrl(this.address.value, current) }, 'Could not open the address')
          .then(() => this.address.blur());
      }
    });

    this.side = new SidePanel(hub, id, (e) => this.onEvent(e));
    this.timeline = new TimelineStrip(hub, id, this.stage);
    this.files = new FilesPanel(hub, id);
    this.side.element.insertBefore(this.files.element, this.side.element.children[1] ?? null);
    this.side.element.prepend(this.cdp.element);
    this.element = h('section', { class: 'session-view', 'aria-labelledby': 'session-title' },
      h('div', { class: 'session-head' },
        h('a', { href: '#/', class: 'back' }, '← Sessions'),
        h('h1', { id: 'session-title', tabindex: -1 }, id),
        this.driverTag,
        this.stateBadge,
        h('span', { class: 'control' }, h('span', { class: 'control-label' }, 'Control:'), this.controlStatus, this.controlNote, this.controlButton)),
      h('div', { class: 'browser' }, this.tabBar, addressForm, this.stage, this.hint, this.timeline.element),
      this.side.element);

    this.screencast = new Screencast(hub, id, this.canvas, (header) => this.onFrame(header));
    const send: Send = (method, params) => this.hub.rpc.call(method, { session: this.id, ...params }).catch((e) => this.inputFailed(e));
    this.input = new CanvasInput(this.canvas, () => this.info?.viewport ?? { width: 1280, height: 720 }, send,
      () => this.controlButton.focus());
    this.control.onChange(() => this.renderControl());
    this.renderControl();

    const resize = new ResizeObserver(() => this.fit());
    resize.observe(this.stage);
    this.cleanups.push(() => resize.disconnect());
    this.cleanups.push(hub.rpc.onNotification((method, params) => this.onNotification(method, params)));
    this.cleanups.push(hub.rpc.onState((state) => {
      if (state !== 'open' && !this.gone) {
        this.casting = false;
        this.control.update(null);
        this.showOverlay('Reconnecting to the hub…', false);
      }
    }));
    this.cleanups.push(hub.whenReady(() => void this.connected()));
    this.refreshTimer = window.setInterval(() => {
      // with the event stream, changes arrive as events; re-reading is only a safety net then
      if (!this.hub.has('events.subscribe') || Date.now() - this.lastRefresh >= EVENTED_REFRESH_MS) {
        void this.refresh();
      }
    }, REFRESH_MS);
  }

  dispose(): void {
    clearInterval(this.refreshTimer);
    clearTimeout(this.refreshSoon);
    this.cleanups.forEach((c) => c());
    this.input.dispose();
    this.screencast.dispose();
    this.side.dispose();
    this.timeline.dispose();
    this.files.dispose();
    if (this.control.isDriving && this.control.leases) {
      void this.control.release().catch(() => undefined);
    }
  }

  private async connected(): Promise<void> {
    this.casting = false;
    this.renderControl();
    await this.refresh();
    // events, traces, the activity log, the timeline and the files only for a session that exists
    if (!this.gone) {
      this.side.ready();
      this.timeline.ready();
      this.files.ready();
    }
  }

  /** Re-reads the session; starts watching once it runs. */
  private async refresh(): Promise<void> {
    if (!this.hub.ready || this.gone) {
      return;
    }
    this.lastRefresh = Date.now();
    const version = this.control.version;
    try {
      const info = await this.hub.rpc.call<SessionInfo>('session.get', { id: this.id });
      resolveToasts(this.key('read'));
      await this.readTabLeases();
      this.render(info, version);
    } catch (e) {
      if (e instanceof RpcError && e.code === ErrorCode.SESSION_NOT_FOUND) {
        this.noSuchSession();
      } else if (this.hub.rpc.connectionState === 'open') {
        showError('Could not read the session', e, this.key('read'));
      }
    }
  }

  /** Tab leases (hubs without them answer control.status without tabs: nothing to show). */
  private async readTabLeases(): Promise<void> {
    if (!this.hub.has('control.status')) {
      return;
    }
    const status = await this.hub.rpc.call<{ tabs?: { tab: string; holder: Holder }[] }>('control.status', { session: this.id })
      .catch(() => ({ tabs: undefined }));
    this.tabLeases = new Map((status.tabs ?? []).map((t) => [t.tab, t.holder]));
  }

  /** A person takes one tab from whoever holds it (or a free one), without taking the whole session. */
  private async takeTab(tab: string): Promise<void> {
    try {
      const r = await this.hub.rpc.call<{ holder: Holder }>('control.acquire', { session: this.id, tab, force: true });
      this.tabLeases.set(tab, r.holder);
      this.tabsSignature = '';
      if (this.info) {
        this.renderTabs(this.info.tabs);
      }
    } catch (e) {
      showError('Could not take the tab', e, this.key('control'));
    }
  }

  /**
   * The hub has no session of this id: never had (a mistyped or old link) or no longer (deleted while watched).
   * Everything that would act on it is disabled, and the picture says where to go instead.
   */
  private noSuchSession(): void {
    const known = this.info !== null;
    this.gone = true;
    this.casting = false;
    setText(this.stateBadge, known ? 'deleted' : 'No such session');
    this.stateBadge.className = 'state state-missing';
    this.showOverlay(known ? `Session “${this.id}” was deleted.` : `There is no session “${this.id}” on this hub.`, false);
    this.overlay.append(h('a', { href: '#/', class: 'button' }, 'Back to the sessions'));
    if (this.control.isDriving) {
      this.control.update(null);
    }
    this.input.setEnabled(false);
    this.driveControls.forEach((c) => { c.disabled = true; });
    this.tabBar.replaceChildren();
    this.tabsSignature = '';
    this.address.value = '';
    setText(this.hint, 'Nothing to watch or drive here.');
    this.side.disable(known ? 'The session was deleted.' : 'No such session.');
  }

  /** The key of this view's toasts about one subject, so they can be taken back when it is sorted out. */
  private key(subject: string): string {
    return `${subject}:${this.id}`;
  }

  private render(info: SessionInfo, controlVersion: number): void {
    this.info = info;
    const ownBrowser = info.driver === 'extension';
    this.driverTag.hidden = !ownBrowser;
    this.cdp.update(info);
    setText(this.stateBadge, info.state);
    this.stateBadge.className = `state state-${info.state}`;
    this.control.update(info.controller, controlVersion);
    this.renderTabs(info.tabs);
    const active = info.tabs.find((t) => t.active);
    if (active && document.activeElement !== this.address && this.address.value !== active.url) {
      this.address.value = active.url;
    }
    if ((info.state === 'running' || info.state === 'starting') && !this.casting) {
      void this.watch();
    } else if (info.state === 'damaged') {
      this.showOverlay(`This session is damaged: ${info.damage ?? 'its session.json could not be read'}.`, false);
    } else if ((info.state === 'stopped' || info.state === 'crashed') && !this.casting) {
      this.showOverlay(info.state === 'crashed' ? 'The browser crashed.' : ownBrowser
        ? 'Not attached to the shared tabs; they stay open in the person\'s browser.'
        : 'The browser is stopped; its profile is kept.', true);
    }
  }

  private async watch(): Promise<void> {
    this.casting = true;
    this.showOverlay(this.screencast.drawn ? null : 'Waiting for the first frame…', false);
    try {
      await this.screencast.start();
      resolveToasts(this.key('live'));
    } catch (e) {
      this.casting = false;
      showError('Could not start the live view', e, this.key('live'));
    }
  }

  private async startSession(): Promise<void> {
    this.startButton.disabled = true;
    this.showOverlay('Starting the browser…', false);
    try {
      const info = await this.hub.rpc.call<SessionInfo>('session.ensure', { id: this.id });
      resolveToasts(this.key('start'));
      this.render(info, this.control.version);
    } catch (e) {
      showError('Could not start the browser', e, this.key('start'));
      this.showOverlay('The browser is stopped.', true);
    } finally {
      this.startButton.disabled = false;
    }
  }

  private showOverlay(text: string | null, offerStart: boolean): void {
    this.overlay.hidden = text === null;
    setText(this.overlayText, text ?? '');
    this.startButton.hidden = !offerStart;
  }

  private onFrame(header: FrameHeader): void {
    this.overlay.hidden = true;
    this.canvas.dataset.frames = String(this.screencast.drawn);
    this.canvas.dataset.seq = String(header.seq);
    this.fit();
  }

  /**
   * Fit: the canvas keeps the page's aspect ratio and fills as much of the stage as it can. A zoom: the canvas is
   * that share of the page's CSS size, and the stage scrolls (pans) over it: on a phone, 100% is readable.
   */
  private fit(): void {
    const w = this.canvas.width;
    const hgt = this.canvas.height;
    this.stage.style.setProperty('--frame-ratio', `${w} / ${hgt}`);
    const zoomed = this.zoom.value !== 'fit';
    this.stage.classList.toggle('zoomed', zoomed);
    const page = this.info?.viewport ?? { width: w, height: hgt };
    const scale = zoomed ? Number(this.zoom.value) * page.width / w : Math.min(this.stage.clientWidth / w, this.stage.clientHeight / hgt);
    if (scale > 0 && Number.isFinite(scale)) {
      this.canvas.style.width = `${Math.floor(w * scale)}px`;
      this.canvas.style.height = `${Math.floor(hgt * scale)}px`;
    }
  }

  private onNotification(method: string, params: Record<string, unknown>): void {
    if (params.session !== this.id) {
      return;
    }
    if (method === 'event') {
      this.side.handleEvent(params as unknown as HubEvent);
    } else if (method === 'screencast.ended') {
      this.casting = false;
      this.showOverlay(`The live view ended: ${String(params.reason ?? 'the browser stopped')}.`, true);
      this.scheduleRefresh();
    }
  }

  private onEvent(e: HubEvent): void {
    this.timeline.handleEvent(e);
    this.files.handleEvent(e);
    if (e.kind === 'control.changed' && typeof e.data.tab === 'string') {
      // a tab's lease: the tabs bar shows who holds which tab
      const holder = (e.data.holder ?? null) as Holder | null;
      if (holder) {
        this.tabLeases.set(e.data.tab, holder);
      } else {
        this.tabLeases.delete(e.data.tab);
      }
      this.tabsSignature = '';
      if (this.info) {
        this.renderTabs(this.info.tabs);
      }
    } else if (e.kind === 'control.changed') {
      const holder = (e.data.holder ?? null) as Holder | null;
      const wasDriving = this.control.isDriving;
      this.control.update(holder);
      if (wasDriving && !this.control.isDriving) {
        toast(holder ? `${holder.kind} ${holder.name} took control; your input no longer goes to the page. Click “Take control” to take it back.`
          : 'Your control of the session ended. Click “Take control” to drive again.', 'info', { key: this.key('control') });
      } else if (!holder) {
        resolveToasts(this.key('control')); // free again: whatever blocked this person is gone
      }
    }
    if (REFRESHING_KINDS.includes(e.kind)) {
      this.scheduleRefresh();
    }
  }

  private scheduleRefresh(): void {
    clearTimeout(this.refreshSoon);
    this.refreshSoon = window.setTimeout(() => void this.refresh(), 150);
  }

  private renderControl(): void {
    const driving = this.control.isDriving;
    if (driving) {
      resolveToasts(this.key('control'));
    }
    setText(this.controlStatus, this.control.describe());
    this.controlStatus.dataset.driving = String(driving);
    this.controlNote.hidden = this.control.leases;
    setText(this.controlButton, driving ? 'Release control' : 'Take control');
    this.controlButton.setAttribute('aria-pressed', String(driving));
    this.input.setEnabled(driving);
    setText(this.hint, driving
      ? 'You are driving: the mouse, wheel and keys on the picture go to the page. Ctrl+] gives the keyboard back to the dashboard.'
      : 'Watching. Take control to use the mouse and keyboard on the page.');
  }

  private async toggleControl(): Promise<void> {
    // busy, not disabled: a disabled button would drop the keyboard focus of whoever pressed it
    if (this.controlBusy) {
      return;
    }
    this.controlBusy = true;
    this.controlButton.setAttribute('aria-busy', 'true');
    try {
      if (this.control.isDriving) {
        await this.control.release();
      } else {
        await this.control.take();
        this.canvas.focus({ preventScroll: true });
      }
    } catch (e) {
      showError(this.control.isDriving ? 'Could not release control' : 'Could not take control', e);
    } finally {
      this.controlBusy = false;
      this.controlButton.removeAttribute('aria-busy');
    }
  }

  /** Input failed: losing control stops input; anything else is reported. Never rejects. */
  private inputFailed(e: unknown): undefined {
    if (e instanceof RpcError && e.code === ErrorCode.CONTROL_HELD) {
      this.control.lost(e);
      toast(`Your input was not sent: ${forPeople(e)}`, 'error', { key: this.key('control') });
    } else {
      showError('Input failed', e);
    }
    return undefined;
  }

  /** A driving command from the tab bar or address bar; errors (CONTROL_HELD included) are shown. */
  private async drive(method: string, params: Record<string, unknown>, failure: string): Promise<void> {
    try {
      await this.hub.rpc.call(method, { session: this.id, ...params });
    } catch (e) {
      showError(failure, e, e instanceof RpcError && e.code === ErrorCode.CONTROL_HELD ? this.key('control') : undefined);
    }
    this.scheduleRefresh();
  }

  private renderTabs(tabs: TabInfo[]): void {
    const signature = JSON.stringify(tabs.map((t) => [t.id, t.title, t.url, t.active, this.tabLeases.get(t.id)?.clientId]));
    if (signature === this.tabsSignature) {
      return;
    }
    this.tabsSignature = signature;
    const focused = document.activeElement instanceof HTMLElement && this.tabBar.contains(document.activeElement)
      ? document.activeElement.dataset.focusKey : undefined;
    const items = tabs.map((t) => {
      const label = t.title || t.url || 'New tab';
      const holder = this.tabLeases.get(t.id);
      const mine = holder !== undefined && holder.clientId === this.hub.clientId;
      const lease = holder === undefined ? [] : [
        h('span', { class: `tab-holder${mine ? ' mine' : ''}`, title: mine ? 'You hold this tab' : `${holder.kind} ${holder.name} works in this tab` },
          mine ? 'you' : holder.name),
        ...(mine ? [] : [h('button', {
          type: 'button', class: 'tab-take', title: `Take this tab from ${holder.kind} ${holder.name}`,
          'aria-label': `Take tab ${label} from ${holder.name}`, 'data-focus-key': `take-${t.id}`,
          onclick: () => void this.takeTab(t.id),
        }, 'Take')]),
      ];
      return h('span', { class: `tab${t.active ? ' active' : ''}${holder ? ' leased' : ''}`, 'data-tab': t.id },
        h('button', {
          type: 'button', class: 'tab-select', title: t.url, 'aria-current': t.active ? 'true' : undefined,
          'data-focus-key': `select-${t.id}`, onclick: () => void this.drive('tab.activate', { tab: t.id }, 'Could not switch tabs'),
        }, label),
        ...lease,
        h('button', {
          type: 'button', class: 'tab-close', 'aria-label': `Close tab ${label}`, title: 'Close tab',
          'data-focus-key': `close-${t.id}`, onclick: () => void this.drive('tab.close', { tab: t.id }, 'Could not close the tab'),
        }, '×'));
    });
    const add = h('button', {
      type: 'button', class: 'tab-new', 'aria-label': 'Open a new tab', title: 'Open a new tab', 'data-focus-key': 'new',
      onclick: () => void this.drive('tab.new', {}, 'Could not open a tab').then(() => this.address.focus()),
    }, '+');
    this.tabBar.replaceChildren(...items, add);
    if (focused) {
      (this.tabBar.querySelector(`[data-focus-key="${CSS.escape(focused)}"]`) as HTMLElement | null ?? add).focus();
    }
  }
}
