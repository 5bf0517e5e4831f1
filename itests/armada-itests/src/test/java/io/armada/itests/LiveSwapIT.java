package io.armada.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

import javax.inject.Inject;

import org.apache.karaf.features.FeaturesService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/**
 * Live bundle swaps on a running server: an area bundle stopped takes exactly its routes and its OpenAPI paths with
 * it while the rest keeps answering; started, it brings them back; the same with feature:install/uninstall. And an
 * area never answers without core's token filter.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LiveSwapIT extends ArmadaKarafTestSupport {
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @Inject
    FeaturesService features;

    @Configuration
    public Option[] config() {
        return baseConfig();
    }

    private boolean areaServed() {
        return http().get("/testarea/egg/ping").status() == 200;
    }

    private boolean areaGone() {
        return http().get("/testarea/egg/ping").status() == 404;
    }

    private boolean openApiHasArea() {
        return http().get("/openapi.json").body().contains("/testarea/egg/echo");
    }

    @Test
    public void featureInstallStopStartUninstall() throws Exception {
        URI repo = new java.io.File(System.getProperty("armada.testarea.feature")).toURI();
        features.addRepository(repo);
        features.installFeature("armada-testarea", EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
        Http.await("routes after feature:install", DEADLINE, this::areaServed);
        awaitSettled("testarea");
        assertTrue(openApiHasArea());
        assertTrue(http().get("/health").body().contains("testarea"));

        Bundle area = bundle("armada-testarea");
        assertNotNull(area);

        area.stop();
        Http.await("404 after bundle stop", DEADLINE, this::areaGone);
        awaitSettled();
        assertEquals(404, http().post("/testarea/notes", "{\"text\":\"x\"}").status());
        assertFalse("OpenAPI still lists the stopped area", openApiHasArea());
        assertFalse(http().get("/health").body().contains("testarea"));
        // the others keep answering
        assertEquals(200, anonymous().get("/health").status());
        assertEquals(200, http().get("/openapi.json").status());

        area.start();
        Http.await("routes after bundle start", DEADLINE, this::areaServed);
        awaitSettled("testarea");
        assertTrue(openApiHasArea());

        // bundle:update of a live area: its routes come back from the updated bundle
        area.update();
        Http.await("routes after bundle update", DEADLINE, this::areaServed);
        awaitSettled("testarea");
        assertEquals(200, anonymous().get("/health").status());

        features.uninstallFeature("armada-testarea");
        Http.await("404 after feature:uninstall", DEADLINE, this::areaGone);
        awaitSettled();
        assertFalse(openApiHasArea());
        assertEquals(200, anonymous().get("/health").status());

        features.installFeature("armada-testarea");
        Http.await("routes after a second feature:install", DEADLINE, this::areaServed);
        awaitSettled("testarea");
    }

    @Test
    public void eachAreaOfTheServerRoleIsAFeatureOfItsOwn() throws Exception {
        for (org.apache.karaf.features.Dependency d : features.getFeature("armada-server").getDependencies()) {
            assertTrue(d.getName() + " is not a requirement of its own",
                    features.isRequired(features.getFeature(d.getName())));
        }
        Http.await("block lists", DEADLINE, () -> http().get("/egg/domain/list").status() == 200);
        awaitSettled();
        features.uninstallFeature("armada-blocklists");
        try {
            Http.await("block lists gone after feature:uninstall", DEADLINE,
                    () -> http().get("/egg/domain/list").status() == 404);
            List<String> others = new java.util.ArrayList<>(roleAreas());
            others.remove("blocklists");
            awaitSettled(others);
            assertEquals(200, http().get("/egg/counter/list").status());
        } finally {
            // the other tests of this class start from the whole role
            features.installFeature("armada-blocklists");
        }
        Http.await("block lists back after feature:install", DEADLINE,
                () -> http().get("/egg/domain/list").status() == 200);
    }

    @Test
    public void withoutCoreNoAreaRouteAnswers() throws Exception {
        features.addRepository(new java.io.File(System.getProperty("armada.testarea.feature")).toURI());
        features.installFeature("armada-testarea");
        Http.await("area routes", DEADLINE, this::areaServed);
        awaitSettled("testarea");
        Bundle core = bundle("armada-core");
        core.stop();
        try {
            // not served at all rather than served without the token check
            Http.await("area routes gone with core", DEADLINE,
                    () -> anonymous().get("/testarea/egg/ping").status() == 404);
        } finally {
            core.start();
        }
        Http.await("area routes back with core", DEADLINE, this::areaServed);
        awaitSettled("testarea");
        assertEquals(200, anonymous().get("/health").status());
        assertEquals(1, anonymous().get("/testarea/egg/ping").json().get("status").asInt());
    }

    @Test
    public void theOtherAreasAnswerEveryRequestWhileAnAreaComesAndGoes() throws Exception {
        features.addRepository(new java.io.File(System.getProperty("armada.testarea.feature")).toURI());
        features.installFeature("armada-testarea");
        Http.await("area routes", DEADLINE, this::areaServed);
        awaitSettled("testarea");
        Bundle area = bundle("armada-testarea");
        java.util.concurrent.atomic.AtomicBoolean swapping = new java.util.concurrent.atomic.AtomicBoolean(true);
        List<String> failures = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        java.util.concurrent.atomic.AtomicInteger answered = new java.util.concurrent.atomic.AtomicInteger();
        Thread client = new Thread(() -> {
            // bounded: stops with the swaps, and after 20,000 requests at most
            while (swapping.get() && answered.get() < 20_000) {
                Http.Answer health = anonymous().get("/health");
                Http.Answer list = http().get("/egg/domain/list");
                answered.addAndGet(2);
                if (health.status() != 200) {
                    failures.add("/health " + health);
                }
                if (list.status() != 200) {
                    failures.add("/egg/domain/list " + list);
                }
            }
        }, "swap-client");
        client.start();
        try {
            for (int i = 0; i < 3; i++) {
                area.stop();
                Http.await("area gone", DEADLINE, this::areaGone);
                area.start();
                Http.await("area back", DEADLINE, this::areaServed);
            }
        } finally {
            swapping.set(false);
            client.join(60_000);
        }
        assertTrue("requests answered during the swaps: " + answered.get(), answered.get() > 0);
        assertTrue("requests to other areas failed during the swaps: " + failures, failures.isEmpty());
    }
}
