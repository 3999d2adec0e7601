// The session view's side panel: screenshot and trace downloads, the live event stream (events.subscribe) and
// the activity log (session.activity), both filterable by kind. Hubs without the event methods say so.
import { Hub, isMissingMethod } from '../hub';
import { EVENT_KINDS, HubEvent } from '../protocol';
import { RpcError } from '../rpc';
import { clockTime, h, setText, showError, toast } from '../ui';
import { Burst, commandClient, continues, describeBurst, extend, isTyping, startBurst } from './typing';

const MAX_ITEMS = 500;
const ACTIVITY_PAGE = 200;

/** Kind filters: a group ("page" matches page.*) or one kind. */
const FILTERS: [string, string][] = [
  ['', 'All kinds'],
  ['command', 'Commands'],
  ['control.changed', 'Control changes'],
  ['session.state', 'Session state'],
  ['page', 'Page: all'],
  ...EVENT_KINDS.filter((k) => k.startsWith('page.') && k.split('.').length === 2).map((k): [string, string] => [k, `Page: ${k.slice(5)}`]),
  ['tab', 'Tabs'],
  ['network', 'Network'],
];

export function matchesKind(kind: string, filter: string): boolean {
  return filter === '' || kind === filter || kind.startsWith(`${filter}.`);
}

/**
 * Commands every viewer sends all the time (one screencast.ack per frame, the dashboard's own status reads):
 * hidden unless asked for, or they would bury what agents and people do.
 */
const HOUSEKEEPING = new Set(['screencast.ack', 'session.get', 'session.list', 'control.status', 'session.activity',
  'hub.info', 'rpc.discover', 'client.hello', 'events.subscribe', 'events.unsubscribe', 'tab.list', 'trace.status',
  'session.thumbnail']);

export function isHousekeeping(e: HubEvent): boolean {
  return e.kind === 'command' && HOUSEKEEPING.has(String((e.data ?? {}).method));
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : v === undefined || v === null ? '' : JSON.stringify(v);
}

/** One line a person can read; falls back to the event's JSON. */
export function summarize(e: HubEvent): string {
  const d = e.data ?? {};
  switch (e.kind) {
    case 'command': {
      const who = (d.client ?? {}) as { name?: string; kind?: string };
      const target = str(d.selector) || str(d.url) || str(d.key) || '';
      const took = typeof d.durationMs === 'number' ? ` in ${d.durationMs} ms` : '';
      return `${who.kind ?? ''} ${who.name ?? '?'}: ${str(d.method)}${target ? ` ${target}` : ''} → ${str(d.outcome) || 'ok'}${took}`.trim();
    }
    case 'control.changed': {
      const holder = d.holder as { name?: string; kind?: string } | null | undefined;
      const why = d.reason ? ` (${str(d.reason)})` : '';
      return holder ? `${holder.kind} ${holder.name} drives${why}` : `nobody drives${why}`;
    }
    case 'page.console':
      return `${str(d.type) || 'log'}: ${str(d.text)}`;
    case 'page.error':
      return str(d.message) || str(d.name) || JSON.stringify(d);
    case 'page.navigated':
    case 'page.load':
    case 'tab.opened':
    case 'tab.closed':
      return str(d.url) || str(d.title) || JSON.stringify(d);
    default: {
      if (e.kind.startsWith('network.')) {
        return [str(d.method), str(d.status), str(d.url), str(d.failure) || str(d.errorText)].filter(Boolean).join(' ');
      }
      const json = JSON.stringify(d);
      return json.length > 300 ? `${json.slice(0, 300)}…` : json;
    }
  }
}

interface Filter {
  kind: string;
  housekeeping: boolean;
}

function shown(kind: string, housekeeping: boolean, filter: Filter): boolean {
  return matchesKind(kind, filter.kind) && (filter.housekeeping || !housekeeping);
}

/** How many entries back a key looks for the burst it continues. */
const BURST_LOOKBACK = 50;

function eventItem(e: HubEvent, filter: Filter): HTMLLIElement {
  const housekeeping = isHousekeeping(e);
  const li = h('li', {
    'data-kind': e.kind, 'data-seq': e.seq, 'data-housekeeping': housekeeping ? 'true' : undefined, 'data-client': commandClient(e)?.id,
    hidden: !shown(e.kind, housekeeping, filter),
  },
    h('time', { datetime: e.ts }, clockTime(e.ts)),
    h('span', { class: 'kind' }, e.kind),
    e.tab ? h('span', { class: 'tab-id' }, e.tab) : null,
    h('span', { class: 'summary' }, summarize(e)));
  li.title = JSON.stringify(e.data ?? {});
  return li;
}

/**
 * A list of events, newest first, in which a client's keystrokes in a row become one entry. Entries arrive at the
 * top (new events) or at the bottom (older pages of the activity log).
 */
class EventList {
  readonly element: HTMLOListElement;
  private readonly bursts = new WeakMap<Element, Burst>();

  constructor(label: string) {
    this.element = h('ol', { class: 'event-list', 'aria-label': label });
  }

  add(e: HubEvent, filter: Filter, newer: boolean): void {
    const open = isTyping(e) ? this.openBurst(e, newer) : null;
    if (open) {
      const grown = extend(this.bursts.get(open)!, e, newer);
      this.bursts.set(open, grown);
      this.render(open, grown);
      // the entry moves with the typing, past what others did meanwhile
      if (newer) {
        this.element.prepend(open);
      } else {
        this.element.append(open);
      }
      return;
    }
    const li = eventItem(e, filter);
    if (isTyping(e)) {
      const started = startBurst(e);
      li.classList.add('typing');
      this.bursts.set(li, started);
      this.render(li, started);
    }
    if (newer) {
      this.element.prepend(li);
      while (this.element.children.length > MAX_ITEMS) {
        this.element.lastElementChild!.remove();
      }
    } else if (this.element.children.length < MAX_ITEMS) {
      this.element.append(li);
    }
  }

  clear(): void {
    this.element.replaceChildren();
  }

  /**
   * The burst a key of this client continues: the nearest typing entry of the same client at this end of the
   * list. Other clients' entries in between (an agent reading the page meanwhile) do not end a person's burst;
   * anything else the same client did does.
   */
  private openBurst(e: HubEvent, newer: boolean): HTMLLIElement | null {
    const client = commandClient(e)?.id;
    let li = newer ? this.element.firstElementChild : this.element.lastElementChild;
    for (let seen = 0; li && seen < BURST_LOOKBACK; seen++) {
      const burst = this.bursts.get(li);
      if (burst && burst.clientId === client) {
        return continues(burst, e, newer) ? li as HTMLLIElement : null;
      }
      if ((li as HTMLElement).dataset.client === client) {
        return null;
      }
      li = newer ? li.nextElementSibling : li.previousElementSibling;
    }
    return null;
  }

  private render(li: HTMLLIElement, b: Burst): void {
    setText(li.querySelector('.summary')!, describeBurst(b));
    li.dataset.seq = String(b.lastSeq);
    li.dataset.firstSeq = String(b.firstSeq);
    const time = li.querySelector('time')!;
    time.dateTime = new Date(b.firstTs).toISOString();
    setText(time, clockTime(time.dateTime));
  }
}

export class SidePanel {
  readonly element: HTMLElement;
  private readonly filter: HTMLSelectElement;
  private readonly network: HTMLInputElement;
  private readonly housekeeping: HTMLInputElement;
  private readonly events = new EventList('Live events, newest first');
  private readonly activity = new EventList('Activity log, newest first');
  private readonly eventsBody: HTMLElement;
  private readonly activityBody: HTMLElement;
  private readonly traceStatus = h('p', { class: 'trace-status', role: 'status' });
  private readonly traceLink = h('a', { class: 'trace-link', hidden: true, download: '' });
  private readonly startTrace: HTMLButtonElement;
  private readonly stopTrace: HTMLButtonElement;
  private readonly screenshotButton: HTMLButtonElement;
  /** Whether a trace records in the session; null while unknown (a hub without trace.status). */
  private recording: boolean | null = null;
  /** The session does not exist: nothing here can be used. */
  private gone = false;
  private subscribed = false;
  /** The newest seq seen, from events.subscribe or an event; the activity log reads up to it. */
  private latestSeq: number | null = null;
  private oldestActivity: number | null = null;
  private newestActivity = 0;
  private activityLoaded = false;
  private readonly earlier: HTMLButtonElement;

  constructor(private readonly hub: Hub, private readonly session: string, private readonly onEvent: (e: HubEvent) => void) {
    this.filter = h('select', { id: 'kind-filter' }, ...FILTERS.map(([value, label]) => h('option', { value }, label)));
    this.filter.addEventListener('change', () => this.applyFilter());
    this.housekeeping = h('input', { type: 'checkbox', id: 'housekeeping-events' });
    // acks arrive with every frame: unless asked for they are not kept at all, so they cannot crowd out the rest
    this.housekeeping.addEventListener('change', () => {
      this.applyFilter();
      if (this.activityLoaded) {
        this.activity.clear();
        this.activityLoaded = false;
        this.oldestActivity = null;
        this.newestActivity = 0;
        if (!this.activityBody.hidden) {
          void this.loadActivity();
        }
      }
    });
    this.network = h('input', { type: 'checkbox', id: 'network-events' });
    this.network.addEventListener('change', () => void this.subscribe());
    this.startTrace = h('button', { type: 'button', onclick: () => void this.traceStart() }, 'Start trace');
    this.stopTrace = h('button', { type: 'button', onclick: () => void this.traceStop() }, 'Stop trace');
    this.screenshotButton = h('button', { type: 'button', onclick: () => void this.screenshot() }, 'Save screenshot');
    this.earlier = h('button', { type: 'button', onclick: () => void this.loadEarlier() }, 'Load earlier');

    const tools = h('section', { class: 'tools', 'aria-labelledby': 'tools-title' },
      h('h2', { id: 'tools-title' }, 'Capture'),
      h('div', { class: 'tool-buttons' }, this.screenshotButton, this.startTrace, this.stopTrace),
      this.traceStatus, this.traceLink);

    this.eventsBody = h('div', { class: 'panel-body', id: 'panel-events', role: 'tabpanel', 'aria-labelledby': 'tab-events' });
    this.activityBody = h('div', { class: 'panel-body', id: 'panel-activity', role: 'tabpanel', 'aria-labelledby': 'tab-activity', hidden: true });
    const tabEvents = h('button', { type: 'button', role: 'tab', id: 'tab-events', 'aria-controls': 'panel-events', 'aria-selected': 'true' }, 'Live events');
    const tabActivity = h('button', { type: 'button', role: 'tab', id: 'tab-activity', 'aria-controls': 'panel-activity', 'aria-selected': 'false' }, 'Activity log');
    const select = (events: boolean) => {
      tabEvents.setAttribute('aria-selected', String(events));
      tabActivity.setAttribute('aria-selected', String(!events));
      this.eventsBody.hidden = !events;
      this.activityBody.hidden = events;
      if (!events && !this.activityLoaded && this.hub.has('session.activity')) {
        void this.loadActivity();
      }
    };
    tabEvents.addEventListener('click', () => select(true));
    tabActivity.addEventListener('click', () => select(false));

    this.element = h('aside', { class: 'side', 'aria-label': 'Session tools, events and activity' },
      tools,
      h('section', { class: 'streams' },
        h('div', { class: 'stream-head' },
          h('div', { role: 'tablist', class: 'panel-tabs', 'aria-label': 'Event views' }, tabEvents, tabActivity),
          h('label', { class: 'filter' }, h('span', {}, 'Kind'), this.filter),
          h('label', { class: 'check filter' }, this.housekeeping, h('span', {}, 'Acks and status reads'))),
        this.eventsBody, this.activityBody));
  }

  /** Called when connected (again) to a session that exists: subscriptions do not survive a reconnection. */
  ready(): void {
    this.gone = false;
    this.subscribed = false;
    this.renderTools();
    void this.readTraceStatus();
    this.eventsBody.replaceChildren();
    if (!this.hub.has('events.subscribe')) {
      this.eventsBody.append(h('p', { class: 'unavailable' },
        'Live events are not available on this hub (it has no events.subscribe).'));
    } else {
      this.eventsBody.append(
        h('label', { class: 'check' }, this.network, h('span', {}, 'Include network requests')),
        this.events.element);
      void this.subscribe();
    }
    this.activityBody.replaceChildren();
    if (!this.hub.has('session.activity')) {
      this.activityBody.append(h('p', { class: 'unavailable' },
        'The activity log is not available on this hub (it has no session.activity).'));
    } else {
      this.activityBody.append(
        h('div', { class: 'tool-buttons' }, h('button', { type: 'button', onclick: () => void this.loadActivity() }, 'Refresh'), this.earlier),
        this.activity.element);
      this.activityLoaded = false;
      if (!this.activityBody.hidden) {
        void this.loadActivity();
      }
    }
  }

  /** The session does not exist (or no longer): the tools cannot be used, and there is nothing to show. */
  disable(reason: string): void {
    this.gone = true;
    this.recording = null;
    this.renderTools();
    setText(this.traceStatus, '');
    this.eventsBody.replaceChildren(h('p', { class: 'unavailable' }, reason));
    this.activityBody.replaceChildren(h('p', { class: 'unavailable' }, reason));
  }

  /** An `event` notification for this session. */
  handleEvent(e: HubEvent): void {
    this.latestSeq = Math.max(this.latestSeq ?? 0, e.seq);
    if (this.keep(e)) {
      this.events.add(e, this.currentFilter, true);
    }
    this.traceEvent(e);
    this.onEvent(e);
  }

  /** Someone (this dashboard or anyone else) started or stopped a trace, or the browser went away with it. */
  private traceEvent(e: HubEvent): void {
    const d = e.data ?? {};
    if (e.kind === 'command' && (d.outcome ?? 'ok') === 'ok' && (d.method === 'trace.start' || d.method === 'trace.stop')) {
      const who = (d.client ?? {}) as { name?: string; kind?: string; id?: string };
      const recording = d.method === 'trace.start';
      if (this.recording !== recording && who.id !== this.hub.clientId) {
        setText(this.traceStatus, recording ? `${who.kind ?? ''} ${who.name ?? ''} started recording a trace at ${clockTime(e.ts)}.`.trim()
          : `${who.kind ?? ''} ${who.name ?? ''} stopped the trace at ${clockTime(e.ts)}.`.trim());
      }
      this.recording = recording;
      this.renderTools();
    } else if (e.kind === 'session.state' && (d.state === 'stopped' || d.state === 'crashed') && this.recording) {
      this.recording = false;
      setText(this.traceStatus, 'The browser stopped, and the trace with it.');
      this.renderTools();
    }
  }

  private async readTraceStatus(): Promise<void> {
    if (!this.hub.has('trace.status')) {
      this.recording = null;
      this.renderTools();
      return;
    }
    try {
      const r = await this.hub.rpc.call<{ recording: boolean }>('trace.status', { session: this.session });
      this.recording = r.recording;
      if (r.recording) {
        setText(this.traceStatus, 'A trace is recording.');
      }
    } catch {
      this.recording = null; // unknown: both buttons stay usable, and the hub says what is wrong if anything is
    }
    this.renderTools();
  }

  /** "Start trace" only when nothing records, "Stop trace" only when something does; nothing for a missing session. */
  private renderTools(): void {
    this.screenshotButton.disabled = this.gone;
    this.startTrace.disabled = this.gone || this.recording === true;
    this.stopTrace.disabled = this.gone || this.recording === false;
  }

  private keep(e: HubEvent): boolean {
    return this.housekeeping.checked || !isHousekeeping(e);
  }

  dispose(): void {
    if (this.subscribed) {
      this.hub.rpc.call('events.unsubscribe', { session: this.session }).catch(() => undefined);
    }
  }

  private async subscribe(): Promise<void> {
    const params: Record<string, unknown> = { session: this.session };
    if (this.network.checked) {
      params.kinds = ['session', 'control', 'command', 'page', 'tab', 'screenshot', 'network'];
    }
    try {
      const r = await this.hub.rpc.call<{ seq?: number }>('events.subscribe', params);
      this.subscribed = true;
      if (typeof r.seq === 'number') {
        this.latestSeq = Math.max(this.latestSeq ?? 0, r.seq);
      }
    } catch (e) {
      if (isMissingMethod(e)) {
        setText(this.eventsBody, 'Live events are not available on this hub (it has no events.subscribe).');
      } else {
        showError('Could not subscribe to the events', e);
      }
    }
  }

  private get currentFilter(): Filter {
    return { kind: this.filter.value, housekeeping: this.housekeeping.checked };
  }

  private applyFilter(): void {
    const filter = this.currentFilter;
    for (const list of [this.events.element, this.activity.element]) {
      for (const li of list.children as HTMLCollectionOf<HTMLLIElement>) {
        li.hidden = !shown(li.dataset.kind ?? '', li.dataset.housekeeping === 'true', filter);
      }
    }
  }

  /** Newer entries than shown; the first time, the newest page. */
  private async loadActivity(): Promise<void> {
    let since = this.activityLoaded ? this.newestActivity : Math.max(0, (this.latestSeq ?? 0) - ACTIVITY_PAGE + 1);
    try {
      // follow nextSeq until the end, a bounded number of pages
      for (let page = 0; page < 20; page++) {
        const r = await this.hub.rpc.call<{ entries: HubEvent[]; nextSeq: number }>('session.activity',
          { id: this.session, sinceSeq: since, limit: ACTIVITY_PAGE });
        if (r.entries.length > 0) {
          this.oldestActivity = Math.min(this.oldestActivity ?? r.entries[0].seq, r.entries[0].seq);
          r.entries.filter((e) => this.keep(e)).forEach((e) => this.activity.add(e, this.currentFilter, true));
        }
        this.activityLoaded = true;
        this.newestActivity = Math.max(this.newestActivity, r.nextSeq);
        if (r.entries.length < ACTIVITY_PAGE || r.nextSeq <= since) {
          break;
        }
        since = r.nextSeq;
      }
      this.earlier.disabled = (this.oldestActivity ?? 0) <= 0;
    } catch (e) {
      showError('Could not read the activity log', e);
    }
  }

  private async loadEarlier(): Promise<void> {
    const oldest = this.oldestActivity ?? 0;
    if (oldest <= 0) {
      return;
    }
    const since = Math.max(0, oldest - ACTIVITY_PAGE);
    try {
      const r = await this.hub.rpc.call<{ entries: HubEvent[] }>('session.activity',
        { id: this.session, sinceSeq: since, limit: oldest - since });
      const older = r.entries.filter((e) => e.seq < oldest);
      if (older.length > 0) {
        this.oldestActivity = older[0].seq;
        older.filter((e) => this.keep(e)).reverse().forEach((e) => this.activity.add(e, this.currentFilter, false));
      }
      this.earlier.disabled = older.length === 0 || (this.oldestActivity ?? 0) <= 0;
    } catch (e) {
      showError('Could not read the activity log', e);
    }
  }

  /**
   * Taken over this dashboard's own connection (page.screenshot), so the activity log credits the person at the
   * dashboard, and a failure shows the hub's message instead of being saved as an image.
   */
  private async screenshot(): Promise<void> {
    try {
      const r = await this.hub.rpc.call<{ data: string; mimeType: string }>('page.screenshot', { session: this.session, format: 'png' });
      const bytes = Uint8Array.from(atob(r.data), (c) => c.charCodeAt(0));
      const url = URL.createObjectURL(new Blob([bytes], { type: r.mimeType }));
      const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
      const a = h('a', { href: url, download: `${this.session}-${stamp}.png`, hidden: true });
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      showError('Could not take a screenshot', e);
    }
  }

  private async traceStart(): Promise<void> {
    try {
      await this.hub.rpc.call('trace.start', { session: this.session });
      const hadFocus = document.activeElement === this.startTrace;
      this.recording = true;
      this.renderTools();
      if (hadFocus) {
        this.stopTrace.focus();
      }
      setText(this.traceStatus, `Recording a trace since ${new Date().toLocaleTimeString([], { hour12: false })}.`);
    } catch (e) {
      if (e instanceof RpcError && e.kind === 'INVALID_PARAMS') {
        // someone else started one meanwhile: show what is so, instead of the hub's advice to call a method
        await this.readTraceStatus();
        toast('A trace is already recording (someone else started it). Click “Stop trace” to save it.', 'error');
      } else {
        showError('Could not start a trace', e);
      }
    }
  }

  private async traceStop(): Promise<void> {
    const hadFocus = document.activeElement === this.stopTrace;
    try {
      const r = await this.hub.rpc.call<{ path: string; url: string }>('trace.stop', { session: this.session });
      const name = r.url.split('/').pop() ?? 'trace.zip';
      this.traceLink.href = r.url;
      this.traceLink.download = `${this.session}-${name}`;
      setText(this.traceLink, `Download trace ${name}`);
      this.traceLink.hidden = false;
      setText(this.traceStatus, 'Trace saved; open it at trace.playwright.dev or with `npx playwright show-trace`.');
      toast('Trace saved.');
      this.recording = false;
    } catch (e) {
      if (e instanceof RpcError && e.kind === 'INVALID_PARAMS') {
        await this.readTraceStatus();
        toast('No trace is recording (someone else stopped it, or the browser restarted). Click “Start trace” to record one.', 'error');
      } else {
        showError('Could not stop the trace', e);
      }
    } finally {
      this.renderTools();
      if (hadFocus && this.stopTrace.disabled) {
        this.startTrace.focus(); // a disabled button loses the keyboard focus
      }
    }
  }
}
