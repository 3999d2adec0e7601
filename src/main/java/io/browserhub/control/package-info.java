/** Control leases: who may drive a session right now, who waits, and how leases end. */
package io.browserhub.control;
