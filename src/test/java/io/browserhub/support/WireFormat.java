package io.browserhub.support;

import io.browserhub.browser.WebSocketFrames;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What the bare-socket clients of the tests and the benchmark write and read themselves: lines of an HTTP/1.1 head,
 * the WebSocket upgrade of /rpc, and RFC 6455 frames on the client's side (masked out, unmasked in), as the hub's own
 * DevTools client writes them ({@link WebSocketFrames}: its opcodes and frames).
 */
public final class WireFormat {

    private WireFormat() {
    }

    /** One line of an HTTP head, without its CR LF. */
    public static String line(InputStream in) throws IOException {
        return WebSocketFrames.line(in);
    }

    /** Upgrades this connection to the /rpc WebSocket with the token; IOException unless the hub answers 101. */
    public static void upgradeToRpc(InputStream in, OutputStream out, URI httpBase, String token) throws IOException {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String request = "GET /rpc HTTP/1.1\r\nHost: " + httpBase.getHost() + ":" + httpBase.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
                + Base64.getEncoder().encodeToString(nonce) + "\r\nAuthorization: Bearer " + token + "\r\n\r\n";
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String status = line(in);
        if (!status.startsWith("HTTP/1.1 101")) {
            throw new IOException("No WebSocket upgrade: " + status);
        }
        while (!line(in).isEmpty()) {
            // the upgrade's headers: nothing in them changes what follows
        }
    }

    /** One final frame, masked as a client's must be, written with one call. */
    public static void write(OutputStream out, int opcode, byte[] payload) throws IOException {
        out.write(WebSocketFrames.clientFrame(opcode, payload));
        out.flush();
    }

    /** The next frame, whole. */
    public static WebSocketFrames.Frame read(DataInputStream in) throws IOException {
        return WebSocketFrames.read(in, Integer.MAX_VALUE);
    }
}
