package io.browserhub.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.browserhub.support.HubProcess;
import io.browserhub.support.RpcClient;
import io.browserhub.support.RpcError;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * JSON-RPC over the /rpc WebSocket with the leanest possible client: one blocking socket, a request written as one
 * masked frame, frames read on the same thread until the response with its id comes. Like Python's websocket-client
 * or a Go program's, and unlike the JDK's WebSocket, which passes every message between its selector thread, an
 * executor and the caller. The WebSocket twin of {@link RawHttpRpc}.
 */
final class RawWsRpc implements AutoCloseable {

    private static final int TEXT = 0x1;
    private static final int CONTINUATION = 0x0;
    private static final int CLOSE = 0x8;
    private static final int PING = 0x9;
    private static final int PONG = 0xA;

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;
    private long ids;

    RawWsRpc(URI hubBase) throws IOException {
        this.socket = new Socket(hubBase.getHost(), hubBase.getPort());
        socket.setTcpNoDelay(true);
        this.out = socket.getOutputStream();
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String request = "GET /rpc HTTP/1.1\r\nHost: " + hubBase.getHost() + ":" + hubBase.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
                + Base64.getEncoder().encodeToString(nonce) + "\r\nAuthorization: Bearer " + HubProcess.TOKEN + "\r\n\r\n";
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String status = line();
        if (!status.startsWith("HTTP/1.1 101")) {
            throw new IOException("WebSocket upgrade refused: " + status);
        }
        while (!line().isEmpty()) {
            // the upgrade's headers: nothing in them changes what follows
        }
    }

    JsonNode call(String method, Map<String, Object> params) {
        try {
            long id = ++ids;
            send(RpcClient.JSON.writeValueAsBytes(Map.of("jsonrpc", "2.0", "id", id, "method", method, "params", params)));
            while (true) {
                JsonNode message = RpcClient.JSON.readTree(receive());
                if (message.path("id").asLong(-1) != id) {
                    continue; // a notification (an event the connection subscribed to): not this call's answer
                }
                if (message.has("error")) {
                    throw new RpcError(message.get("error"));
                }
                return message.get("result");
            }
        } catch (IOException e) {
            throw new IllegalStateException(method + ": " + e, e);
        }
    }

    /** One text frame, masked as a client's must be, written with one call. */
    private void send(byte[] payload) throws IOException {
        int n = payload.length;
        int head = n < 126 ? 2 : n < 65536 ? 4 : 10;
        byte[] frame = new byte[head + 4 + n];
        frame[0] = (byte) (0x80 | TEXT);
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

    /** The next whole text message; answers pings, refuses a close. */
    private byte[] receive() throws IOException {
        ByteArrayOutputStream message = new ByteArrayOutputStream(256);
        while (true) {
            int b0 = in.readUnsignedByte();
            int b1 = in.readUnsignedByte();
            long length = b1 & 0x7F;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            byte[] payload = in.readNBytes((int) length);
            int opcode = b0 & 0x0F;
            switch (opcode) {
                case TEXT, CONTINUATION -> {
                    message.write(payload);
                    if ((b0 & 0x80) != 0) {
                        return message.toByteArray();
                    }
                }
                case PING -> pong(payload);
                case PONG -> {
                    // an answer to nothing we sent: ignored
                }
                case CLOSE -> throw new IOException("the hub closed the WebSocket");
                default -> {
                    // a binary screencast frame: not subscribed to here, and not an answer
                }
            }
        }
    }

    private void pong(byte[] payload) throws IOException {
        byte[] frame = new byte[2 + 4 + payload.length];
        frame[0] = (byte) (0x80 | PONG);
        frame[1] = (byte) (0x80 | payload.length);
        System.arraycopy(payload, 0, frame, 6, payload.length); // mask key 0: the payload goes as is
        out.write(frame);
        out.flush();
    }

    private String line() throws IOException {
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

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
