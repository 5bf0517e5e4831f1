package io.armada.agents.internal;

import static io.armada.agents.internal.AsyncJson.details;
import static io.armada.agents.internal.AsyncJson.requestId;
import static io.armada.agents.internal.AsyncJson.view;

import java.util.ArrayList;
import java.util.List;

import io.armada.agents.AgentResponseView;
import io.armada.agents.AsyncPage;
import io.armada.agents.AsyncRequestView;
import io.armada.core.ApiException;
import io.armada.core.Goperation;

/** The async requests and their answers read back from the DAO: one request, or a page of them. */
final class AsyncReads {
    private final AsyncDao dao;

    AsyncReads(AsyncDao dao) {
        this.dao = dao;
    }

    AsyncRequestView show(String requestId, boolean responses, boolean details) {
        String id = requestId(requestId);
        AsyncRequestRow r = dao.find(id)
                .orElseThrow(() -> ApiException.notFound("Async request " + id + " not found"));
        if (!responses) {
            return view(r, List.of());
        }
        List<AgentResponseView> rows = new ArrayList<>();
        for (ResponseRow x : dao.responses(id)) {
            rows.add(new AgentResponseView(x.agentId(), x.serverTime(), x.agentTime(), x.resultcode(), x.result(),
                    details ? details(x.details()) : List.of()));
        }
        return view(r, rows);
    }

    AsyncPage list(Integer status, Long start, Long end, String order, boolean desc, int page) {
        if (status != null && status != 0 && status != 1) {
            throw ApiException.badRequest("json not match error schema: 'status' must be 0 or 1");
        }
        if (start != null && end != null && end < start) {
            throw ApiException.badRequest("end time less then start time");
        }
        int p = Goperation.page(page);
        AsyncDao.Page rows = dao.page(status, start, end, order, desc, Goperation.offset(p), Goperation.ROWS_PER_PAGE);
        Goperation.checkPage(p, rows.total());
        return new AsyncPage(rows.total(), p, rows.rows().stream().map(r -> view(r, List.of())).toList());
    }
}
