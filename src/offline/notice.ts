/**
 * A short message at the bottom of the screen about the site itself (kept for offline use, a new
 * version ready), with at most one action and a way to close it. One at a time: a newer one
 * replaces the one showing. Announced politely; never takes focus from the reader. Its styles are
 * in notice.css, a site-wide stylesheet (astro.config.mjs).
 */

export type NoticeAction = { label: string; run: () => void };

let current: HTMLElement | undefined;

export function showNotice(text: string, action?: NoticeAction): void {
  current?.remove();
  const notice = document.createElement('div');
  notice.className = 'sai-notice';
  notice.setAttribute('role', 'status');
  notice.dataset.notice = '';
  const message = document.createElement('p');
  message.textContent = text;
  notice.append(message);
  const buttons = document.createElement('div');
  buttons.className = 'sai-notice__actions';
  if (action) buttons.append(button(action.label, 'sai-notice__button sai-notice__button--primary', action.run));
  buttons.append(button(action ? 'Later' : 'OK', 'sai-notice__button', () => closeNotice()));
  notice.append(buttons);
  document.body.append(notice);
  current = notice;
}

export function closeNotice(): void {
  current?.remove();
  current = undefined;
}

function button(label: string, className: string, run: () => void): HTMLButtonElement {
  const element = document.createElement('button');
  element.type = 'button';
  element.className = className;
  element.textContent = label;
  element.addEventListener('click', run);
  return element;
}
