package io.browserhub.bench;

import io.browserhub.browser.WebSocketFrames;
import com.fasterxml.jackson.databind.JsonNode;
import io.browserhub.support.HubProcess;
import io.browserhub.support.RpcClient;
import io.browserhub.support.RpcError;
import io.browserhub.support.WireFormat;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.util.Map;

/**
 * JSON-RPC over the /rpc WebSocket with the leanest possible client: one blocking socket, a request written as one
 * masked frame, frames read on the same thread until the response with its id comes. Like Python's websocket-client
 * or a Go program's, and unlike the JDK's WebSocket, which passes every message between its selector thread, an
 * executor and the caller. The WebSocket twin of {@link RawHttpRpc}.
 */
final class RawWsRpc implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;
    private long ids;

    RawWsRpc(URI hubBase) throws IOException {
        this.socket = new Socket(hubBase.getHost(), hubBase.getPort());
        socket.setTcpNoDelay(true);
        this.out = socket.getOutputStream();
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        WireFormat.upgradeToRpc(in, out, hubBase, HubProcess.TOKEN);
    }

    JsonNode call(String method, Map<String, Object> params) {
        long id = send(method, params);
        while (true) {
            JsonNode message = answer(method);
            if (message.path("id").asLong(-1) == id) {
                return message.get("result");
            }
            // an answer to a request sent earlier with send: not this call's
        }
    }

    /** Sends a request without waiting for its answer (pipelining); its id. */
    long send(String method, Map<String, Object> params) {
        try {
            long id = ++ids;
            WireFormat.write(out, WebSocketFrames.TEXT, RpcClient.JSON.writeValueAsBytes(Map.of("jsonrpc", "2.0", "id", id, "method", method, "params", params)));
            return id;
        } catch (IOException e) {
            throw new IllegalStateException(method + ": " + e, e);
        }
    }

    /** The next answer to any request of this client, in the order the hub sends them; an error answer throws. */
    JsonNode answer(String method) {
        try {
            while (true) {
                JsonNode message = RpcClient.JSON.readTree(receive());
                if (!message.has("id")) {
                    continue; // a notification (an event the connection subscribed to): not an answer
                }
                if (message.has("error")) {
                    throw new RpcError(message.get("error"));
                }
                return message;
            }
        } catch (IOException e) {
            throw new IllegalStateException(method + ": " + e, e);
        }
    }

    /** The next whole text message; answers pings, refuses a close. */
    private byte[] receive() throws IOException {
        ByteArrayOutputStream message = new ByteArrayOutputStream(256);
        while (true) {
            WebSocketFrames.Frame frame = WireFormat.read(in);
            switch (frame.opcode()) {
                case WebSocketFrames.TEXT, WebSocketFrames.CONTINUATION -> {
                    message.write(frame.payload());
                    if (frame.fin()) {
                        return message.toByteArray();
                    }
                }
                case WebSocketFrames.PING -> WireFormat.write(out, WebSocketFrames.PONG, frame.payload());
                case WebSocketFrames.PONG -> {
                    // an answer to nothing we sent: ignored
                }
                case WebSocketFrames.CLOSE -> throw new IOException("the hub closed the WebSocket");
                default -> {
                    // a binary screencast frame: not subscribed to here, and not an answer
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
