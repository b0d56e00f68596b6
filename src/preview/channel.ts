/** The typed `velvet:` event channel over Vite's HMR connection. */
import type { ViteDevServer } from 'vite';
import type { VelvetEvents } from './protocol.js';

export interface EventChannel {
  send<K extends keyof VelvetEvents>(event: K, payload: VelvetEvents[K]): void;
  close(): void;
}

export function createEventChannel(server: Pick<ViteDevServer, 'environments'>): EventChannel {
  let open = true;
  return {
    send(event, payload) {
      if (open) server.environments.client.hot.send(event as keyof VelvetEvents, payload as never);
    },
    close() {
      open = false;
    },
  };
}
