// The timeline strip under the live view: what happened in the session (session.timeline), each recording screenshot
// beside the command that led to it. A slider scrubs through the screenshots; the chosen one covers the live view
// until "Back to live". Recording starts and stops here too.
import './data.css';
import { Hub } from '../hub';
import { HubEvent } from '../protocol';
import { clockTime, h, setText, showError } from '../ui';

/** A screenshot entry of session.timeline: its file's URL at the top. */
interface TimelineEntry extends HubEvent {
  url?: string;
}

const MAX_SHOTS = 300;
const POLL_MS = 5_000;

export class TimelineStrip {
  readonly element: HTMLElement;
  private readonly strip = h('ol', { class: 'timeline-strip', 'aria-label': 'Screenshots, oldest first' });
  private readonly scrub: HTMLInputElement;
  private readonly status = h('span', { class: 'timeline-status', role: 'status' });
  private readonly interval: HTMLSelectElement;
  private readonly record: HTMLButtonElement;
  private readonly preview: HTMLElement;
  private readonly previewImage: HTMLImageElement;
  private readonly previewCaption: HTMLElement;
  private readonly shots: { entry: TimelineEntry; item: HTMLLIElement; caption: string }[] = [];
  private nextSeq = 0;
  private lastCommand = '';
  private recording = false;
  private loading = false;
  private timer = 0;

  constructor(private readonly hub: Hub, private readonly session: string, stage: HTMLElement) {
    this.interval = h('select', { 'aria-label': 'Recording interval' },
      h('option', { value: '1000' }, 'every 1 s'), h('option', { value: '2000' }, 'every 2 s'), h('option', { value: '5000' }, 'every 5 s'));
    this.record = h('button', { type: 'button', id: 'recording-button', onclick: () => void this.toggleRecording() }, 'Record');
    this.scrub = h('input', { type: 'range', min: 0, max: 0, value: 0, class: 'timeline-scrub', 'aria-label': 'Scrub through the screenshots', disabled: true });
    this.scrub.addEventListener('input', () => this.show(Number(this.scrub.value)));
    this.previewImage = h('img', { alt: '' });
    this.previewCaption = h('figcaption', {});
    this.preview = h('figure', { class: 'timeline-preview', hidden: true },
      this.previewImage, this.previewCaption,
      h('button', { type: 'button', class: 'primary', onclick: () => this.backToLive() }, 'Back to live'));
    stage.appendChild(this.preview);
    this.element = h('section', { class: 'timeline', 'aria-label': 'Timeline' },
      h('div', { class: 'timeline-head' },
        h('h2', {}, 'Timeline'), this.interval, this.record,
        h('button', { type: 'button', onclick: () => void this.load() }, 'Refresh'), this.status),
      this.scrub, this.strip);
  }

  /** Connected (again): read what happened so far, and keep up. */
  ready(): void {
    clearInterval(this.timer);
    if (!this.hub.has('session.timeline')) {
      setText(this.status, 'no timeline on this hub');
      this.record.disabled = true;
      return;
    }
    void this.load();
    this.timer = window.setInterval(() => void this.load(), POLL_MS);
  }

  dispose(): void {
    clearInterval(this.timer);
    this.preview.remove();
  }

  /** A live event: a new screenshot or command brings the next page of the timeline. */
  handleEvent(e: HubEvent): void {
    if (e.kind === 'screenshot') {
      void this.load();
    }
  }

  private async load(): Promise<void> {
    if (this.loading || !this.hub.ready) {
      return;
    }
    this.loading = true;
    try {
      for (let page = 0; page < 10; page++) {
        const r = await this.hub.rpc.call<{ entries: TimelineEntry[]; nextSeq: number }>('session.timeline',
          { session: this.session, sinceSeq: this.nextSeq, limit: 200 });
        r.entries.forEach((e) => this.add(e));
        const more = r.entries.length === 200 && r.nextSeq > this.nextSeq;
        this.nextSeq = Math.max(this.nextSeq, r.nextSeq);
        if (!more) {
          break;
        }
      }
    } catch (e) {
      if (this.hub.rpc.connectionState === 'open') {
        showError('Could not read the timeline', e);
      }
    } finally {
      this.loading = false;
    }
  }

  private add(e: TimelineEntry): void {
    if (e.kind === 'command') {
      const method = String(e.data.method ?? '');
      this.lastCommand = method;
      // whoever started or stopped it (an agent, another window), the button follows the timeline
      if ((method === 'recording.start' || method === 'recording.stop') && (e.data.outcome ?? 'ok') === 'ok') {
        this.recording = method === 'recording.start';
        this.renderRecording();
      }
      return;
    }
    if (e.kind !== 'screenshot' || !e.url) {
      return;
    }
    const after = typeof e.data.after === 'string' ? e.data.after : '';
    const count = typeof e.data.commands === 'number' && e.data.commands > 1 ? ` ×${e.data.commands}` : '';
    const caption = after ? `after ${after}${count}` : 'interval';
    const item = h('li', { 'data-seq': e.seq, 'data-trigger': String(e.data.trigger ?? '') },
      h('button', { type: 'button', class: 'timeline-shot', title: `${clockTime(e.ts)} ${caption} · ${String(e.data.pageUrl ?? '')}`,
        onclick: () => this.show(this.indexOf(item)) },
        h('img', { src: e.url, alt: `Screenshot at ${clockTime(e.ts)}, ${caption}`, loading: 'lazy', width: 96, height: 54 }),
        h('span', { class: after ? 'timeline-command' : 'timeline-interval' }, caption),
        h('time', { datetime: e.ts }, clockTime(e.ts))));
    this.shots.push({ entry: e, item, caption });
    this.strip.appendChild(item);
    while (this.shots.length > MAX_SHOTS) {
      this.shots.shift()!.item.remove();
    }
    const following = Number(this.scrub.value) === Number(this.scrub.max);
    this.scrub.max = String(this.shots.length - 1);
    this.scrub.disabled = this.shots.length === 0;
    if (following && this.preview.hidden) {
      this.scrub.value = this.scrub.max;
      item.scrollIntoView({ block: 'nearest', inline: 'end' });
    }
    setText(this.status, `${this.shots.length} screenshots${this.lastCommand ? ` · last command ${this.lastCommand}` : ''}`);
  }

  private indexOf(item: HTMLLIElement): number {
    return this.shots.findIndex((s) => s.item === item);
  }

  private show(index: number): void {
    const shot = this.shots[index];
    if (!shot) {
      return;
    }
    this.scrub.value = String(index);
    this.shots.forEach((s) => s.item.removeAttribute('aria-current'));
    shot.item.setAttribute('aria-current', 'true');
    this.previewImage.src = shot.entry.url!;
    this.previewImage.alt = `Screenshot at ${clockTime(shot.entry.ts)}`;
    setText(this.previewCaption, `${clockTime(shot.entry.ts)} · ${shot.caption} · ${String(shot.entry.data.pageUrl ?? '')}`);
    this.preview.hidden = false;
    shot.item.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }

  private backToLive(): void {
    this.preview.hidden = true;
    this.shots.forEach((s) => s.item.removeAttribute('aria-current'));
    this.scrub.value = this.scrub.max;
  }

  private async toggleRecording(): Promise<void> {
    this.record.disabled = true;
    try {
      if (this.recording) {
        await this.hub.rpc.call('recording.stop', { session: this.session });
        this.recording = false;
      } else {
        await this.hub.rpc.call('recording.start', { session: this.session, intervalMs: Number(this.interval.value) });
        this.recording = true;
      }
    } catch (e) {
      // started elsewhere (an agent, another tab): the hub says so, and the button follows
      const message = e instanceof Error ? e.message : String(e);
      if (/already recording/.test(message)) {
        this.recording = true;
      } else if (/not recording/.test(message)) {
        this.recording = false;
      } else {
        showError(this.recording ? 'Could not stop the recording' : 'Could not start a recording', e);
      }
    } finally {
      this.record.disabled = false;
      this.renderRecording();
      void this.load();
    }
  }

  private renderRecording(): void {
    setText(this.record, this.recording ? 'Stop recording' : 'Record');
    this.record.setAttribute('aria-pressed', String(this.recording));
  }
}
