import type { OpenLaneSocket } from './socket-client.ts';

/** The browser host serves the API next to the page: ws(s)://<same host>/api. */
export function laneSocketUrl(location: { readonly protocol: string; readonly host: string }): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api`;
}

/** Opens a real WebSocket for the socket client. */
export function browserSocket(url: string): OpenLaneSocket {
  return (handlers) => {
    const socket = new WebSocket(url);
    socket.onopen = () => handlers.opened();
    socket.onmessage = (event: MessageEvent<unknown>) => handlers.received(event.data);
    // An error is always followed by close, which is where the reconnect starts.
    socket.onclose = () => handlers.closed();
    return {
      send(text) {
        if (socket.readyState === WebSocket.OPEN) socket.send(text);
      },
      close() {
        socket.onclose = null;
        socket.close();
      },
    };
  };
}
