package io.armada.itests;

import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivilegedExceptionAction;
import java.util.ArrayList;
import java.util.List;

import javax.inject.Inject;
import javax.security.auth.Subject;

import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.ops4j.pax.exam.CoreOptions;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * Pax Exam on the real archive: boots karaf-distribution's tar.gz in the role a test class asks for, on free ports,
 * with a known fleet token. Test methods run inside the container.
 */
public abstract class ArmadaKarafTestSupport {
    public static final String TOKEN = "itest-token-0123456789abcdef0123456789";

    @Inject
    protected BundleContext bundleContext;

    @Inject
    protected SessionFactory sessionFactory;

    /** The role to boot: server unless a class says otherwise. */
    protected String role() {
        return "server";
    }

    /** Extra options of a test class. */
    protected List<Option> extraOptions() {
        return List.of();
    }

    protected Option[] baseConfig() {
        String dist = System.getProperty("armada.distribution");
        List<Option> o = new ArrayList<>();
        o.add(karafDistributionConfiguration()
                .frameworkUrl("file:" + new File(dist).getAbsolutePath())
                .karafVersion(System.getProperty("karaf.version", "4.4.10"))
                .name("Armada")
                .unpackDirectory(new File("target/exam"))
                .useDeployFolder(false));
        o.add(configureConsole().ignoreLocalConsole());
        o.add(logLevel(LogLevel.INFO));
        o.add(CoreOptions.vmOption("-Djdk.util.zip.disableZip64ExtraFieldValidation=true"));
        o.add(editConfigurationFilePut("etc/system.properties", "armada.role", role()));
        o.add(editConfigurationFilePut("etc/system.properties", "armada.http.port", Integer.toString(freePort())));
        o.add(editConfigurationFilePut("etc/system.properties", "armada.ssh.port", Integer.toString(freePort())));
        o.add(editConfigurationFilePut("etc/io.armada.security.cfg", "token", TOKEN));
        // the process under test needs the shutdown port Pax Exam uses to stop it
        o.add(editConfigurationFilePut("etc/config.properties", "karaf.shutdown.port", "0"));
        for (String p : new String[] {"armada.testarea.jar", "armada.testarea.feature"}) {
            o.add(editConfigurationFilePut("etc/system.properties", p, System.getProperty(p, "")));
        }
        o.add(systemProperty("org.ops4j.pax.url.mvn.localRepository")
                .value(System.getProperty("org.ops4j.pax.url.mvn.localRepository", "")));
        o.addAll(extraOptions());
        return o.toArray(new Option[0]);
    }

    /**
     * Switches every dangerous node action off, for the classes that call routes without the token: were a route
     * ever answered anyway, it must not shut down or reconfigure the machine running the tests.
     */
    protected static List<Option> noDangerousNodeActions() {
        List<Option> o = new ArrayList<>();
        for (String a : new String[] {"shutdown", "reboot", "service.control", "crontab", "ip.config", "delete.file",
                "verify.password", "timer.control"}) {
            o.add(editConfigurationFilePut("etc/io.armada.monitor.cfg", "allow." + a, "false"));
        }
        return o;
    }

    protected static int freePort() {
        return Instance.freePort();
    }

    /** The areas the role boots (SPEC §2). */
    protected List<String> roleAreas() {
        return "node".equals(role()) ? List.of("core", "monitor")
                : List.of("core", "monitor", "agents", "ports", "blocklists", "counters", "files", "tars", "jobs");
    }

    /**
     * Waits until the role's areas (and the given ones) are live and the JAX-RS runtime has stopped changing, so a
     * test starts on the whole role and not while areas are still arriving. Settled means /health lists the areas
     * and the runtime's change count held still over two consecutive polls.
     */
    protected void awaitSettled(String... moreAreas) {
        List<String> areas = new ArrayList<>(roleAreas());
        areas.addAll(List.of(moreAreas));
        awaitSettled(areas);
    }

    /** Why the role did not settle in this container, once it did not: later tests fail at once instead of waiting again. */
    private static String unsettled;

    /** As {@link #awaitSettled(String...)} with exactly these areas expected. */
    protected void awaitSettled(List<String> areas) {
        if (unsettled != null) {
            throw new AssertionError("the container did not settle in an earlier test: " + unsettled);
        }
        long[] last = {-1};
        Http.Answer[] health = {null};
        try {
            Http.await("the areas " + areas + " live and the JAX-RS runtime settled", java.time.Duration.ofSeconds(120),
                    () -> {
                        long count = jaxrsChangeCount();
                        boolean still = count == last[0];
                        last[0] = count;
                        if (!still) {
                            return false;
                        }
                        health[0] = anonymous().get("/health");
                        return health[0].status() == 200
                                && areas.stream().allMatch(a -> health[0].body().contains("\"" + a + "\""));
                    },
                    () -> "; JAX-RS change count " + last[0] + ", last /health " + health[0]
                            + ", bundles not active " + bundlesNotActive());
        } catch (AssertionError e) {
            unsettled = e.getMessage();
            throw e;
        }
    }

    /** Bundles that are neither active nor fragments, with their state: what a test that waited in vain reports. */
    protected String bundlesNotActive() {
        try {
            List<String> out = new ArrayList<>();
            for (Bundle b : bundleContext.getBundles()) {
                boolean fragment = b.getHeaders().get(org.osgi.framework.Constants.FRAGMENT_HOST) != null;
                if (b.getState() != Bundle.ACTIVE && !fragment) {
                    out.add(b.getSymbolicName() + " (state " + b.getState() + ")");
                }
            }
            return out.toString();
        } catch (IllegalStateException e) {
            return "(probe context gone: " + e.getMessage() + ")";
        }
    }

    private long jaxrsChangeCount() {
        try {
            // the runtimes that serve (announce an endpoint): Aries 2.0.2 can leave a dead one registered at boot
            org.osgi.framework.ServiceReference<?>[] refs = bundleContext.getServiceReferences(
                    "org.osgi.service.jaxrs.runtime.JaxrsServiceRuntime", "(osgi.jaxrs.endpoint=*)");
            if (refs == null) {
                return -2;
            }
            long sum = 0;
            for (org.osgi.framework.ServiceReference<?> ref : refs) {
                Object count = ref.getProperty("service.changecount");
                sum += 1_000_000L * ((Number) ref.getProperty("service.id")).longValue()
                        + (count instanceof Number ? ((Number) count).longValue() : 0);
            }
            return sum;
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        } catch (IllegalStateException e) {
            // a feature:uninstall refreshed the probe bundle: its context is gone, the live route list tells instead
            Http.Answer doc = http().get("/openapi.json");
            return doc.status() == 200 ? doc.body().hashCode() : -3;
        }
    }

    /** HTTP with the fleet token, on this instance's port (read inside the container). */
    protected Http http() {
        return Http.local(Integer.getInteger("armada.http.port"), TOKEN);
    }

    /** HTTP without any token. */
    protected Http anonymous() {
        return Http.local(Integer.getInteger("armada.http.port"), null);
    }

    /**
     * Security review M8: reads every live route from {@code /openapi.json} (with the token), then calls each without
     * it and asserts each is refused with its dialect's "not logged in". Returns how many routes were walked (the
     * caller asserts the routes it expects were among them; an empty list fails here).
     */
    protected int assertEveryLiveRouteRefusesAnonymousCalls() {
        com.fasterxml.jackson.databind.JsonNode paths = http().get("/openapi.json").json().get("paths");
        List<String> walked = new ArrayList<>();
        List<String> notRefused = new ArrayList<>();
        for (java.util.Iterator<String> it = paths.fieldNames(); it.hasNext();) {
            String path = it.next();
            for (java.util.Iterator<String> ms = paths.get(path).fieldNames(); ms.hasNext();) {
                String method = ms.next().toUpperCase(java.util.Locale.ROOT);
                if (path.equals("/health")) {
                    continue; // the one public route (SPEC §4)
                }
                String concrete = path.replaceAll("\\{[^}]+\\}", "1");
                Http.Answer a = anonymous().send(method, concrete,
                        method.equals("GET") || method.equals("DELETE") ? null : "{}", "application/json");
                walked.add(method + " " + concrete);
                if (!notLoggedIn(a)) {
                    notRefused.add(method + " " + concrete + " -> " + a);
                }
            }
        }
        org.junit.Assert.assertFalse("the route list of /openapi.json was empty", walked.isEmpty());
        org.junit.Assert.assertTrue("answered without the token: " + notRefused, notRefused.isEmpty());
        return walked.size();
    }

    /** One of the dialects' "not logged in" answers (SPEC §3, §4). */
    static boolean notLoggedIn(Http.Answer a) {
        if (a.status() == 401) {
            return true;
        }
        if (a.status() != 200) {
            return false;
        }
        com.fasterxml.jackson.databind.JsonNode j;
        try {
            j = a.json();
        } catch (AssertionError notJson) {
            return false;
        }
        return (j.path("ret_code").asInt() == 500 && j.path("err_msg").asText().equals("#common.noLogin#"))
                || (j.has("stat") && !j.get("stat").asBoolean() && j.path("code").asInt() == 10000)
                || j.path("code").asInt() == 10001
                || (j.path("status").asInt() == 1 && j.path("msg").asText().equals("not logged in"));
    }

    protected Bundle bundle(String symbolicName) {
        for (Bundle b : bundleContext.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        return null;
    }

    /** Runs a shell command as an administrator and returns what it printed; a failing command throws. */
    protected String shell(String command) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
        Session session = sessionFactory.create(System.in, ps, ps);
        Subject subject = new Subject();
        subject.getPrincipals().add(new UserPrincipal("karaf"));
        for (String role : new String[] {"admin", "manager", "viewer", "systembundles"}) {
            subject.getPrincipals().add(new RolePrincipal(role));
        }
        try {
            Subject.doAs(subject, (PrivilegedExceptionAction<Object>) () -> session.execute(command));
        } catch (java.security.PrivilegedActionException e) {
            throw e.getException();
        } finally {
            ps.flush();
            session.close();
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
