package io.browserhub.browser;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * A WebSocket client to one of a local Chromium's own DevTools targets, as lean as the protocol allows: the caller's
 * thread writes each message as one masked frame, one reader thread hands each whole text message on. RFC 6455, client
 * side, no extensions: what Chromium's DevTools server speaks. Used for the hot path of page commands (issue 17), where
 * the JDK's WebSocket would add its selector thread and executor to every round trip.
 */
public final class DevToolsSocket implements AutoCloseable {

    /** Chromium sends a message as one frame; an evaluate result is bounded by the hub's own limit far below this. */
    private static final int MAX_MESSAGE_BYTES = 256 * 1024 * 1024;
    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final int CONNECT_TIMEOUT_MS = 2000;

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;
    private final Thread reader;
    private volatile boolean closed;

    private DevToolsSocket(Socket socket, DataInputStream in, Consumer<byte[]> messages, Consumer<String> ended, String name)
            throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = in;
        this.reader = new Thread(() -> read(messages, ended), name);
        reader.setDaemon(true);
    }

    /**
     * Connects to {@code ws://host:port/path}. {@code messages} gets every text message, {@code ended} the reason once
     * the connection is gone (whoever closed it); both on the reader thread.
     */
    public static DevToolsSocket open(String host, int port, String path, Consumer<byte[]> messages, Consumer<String> ended,
                                      String threadName) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(CONNECT_TIMEOUT_MS);
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 64 * 1024));
            upgrade(socket.getOutputStream(), in, host, port, path);
            socket.setSoTimeout(0);
            DevToolsSocket opened = new DevToolsSocket(socket, in, messages, ended, threadName);
            opened.reader.start();
            return opened;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private static void upgrade(OutputStream out, DataInputStream in, String host, int port, String path) throws IOException {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String key = Base64.getEncoder().encodeToString(nonce);
        out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: " + key + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String status = WebSocketFrames.line(in);
        if (!status.startsWith("HTTP/1.1 101")) {
            throw new IOException("DevTools refused the WebSocket for " + path + ": " + status);
        }
        String accept = null;
        for (String header = WebSocketFrames.line(in); !header.isEmpty(); header = WebSocketFrames.line(in)) {
            if (header.regionMatches(true, 0, "Sec-WebSocket-Accept:", 0, 21)) {
                accept = header.substring(21).trim();
            }
        }
        if (!expectedAccept(key).equals(accept)) {
            throw new IOException("DevTools answered the WebSocket upgrade for " + path + " with a wrong Sec-WebSocket-Accept");
        }
    }

    private static String expectedAccept(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            return Base64.getEncoder().encodeToString(sha1.digest((key + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends one text message from the calling thread; IOException once the connection is gone. Any thread. */
    public void send(byte[] text) throws IOException {
        frame(WebSocketFrames.TEXT, text);
    }

    private void frame(int opcode, byte[] payload) throws IOException {
        if (closed) {
            throw new IOException("the DevTools connection is closed");
        }
        byte[] frame = WebSocketFrames.clientFrame(opcode, payload);
        synchronized (this) {
            out.write(frame);
            out.flush();
        }
    }

    private void read(Consumer<byte[]> messages, Consumer<String> ended) {
        String why = "closed by the hub";
        try {
            ByteArrayOutputStream message = new ByteArrayOutputStream(512);
            while (!closed) {
                WebSocketFrames.Frame frame = WebSocketFrames.read(in, MAX_MESSAGE_BYTES - message.size());
                switch (frame.opcode()) {
                    case WebSocketFrames.CONTINUATION, WebSocketFrames.TEXT, WebSocketFrames.BINARY -> {
                        message.write(frame.payload());
                        if (frame.fin()) {
                            byte[] whole = message.toByteArray();
                            message.reset();
                            messages.accept(whole);
                        }
                    }
                    case WebSocketFrames.CLOSE -> throw new EOFException("DevTools closed the connection");
                    case WebSocketFrames.PING -> frame(WebSocketFrames.PONG, frame.payload());
                    default -> {
                        // a pong: nothing was pinged
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            if (!closed) {
                why = e instanceof EOFException ? "DevTools closed the connection" : e.toString();
            }
        } finally {
            closed = true;
            closeQuietly();
            ended.accept(why);
        }
    }

    /** Whether the connection is gone. Any thread. */
    public boolean closed() {
        return closed;
    }

    /** Closes the connection; the reader thread ends and reports it. Any thread, any number of times. */
    @Override
    public void close() {
        closed = true;
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
