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
import io.armada.core.Dialect;
import io.armada.core.RouteCatalog;

/**
 * Reads the whiteboard's {@link RuntimeDTO} and keeps the result until the runtime's {@code service.changecount}
 * moves, so {@code /health} costs no DTO walk per request.
 */
// also under its own class, for core's exception mapper (dialectNear); other bundles cannot see that class
@Component(service = {RouteCatalog.class, LiveRouteCatalog.class})
public class LiveRouteCatalog implements RouteCatalog {
    private static final String CHANGE_COUNT = "service.changecount";
    private static final long UNCOUNTED_TTL_NANOS = 1_000_000_000L;

    private record Snapshot(Object changeCount, long at, List<Route> routes, SortedSet<String> areas,
            List<String> failures, List<DialectRoute> dialects) {
    }

    /** A live route's path split in segments ({@code null} for a template segment) and its resource's dialect. */
    private record DialectRoute(String[] segments, Dialect dialect) {
    }

    private record Served(String area, Dialect dialect) {
    }

    private final BundleContext context;
    private final JaxrsServiceRuntime runtime;
    private final ServiceReference<JaxrsServiceRuntime> runtimeRef;
    private final Map<Long, Served> byServiceId = new ConcurrentHashMap<>();
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
        List<DialectRoute> dialects = new ArrayList<>();
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
                Served served = servedBy(resource.serviceId);
                String area = served.area();
                if (resource.resourceMethods == null || resource.resourceMethods.length == 0) {
                    continue;
                }
                areas.add(area);
                for (ResourceMethodInfoDTO m : resource.resourceMethods) {
                    String path = join(app.base, m.path);
                    routes.add(new Route(m.method == null ? "ANY" : m.method, path, area,
                            list(m.consumingMimeType), list(m.producingMimeType)));
                    dialects.add(new DialectRoute(segments(path), served.dialect()));
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
                Collections.unmodifiableList(failures), List.copyOf(dialects));
    }

    /**
     * The dialect of the area that owns the paths most like {@code path}: for answers to requests no resource matched
     * (an unknown route under {@code /egg/}, a wrong method), so they come in the dialect of the neighbourhood. The
     * route sharing the most leading segments wins (templates match any segment); none shared: {@link Dialect#CORE}.
     */
    Dialect dialectNear(String path) {
        String[] wanted = segments(path);
        int best = 0;
        Dialect dialect = Dialect.CORE;
        for (DialectRoute r : current().dialects()) {
            int shared = 0;
            while (shared < wanted.length && shared < r.segments().length
                    && (r.segments()[shared] == null || r.segments()[shared].equals(wanted[shared]))) {
                shared++;
            }
            if (shared > best) {
                best = shared;
                dialect = r.dialect();
            }
        }
        return dialect;
    }

    static String[] segments(String path) {
        String p = path == null ? "" : path;
        String[] parts = p.startsWith("/") ? p.substring(1).split("/") : p.split("/");
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].startsWith("{")) {
                parts[i] = null;
            }
        }
        return parts;
    }

    private Served servedBy(long serviceId) {
        Served known = byServiceId.get(serviceId);
        if (known != null) {
            return known;
        }
        Served served = new Served("other", Dialect.CORE);
        try {
            ServiceReference<?>[] refs = context.getAllServiceReferences(null, "(service.id=" + serviceId + ")");
            if (refs != null && refs.length > 0) {
                Object area = refs[0].getProperty(ArmadaArea.NAME);
                served = new Served(area == null ? "other" : String.valueOf(area), dialectOf(refs[0]));
            }
        } catch (InvalidSyntaxException | IllegalStateException e) {
            return served;
        }
        if (byServiceId.size() > 10_000) {
            byServiceId.clear();
        }
        byServiceId.put(serviceId, served);
        return served;
    }

    /** The dialect declared on the resource class the service is registered under. */
    private static Dialect dialectOf(ServiceReference<?> ref) {
        Object classes = ref.getProperty(org.osgi.framework.Constants.OBJECTCLASS);
        if (classes instanceof String[] names && names.length > 0 && ref.getBundle() != null) {
            try {
                return Dialects.of(ref.getBundle().loadClass(names[0]));
            } catch (ClassNotFoundException | IllegalStateException e) {
                return Dialect.CORE;
            }
        }
        return Dialect.CORE;
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
