package io.armada.core.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.runtime.JaxrsServiceRuntime;
import org.osgi.service.jaxrs.runtime.dto.ApplicationDTO;
import org.osgi.service.jaxrs.runtime.dto.FailedResourceDTO;
import org.osgi.service.jaxrs.runtime.dto.ResourceDTO;
import org.osgi.service.jaxrs.runtime.dto.ResourceMethodInfoDTO;
import org.osgi.service.jaxrs.runtime.dto.RuntimeDTO;

import io.armada.core.ArmadaArea;
import io.armada.core.RouteCatalog;

/**
 * Reads the whiteboard's {@link RuntimeDTO} and keeps the result until the runtime's {@code service.changecount}
 * moves, so {@code /health} costs no DTO walk per request.
 */
@Component(service = RouteCatalog.class)
public class LiveRouteCatalog implements RouteCatalog {
    private static final String CHANGE_COUNT = "service.changecount";
    private static final long UNCOUNTED_TTL_NANOS = 1_000_000_000L;

    private record Snapshot(Object changeCount, long at, List<Route> routes, SortedSet<String> areas,
            List<String> failures) {
    }

    private final BundleContext context;
    private final JaxrsServiceRuntime runtime;
    private final ServiceReference<JaxrsServiceRuntime> runtimeRef;
    private final Map<Long, String> areaByServiceId = new ConcurrentHashMap<>();
    private volatile Snapshot snapshot;

    @Activate
    public LiveRouteCatalog(BundleContext context, @Reference JaxrsServiceRuntime runtime,
            @Reference(service = JaxrsServiceRuntime.class) ServiceReference<JaxrsServiceRuntime> runtimeRef) {
        this.context = context;
        this.runtime = runtime;
        this.runtimeRef = runtimeRef;
    }

    @Override
    public List<Route> routes() {
        return current().routes();
    }

    @Override
    public SortedSet<String> areas() {
        return current().areas();
    }

    @Override
    public List<String> failures() {
        return current().failures();
    }

    private Snapshot current() {
        Object cc = runtimeRef.getProperty(CHANGE_COUNT);
        Snapshot s = snapshot;
        long now = System.nanoTime();
        if (s != null && (cc != null ? cc.equals(s.changeCount()) : now - s.at() < UNCOUNTED_TTL_NANOS)) {
            return s;
        }
        s = read(cc, now);
        snapshot = s;
        return s;
    }

    private Snapshot read(Object cc, long now) {
        RuntimeDTO dto = runtime.getRuntimeDTO();
        List<Route> routes = new ArrayList<>();
        SortedSet<String> areas = new TreeSet<>();
        List<ApplicationDTO> apps = new ArrayList<>();
        if (dto.defaultApplication != null) {
            apps.add(dto.defaultApplication);
        }
        if (dto.applicationDTOs != null) {
            apps.addAll(Arrays.asList(dto.applicationDTOs));
        }
        for (ApplicationDTO app : apps) {
            if (app.resourceDTOs == null) {
                continue;
            }
            for (ResourceDTO resource : app.resourceDTOs) {
                String area = areaOf(resource.serviceId);
                if (resource.resourceMethods == null || resource.resourceMethods.length == 0) {
                    continue;
                }
                areas.add(area);
                for (ResourceMethodInfoDTO m : resource.resourceMethods) {
                    routes.add(new Route(m.method == null ? "ANY" : m.method, join(app.base, m.path), area,
                            list(m.consumingMimeType), list(m.producingMimeType)));
                }
            }
        }
        routes.sort(Comparator.comparing(Route::path).thenComparing(Route::method));
        List<String> failures = new ArrayList<>();
        if (dto.failedResourceDTOs != null) {
            for (FailedResourceDTO f : dto.failedResourceDTOs) {
                failures.add((f.name == null ? "service " + f.serviceId : f.name) + ": reason " + f.failureReason);
            }
        }
        return new Snapshot(cc, now, Collections.unmodifiableList(routes), Collections.unmodifiableSortedSet(areas),
                Collections.unmodifiableList(failures));
    }

    private String areaOf(long serviceId) {
        String known = areaByServiceId.get(serviceId);
        if (known != null) {
            return known;
        }
        String area = "other";
        try {
            ServiceReference<?>[] refs = context.getAllServiceReferences(null, "(service.id=" + serviceId + ")");
            if (refs != null && refs.length > 0 && refs[0].getProperty(ArmadaArea.NAME) != null) {
                area = String.valueOf(refs[0].getProperty(ArmadaArea.NAME));
            }
        } catch (InvalidSyntaxException | IllegalStateException e) {
            return area;
        }
        if (areaByServiceId.size() > 10_000) {
            areaByServiceId.clear();
        }
        areaByServiceId.put(serviceId, area);
        return area;
    }

    static String join(String base, String path) {
        String b = base == null ? "" : base;
        String p = path == null ? "" : path;
        String joined = (b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + (p.startsWith("/") ? p : "/" + p);
        joined = joined.replaceAll("/{2,}", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }

    private static List<String> list(String[] values) {
        return values == null ? List.of() : List.of(values);
    }
}
