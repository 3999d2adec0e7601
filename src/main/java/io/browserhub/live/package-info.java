/** What flows to connected clients as it happens: session events (named and encoded here), per-connection outboxes. */
package io.browserhub.live;
