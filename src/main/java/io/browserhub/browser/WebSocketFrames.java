package io.browserhub.browser;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * RFC 6455 as a client writes and reads it on a bare socket: lines of the HTTP upgrade's head, frames masked out and
 * unmasked in. The hub's own DevTools connection uses it, and so do the tests' and the benchmark's bare clients.
 */
public final class WebSocketFrames {

    public static final int CONTINUATION = 0x0;
    public static final int TEXT = 0x1;
    public static final int BINARY = 0x2;
    public static final int CLOSE = 0x8;
    public static final int PING = 0x9;
    public static final int PONG = 0xA;

    /** One frame as the server sent it. */
    public record Frame(boolean fin, int opcode, byte[] payload) {
    }

    private WebSocketFrames() {
    }

    /** One line of an HTTP head, without its CR LF; EOFException when the server closes first. */
    public static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("the server closed the connection");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    /** One final frame, masked as a client's must be, ready to be written with one call. */
    public static byte[] clientFrame(int opcode, byte[] payload) {
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
        return frame;
    }

    /** The next frame, whole; IOException for a masked one (a server's never is) or one larger than {@code maxBytes}. */
    public static Frame read(DataInputStream in, long maxBytes) throws IOException {
        int b0 = in.readUnsignedByte();
        int b1 = in.readUnsignedByte();
        long length = b1 & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        if ((b1 & 0x80) != 0 || length < 0 || length > maxBytes) {
            throw new IOException("a frame a client does not take (masked, or larger than " + maxBytes + " bytes)");
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        return new Frame((b0 & 0x80) != 0, b0 & 0x0F, payload);
    }
}
