/** Access token, Origin and Host checks, message limits and the dashboard sign-in: the guard in front of every endpoint. */
package io.browserhub.security;
