package io.armada.files.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** PID {@code io.armada.files}. */
@ObjectClassDefinition(name = "Armada files", description = "File records and files uploaded to the server (seed 000)")
public @interface FilesConfiguration {

    @AttributeDefinition(description = "Folder of uploaded files; empty: ${armada.data}/files")
    String folder() default "";

    @AttributeDefinition(description = "Base URL nodes use to download uploaded files (the address of their records), "
            + "for example https://armada.example:8443; empty: the base URL the uploading client used")
    String public_url() default "";
}
