package io.browserhub.live.screencast;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.browserhub.live.Notification;
import io.browserhub.session.Frame;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A frame encoded once for every viewer: the binary message of docs/protocol.md ([4-byte big-endian header
 * length][UTF-8 JSON header][image]) and, made on first use, the base64 screencast.frame notification for text viewers.
 */
final class CastFrame {

    final long seq;
    final byte[] binary;
    private final ObjectNode header;
    private final byte[] image;
    private final ObjectMapper json;
    private volatile Notification notification;

    CastFrame(String session, long seq, Frame frame, ObjectMapper json) {
        this.seq = seq;
        this.json = json;
        this.image = frame.image();
        this.header = json.createObjectNode()
                .put("type", "screencast.frame")
                .put("session", session)
                .put("tab", frame.tab())
                .put("seq", seq)
                .put("ts", frame.capturedAtMs())
                .put("width", frame.width())
                .put("height", frame.height())
                .put("format", frame.format());
        byte[] head = header.toString().getBytes(StandardCharsets.UTF_8);
        this.binary = ByteBuffer.allocate(4 + head.length + image.length).putInt(head.length).put(head).put(image).array();
    }

    Notification notification() {
        Notification n = notification;
        if (n == null) {
            ObjectNode params = header.deepCopy();
            params.remove("type");
            params.put("data", Base64.getEncoder().encodeToString(image));
            n = new Notification("screencast.frame", params.toString());
            notification = n;
        }
        return n;
    }
}
