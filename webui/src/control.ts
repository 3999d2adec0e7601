// Who drives a session: the control lease (control.acquire/release, control.changed events), and on hubs
// without leases, the person's own choice to send input (anyone may drive when nobody holds control).
import { Hub } from './hub';
import { Holder } from './protocol';
import { RpcError } from './rpc';

/** A person asks for the lease for this long without input; it also ends when the dashboard disconnects. */
const HUMAN_TTL_MS = 10 * 60_000;

export type ControlListener = (driving: boolean, holder: Holder | null) => void;

export class Control {
  private holder: Holder | null = null;
  /** True while this dashboard sends input: it holds the lease, or the hub has no leases and the person chose to drive. */
  private driving = false;
  private readonly listeners = new Set<ControlListener>();
  /** Bumped by every take/release, so a session.get that was already under way cannot undo them. */
  private epoch = 0;

  constructor(private readonly hub: Hub, private readonly session: string) {}

  /** Leases exist on this hub (control.* methods). */
  get leases(): boolean {
    return this.hub.has('control.acquire');
  }

  get isDriving(): boolean {
    return this.driving;
  }

  onChange(listener: ControlListener): void {
    this.listeners.add(listener);
  }

  /** What the status line says. */
  describe(): string {
    if (!this.leases) {
      return this.driving ? 'you are driving' : 'free';
    }
    if (!this.holder) {
      return 'free';
    }
    if (this.holder.clientId === this.hub.clientId) {
      // the control.changed event can arrive before control.acquire's answer
      return this.driving ? 'you are driving' : 'taking control…';
    }
    return `${this.holder.kind} ${this.holder.name} is driving`;
  }

  /** Pass to {@link update} with the holder that a request started now reports. */
  get version(): number {
    return this.epoch;
  }

  /**
   * The holder as the hub reports it (session.get's controller, a control.changed event). Losing the lease
   * (taken over, expired) stops input; only {@link take} starts it.
   */
  update(holder: Holder | null, version = this.epoch): void {
    if (version !== this.epoch) {
      return;
    }
    this.holder = holder;
    if (this.leases && this.driving && !(holder !== null && holder.clientId === this.hub.clientId)) {
      this.driving = false;
    }
    this.emit();
  }

  /** Take control: with leases, by force (people may take over from agents); without, simply start sending input. */
  async take(): Promise<void> {
    this.epoch++;
    if (this.leases) {
      const r = await this.hub.rpc.call<{ holder: Holder }>('control.acquire',
        { session: this.session, force: true, ttlMs: HUMAN_TTL_MS });
      this.driving = true;
      this.update(r.holder);
      return;
    }
    this.driving = true;
    this.emit();
  }

  async release(): Promise<void> {
    this.epoch++;
    this.driving = false;
    if (this.leases) {
      try {
        await this.hub.rpc.call('control.release', { session: this.session });
      } finally {
        this.update(null);
      }
      return;
    }
    this.emit();
  }

  /** An input call failed because another client holds control: stop sending, show who. */
  lost(e: RpcError): void {
    this.epoch++;
    this.driving = false;
    this.update((e.data.holder ?? null) as Holder | null);
  }

  private emit(): void {
    this.listeners.forEach((l) => l(this.driving, this.holder));
  }
}
