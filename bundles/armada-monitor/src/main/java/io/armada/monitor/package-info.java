/**
 * Armada monitor API (seed 003): the service interfaces and DTOs other bundles and the shell use.
 */
@Export
@Version("2.0.0")
package io.armada.monitor;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
