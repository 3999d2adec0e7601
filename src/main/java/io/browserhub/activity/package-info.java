/** Per-session activity logs (activity.jsonl): who did what, when, how long, what outcome, and page events; written by one thread, paged by session.activity. */
package io.browserhub.activity;
