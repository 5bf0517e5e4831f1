package io.armada.core.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.jaxrs.runtime.JaxrsServiceRuntime;
import org.osgi.service.jaxrs.runtime.dto.ApplicationDTO;
import org.osgi.service.jaxrs.runtime.dto.ResourceDTO;
import org.osgi.service.jaxrs.runtime.dto.ResourceMethodInfoDTO;
import org.osgi.service.jaxrs.runtime.dto.RuntimeDTO;

import io.armada.core.RouteCatalog;

public class LiveRouteCatalogTest {

    /** A runtime left behind by a whiteboard that failed to stop: no endpoint, and its DTO throws (Aries 2.0.2). */
    private static final JaxrsServiceRuntime STALE = () -> {
        throw new NullPointerException("Cannot read the array length because \"array\" is null");
    };

    @Test
    public void readsTheServingRuntimeAndLeavesOutOneLeftBehind() {
        LiveRouteCatalog catalog = new LiveRouteCatalog(context());
        catalog.addRuntime(ref(1L, 5L, false), STALE); // the lower service id: what a single reference would pick
        catalog.addRuntime(ref(2L, 20L, true), runtime(new AtomicInteger(), "GET", "health"));

        assertEquals(List.of("GET /health"), routes(catalog));
    }

    @Test
    public void aRuntimeWhoseDtoFailsIsLeftOutAndNothingThrows() {
        LiveRouteCatalog catalog = new LiveRouteCatalog(context());
        catalog.addRuntime(ref(1L, 5L, true), STALE);

        assertEquals(List.of(), routes(catalog));
        assertTrue(catalog.areas().isEmpty());
    }

    @Test
    public void aRuntimeNotServingYetIsReadWhenNoneServes() {
        LiveRouteCatalog catalog = new LiveRouteCatalog(context());
        catalog.addRuntime(ref(3L, 1L, false), runtime(new AtomicInteger(), "GET", "health"));

        assertEquals(List.of("GET /health"), routes(catalog));
    }

    @Test
    public void readsAgainExactlyWhenAChangeCountMovesOrARuntimeComesOrGoes() {
        LiveRouteCatalog catalog = new LiveRouteCatalog(context());
        AtomicInteger reads = new AtomicInteger();
        ServiceReference<JaxrsServiceRuntime> live = ref(2L, 20L, true);
        catalog.addRuntime(live, runtime(reads, "GET", "health"));

        List<RouteCatalog.Route> first = catalog.routes();
        assertSame(first, catalog.routes());
        assertEquals(1, reads.get());

        props(live).put("service.changecount", 21L);
        List<RouteCatalog.Route> second = catalog.routes();
        assertNotSame(first, second);
        assertEquals(2, reads.get());

        ServiceReference<JaxrsServiceRuntime> stale = ref(1L, 5L, false);
        catalog.addRuntime(stale, STALE);
        assertNotSame(second, catalog.routes());
        catalog.removeRuntime(stale);
        assertEquals(List.of("GET /health"), routes(catalog));
    }

    @Test
    public void aRouteTwoRuntimesBothServeIsListedOnce() {
        LiveRouteCatalog catalog = new LiveRouteCatalog(context());
        catalog.addRuntime(ref(1L, 1L, true), runtime(new AtomicInteger(), "GET", "health"));
        catalog.addRuntime(ref(2L, 1L, true), runtime(new AtomicInteger(), "GET", "health"));

        assertEquals(List.of("GET /health"), routes(catalog));
    }

    private static List<String> routes(LiveRouteCatalog catalog) {
        return catalog.routes().stream().map(r -> r.method() + " " + r.path()).toList();
    }

    private static JaxrsServiceRuntime runtime(AtomicInteger reads, String method, String path) {
        return () -> {
            reads.incrementAndGet();
            ResourceMethodInfoDTO m = new ResourceMethodInfoDTO();
            m.method = method;
            m.path = path;
            ResourceDTO resource = new ResourceDTO();
            resource.serviceId = 99L;
            resource.resourceMethods = new ResourceMethodInfoDTO[] {m};
            ApplicationDTO app = new ApplicationDTO();
            app.base = "/";
            app.resourceDTOs = new ResourceDTO[] {resource};
            RuntimeDTO dto = new RuntimeDTO();
            dto.defaultApplication = app;
            return dto;
        };
    }

    private static final Map<Object, Map<String, Object>> PROPS = new java.util.IdentityHashMap<>();

    private static Map<String, Object> props(ServiceReference<?> ref) {
        return PROPS.get(ref);
    }

    @SuppressWarnings("unchecked")
    private static ServiceReference<JaxrsServiceRuntime> ref(long id, long changeCount, boolean serving) {
        Map<String, Object> props = new HashMap<>();
        props.put("service.id", id);
        props.put("service.changecount", changeCount);
        if (serving) {
            props.put(LiveRouteCatalog.ENDPOINT, new String[] {"http://127.0.0.1:8181/"});
        }
        Object ref = Proxy.newProxyInstance(LiveRouteCatalogTest.class.getClassLoader(),
                new Class<?>[] {ServiceReference.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getProperty" -> props.get((String) args[0]);
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "toString" -> "ref " + id;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        PROPS.put(ref, props);
        return (ServiceReference<JaxrsServiceRuntime>) ref;
    }

    /** A bundle context that knows no service: every resource is then of the area "other". */
    private static BundleContext context() {
        return (BundleContext) Proxy.newProxyInstance(LiveRouteCatalogTest.class.getClassLoader(),
                new Class<?>[] {BundleContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getAllServiceReferences" -> null;
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
