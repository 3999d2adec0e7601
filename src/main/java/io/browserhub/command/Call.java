package io.browserhub.command;

import io.browserhub.client.Client;

/** One method invocation: who calls, with which (already validated) parameters. */
public record Call(String method, Client client, Params params) {
}
