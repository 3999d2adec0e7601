/** Readiness and liveness checks (/q/health). */
package io.browserhub.health;
