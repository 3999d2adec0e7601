package io.browserhub.security;

import io.vertx.core.http.HttpServerRequest;

/**
 * A route that checks its callers' Origin and credential itself instead of the hub's token: the extension relay's
 * socket, which only the browserhub extension opens (Origin {@code chrome-extension://<its id>}), with a credential
 * of its own that the person handed it when pairing. {@link RequestGuard} still checks Host for it.
 */
public interface SeparatelyAuthenticated {

    /** True for the requests this route authenticates itself; cheap, called for every request. */
    boolean handles(HttpServerRequest request);
}
