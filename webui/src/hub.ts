// The dashboard's view of the hub: one connection, who we are on it, and which methods this hub offers.
import { ErrorCode, SessionDefaults } from './protocol';
import { RpcConnection, RpcError } from './rpc';
import { showError } from './ui';

export const CLIENT_NAME = 'dashboard';

export class Hub {
  readonly rpc = RpcConnection.forThisPage();
  /** Methods listed by rpc.discover; those of newer hubs (control.*, events.*) may be missing. */
  private methods = new Set<string>();
  clientId = '';
  version = '';
  /** What session.create uses for options it is not given (hub.info; older hubs do not say). */
  sessionDefaults: SessionDefaults | null = null;
  private readyListeners = new Set<() => void>();

  constructor() {
    this.rpc.onState((state) => {
      if (state === 'open') {
        void this.introduce();
      }
    });
  }

  start(): void {
    this.rpc.connect();
  }

  has(method: string): boolean {
    return this.methods.has(method);
  }

  get ready(): boolean {
    return this.clientId !== '';
  }

  /** Runs now if connected and introduced, and again after every reconnection. */
  whenReady(listener: () => void): () => void {
    this.readyListeners.add(listener);
    if (this.ready) {
      listener();
    }
    return () => this.readyListeners.delete(listener);
  }

  private async introduce(): Promise<void> {
    this.clientId = '';
    try {
      const hello = await this.rpc.call<{ clientId: string }>('client.hello', { name: CLIENT_NAME, kind: 'human' });
      const doc = await this.rpc.call<{ methods: { name: string }[] }>('rpc.discover');
      const info = await this.rpc.call<{ version: string; sessionDefaults?: SessionDefaults }>('hub.info');
      this.methods = new Set(doc.methods.map((m) => m.name));
      this.version = info.version;
      this.sessionDefaults = info.sessionDefaults ?? null;
      this.clientId = hello.clientId;
    } catch (e) {
      // a lost connection tries again by itself; anything else the person should see
      if (this.rpc.connectionState === 'open') {
        showError('The hub did not accept the dashboard', e);
      }
      return;
    }
    this.readyListeners.forEach((l) => l());
  }
}

export function isMissingMethod(e: unknown): boolean {
  return e instanceof RpcError && e.code === ErrorCode.METHOD_NOT_FOUND;
}
