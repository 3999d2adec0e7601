/** Screencast fan-out: one CDP screencast per watched tab, frames encoded once, a window of unacknowledged frames per viewer. */
package io.browserhub.live.screencast;
