package io.armada.core;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the dialect a JAX-RS resource class speaks. Core reads it from the matched resource to answer errors and
 * "not logged in" the way that resource's clients expect. A resource without it speaks {@link Dialect#CORE}.
 *
 * @since 1.0
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface WireDialect {
    Dialect value();
}
