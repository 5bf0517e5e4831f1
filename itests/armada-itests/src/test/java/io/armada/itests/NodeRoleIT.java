package io.armada.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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

import com.fasterxml.jackson.databind.JsonNode;

/** The node role: core (and monitor) only, and not one JPA, EclipseLink, Derby or JDBC bundle installed. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class NodeRoleIT extends ArmadaKarafTestSupport {

    @Inject
    FeaturesService features;

    @Configuration
    public Option[] config() {
        return baseConfig();
    }

    @Override
    protected List<Option> extraOptions() {
        return noDangerousNodeActions();
    }

    @Override
    protected String role() {
        return "node";
    }

    @Test
    public void bootsTheNodeFeatureWithoutAnyDatabaseBundle() throws Exception {
        awaitSettled();
        JsonNode health = anonymous().get("/health").json();
        assertEquals("node", health.get("role").asText());
        assertFalse(features.isInstalled(features.getFeature("armada-server")));
        assertFalse(features.isInstalled(features.getFeature("armada-persistence")));
        // the boot list of the role (etc/system.properties) is exactly the role feature's members, each required
        for (org.apache.karaf.features.Dependency d : features.getFeature("armada-node").getDependencies()) {
            assertTrue(d.getName() + " is not a requirement", features.isRequired(features.getFeature(d.getName())));
            assertTrue(d.getName() + " is not installed", features.isInstalled(features.getFeature(d.getName())));
        }
        List<String> database = new ArrayList<>();
        for (Bundle b : bundleContext.getBundles()) {
            String name = b.getSymbolicName().toLowerCase(Locale.ROOT);
            if (name.contains("persistence") || name.contains("eclipselink") || name.contains("derby")
                    || name.contains("jpa") || name.contains("jdbc") || name.contains("hikari")
                    || name.contains("transaction")) {
                database.add(b.getSymbolicName());
            }
        }
        assertTrue("database bundles on a node: " + database, database.isEmpty());
        // the token check works on a node as on the server
        assertEquals(401, anonymous().get("/openapi.json").status());
        assertEquals(200, http().get("/openapi.json").status());
    }

    @Test
    public void everyLiveRouteOfTheNodeRefusesACallWithoutTheToken() {
        awaitSettled();
        int walked = assertEveryLiveRouteRefusesAnonymousCalls();
        assertTrue("the monitor alone has more routes than " + walked, walked > 5);
    }
}
