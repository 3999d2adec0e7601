/** The hub's configuration (@ConfigMapping on browserhub.*). */
package io.browserhub.config;
