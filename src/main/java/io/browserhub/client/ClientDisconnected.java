package io.browserhub.client;

/** CDI event: a connection closed; whatever it held (control leases, subscriptions) ends with it. */
public record ClientDisconnected(Client client) {
}
