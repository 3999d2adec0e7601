// The dashboard: a hash router over two views, the connection status, and the hub's name in the top bar.
import './style.css';
import { Hub } from './hub';
import { banner, CONNECTION_KEY, resolveToasts, setText } from './ui';
import { SessionView } from './views/session';
import { SessionsView } from './views/sessions';
import { View } from './views/view';

const hub = new Hub();
const main = document.getElementById('view')!;
let current: View | null = null;

function route(): void {
  current?.dispose();
  const m = /^#\/s\/(.+)$/.exec(location.hash);
  current = m ? new SessionView(hub, decodeURIComponent(m[1])) : new SessionsView(hub);
  main.replaceChildren(current.element);
  document.title = `${current.title} · browserhub`;
  // keyboard and screen-reader users land on the new view's heading
  (current.element.querySelector('h1') as HTMLElement | null)?.focus({ preventScroll: true });
}

const connection = document.getElementById('connection')!;
hub.rpc.onState((state, detail) => {
  connection.dataset.state = state;
  switch (state) {
    case 'open':
      setText(connection, 'connected');
      banner(null);
      resolveToasts(CONNECTION_KEY);
      break;
    case 'reconnecting':
      setText(connection, 'reconnecting…');
      banner(`The connection to the hub was lost (${detail}); reconnecting. Is the hub still running?`);
      break;
    case 'unauthorized':
      setText(connection, 'signed out');
      banner('This browser is not signed in to the hub. Open the link the hub printed when it started '
        + '(http://127.0.0.1:9333/?token=…); the token is also in the file “token” of the data directory the hub '
        + 'printed (~/.browserhub by default, target/dev-data under ./mvnw quarkus:dev).');
      break;
    default:
      setText(connection, 'connecting…');
  }
});
hub.whenReady(() => setText(document.getElementById('hub-info')!, `v${hub.version}`));

window.addEventListener('hashchange', route);
hub.start();
route();
