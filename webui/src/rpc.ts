// JSON-RPC 2.0 over the hub's WebSocket (/rpc): requests, server notifications and binary screencast frames.
// The socket authenticates with the dashboard's HttpOnly cookie, so no token ever reaches this code.

export class RpcError extends Error {
  constructor(readonly method: string, readonly code: number, message: string, readonly data: Record<string, unknown> = {}) {
    super(message);
    this.name = 'RpcError';
  }

  /** The protocol's error name, e.g. CONTROL_HELD. */
  get kind(): string {
    return typeof this.data.kind === 'string' ? this.data.kind : String(this.code);
  }
}

export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'unauthorized';

/** WebSocket close code the hub uses for a missing or wrong token (docs/security.md). */
const CLOSE_UNAUTHORIZED = 4401;

interface Pending {
  method: string;
  resolve: (value: unknown) => void;
  reject: (error: RpcError) => void;
}

type NotificationListener = (method: string, params: Record<string, unknown>) => void;
type BinaryListener = (message: ArrayBuffer) => void;
type StateListener = (state: ConnectionState, detail: string) => void;

export class RpcConnection {
  private socket: WebSocket | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly notificationListeners = new Set<NotificationListener>();
  private readonly binaryListeners = new Set<BinaryListener>();
  private readonly stateListeners = new Set<StateListener>();
  private retryMs = 500;
  private state: ConnectionState = 'connecting';

  constructor(private readonly url: string) {}

  static forThisPage(): RpcConnection {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    return new RpcConnection(`${scheme}//${location.host}/rpc`);
  }

  connect(): void {
    const socket = new WebSocket(this.url);
    socket.binaryType = 'arraybuffer';
    this.socket = socket;
    socket.onopen = () => {
      this.retryMs = 500;
      this.setState('open', '');
    };
    socket.onmessage = (e) => this.receive(e.data);
    socket.onclose = (e) => {
      this.socket = null;
      this.failPending(e.code === CLOSE_UNAUTHORIZED ? 'You are not signed in.' : 'The connection to the hub was lost.');
      if (e.code === CLOSE_UNAUTHORIZED) {
        this.setState('unauthorized', e.reason);
        return;
      }
      this.setState('reconnecting', e.reason || `closed with code ${e.code}`);
      setTimeout(() => this.connect(), this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, 10_000);
    };
  }

  get connectionState(): ConnectionState {
    return this.state;
  }

  call<T = Record<string, unknown>>(method: string, params: object = {}): Promise<T> {
    const socket = this.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) {
      return Promise.reject(new RpcError(method, 0, 'Not connected to the hub; it reconnects by itself.'));
    }
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { method, resolve: resolve as (v: unknown) => void, reject });
      socket.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
    });
  }

  /** A request without an id: the hub sends no answer. */
  notify(method: string, params: object): void {
    if (this.socket?.readyState === WebSocket.OPEN) {
      this.socket.send(JSON.stringify({ jsonrpc: '2.0', method, params }));
    }
  }

  onNotification(listener: NotificationListener): () => void {
    this.notificationListeners.add(listener);
    return () => this.notificationListeners.delete(listener);
  }

  onBinary(listener: BinaryListener): () => void {
    this.binaryListeners.add(listener);
    return () => this.binaryListeners.delete(listener);
  }

  onState(listener: StateListener): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  private setState(state: ConnectionState, detail: string): void {
    this.state = state;
    this.stateListeners.forEach((l) => l(state, detail));
  }

  private receive(data: unknown): void {
    if (data instanceof ArrayBuffer) {
      this.binaryListeners.forEach((l) => l(data));
      return;
    }
    let message: unknown;
    try {
      message = JSON.parse(String(data));
    } catch {
      console.warn('browserhub: a message from the hub is not JSON');
      return;
    }
    for (const m of Array.isArray(message) ? message : [message]) {
      this.dispatch(m as Record<string, unknown>);
    }
  }

  private dispatch(m: Record<string, unknown>): void {
    if (typeof m.method === 'string' && m.id === undefined) {
      const params = (m.params ?? {}) as Record<string, unknown>;
      this.notificationListeners.forEach((l) => l(m.method as string, params));
      return;
    }
    const p = typeof m.id === 'number' ? this.pending.get(m.id) : undefined;
    if (!p) {
      return;
    }
    this.pending.delete(m.id as number);
    const error = m.error as { code: number; message: string; data?: Record<string, unknown> } | undefined;
    if (error) {
      p.reject(new RpcError(p.method, error.code, error.message, error.data ?? {}));
    } else {
      p.resolve(m.result);
    }
  }

  private failPending(message: string): void {
    for (const p of this.pending.values()) {
      p.reject(new RpcError(p.method, 0, message));
    }
    this.pending.clear();
  }
}
