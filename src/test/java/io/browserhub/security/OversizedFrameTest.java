package io.browserhub.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.browserhub.support.Hub;
import io.browserhub.support.RpcClient;
import io.quarkus.test.junit.QuarkusTest;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * One WebSocket frame that says it carries more than the 10 MB limit: the client gets close 1009 (message too big),
 * as documented, not a connection cut by a reset; other connections carry on.
 */
@QuarkusTest
class OversizedFrameTest {

    @Test
    void aSingleFrameOverTheLimitIsAnsweredWithClose1009() throws Exception {
        try (RpcClient other = Hub.connect(); Socket socket = new Socket("127.0.0.1", Hub.base().getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            out.write(("GET /rpc HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                    + "Authorization: Bearer " + Hub.TOKEN + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = readHead(in);
            assertEquals("HTTP/1.1 101 Switching Protocols", status);

            long length = 11L << 20;
            byte[] header = new byte[14];
            header[0] = (byte) 0x81; // final text frame
            header[1] = (byte) (0x80 | 127); // masked, 64-bit length
            for (int i = 0; i < 8; i++) {
                header[2 + i] = (byte) (length >>> (56 - 8 * i));
            }
            out.write(header); // mask key: the last four bytes, zero
            byte[] chunk = new byte[64 * 1024];
            try {
                for (int i = 0; i < 40; i++) {
                    out.write(chunk);
                }
                out.flush();
            } catch (IOException cut) {
                // the hub may stop reading once it has answered; what it answered is what counts
            }
            int opcode = in.readUnsignedByte() & 0x0f;
            int payload = in.readUnsignedByte() & 0x7f;
            assertEquals(0x8, opcode, "a close frame");
            byte[] body = new byte[payload];
            in.readFully(body);
            assertEquals(1009, ((body[0] & 0xff) << 8) | (body[1] & 0xff), new String(body, 2, body.length - 2, StandardCharsets.UTF_8));
            assertNotNull(other.call("hub.info").get("version"), "another client carries on");
        }
    }

    private static String readHead(DataInputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            head.append((char) in.readUnsignedByte());
        }
        return head.toString().lines().findFirst().orElse("");
    }
}
