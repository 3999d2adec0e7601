/** The seam between a session and where its browser runs: {@link io.browserhub.backend.BrowserBackend} and its settings. */
package io.browserhub.backend;
