package io.armada.core;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Component property type: the service property {@code armada.area} that names the area a JAX-RS resource belongs
 * to. {@code /health} lists the areas whose resources are live, and {@code /openapi.json} tags routes with it.
 *
 * @since 1.0
 */
@ComponentPropertyType
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface ArmadaArea {
    /** Service property name. */
    String NAME = "armada.area";

    /** The area, e.g. {@code blocklists}. */
    String value();
}
