/**
 * Shared JPA plumbing for the server-side areas: one way to run a transaction, and one translation of database
 * failures (a duplicate key, a busy row) into exceptions an area can answer in its dialect.
 */
@Export
@Version("2.0.0")
package io.armada.persistence;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
