/** The method table: every JSON-RPC method declared once with typed parameters, one class per family of page commands, and the dispatcher every door goes through. */
package io.browserhub.command;
