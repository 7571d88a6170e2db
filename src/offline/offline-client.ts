/**
 * The page's side of offline use (on every page of a built site). After the page has loaded it
 * registers the service worker (service-worker.ts), which keeps the whole site: not on a Save-Data
 * connection, as that is a few megabytes. It says once that the course is kept on this device,
 * offers a new version when one has been kept (never applied behind the reader's back), and loads
 * the sandbox page once so the browser's cache holds it for exercises run offline.
 */
import { sandboxUrl } from '../components/sandbox-page.ts';
import { sandboxIframe } from '../runner/sandbox/sandbox-iframe.ts';
import { showNotice } from './notice.ts';

const base = import.meta.env.BASE_URL.replace(/\/?$/, '/');
const KEPT_SAID = 'sai:offline:said';
const SANDBOX_KEPT = 'sai:offline:sandbox';

type Connection = { saveData?: boolean };

function remember(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // storage refused (private mode, quota): the notice may show again, nothing else changes
  }
}
const recall = (key: string): string | null => {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
};

/** The sandbox page, loaded once into the browser's cache (see src/components/sandbox-page.ts). */
function keepSandboxPage(): void {
  const url = sandboxUrl();
  if (recall(SANDBOX_KEPT) === url) return;
  const frame = sandboxIframe(url);
  frame.addEventListener('load', () => {
    remember(SANDBOX_KEPT, url);
    frame.remove();
  });
  document.body.append(frame);
}

function kept(): void {
  keepSandboxPage();
  if (recall(KEPT_SAID)) return;
  remember(KEPT_SAID, '1');
  showNotice('Saved on this device: every lesson and exercise now works offline.');
}

let updating = false;
function offerUpdate(waiting: ServiceWorker): void {
  showNotice('A new version of SAI Labs is ready.', {
    label: 'Reload',
    run: () => {
      updating = true;
      waiting.postMessage({ type: 'take-over' });
    },
  });
}

function watch(worker: ServiceWorker | null): void {
  if (!worker || worker.state !== 'installing') return;
  worker.addEventListener('statechange', () => {
    if (worker.state !== 'installed') return;
    if (navigator.serviceWorker.controller) offerUpdate(worker);
    else kept();
  });
}

async function start(): Promise<void> {
  const registration = await navigator.serviceWorker.register(`${base}sw.js`, { scope: base });
  const hadController = navigator.serviceWorker.controller !== null;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (updating) location.reload();
    // (The first version taking this page over, right after it was kept, is no news.)
    else if (hadController) showNotice('SAI Labs was updated in another tab.', { label: 'Reload', run: () => location.reload() });
  });
  if (registration.waiting && hadController) offerUpdate(registration.waiting);
  if (registration.active && hadController) keepSandboxPage();
  watch(registration.installing);
  registration.addEventListener('updatefound', () => watch(registration.installing));
}

const saveData = (navigator as Navigator & { connection?: Connection }).connection?.saveData === true;
if (import.meta.env.PROD && 'serviceWorker' in navigator && !saveData) {
  const later = () => setTimeout(() => void start().catch((error: unknown) => console.warn('Offline use is not available:', error)), 1000);
  if (document.readyState === 'complete') later();
  else addEventListener('load', later, { once: true });
}
