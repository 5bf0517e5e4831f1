package io.armada.tars.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.aries.jpa.template.JpaTemplate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.armada.core.ApiException;
import io.armada.core.Params;
import io.armada.persistence.DuplicateKeyException;
import io.armada.persistence.JpaStore;
import io.armada.tars.ProfileTemplate;
import io.armada.tars.TarsTemplates;
import io.armada.tars.internal.jpa.JpaTemplateDao;

/** Profile templates with TarsWeb's rules and TarsFramework's inheritance (reference §002.7). */
@Component(service = TarsTemplates.class)
public class TemplateServiceImpl implements TarsTemplates {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

    private final TemplateDao dao;
    private final Clock clock;

    @Activate
    public TemplateServiceImpl(@Reference(target = "(osgi.unit.name=armada-tars)") JpaTemplate jpa) {
        this(new JpaTemplateDao(new JpaStore(jpa)), Clock.systemUTC());
    }

    TemplateServiceImpl(TemplateDao dao, Clock clock) {
        this.dao = dao;
        this.clock = clock;
    }

    static String name(String value, String field) {
        String v = Params.text(value, field, 128);
        if (!NAME.matcher(v).matches()) {
            throw ApiException.badRequest(field + " may hold letters, digits, _, - and . only");
        }
        return v;
    }

    private static String parent(String value) {
        return value == null || value.isBlank() ? "" : name(value, "parents_name");
    }

    private static String profile(String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest("profile is required");
        }
        if (value.length() > ConfigServiceImpl.MAX_CONFIG_CHARS) {
            throw ApiException.badRequest("profile is longer than " + ConfigServiceImpl.MAX_CONFIG_CHARS
                    + " characters");
        }
        TarsProfile.parse(value);
        return value;
    }

    /** Refuses a parent that does not exist or whose ancestry reaches {@code name}. */
    private void checkParent(String name, String parent) {
        if (parent.isEmpty()) {
            return;
        }
        if (parent.equals(name)) {
            throw ApiException.badRequest("template " + name + " cannot be its own parent");
        }
        Map<String, String> parents = new HashMap<>();
        for (ProfileTemplate t : dao.all()) {
            parents.put(t.templateName(), t.parentsName());
        }
        if (!parents.containsKey(parent)) {
            throw ApiException.badRequest("parent template " + parent + " does not exist"
                    + " (#api.nonexistent.parent.template#)");
        }
        Set<String> seen = new HashSet<>();
        for (String p = parent; p != null && !p.isEmpty(); p = parents.get(p)) {
            if (p.equals(name) || !seen.add(p)) {
                throw ApiException.badRequest("template " + name + " with parent " + parent + " makes a cycle");
            }
        }
    }

    @Override
    public ProfileTemplate add(String templateName, String parentsName, String profile) {
        String name = name(templateName, "template_name");
        String parent = parent(parentsName);
        String text = profile(profile);
        checkParent(name, parent);
        try {
            return dao.insert(new ProfileTemplate(0, name, parent, text, clock.instant()));
        } catch (DuplicateKeyException e) {
            throw ApiException.badRequest("template " + name + " exists");
        }
    }

    static ApiException unknown(long id) {
        return ApiException.notFound("no template with id " + id);
    }

    @Override
    public long delete(long id) {
        dao.find(id).orElseThrow(() -> unknown(id));
        dao.delete(id).ifPresent(why -> {
            throw ApiException.badRequest(why);
        });
        return id;
    }

    @Override
    public ProfileTemplate update(long id, String templateName, String parentsName, String profile) {
        ProfileTemplate old = dao.find(id).orElseThrow(() -> unknown(id));
        String name = templateName == null ? old.templateName() : name(templateName, "template_name");
        String parent = parentsName == null ? old.parentsName() : parent(parentsName);
        String text = profile == null ? old.profile() : profile(profile);
        if (!name.equals(old.templateName()) && dao.inUse(old.templateName())) {
            throw ApiException.badRequest("template " + old.templateName() + " is used by a server and keeps its"
                    + " name (#api.template.being.referred#)");
        }
        checkParent(name, parent);
        if (!name.equals(old.templateName()) && dao.all().stream().anyMatch(t -> t.parentsName().equals(old.templateName()))) {
            throw ApiException.badRequest("template " + old.templateName() + " is a parent and keeps its name");
        }
        Instant at = clock.instant();
        try {
            return dao.change(id, t -> new ProfileTemplate(t.id(), name, parent, text, at))
                    .orElseThrow(() -> unknown(id));
        } catch (DuplicateKeyException e) {
            throw ApiException.badRequest("template " + name + " exists");
        }
    }

    @Override
    public ProfileTemplate get(String templateName) {
        String name = name(templateName, "template_name");
        return dao.find(name).orElseThrow(() -> ApiException.notFound("no template named " + name));
    }

    @Override
    public List<ProfileTemplate> query(String templateName, String parentsName) {
        String n = templateName == null ? "" : templateName.trim().toLowerCase(Locale.ROOT);
        String p = parentsName == null ? "" : parentsName.trim().toLowerCase(Locale.ROOT);
        return dao.all().stream().filter(t -> t.templateName().toLowerCase(Locale.ROOT).contains(n)
                && t.parentsName().toLowerCase(Locale.ROOT).contains(p)).toList();
    }

    @Override
    public List<String> names() {
        return dao.all().stream().map(ProfileTemplate::templateName).toList();
    }

    @Override
    public String merged(String templateName) {
        ProfileTemplate t = get(templateName);
        TarsProfile.Domain merged = TarsProfile.parse(t.profile());
        Set<String> seen = new HashSet<>();
        seen.add(t.templateName());
        for (String p = t.parentsName(); !p.isEmpty(); ) {
            if (!seen.add(p)) {
                throw ApiException.badRequest("the ancestry of template " + templateName + " makes a cycle");
            }
            ProfileTemplate parent = dao.find(p).orElse(null);
            if (parent == null) {
                break; // TarsFramework: a missing parent adds nothing
            }
            TarsProfile.inherit(merged, TarsProfile.parse(parent.profile()));
            p = parent.parentsName();
        }
        return TarsProfile.write(merged);
    }
}
