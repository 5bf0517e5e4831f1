package io.armada.jobs.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.apache.aries.jpa.template.JpaTemplate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.databind.JsonNode;

import io.armada.core.ApiException;
import io.armada.core.Params;
import io.armada.jobs.Group;
import io.armada.jobs.JobDef;
import io.armada.jobs.JobsService;
import io.armada.jobs.LogEntry;
import io.armada.jobs.Project;
import io.armada.jobs.internal.jpa.JpaJobsDao;
import io.armada.persistence.DuplicateKeyException;
import io.armada.persistence.JpaStore;

/** Projects, jobs and groups with JOBX's rules (reference §001.3) and the audit log. */
@Component(service = JobsService.class)
public class JobsServiceImpl implements JobsService {
    static final int MAX_NODES = 10_000;
    static final int MAX_STEPS = 100;
    private static final Pattern NAME = Pattern.compile("[^'\"\\\\<>]{1,128}");

    private final JobsDao dao;
    private final Clock clock;

    @Activate
    public JobsServiceImpl(@Reference(target = "(osgi.unit.name=armada-jobs)") JpaTemplate jpa) {
        this(new JpaJobsDao(new JpaStore(jpa)), Clock.systemUTC());
    }

    JobsServiceImpl(JobsDao dao, Clock clock) {
        this.dao = dao;
        this.clock = clock;
    }

    private JobsDao.Note note(String user, String info) {
        return new JobsDao.Note(user == null || user.isBlank() ? "armada" : user.trim(), info, clock.instant());
    }

    static String name(String value, String field) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest(field + " undef");
        }
        String v = value.trim();
        if (!NAME.matcher(v).matches()) {
            throw ApiException.badRequest("check format fail " + field);
        }
        return v;
    }

    static List<String> nodes(List<String> given) {
        if (given == null || given.isEmpty()) {
            throw ApiException.badRequest("nodes undef");
        }
        if (given.size() > MAX_NODES) {
            throw ApiException.badRequest("at most " + MAX_NODES + " nodes");
        }
        Set<String> out = new LinkedHashSet<>();
        for (String n : given) {
            if (!Params.isIpLiteral(n == null ? null : n.trim())) {
                throw ApiException.badRequest("check format fail nodes: " + n + " is not an IP address");
            }
            out.add(n.trim());
        }
        return new ArrayList<>(out);
    }

    /** Each step a monitor task body: {@code handler} and {@code command} texts, {@code data} an object if given. */
    static List<JsonNode> steps(List<JsonNode> given, String field, boolean required) {
        if (given == null || given.isEmpty()) {
            if (required) {
                throw ApiException.badRequest(field + " undef");
            }
            return List.of();
        }
        if (given.size() > MAX_STEPS) {
            throw ApiException.badRequest("at most " + MAX_STEPS + " " + field);
        }
        for (JsonNode s : given) {
            if (s == null || !s.isObject() || !s.path("handler").isTextual() || s.path("handler").asText().isBlank()
                    || !s.path("command").isTextual() || s.path("command").asText().isBlank()
                    || (s.has("data") && !s.get("data").isObject() && !s.get("data").isNull())) {
                throw ApiException.badRequest("check format fail " + field
                        + ": each step is a task body {handler, command, data}");
            }
        }
        return given;
    }

    static ApiException noProject(long id) {
        return ApiException.badRequest("project " + id + " not found");
    }

    private Project existing(long projectId) {
        return dao.project(projectId).orElseThrow(() -> noProject(projectId));
    }

    // ------------------------------------------------------------------ projects

    @Override
    public Project addProject(String user, String name, List<String> nodes) {
        String n = name(name, "name");
        List<String> ns = nodes(nodes);
        try {
            return dao.insertProject(n, ns, note(user, "CREATE PROJECT: " + n));
        } catch (DuplicateKeyException e) {
            throw ApiException.badRequest("project " + n + " exists");
        }
    }

    @Override
    public List<Project> projects() {
        return dao.projects();
    }

    @Override
    public Project project(long id) {
        return existing(id);
    }

    @Override
    public Project updateProject(String user, long id, String name, List<String> nodes) {
        Project old = existing(id);
        String n = name == null ? old.name() : name(name, "name");
        List<String> ns = nodes == null ? old.nodes() : nodes(nodes);
        try {
            return dao.changeProject(id, n, ns, note(user, "EDIT PROJECT: " + n)).orElseThrow(() -> noProject(id));
        } catch (DuplicateKeyException e) {
            throw ApiException.badRequest("project " + n + " exists");
        }
    }

    @Override
    public long deleteProject(String user, long id) {
        existing(id);
        dao.deleteProject(id).ifPresent(why -> {
            throw ApiException.badRequest(why);
        });
        return id;
    }

    // ------------------------------------------------------------------ jobs

    @Override
    public JobDef addJob(String user, long projectId, String name, List<JsonNode> steps, List<JsonNode> rollback) {
        existing(projectId);
        String n = name(name, "name");
        List<JsonNode> s = steps(steps, "steps", true);
        List<JsonNode> r = steps(rollback, "rollback", false);
        try {
            return dao.insertJob(projectId, n, s, r, note(user, "CREATE JOB: " + n));
        } catch (DuplicateKeyException e) {
            throw ApiException.badRequest("job " + n + " exists in project " + projectId);
        }
    }

    @Override
    public List<JobDef> jobs(long projectId) {
        existing(projectId);
        return dao.jobs(projectId);
    }

    static ApiException noJob(long projectId, long id) {
        return ApiException.badRequest("job " + id + " not found in project " + projectId);
    }

    @Override
    public JobDef job(long projectId, long id) {
        return dao.job(projectId, id).orElseThrow(() -> noJob(projectId, id));
    }

    @Override
    public JobDef updateJob(String user, long projectId, long id, String name, List<JsonNode> steps,
            List<JsonNode> rollback) {
        JobDef old = job(projectId, id);
        String n = name == null ? old.name() : name(name, "name");
        List<JsonNode> s = steps == null ? old.steps() : steps(steps, "steps", true);
        List<JsonNode> r = rollback == null ? old.rollback() : steps(rollback, "rollback", false);
        try {
            return dao.changeJob(projectId, id, n, s, r, note(user, "EDIT JOB: " + n))
                    .orElseThrow(() -> noJob(projectId, id));
        } catch (DuplicateKeyException e) {
            throw ApiException.badRequest("job " + n + " exists in project " + projectId);
        }
    }

    @Override
    public long deleteJob(String user, long projectId, long id) {
        JobDef j = job(projectId, id);
        if (!dao.deleteJob(projectId, id, note(user, "DELETE JOB: " + j.name()))) {
            throw noJob(projectId, id);
        }
        return id;
    }

    // ------------------------------------------------------------------ groups

    private Group checkedGroup(long projectId, String name, String note, String groupType, String node,
            String percent) {
        String n = name(name, "name");
        String text = note == null ? "" : note.trim();
        if (text.length() > 512) {
            throw ApiException.badRequest("check format fail note");
        }
        String type = groupType == null ? "" : groupType.trim().toLowerCase(Locale.ROOT);
        String spec = switch (type) {
            case "list" -> GroupSplitter.checkList(node);
            case "percent" -> GroupSplitter.checkPercent(percent);
            default -> throw ApiException.badRequest("group type unkwon");
        };
        String uuid = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        return new Group(0, projectId, n, text, type, uuid, spec, clock.instant());
    }

    @Override
    public Group addGroup(String user, long projectId, String name, String note, String groupType, String node,
            String percent) {
        existing(projectId);
        Group g = checkedGroup(projectId, name, note, groupType, node, percent);
        try {
            return dao.insertGroup(g, note(user, "CREATE BATCH: " + g.name()));
        } catch (DuplicateKeyException e) {
            throw ApiException.badRequest("group " + g.name() + " exists in project " + projectId);
        }
    }

    @Override
    public List<Group> groups(long projectId) {
        existing(projectId);
        return dao.groups(projectId);
    }

    static ApiException noGroup(long projectId, long id) {
        return ApiException.badRequest("group " + id + " not found in project " + projectId);
    }

    @Override
    public Group group(long projectId, long id) {
        return dao.group(projectId, id).orElseThrow(() -> noGroup(projectId, id));
    }

    @Override
    public Group updateGroup(String user, long projectId, long id, String name, String note, String groupType,
            String node, String percent) {
        group(projectId, id);
        Group g = checkedGroup(projectId, name, note, groupType, node, percent);
        try {
            return dao.changeGroup(projectId, id, g, note(user, "EDIT BATCH: " + g.name()))
                    .orElseThrow(() -> noGroup(projectId, id));
        } catch (DuplicateKeyException e) {
            throw ApiException.badRequest("group " + g.name() + " exists in project " + projectId);
        }
    }

    @Override
    public long deleteGroup(String user, long projectId, long id) {
        Group g = group(projectId, id);
        if (!dao.deleteGroup(projectId, id, note(user, "DELETE BATCH: " + g.name()))) {
            throw noGroup(projectId, id);
        }
        return id;
    }

    @Override
    public List<List<String>> batches(long projectId, long id) {
        Group g = group(projectId, id);
        if (g.groupType().equals("list")) {
            return GroupSplitter.list(g.spec());
        }
        List<String> nodes = existing(projectId).nodes();
        return GroupSplitter.percent(g.spec(), nodes, other -> dao.project(other).map(Project::nodes)
                .orElse(List.of()));
    }

    @Override
    public List<String> groupNames(long projectId) {
        return groups(projectId).stream().map(Group::name).toList();
    }

    @Override
    public List<LogEntry> log(long projectId) {
        existing(projectId);
        return dao.log(projectId);
    }
}
