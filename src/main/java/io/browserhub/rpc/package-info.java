/** The JSON-RPC 2.0 wire: framing (requests, batches, notifications, errors), the WebSocket and HTTP endpoints, and how core types look as JSON. */
package io.browserhub.rpc;
