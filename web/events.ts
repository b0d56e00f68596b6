/** The server's `velvet:` events (Server-Sent Events); the stream reconnects by itself after a restart. */
import { EVENTS_PATH, type VelvetEvents } from '../src/preview/protocol.js';
import { token } from './api.js';

type Handlers = { [K in keyof VelvetEvents]?: (payload: VelvetEvents[K]) => void };

/** Opens the stream and calls the handler of each event that arrives; returns a function that closes it. */
export function subscribe(handlers: Handlers): () => void {
  const source = new EventSource(`${EVENTS_PATH}?token=${encodeURIComponent(token)}`);
  for (const [name, handler] of Object.entries(handlers)) {
    source.addEventListener(name, (event) => {
      let payload: unknown;
      try {
        payload = JSON.parse((event as MessageEvent<string>).data);
      } catch {
        return;
      }
      (handler as (p: unknown) => void)(payload);
    });
  }
  return () => source.close();
}
