/** Who is calling: one Client per connection (or named HTTP client), with a name and a kind (agent or human). */
package io.browserhub.client;
