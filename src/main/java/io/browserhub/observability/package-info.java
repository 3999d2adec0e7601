/** Metrics (/q/metrics) and the command log line, both hanging off the dispatcher's CommandListener seam. */
package io.browserhub.observability;
