/** Scheduled jobs: the idle reaper and the stuck-command watchdog. */
package io.browserhub.reaper;
