/** The local backend: Chromium and the Playwright driver on this machine, found, launched, watched and cleaned up. */
package io.browserhub.browser;
