package io.armada.agents.rest;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The JSON bodies of the goperation routes, with the original's field names. Goperation clients send bodies on GET
 * and DELETE too; every body is optional unless a route says otherwise. Core's JSON provider refuses wrong types.
 */
public final class Bodies {
    private Bodies() {
    }

    /** GET /agents. */
    public static class AgentList {
        public String agent_type;
        public String order;
        public Boolean desc;
        public Boolean deleted;
        public Integer page_num;
    }

    /** GET /agents/{id}. */
    public static class AgentShow {
        public Boolean ports;
        public Boolean entitys;
    }

    /** POST /agents. */
    public static class AgentCreate {
        public String host;
        public String agent_type;
        public Number cpu;
        public Number memory;
        public Number disk;
        public List<String> ports_range;
        public Object endpoints;
    }

    /** DELETE /agents/{id}, DELETE /endpoint/{e}/entitys/{n}. */
    public static class Force {
        public Boolean force;
    }

    /** PATCH /agents/{id}/active. */
    public static class Active {
        public Integer status;
    }

    /** The time window of an async request (status, asyncrequest update). */
    public static class Async {
        public Long request_time;
        public Long finishtime;
        public Long deadline;
        public Integer expire;
    }

    /** POST /agents/{id}/report. */
    public static class Report {
        public JsonNode metadata;
        public Integer expire;
        public JsonNode snapshot;
    }

    /** POST /caches/flush. */
    public static class Flush {
        public Boolean online;
    }

    /** POST /caches/host/{host}/online. */
    public static class Online {
        public String agent_type;
        public JsonNode metadata;
        public Integer expire;
    }

    /** POST /agent/{id}/endpoints. */
    public static class Endpoints {
        public Object endpoints;
    }

    /** Bodies that only ask whether to show ports. */
    public static class ShowPorts {
        public Boolean ports;
    }

    /** POST /agent/{id}/endpoint/{e}/entitys. */
    public static class EntityCreate {
        public List<Integer> ports;
        public Boolean notify;
        public String desc;
        public Long entity;
    }

    /** GET /asyncrequests. */
    public static class AsyncList {
        public String order;
        public Boolean desc;
        public JsonNode start;
        public JsonNode end;
        public Integer page_num;
        public Integer status;
    }

    /** GET /asyncrequests/{id}. */
    public static class AsyncShow {
        public Boolean agents;
        public Boolean details;
    }

    /** One detail of an agent's answer. */
    public static class Detail {
        public Long detail_id;
        public Integer resultcode;
        public Object result;
    }

    /** POST /asyncrequests/{id}/response (Goperation's RESPONESCHEMA). */
    public static class Response {
        public Long agent_id;
        public Long agent_time;
        public Integer resultcode;
        public String result;
        public List<Detail> details;
    }

    /** PUT /asyncrequests/{id}/overtime. */
    public static class Overtime {
        public Long agent_time;
        public List<Long> agents;
    }
}
