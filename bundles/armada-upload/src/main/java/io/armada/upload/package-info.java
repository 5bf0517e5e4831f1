/**
 * Uploads as streams, shared by the areas that take them (files, tars): {@link io.armada.upload.MultipartReader}
 * reads a {@code multipart/form-data} body part after part on Jetty's parser, {@link io.armada.upload.StagingFile}
 * streams an upload into a staging file of the area's folder while its md5 is computed. A library package (no services): an
 * area imports it, and its feature installs this bundle.
 */
@Export
@Version("1.1.0")
package io.armada.upload;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
