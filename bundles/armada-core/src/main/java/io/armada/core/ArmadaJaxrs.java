package io.armada.core;

/**
 * Names that tie an area's resources to core's JAX-RS extensions.
 *
 * <p>Every area resource selects {@link #REQUIRE_AUTH}: if core's token filter is absent, the whiteboard does not
 * serve the resource at all, so no route can ever answer without the token check.
 *
 * <pre>
 * &#64;Component(service = DomainResource.class)
 * &#64;JaxrsResource
 * &#64;JSONRequired
 * &#64;JaxrsExtensionSelect(ArmadaJaxrs.REQUIRE_AUTH)
 * &#64;ArmadaArea("blocklists")
 * &#64;WireDialect(Dialect.EGG)
 * &#64;Path("/egg/domain")
 * </pre>
 *
 * @since 1.0
 */
public final class ArmadaJaxrs {
    /** {@code osgi.jaxrs.name} of core's token filter. */
    public static final String AUTH_FILTER_NAME = "armada.auth";
    /** Extension filter every area resource selects. */
    public static final String REQUIRE_AUTH = "(osgi.jaxrs.name=" + AUTH_FILTER_NAME + ")";
    /** {@code osgi.jaxrs.name} of core's JSON provider. */
    public static final String JSON_PROVIDER_NAME = "armada.json";
    /** Largest JSON request body accepted (SPEC §3): 1 MiB. */
    public static final long MAX_JSON_BYTES = 1024L * 1024L;
    /** Largest upload accepted (SPEC §3): 100 MiB. */
    public static final long MAX_UPLOAD_BYTES = 100L * 1024L * 1024L;

    private ArmadaJaxrs() {
    }
}
