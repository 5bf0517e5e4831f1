package io.armada.tars.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.apache.aries.jpa.template.JpaTemplate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import io.armada.core.ApiException;
import io.armada.core.Threads;
import io.armada.core.Timers;
import io.armada.persistence.JpaStore;
import io.armada.persistence.ServerLeases;
import io.armada.tars.NewTaskItem;
import io.armada.tars.ServerConf;
import io.armada.tars.TarsConfigs;
import io.armada.tars.TarsNodes;
import io.armada.tars.TarsPage;
import io.armada.tars.TarsPatches;
import io.armada.tars.TarsService;
import io.armada.tars.TarsTasks;
import io.armada.tars.TargetResult;
import io.armada.tars.TaskView;
import io.armada.tars.internal.jpa.JpaTaskDao;

/**
 * Tasks, commands and config pushes on the nodes (reference §002.8, SPEC §10.4): the component that owns the pool,
 * holds the node calls (an optional neighbour) and answers the queries; the work is done by one class per job:
 * {@link TaskRunner} (tasks: stored, run serially or in parallel, recovered after a stop), {@link ItemCommands}
 * (what an item's command does on its node), {@link NodeCommands} ({@code send_command}, {@code push_config_file},
 * {@code load_server}) and {@link ServerExpansion} ({@code expand_server}). Every node call is an async request
 * ({@link NodeCalls}); what follows a node's answer runs on a small bounded pool of this component (threads only
 * while work is queued), so no thread waits while a node works and no request thread waits at all for a task.
 */
@Component(service = TarsTasks.class)
public class TaskServiceImpl implements TarsTasks {
    /** How long a server's lease beat may stand still before its unfinished tasks fail (30 s; a beat every 6 s). */
    static final long LEASE_MILLIS = 30_000;
    private final TaskDao dao;
    private final ThreadPoolExecutor pool;
    private final TaskRunner runner;
    private final NodeCommands commands;
    private final ServerExpansion expansion;
    private volatile NodeCalls calls;
    /** The servers on this database; {@code null} in tests that run one server. */
    private ServerLeases leases;
    private Timers.Scheduled beats;

    @Activate
    public TaskServiceImpl(@Reference(target = "(osgi.unit.name=armada-tars)") JpaTemplate jpa,
            @Reference TarsPatches patches, @Reference TarsConfigs configs, @Reference TarsService servers,
            @Reference TarsNodes nodes, @Reference Timers timers) {
        this(new JpaTaskDao(new JpaStore(jpa), ServerLeases.serverName(null)), patches, configs, servers, nodes,
                Clock.systemUTC(), null);
        this.leases = new ServerLeases(new JpaStore(jpa), "tars", ServerLeases.serverName(null), LEASE_MILLIS,
                System::currentTimeMillis);
        timers.once("the tars tasks' recovery", this::recover, 0, TimeUnit.MILLISECONDS); // one small transaction
        // on the shared timer: a beat and the take-over are one small transaction each, so no pool thread stays up
        this.beats = timers.every("the tars server lease", leases.beatThen(this::takeOver), 0, LEASE_MILLIS / 5,
                TimeUnit.MILLISECONDS);
    }

    /** For tests: {@code executor} {@code null} is the component's own pool. */
    TaskServiceImpl(TaskDao dao, TarsPatches patches, TarsConfigs configs, TarsService servers, TarsNodes nodes,
            Clock clock, Executor executor) {
        this.dao = dao;
        this.pool = Threads.onDemand(4, 30, Threads.daemon("armada-tars-tasks"));
        Executor work = executor == null ? pool : executor;
        this.runner = new TaskRunner(dao, patches, new ItemCommands(patches, clock), clock, work, this::calls);
        this.commands = new NodeCommands(dao, configs, clock, work, this::calls);
        this.expansion = new ServerExpansion(dao, servers, nodes, patches, runner, () -> calls != null);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setCalls(NodeCalls c) {
        this.calls = c;
    }

    void unsetCalls(NodeCalls c) {
        if (this.calls == c) {
            this.calls = null;
        }
    }

    /** For tests: the servers of this database, as the component builds them. */
    void leases(ServerLeases l) {
        this.leases = l;
    }

    @Deactivate
    void deactivate() {
        if (beats != null) {
            beats.cancel();
        }
        pool.shutdownNow();
    }

    /**
     * Tasks this server left unfinished when it stopped (its own, by name, and those of rows older than owners).
     * Tasks of another server on the same database are its own business until it is gone ({@link #takeOver()}).
     */
    void recover() {
        String self = leases == null ? null : leases.self();
        runner.failUnfinished(TaskRunner.INTERRUPTED, owner -> owner == null || owner.equals(self) || self == null);
    }

    /** Several servers on one database: the unfinished tasks of a server that stopped beating fail, saying so. */
    void takeOver() {
        runner.failUnfinished(TaskRunner.INTERRUPTED_GONE, owner -> owner != null && !leases.alive(owner));
    }

    private NodeCalls calls() {
        NodeCalls c = calls;
        if (c == null) {
            throw ApiException.unavailable(NodeCalls.UNAVAILABLE);
        }
        return c;
    }

    /** A task or item number: 32 lower-case hex characters (TarsWeb's UUID without dashes). */
    static String newNo() {
        UUID u = UUID.randomUUID();
        return HexFormat.of().toHexDigits(u.getMostSignificantBits()) + HexFormat.of().toHexDigits(
                u.getLeastSignificantBits());
    }

    // ------------------------------------------------------------------ tasks

    @Override
    public String addTask(boolean serial, List<NewTaskItem> items, String serverUrl, String user) {
        return runner.addTask(serial, items, serverUrl, user);
    }

    @Override
    public CompletionStage<TaskView> ended(String taskNo) {
        return runner.ended(taskNo);
    }

    @Override
    public TaskView task(String taskNo) {
        return runner.task(taskNo);
    }

    @Override
    public TarsPage<TaskView> tasks(String application, String serverName, String command, Instant from, Instant to,
            int page, int size) {
        TarsRules.page(page, size);
        if (command != null && !TaskRunner.COMMANDS.contains(command)) {
            throw ApiException.badRequest("command must be one of restart, stop, undeploy_tars, patch_tars");
        }
        return dao.list(blankToNull(application), blankToNull(serverName), command, from, to, page, size);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    // ------------------------------------------------------------------ commands

    @Override
    public CompletionStage<List<TargetResult>> sendCommand(List<Long> serverIds, String command) {
        return commands.sendCommand(serverIds, command);
    }

    @Override
    public CompletionStage<List<TargetResult>> pushConfig(List<Long> configIds) {
        return commands.pushConfig(configIds);
    }

    @Override
    public CompletionStage<String> loadServer(String application, String serverName, String nodeName) {
        return commands.loadServer(application, serverName, nodeName);
    }

    @Override
    public String realtimeState(long serverId) {
        ServerConf s = dao.server(serverId)
                .orElseThrow(() -> ApiException.badRequest("server " + serverId + " does not exist"));
        return calls().reported(s.nodeName(), s.application(), s.serverName())
                .map(m -> String.valueOf(m.get("state"))).orElse(TarsRules.INACTIVE);
    }

    @Override
    public Expanded expand(String application, String serverName, String sourceNode, List<ExpandTarget> targets,
            String serverUrl, String user) {
        return expansion.expand(application, serverName, sourceNode, targets, serverUrl, user);
    }
}
