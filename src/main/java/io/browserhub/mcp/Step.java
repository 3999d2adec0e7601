package io.browserhub.mcp;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One method of the table with its parameters, as one step of a tool that takes several. */
record Step(String method, ObjectNode params) {
}
