/**
 * The browser runner's worker, started by the sandbox frame (sandbox/sandbox-frame.ts) from the
 * runner's bundle (src/build/runner-bundle.ts). Each run gets a fresh one: the page boots it with
 * the modules the page uses, it warms up and says `ready`, answers one `run` with `console`
 * messages and a `result`, and is then terminated by the page (see browser-runner.ts), which also
 * releases the learner's memory.
 */
import { closeCalledMessage } from './messages.ts';
import { answer, boot, prepare, rehearse } from './worker-serve.ts';
import type { WorkerMessage, WorkerReply } from './worker-protocol.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
// Taken now, before any learner code exists: replacing self.postMessage later changes nothing here.
const postMessage = scope.postMessage.bind(scope);
const post = (reply: WorkerReply) => postMessage(reply);

/** Replaces a method of the worker scope for good; the original is kept nowhere learner code can reach. */
function withhold(name: 'close' | 'postMessage', message: string): void {
  for (const owner of [scope, Object.getPrototypeOf(scope), globalThis.WorkerGlobalScope?.prototype]) {
    if (owner && Object.hasOwn(owner, name)) {
      const refuse = () => {
        throw new Error(message);
      };
      Object.defineProperty(owner, name, { value: refuse, writable: false, configurable: false });
    }
  }
}

// close() would end the worker without a word, and the learner would wait for the time limit.
withhold('close', closeCalledMessage());
// The channel to the host is the harness's alone (results also need the run's secret).
withhold('postMessage', 'postMessage() is not available to your code: print with console.log instead.');

/** A failure to boot or rehearse, thrown where the host hears it (a worker error), not swallowed. */
const escalate = (error: unknown) =>
  setTimeout(() => {
    throw error;
  });

scope.addEventListener('message', (event: MessageEvent<WorkerMessage>) => {
  const message = event.data;
  if (message?.type === 'boot') boot(message).then(post, escalate);
  else if (message?.type === 'run') void answer(message, post).then(post);
  else if (message?.type === 'rehearse') rehearse(message.request).then(post, escalate);
  else if (message?.type === 'prepare') prepare(message.code);
});
