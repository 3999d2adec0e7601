package io.browserhub.live;

import io.browserhub.browser.WebSocketFrames;
import io.browserhub.support.WireFormat;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A bare WebSocket client over a plain socket (RFC 6455, text frames only) that reads only when told to.
 * Its receive buffer is small, so once it stops reading the hub's writes back up within a few kilobytes,
 * as they would for a client on a stalled network or a frozen process.
 */
final class RawWebSocket implements AutoCloseable {

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    RawWebSocket(URI httpBase, String token) throws IOException {
        socket = new Socket();
        socket.setReceiveBufferSize(4096); // before connecting, so the TCP window stays small
        socket.connect(new InetSocketAddress(httpBase.getHost(), httpBase.getPort()), 10_000);
        socket.setSoTimeout(30_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        WireFormat.upgradeToRpc(in, out, httpBase, token);
    }

    void sendText(String text) throws IOException {
        WireFormat.write(out, WebSocketFrames.TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /** The next text message; pings and pongs are skipped, null when the server closed. */
    String readText() throws IOException {
        while (true) {
            WebSocketFrames.Frame frame = WireFormat.read(in);
            if (frame.opcode() == WebSocketFrames.CLOSE) {
                return null;
            }
            if (frame.opcode() == WebSocketFrames.TEXT) {
                if (!frame.fin()) {
                    throw new IOException("fragmented messages are not expected from the hub");
                }
                return new String(frame.payload(), StandardCharsets.UTF_8);
            }
        }
    }

    /**
     * Ends the connection as a vanished peer's TCP stack does: a reset instead of a WebSocket close or the TCP goodbye
     * (a zero linger time).
     */
    void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
