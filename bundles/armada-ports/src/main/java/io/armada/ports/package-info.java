/**
 * Armada ports API (seed 000, tars auto_port): per-agent port allocation and the free-port finder
 * ({@link io.armada.ports.PortService}), and the directory of port owners that the agents area provides
 * ({@link io.armada.ports.PortOwners}).
 */
@Export
@Version("1.1.0")
package io.armada.ports;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
