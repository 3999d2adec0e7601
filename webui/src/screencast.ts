// The live view: binary screencast frames drawn on a canvas, each acknowledged once drawn, so the hub's
// per-viewer window (docs/protocol.md, Screencast) paces the stream to what this browser can show.
import { Hub } from './hub';
import { FrameHeader } from './protocol';

/** `[4-byte big-endian length N][N bytes UTF-8 JSON header][image bytes]` */
export function parseFrame(message: ArrayBuffer): { header: FrameHeader; image: Uint8Array } {
  const view = new DataView(message);
  const length = view.getUint32(0, false);
  const header = JSON.parse(new TextDecoder().decode(new Uint8Array(message, 4, length))) as FrameHeader;
  return { header, image: new Uint8Array(message, 4 + length) };
}

export interface FrameListener {
  (header: FrameHeader): void;
}

export class Screencast {
  private latest: { header: FrameHeader; image: Uint8Array } | null = null;
  private drawing = false;
  private readonly unsubscribe: () => void;
  private stopped = false;
  /** Frames drawn so far (shown to people and tests as a data attribute). */
  drawn = 0;

  constructor(private readonly hub: Hub, private readonly session: string, private readonly canvas: HTMLCanvasElement,
              private readonly onFrame: FrameListener) {
    this.unsubscribe = hub.rpc.onBinary((message) => this.receive(message));
  }

  start(): Promise<unknown> {
    this.stopped = false;
    return this.hub.rpc.call('screencast.start', { session: this.session, window: 2, maxWidth: 1600, maxHeight: 1000 });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.latest = null;
    try {
      await this.hub.rpc.call('screencast.stop', { session: this.session });
    } catch {
      // the connection is gone or the session with it: nothing is watched any more either way
    }
  }

  dispose(): void {
    this.unsubscribe();
    void this.stop();
  }

  private receive(message: ArrayBuffer): void {
    let frame;
    try {
      frame = parseFrame(message);
    } catch (e) {
      console.warn('browserhub: unreadable screencast frame', e);
      return;
    }
    if (frame.header.session !== this.session || this.stopped) {
      return;
    }
    // a newer frame replaces one not yet drawn; acknowledging the newer one covers both
    this.latest = frame;
    if (!this.drawing) {
      void this.drawLoop();
    }
  }

  private async drawLoop(): Promise<void> {
    this.drawing = true;
    try {
      while (this.latest) {
        const { header, image } = this.latest;
        this.latest = null;
        try {
          const bitmap = await createImageBitmap(new Blob([image as Uint8Array<ArrayBuffer>], { type: `image/${header.format}` }));
          if (this.canvas.width !== bitmap.width || this.canvas.height !== bitmap.height) {
            this.canvas.width = bitmap.width;
            this.canvas.height = bitmap.height;
          }
          this.canvas.getContext('2d')!.drawImage(bitmap, 0, 0);
          bitmap.close();
          this.drawn++;
          this.onFrame(header);
        } catch (e) {
          console.warn('browserhub: could not decode a screencast frame', e);
        }
        if (!this.stopped) {
          this.hub.rpc.notify('screencast.ack', { session: this.session, seq: header.seq });
        }
      }
    } finally {
      this.drawing = false;
    }
  }
}
