/** What happens in a session, as a sealed family of plain records; named and encoded for the wire in live/. */
package io.browserhub.session.event;
