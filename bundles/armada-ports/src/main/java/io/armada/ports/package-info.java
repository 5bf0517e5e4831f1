/**
 * Armada ports API (seed 000): the service interfaces and DTOs other bundles and the shell use.
 */
@Export
@Version("1.0.0")
package io.armada.ports;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
