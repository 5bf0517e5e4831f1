/**
 * Armada jobs API (seed 001, JOBX): projects (named sets of nodes), jobs (named lists of steps), machine groups split
 * into batches, and the audit log, as {@link io.armada.jobs.JobsService} gives them to the REST resources and the
 * shell.
 */
@Export
@Version("1.1.0")
package io.armada.jobs;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
