/**
 * Armada files API (seed 000): file records keyed by md5, files uploaded to the server, their download.
 */
@Export
@Version("1.1.0")
package io.armada.files;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
