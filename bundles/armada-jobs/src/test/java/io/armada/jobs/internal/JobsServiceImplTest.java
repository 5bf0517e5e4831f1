package io.armada.jobs.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.armada.core.ApiException;
import io.armada.core.ErrorKind;
import io.armada.core.testing.ApiErrors;
import io.armada.jobs.Group;
import io.armada.jobs.JobDef;
import io.armada.jobs.LogEntry;
import io.armada.jobs.Project;
import io.armada.jobs.internal.jpa.JpaJobsDao;
import io.armada.persistence.JpaStore;
import io.armada.persistence.testing.DerbyJpa;

/** Projects, jobs and groups on the real tables (embedded Derby): rules, refusals that write nothing, the log. */
public class JobsServiceImplTest {
    private static DerbyJpa jpa;
    private static JpaStore store;
    private static JobsServiceImpl jobs;
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeClass
    public static void open() throws Exception {
        Path dir = Files.createTempDirectory(Paths.get("target"), "jobs-dao");
        jpa = DerbyJpa.open("armada-jobs", dir);
        store = new JpaStore(jpa);
        jobs = new JobsServiceImpl(new JpaJobsDao(store), Clock.fixed(Instant.parse("2026-12-06T10:00:00Z"),
                ZoneOffset.UTC));
    }

    @AfterClass
    public static void close() {
        jpa.close();
    }

    @Before
    public void empty() {
        store.run(em -> {
            for (String e : List.of("LogEntity", "GroupEntity", "JobEntity", "ProjectEntity")) {
                em.createQuery("delete from " + e).executeUpdate();
            }
        });
    }

    static void bad(Runnable r, String contains) {
        ApiException e = ApiErrors.expect(ErrorKind.BAD_REQUEST, r);
        assertTrue(e.getMessage(), e.getMessage().contains(contains));
    }

    static JsonNode step(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    public void projectsJobsAndGroupsAreKeptAndLogged() {
        Project p = jobs.addProject("ci@app", "web", List.of("10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.1"));
        assertEquals(List.of("10.0.0.1", "10.0.0.2", "10.0.0.3"), p.nodes());
        JobDef j = jobs.addJob("ci@app", p.id(), "restart",
                List.of(step("{\"handler\":\"ServerHandler\",\"command\":\"restart\",\"data\":{\"app\":\"${app}\","
                        + "\"server\":\"web\"}}")), null);
        assertEquals(1, j.steps().size());
        assertEquals(List.of(), j.rollback());
        Group list = jobs.addGroup("ci@app", p.id(), "two", "first two", "list", "10.0.0.1,10.0.0.2;10.0.0.3", null);
        Group percent = jobs.addGroup("ci@app", p.id(), "halves", null, "percent", null, "1:50%");
        assertEquals(List.of(List.of("10.0.0.1", "10.0.0.2"), List.of("10.0.0.3")), jobs.batches(p.id(), list.id()));
        assertEquals(List.of(List.of("10.0.0.1"), List.of("10.0.0.2"), List.of("10.0.0.3")),
                jobs.batches(p.id(), percent.id()));
        assertEquals(List.of("halves", "two"), jobs.groupNames(p.id()));

        Group edited = jobs.updateGroup("ci@app", p.id(), percent.id(), "halves", null, "percent", null, "2");
        assertNotEquals(percent.groupUuid(), edited.groupUuid());
        assertEquals(List.of(2, 1), jobs.batches(p.id(), percent.id()).stream().map(List::size).toList());

        List<LogEntry> log = jobs.log(p.id());
        assertEquals(List.of("EDIT BATCH: halves", "CREATE BATCH: halves", "CREATE BATCH: two", "CREATE JOB: restart",
                "CREATE PROJECT: web"), log.stream().map(LogEntry::info).toList());
        assertEquals("ci@app", log.get(0).user());

        bad(() -> jobs.deleteProject(null, p.id()), "delete them first");
        jobs.deleteGroup(null, p.id(), list.id());
        jobs.deleteGroup(null, p.id(), percent.id());
        jobs.deleteJob(null, p.id(), j.id());
        assertEquals(p.id(), jobs.deleteProject(null, p.id()));
        bad(() -> jobs.project(p.id()), "not found");
    }

    @Test
    public void badInputIsRefusedWithJobxMessagesAndWritesNothing() {
        bad(() -> jobs.addProject(null, "", List.of("10.0.0.1")), "name undef");
        bad(() -> jobs.addProject(null, "p", List.of("host-1")), "check format fail nodes");
        bad(() -> jobs.addProject(null, "p", List.of()), "nodes undef");
        Project p = jobs.addProject(null, "p", List.of("10.0.0.1"));
        bad(() -> jobs.addProject(null, "p", List.of("10.0.0.2")), "exists");
        bad(() -> jobs.addJob(null, p.id(), "j", List.of(), null), "steps undef");
        bad(() -> jobs.addJob(null, p.id(), "j", List.of(step("{\"handler\":\"OsHandler\"}")), null),
                "check format fail steps");
        bad(() -> jobs.addJob(null, p.id(), "j", List.of(step("{\"handler\":\"A\",\"command\":\"b\",\"data\":[1]}")),
                null), "check format fail steps");
        bad(() -> jobs.addJob(null, 99_999, "j", List.of(step("{\"handler\":\"A\",\"command\":\"b\"}")), null),
                "project 99999 not found");
        bad(() -> jobs.addGroup(null, p.id(), "g", null, "other", "a", null), "group type unkwon");
        bad(() -> jobs.addGroup(null, p.id(), "g", null, "list", null, null), "node undef");
        bad(() -> jobs.addGroup(null, p.id(), "g", null, "percent", null, "1:2:%10:5%"), "percent format error");
        bad(() -> jobs.addGroup(null, p.id(), "it's", null, "list", "a", null), "check format fail name");
        assertEquals(0, jobs.jobs(p.id()).size());
        assertEquals(0, jobs.groups(p.id()).size());
        assertEquals(1, jobs.log(p.id()).size());
        bad(() -> jobs.group(p.id(), 5), "group 5 not found");
    }
}
