package io.armada.agents.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;

import java.util.List;

import org.junit.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.armada.core.Json;

/** The request records read the original's field names, including {@code notify} (not a legal component name). */
public class BodiesTest {
    private static final ObjectMapper M = Json.newMapper();

    @Test
    public void entityCreateReadsNotify() throws Exception {
        Bodies.EntityCreate b = M.readValue("{\"ports\":[30001,null],\"notify\":false,\"desc\":\"d\",\"entity\":7}",
                Bodies.EntityCreate.class);
        assertEquals(java.util.Arrays.asList(30001, null), b.ports());
        assertFalse(b.notifyAgent());
        assertEquals("d", b.desc());
        assertEquals(Long.valueOf(7), b.entity());
        assertNull(M.readValue("{}", Bodies.EntityCreate.class).notifyAgent());
    }

    @Test
    public void snakeCaseFieldsAreRead() throws Exception {
        Bodies.AgentList b = M.readValue("{\"agent_type\":\"node\",\"page_num\":2,\"desc\":true}",
                Bodies.AgentList.class);
        assertEquals("node", b.agent_type());
        assertEquals(Integer.valueOf(2), b.page_num());
        Bodies.Response r = M.readValue("{\"agent_id\":3,\"agent_time\":5,\"resultcode\":0,"
                + "\"details\":[{\"detail_id\":1,\"resultcode\":0,\"result\":\"ok\"}]}", Bodies.Response.class);
        assertEquals(List.of(1L), r.details().stream().map(Bodies.Detail::detail_id).toList());
    }
}
