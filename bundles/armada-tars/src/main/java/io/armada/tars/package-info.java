/**
 * Armada tars-servers API (seed 002, TarsWeb): the services deployed on nodes ({@link io.armada.tars.ServerConf}),
 * their adapters ({@link io.armada.tars.AdapterConf}), the business tree and the notify log, as
 * {@link io.armada.tars.TarsService} gives them to the REST resources, the shell and later areas (tasks, jobs).
 */
@Export
@Version("1.1.0")
package io.armada.tars;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
