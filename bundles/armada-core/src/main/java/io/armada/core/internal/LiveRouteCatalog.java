package io.armada.core.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jaxrs.runtime.JaxrsServiceRuntime;
import org.osgi.service.jaxrs.runtime.JaxrsServiceRuntimeConstants;
import org.osgi.service.jaxrs.runtime.dto.ApplicationDTO;
import org.osgi.service.jaxrs.runtime.dto.FailedResourceDTO;
import org.osgi.service.jaxrs.runtime.dto.ResourceDTO;
import org.osgi.service.jaxrs.runtime.dto.ResourceMethodInfoDTO;
import org.osgi.service.jaxrs.runtime.dto.RuntimeDTO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.armada.core.ArmadaArea;
import io.armada.core.Dialect;
import io.armada.core.RouteCatalog;

/**
 * Reads the whiteboard's {@link RuntimeDTO} and keeps the result until the runtime's {@code service.changecount}
 * moves, so {@code /health} costs no DTO walk per request.
 * <p>
 * Every {@link JaxrsServiceRuntime} is tracked, not just one: the Aries whiteboard (2.0.2) can leave a runtime
 * registered behind when it is torn down and created again in the same instant (a {@code
 * ConcurrentModificationException} in component-dsl while pax-web publishes its HTTP runtime at boot; seen once in
 * about 25 node boots). That runtime serves nothing, announces no {@code osgi.jaxrs.endpoint}, and its
 * {@code getRuntimeDTO()} throws a {@code NullPointerException} for as long as it stays; a catalog bound to it made
 * every {@code /health} a 500. The catalog therefore reads the runtimes that announce an endpoint, and leaves out
 * (with one warning) a runtime whose DTO cannot be read.
 */
// also under its own class, for core's exception mapper (dialectNear); other bundles cannot see that class
@Component(service = {RouteCatalog.class, LiveRouteCatalog.class})
public class LiveRouteCatalog implements RouteCatalog {
    private static final Logger LOG = LoggerFactory.getLogger(LiveRouteCatalog.class);
    private static final String CHANGE_COUNT = "service.changecount";
    static final String ENDPOINT = JaxrsServiceRuntimeConstants.JAX_RS_SERVICE_ENDPOINT;
    private static final long UNCOUNTED_TTL_NANOS = 1_000_000_000L;

    private record Snapshot(Map<ServiceReference<?>, Object> counts, long at, List<Route> routes,
            SortedSet<String> areas, List<String> failures, List<DialectRoute> dialects) {

        /** True while the same runtimes are bound with the change counts this snapshot was read at. */
        boolean isCurrent(Map<ServiceReference<JaxrsServiceRuntime>, JaxrsServiceRuntime> runtimes, long now) {
            if (runtimes.size() != counts.size()) {
                return false;
            }
            for (Map.Entry<ServiceReference<?>, Object> e : counts.entrySet()) {
                if (!runtimes.containsKey(e.getKey())) {
                    return false;
                }
                Object cc = e.getKey().getProperty(CHANGE_COUNT);
                if (cc == null ? now - at >= UNCOUNTED_TTL_NANOS : !cc.equals(e.getValue())) {
                    return false;
                }
            }
            return true;
        }
    }

    /** A live route's path split in segments ({@code null} for a template segment) and its resource's dialect. */
    private record DialectRoute(String[] segments, Dialect dialect) {
    }

    private record Served(String area, Dialect dialect) {
    }

    private final BundleContext context;
    private final Map<ServiceReference<JaxrsServiceRuntime>, JaxrsServiceRuntime> runtimes = new ConcurrentHashMap<>();
    private final Set<Object> unreadable = ConcurrentHashMap.newKeySet();
    private final Map<Long, Served> byServiceId = new ConcurrentHashMap<>();
    private volatile Snapshot snapshot;

    @Activate
    public LiveRouteCatalog(BundleContext context) {
        this.context = context;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "removeRuntime")
    void addRuntime(ServiceReference<JaxrsServiceRuntime> ref, JaxrsServiceRuntime runtime) {
        runtimes.put(ref, runtime);
        snapshot = null;
    }

    void removeRuntime(ServiceReference<JaxrsServiceRuntime> ref) {
        runtimes.remove(ref);
        unreadable.remove(ref.getProperty(org.osgi.framework.Constants.SERVICE_ID));
        snapshot = null;
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
        Snapshot s = snapshot;
        long now = System.nanoTime();
        if (s != null && s.isCurrent(runtimes, now)) {
            return s;
        }
        s = read(now);
        snapshot = s;
        return s;
    }

    private Snapshot read(long now) {
        // the change counts first: a change while the DTOs are read makes the next call read again
        Map<ServiceReference<?>, Object> counts = new HashMap<>();
        List<Map.Entry<ServiceReference<JaxrsServiceRuntime>, JaxrsServiceRuntime>> bound =
                new ArrayList<>(runtimes.entrySet());
        boolean anyServing = false;
        for (Map.Entry<ServiceReference<JaxrsServiceRuntime>, JaxrsServiceRuntime> e : bound) {
            counts.put(e.getKey(), e.getKey().getProperty(CHANGE_COUNT));
            anyServing |= e.getKey().getProperty(ENDPOINT) != null;
        }
        List<RuntimeDTO> dtos = new ArrayList<>();
        for (Map.Entry<ServiceReference<JaxrsServiceRuntime>, JaxrsServiceRuntime> e : bound) {
            if (anyServing && e.getKey().getProperty(ENDPOINT) == null) {
                continue; // serves no request: left behind by a whiteboard that did not stop cleanly, or not up yet
            }
            try {
                dtos.add(e.getValue().getRuntimeDTO());
            } catch (RuntimeException ex) {
                Object id = e.getKey().getProperty(org.osgi.framework.Constants.SERVICE_ID);
                if (unreadable.add(id)) {
                    LOG.warn("JAX-RS runtime service {} cannot describe its routes ({}); /health and /openapi.json "
                            + "leave it out", id, ex.toString());
                }
            }
        }
        List<Route> routes = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        SortedSet<String> areas = new TreeSet<>();
        List<DialectRoute> dialects = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (RuntimeDTO dto : dtos) {
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
                        String method = m.method == null ? "ANY" : m.method;
                        if (!seen.add(method + " " + path)) {
                            continue;
                        }
                        routes.add(new Route(method, path, area, list(m.consumingMimeType), list(m.producingMimeType)));
                        dialects.add(new DialectRoute(segments(path), served.dialect()));
                    }
                }
            }
            if (dto.failedResourceDTOs != null) {
                for (FailedResourceDTO f : dto.failedResourceDTOs) {
                    failures.add((f.name == null ? "service " + f.serviceId : f.name) + ": reason " + f.failureReason);
                }
            }
        }
        routes.sort(Comparator.comparing(Route::path).thenComparing(Route::method));
        return new Snapshot(counts, now, Collections.unmodifiableList(routes), Collections.unmodifiableSortedSet(areas),
                Collections.unmodifiableList(failures), List.copyOf(dialects));
    }

    /**
     * The dialect of the area that owns the paths most like {@code path}: for answers to requests no resource matched
     * (an unknown route under {@code /egg/}, a wrong method), so they come in the dialect of the neighbourhood. The
     * route sharing the most leading segments wins (templates match any segment); none shared: {@link Dialect#CORE}.
     */
    Dialect dialectNear(String path) {
        String alias = TarsAliasFilter.canonical(path);
        String[] wanted = segments(alias != null ? alias : path);
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
