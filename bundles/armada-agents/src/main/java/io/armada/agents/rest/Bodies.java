package io.armada.agents.rest;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The JSON bodies of the goperation routes, as request records with the original's field names. Goperation clients
 * send bodies on GET and DELETE too; every body is optional unless a route says otherwise. Core's JSON provider refuses wrong types.
 */
public final class Bodies {
    private Bodies() {
    }

    /** GET /agents. */
    public record AgentList(String agent_type, String order, Boolean desc, Boolean deleted, Integer page_num) {
    }

    /** GET /agents/{id}. */
    public record AgentShow(Boolean ports, Boolean entitys) {
    }

    /** POST /agents. */
    public record AgentCreate(String host, String agent_type, Number cpu, Number memory, Number disk,
            List<String> ports_range, Object endpoints) {
    }

    /** DELETE /agents/{id}, DELETE /endpoint/{e}/entitys/{n}. */
    public record Force(Boolean force) {
    }

    /** PATCH /agents/{id}/active. */
    public record Active(Integer status) {
    }

    /** The time window of an async request (status, asyncrequest update). */
    public record Async(Long request_time, Long finishtime, Long deadline, Integer expire) {
    }

    /** POST /agents/{id}/report. */
    public record Report(JsonNode metadata, Integer expire, JsonNode snapshot) {
    }

    /** POST /caches/flush. */
    public record Flush(Boolean online) {
    }

    /** POST /caches/host/{host}/online. */
    public record Online(String agent_type, JsonNode metadata, Integer expire) {
    }

    /** POST /agent/{id}/endpoints. */
    public record Endpoints(Object endpoints) {
    }

    /** Bodies that only ask whether to show ports. */
    public record ShowPorts(Boolean ports) {
    }

    /** POST /agent/{id}/endpoint/{e}/entitys. */
    public record EntityCreate(List<Integer> ports, @JsonProperty("notify") Boolean notifyAgent, String desc,
            Long entity) {
    }

    /** GET /asyncrequests. */
    public record AsyncList(String order, Boolean desc, JsonNode start, JsonNode end, Integer page_num,
            Integer status) {
    }

    /** GET /asyncrequests/{id}. */
    public record AsyncShow(Boolean agents, Boolean details) {
    }

    /** One detail of an agent's answer. */
    public record Detail(Long detail_id, Integer resultcode, Object result) {
    }

    /** POST /asyncrequests/{id}/response (Goperation's RESPONESCHEMA). */
    public record Response(Long agent_id, Long agent_time, Integer resultcode, String result, List<Detail> details) {
    }

    /** PUT /asyncrequests/{id}/overtime. */
    public record Overtime(Long agent_time, List<Long> agents) {
    }
}
