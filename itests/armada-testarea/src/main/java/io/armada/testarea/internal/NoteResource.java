package io.armada.testarea.internal;

import java.util.List;
import java.util.Map;

import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.apache.aries.jpa.template.JpaTemplate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtensionSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import io.armada.core.ApiException;
import io.armada.core.ArmadaArea;
import io.armada.core.ArmadaJaxrs;
import io.armada.core.Dialect;
import io.armada.core.Envelopes;
import io.armada.core.WireDialect;
import io.armada.persistence.DuplicateKeyException;
import io.armada.persistence.JpaStore;

/** Notes on the shared database: what the durability tests write before a kill -9 and read after. */
@Component(service = NoteResource.class)
@JaxrsResource
@JSONRequired
@JaxrsExtensionSelect(ArmadaJaxrs.REQUIRE_AUTH)
@ArmadaArea("testarea")
@WireDialect(Dialect.EGG)
@Path("/testarea/notes")
@Produces(MediaType.APPLICATION_JSON)
public class NoteResource {
    private final JpaStore store;

    @Activate
    public NoteResource(@Reference(target = "(osgi.unit.name=armada-testarea)") JpaTemplate jpa) {
        this.store = new JpaStore(jpa);
    }

    public static class NoteRequest {
        public String text;
    }

    @POST
    public Object add(NoteRequest body) {
        if (body == null || body.text == null || body.text.isBlank() || body.text.length() > 200) {
            throw ApiException.badRequest("text is required, at most 200 characters");
        }
        try {
            Long id = store.tx(em -> {
                NoteEntity n = new NoteEntity();
                n.text = body.text;
                em.persist(n);
                em.flush();
                return n.id;
            });
            return Envelopes.Egg.ok("added", Map.of("id", id));
        } catch (DuplicateKeyException e) {
            throw ApiException.badRequest("note exists");
        }
    }

    @GET
    public Object list() {
        List<Map<String, Object>> rows = store.tx(em -> em
                .createQuery("select n from NoteEntity n order by n.id", NoteEntity.class).getResultList().stream()
                .map(n -> Map.<String, Object>of("id", n.id, "text", n.text)).toList());
        return Envelopes.Egg.ok("ok", rows);
    }
}
