/**
 * Armada scheduler API (seed 000, SPEC §10.3): scheduled jobs of steps ({@code http}, {@code agents-task}) fired by
 * Quartz on its clustered JDBC job store, with every run recorded.
 */
@Export
@Version("1.0.0")
package io.armada.scheduler;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
