package io.browserhub.security;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.impl.ConnectionBase;
import java.util.concurrent.TimeUnit;

/**
 * Lets a WebSocket's last frame reach the client. A frame Netty refuses while decoding (a single frame over the
 * 10 MB limit, say) makes Vert.x close the connection at once, without a close frame, and closing a socket that
 * still has unread input makes the kernel send a reset: the client sees a cut connection where docs/security.md
 * promises close 1009. So the refusal gets its close frame (with the code Netty chose: 1009 for a frame too big),
 * and the hub half-closes (close frame, then FIN) and keeps reading, and discarding, until the client closes too
 * or {@link #LINGER_MS} pass. Uses Vert.x's connection internals: there is no public hook into its pipeline.
 */
final class LingeringClose extends ChannelDuplexHandler {

    static final String NAME = "browserhub-lingering-close";
    static final long LINGER_MS = 3_000;

    private boolean watchingFrames;
    private boolean lingering;

    /** Installs it in front of the connection of a WebSocket upgrade request (HTTP/1.1: no other transport upgrades). */
    static void install(HttpServerRequest request) {
        if (request.connection() instanceof ConnectionBase connection && connection.channel().pipeline().get(NAME) == null) {
            connection.channel().pipeline().addFirst(NAME, new LingeringClose());
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (!watchingFrames) {
            // the frame decoder exists once the upgrade is done: watch what it refuses from the first frame on
            ChannelHandlerContext decoder = ctx.pipeline().context(WebSocketFrameDecoder.class);
            if (decoder != null) {
                ctx.pipeline().addAfter(decoder.name(), NAME + "-frames", new RefusedFrames());
                watchingFrames = true;
            }
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        if (lingering || !(ctx.channel() instanceof DuplexChannel duplex) || !ctx.channel().isActive() || duplex.isOutputShutdown()) {
            ctx.close(promise);
            return;
        }
        lingering = true;
        // what the hub wrote (the close frame) goes out before the FIN; the client's own FIN then ends the connection
        ctx.flush();
        duplex.shutdownOutput();
        ctx.channel().closeFuture().addListener(closed -> promise.trySuccess());
        ctx.executor().schedule(() -> {
            if (ctx.channel().isOpen()) {
                ctx.close();
            }
        }, LINGER_MS, TimeUnit.MILLISECONDS);
    }

    /** Answers a frame the decoder refused with the close frame the protocol asks for, before Vert.x closes. */
    private static final class RefusedFrames extends ChannelInboundHandlerAdapter {
        private boolean answered;

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof CorruptedWebSocketFrameException refused && !answered) {
                answered = true;
                String reason = refused.getMessage() == null ? refused.closeStatus().reasonText() : refused.getMessage();
                ctx.channel().writeAndFlush(new CloseWebSocketFrame(refused.closeStatus().code(),
                        reason.length() > 120 ? reason.substring(0, 120) : reason));
            }
            ctx.fireExceptionCaught(cause);
        }
    }
}
