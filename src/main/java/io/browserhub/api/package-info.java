/** REST resources for people and curl (/api/sessions...), thin wrappers over the method table. */
package io.browserhub.api;
