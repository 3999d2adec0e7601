/**
 * The Selenium Grid 4 backend (placement "grid"): a session's Chrome runs on a Grid node, on a profile that lives on
 * that node, and Playwright drives it over the Grid's {@code se:cdp} endpoint. The Grid places browsers; the hub keeps
 * the session map, the doors, leases and logs (docs/scale-out.md).
 */
package io.browserhub.grid;
