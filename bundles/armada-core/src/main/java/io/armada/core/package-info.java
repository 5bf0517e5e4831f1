/**
 * Armada core API: the wire dialects every area speaks, the error type they all throw, the token service, and the
 * component property types an area resource uses to join the shared JAX-RS application.
 */
@Export
@Version("1.5.0")
package io.armada.core;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
