package io.armada.agents.command;

import java.time.Instant;
import java.util.Map;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import io.armada.agents.AgentInfo;
import io.armada.agents.AgentStatus;
import io.armada.agents.command.completers.AgentIdCompleter;
import io.armada.core.ApiException;

/** {@code agent:show}: one agent with its node's last figures. */
@Service
@Command(scope = "agent", name = "show", description = "Shows one agent and its node's last report")
public class ShowAgentCommand extends AgentsCommandSupport {

    @Argument(index = 0, name = "agent", description = "Agent id", required = true)
    @Completion(AgentIdCompleter.class)
    long agentId;

    @Override
    public Object execute() {
        AgentInfo a = agents.find(agentId).orElseThrow(() -> ApiException.notFound("Agent " + agentId + " not found"));
        ShellTable table = new ShellTable();
        table.column("Field");
        table.column("Value");
        table.addRow().addContent("agent_id", a.agentId());
        table.addRow().addContent("host", a.host());
        table.addRow().addContent("agent_type", a.agentType());
        table.addRow().addContent("status", AgentStatus.name(a.status()) + " (" + a.status() + ")");
        table.addRow().addContent("online", a.online() ? "yes" : "no");
        table.addRow().addContent("address", a.ip() == null ? "" : a.ip() + ":" + a.port());
        table.addRow().addContent("node_uuid", a.nodeUuid() == null ? "" : a.nodeUuid());
        table.addRow().addContent("cpu", a.cpu());
        table.addRow().addContent("memory (MiB)", a.memory());
        table.addRow().addContent("disk (MiB)", a.disk());
        table.addRow().addContent("ports_range", String.join(",", a.portsRange()));
        table.addRow().addContent("endpoints", String.join(",", a.endpoints()));
        table.addRow().addContent("created", Instant.ofEpochSecond(a.createTime()).toString());
        table.addRow().addContent("last report", a.lastReport() == null ? "never"
                : Instant.ofEpochSecond(a.lastReport()).toString());
        Map<String, Object> metadata = agents.metadata(agentId);
        if (metadata != null && metadata.get("data") instanceof Map<?, ?> data) {
            if (data.get("cpu") instanceof Map<?, ?> cpu) {
                table.addRow().addContent("cpu utilization %", String.valueOf(cpu.get("utilization")));
            }
            if (data.get("memory") instanceof Map<?, ?> mem) {
                table.addRow().addContent("memory utilization %", String.valueOf(mem.get("utilization")));
            }
        }
        table.print(System.out);
        return null;
    }
}
