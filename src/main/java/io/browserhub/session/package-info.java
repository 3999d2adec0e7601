/** Sessions: the registry, each session's lifecycle and its actor thread that owns its browser, the tabs, and the data directory on disk. */
package io.browserhub.session;
