package io.browserhub.support;

import java.io.ByteArrayOutputStream;
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
 * the WebSocket upgrade of /rpc, and RFC 6455 frames on the client's side (masked out, unmasked in).
 */
public final class WireFormat {

    public static final int CONTINUATION = 0x0;
    public static final int TEXT = 0x1;
    public static final int CLOSE = 0x8;
    public static final int PING = 0x9;
    public static final int PONG = 0xA;

    /** One frame as the server sent it. */
    public record Frame(boolean fin, int opcode, byte[] payload) {
    }

    private WireFormat() {
    }

    /** One line of an HTTP head, without its CR LF. */
    public static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the hub closed the connection");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
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
        int n = payload.length;
        int head = n < 126 ? 2 : n < 65536 ? 4 : 10;
        byte[] frame = new byte[head + 4 + n];
        frame[0] = (byte) (0x80 | opcode);
        if (n < 126) {
            frame[1] = (byte) (0x80 | n);
        } else if (n < 65536) {
            frame[1] = (byte) (0x80 | 126);
            frame[2] = (byte) (n >>> 8);
            frame[3] = (byte) n;
        } else {
            frame[1] = (byte) (0x80 | 127);
            for (int i = 0; i < 8; i++) {
                frame[2 + i] = (byte) ((long) n >>> (56 - 8 * i));
            }
        }
        int mask = ThreadLocalRandom.current().nextInt();
        for (int i = 0; i < 4; i++) {
            frame[head + i] = (byte) (mask >>> (24 - 8 * i));
        }
        for (int i = 0; i < n; i++) {
            frame[head + 4 + i] = (byte) (payload[i] ^ frame[head + (i & 3)]);
        }
        out.write(frame);
        out.flush();
    }

    /** The next frame, whole. */
    public static Frame read(DataInputStream in) throws IOException {
        int b0 = in.readUnsignedByte();
        int b1 = in.readUnsignedByte();
        long length = b1 & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] payload = new byte[Math.toIntExact(length)];
        in.readFully(payload);
        return new Frame((b0 & 0x80) != 0, b0 & 0x0F, payload);
    }
}
