/**
 * The browser runner's Web Worker (a module worker). Each run gets a fresh one: the page boots it
 * with the modules the page uses (loaded lazily, so a Kafka page never downloads Spark), it warms
 * up and says `ready`, answers one `run` with `console` messages and a `result`, and is then
 * terminated by the page (see browser-runner.ts), which also releases the learner's memory.
 */
import { answer, boot, prepare, rehearse } from './worker-serve.ts';
import type { WorkerMessage, WorkerReply } from './worker-protocol.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (reply: WorkerReply) => scope.postMessage(reply);

scope.addEventListener('message', (event: MessageEvent<WorkerMessage>) => {
  const message = event.data;
  if (message?.type === 'boot') void boot(message).then(post);
  else if (message?.type === 'run') void answer(message, post).then(post);
  else if (message?.type === 'rehearse') void rehearse(message.request).then(post);
  else if (message?.type === 'prepare') prepare(message.code);
});
