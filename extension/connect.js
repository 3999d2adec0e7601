// The extension's own page: confirms a pairing that a hub page asked for (a web page cannot click here), shows the
// current pairing, or explains how to pair.
const $ = (id) => document.getElementById(id);

async function ask(type) {
  const answer = await chrome.runtime.sendMessage({ type });
  if (answer?.error) {
    throw new Error(answer.error);
  }
  return answer;
}

async function show() {
  const { pending, paired, state } = await ask('describe');
  $('pending').hidden = !pending;
  $('paired').hidden = Boolean(pending) || !paired;
  $('unpaired').hidden = Boolean(pending || paired);
  if (pending) {
    $('pending-hub').textContent = pending.hub;
    $('pending-session').textContent = pending.session;
    $('confirm').focus();
  } else if (paired) {
    $('paired-hub').textContent = paired.hub;
    $('paired-session').textContent = paired.session;
    $('paired-state').textContent = state === 'connected' ? 'connected' : 'not reachable now; reconnecting';
    $('paired-page').textContent = `${paired.hub}/extension`;
    $('paired-page').href = `${paired.hub}/extension`;
  }
}

function failed(e) {
  $('error').hidden = false;
  $('error').textContent = e instanceof Error ? e.message : String(e);
}

$('confirm').addEventListener('click', () => ask('confirm').then(() => window.close(), failed));
$('cancel').addEventListener('click', () => ask('cancel').then(() => window.close(), failed));
$('unpair').addEventListener('click', () => ask('unpair').then(show, failed));
show().catch(failed);
