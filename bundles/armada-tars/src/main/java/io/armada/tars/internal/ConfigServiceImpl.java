package io.armada.tars.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.apache.aries.jpa.template.JpaTemplate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.armada.core.ApiException;
import io.armada.core.Params;
import io.armada.persistence.DuplicateKeyException;
import io.armada.persistence.JpaStore;
import io.armada.tars.ConfigFile;
import io.armada.tars.ConfigHistory;
import io.armada.tars.ConfigRef;
import io.armada.tars.NewConfig;
import io.armada.tars.ServerConf;
import io.armada.tars.TarsConfigs;
import io.armada.tars.TarsPage;
import io.armada.tars.internal.jpa.JpaConfigDao;
import io.armada.tars.internal.jpa.JpaTarsDao;

/**
 * Configuration files with TarsWeb's levels, selectors, history and references, and TarsFramework's merge order
 * (reference §002.6).
 */
@Component(service = TarsConfigs.class)
public class ConfigServiceImpl implements TarsConfigs {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigServiceImpl.class);
    /** Between the parts of a merged configuration, as TarsFramework's ConfigImp joins them. */
    static final String SEPARATOR = "\r\n\r\n";
    private static final Pattern FILENAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    static final int MAX_CONFIG_CHARS = 1024 * 1024;

    private final ConfigDao dao;
    private final TarsDao servers;
    private final Clock clock;

    @Activate
    public ConfigServiceImpl(@Reference(target = "(osgi.unit.name=armada-tars)") JpaTemplate jpa) {
        this(new JpaConfigDao(new JpaStore(jpa)), new JpaTarsDao(new JpaStore(jpa)), Clock.systemUTC());
    }

    ConfigServiceImpl(ConfigDao dao, TarsDao servers, Clock clock) {
        this.dao = dao;
        this.servers = servers;
        this.clock = clock;
    }

    /** A file's owner: SERVER_NAME and the three set fields, empty for none. */
    record Owner(int level, String serverName, String setName, String setArea, String setGroup) {
    }

    /** TarsWeb's level selector (1 application, 2-4 set, 5 server) to the owner of the files it names. */
    static Owner owner(Integer selector, String application, String serverName, String setName, String setArea,
            String setGroup) {
        if (selector == null) {
            throw ApiException.badRequest("level is required");
        }
        String app = TarsRules.name(application, "application");
        return switch (selector) {
            case 1 -> new Owner(ConfigFile.APP, app, "", "", "");
            case 2 -> new Owner(ConfigFile.APP, app, TarsRules.setName(setName), "", "");
            case 3 -> new Owner(ConfigFile.APP, app, TarsRules.setName(setName), TarsRules.setArea(setArea), "");
            case 4 -> new Owner(ConfigFile.APP, app, TarsRules.setName(setName), TarsRules.setArea(setArea),
                    TarsRules.setGroup(setGroup));
            case 5 -> {
                String server = app + "." + TarsRules.name(serverName, "server_name");
                boolean anySet = notBlank(setName) || notBlank(setArea) || notBlank(setGroup);
                yield anySet ? new Owner(ConfigFile.SERVER, server, TarsRules.setName(setName),
                        TarsRules.setArea(setArea), TarsRules.setGroup(setGroup))
                        : new Owner(ConfigFile.SERVER, server, "", "", "");
            }
            default -> throw ApiException.badRequest("level must be 1 (application), 2 (set name), 3 (set area), "
                    + "4 (set group) or 5 (server)");
        };
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    static String filename(String value) {
        String v = Params.text(value, "filename", 128);
        if (!FILENAME.matcher(v).matches()) {
            throw ApiException.badRequest("filename may hold letters, digits, _, - and . (not first) only");
        }
        return v;
    }

    static String content(String value) {
        if (value == null || value.isEmpty()) {
            throw ApiException.badRequest("config is required");
        }
        if (value.length() > MAX_CONFIG_CHARS) {
            throw ApiException.badRequest("config is longer than " + MAX_CONFIG_CHARS + " characters");
        }
        return value;
    }

    /** The servers a server-level file applies to: the server's rows in the file's set, or outside sets. */
    private List<ServerConf> serversOf(ConfigFile serverFile) {
        String name = serverFile.serverName();
        int dot = name.indexOf('.');
        boolean set = !serverFile.setName().isEmpty();
        TreeSelector sel = new TreeSelector(name.substring(0, dot), name.substring(dot + 1), set,
                set ? serverFile.setName() : null, set ? serverFile.setArea() : null, set ? serverFile.setGroup() : null);
        return servers.servers(sel, 0, 0).rows();
    }

    private static ConfigFile nodeFile(ConfigFile serverFile, String node, Instant at) {
        return new ConfigFile(0, serverFile.serverName(), node, serverFile.setName(), serverFile.setArea(),
                serverFile.setGroup(), serverFile.filename(), "", ConfigFile.NODE, at);
    }

    @Override
    public ConfigFile add(NewConfig c) {
        Owner o = owner(c.level(), c.application(), c.serverName(), c.setName(), c.setArea(), c.setGroup());
        String filename = filename(c.filename());
        String config = content(c.config());
        Instant at = clock.instant();
        ConfigFile file = new ConfigFile(0, o.serverName(), "", o.setName(), o.setArea(), o.setGroup(), filename,
                config, o.level(), at);
        List<ConfigFile> rows = new ArrayList<>();
        rows.add(file);
        if (o.level() == ConfigFile.SERVER) {
            for (ServerConf s : serversOf(file)) {
                if (dao.find(file.serverName(), file.setName(), file.setArea(), file.setGroup(), s.nodeName(),
                        filename).isEmpty()) {
                    rows.add(nodeFile(file, s.nodeName(), at));
                }
            }
        }
        try {
            ConfigFile created = dao.insert(rows, "add config", at).get(0);
            LOG.info("Tars config {} of {} added (level {})", filename, o.serverName(), o.level());
            return created;
        } catch (DuplicateKeyException e) {
            throw ApiException.badRequest("config file " + filename + " exists for " + o.serverName()
                    + " (#cfg.dlg.exists#)");
        }
    }

    static ApiException unknown(long id) {
        return ApiException.notFound("no config file with id " + id);
    }

    @Override
    public long delete(long id) {
        ConfigFile f = get(id);
        List<Long> ids = new ArrayList<>();
        ids.add(id);
        if (f.level() == ConfigFile.SERVER) {
            for (ConfigFile n : dao.list(ConfigFile.NODE, f.serverName(), f.setName(), f.setArea(), f.setGroup(),
                    null)) {
                if (n.filename().equals(f.filename())) {
                    ids.add(n.id());
                }
            }
        }
        dao.delete(ids).ifPresent(referrer -> {
            throw ApiException.badRequest("config file " + id + " is referenced by config file " + referrer
                    + " (#config.notDelete#)");
        });
        return id;
    }

    @Override
    public ConfigFile update(long id, String config, String reason) {
        String c = content(config);
        String r = Params.text(reason, "reason", 512);
        return dao.update(id, c, r, clock.instant()).orElseThrow(() -> unknown(id));
    }

    @Override
    public ConfigFile get(long id) {
        return dao.find(id).orElseThrow(() -> unknown(id));
    }

    @Override
    public List<ConfigFile> list(int level, String application, String serverName, String setName, String setArea,
            String setGroup) {
        Owner o = owner(level, application, serverName, setName, setArea, setGroup);
        return dao.list(o.level(), o.serverName(), o.setName(), o.setArea(), o.setGroup(), "");
    }

    @Override
    public List<ConfigFile> nodeFiles(String application, String serverName, String setName, String setArea,
            String setGroup, long configId) {
        Owner o = owner(5, application, serverName, setName, setArea, setGroup);
        ConfigFile named = get(configId);
        Instant at = clock.instant();
        ConfigFile serverFile = new ConfigFile(0, o.serverName(), "", o.setName(), o.setArea(), o.setGroup(),
                named.filename(), "", ConfigFile.SERVER, at);
        List<ConfigFile> missing = new ArrayList<>();
        for (ServerConf s : serversOf(serverFile)) {
            if (dao.find(o.serverName(), o.setName(), o.setArea(), o.setGroup(), s.nodeName(), named.filename())
                    .isEmpty()) {
                missing.add(nodeFile(serverFile, s.nodeName(), at));
            }
        }
        if (!missing.isEmpty()) {
            try {
                dao.insert(missing, "add config", at);
            } catch (DuplicateKeyException raced) {
                LOG.debug("Node config files of {} were created meanwhile", o.serverName());
            }
        }
        return dao.list(ConfigFile.NODE, o.serverName(), o.setName(), o.setArea(), o.setGroup(), null).stream()
                .filter(f -> f.filename().equals(named.filename())).toList();
    }

    @Override
    public ConfigHistory history(long id) {
        return dao.history(id).orElseThrow(() -> ApiException.notFound("no config history with id " + id));
    }

    @Override
    public TarsPage<ConfigHistory> histories(long configId, int page, int size) {
        get(configId);
        TarsRules.page(page, size);
        return dao.histories(configId, page, size);
    }

    @Override
    public ConfigRef addRef(long configId, long referenceId) {
        ConfigFile f = get(configId);
        ConfigFile ref = get(referenceId);
        if (f.id() == ref.id()) {
            throw ApiException.badRequest("a config file cannot reference itself");
        }
        try {
            return dao.addRef(configId, referenceId);
        } catch (DuplicateKeyException e) {
            throw ApiException.badRequest("config file " + configId + " already references " + referenceId);
        }
    }

    @Override
    public long deleteRef(long id) {
        dao.deleteRef(id).orElseThrow(() -> ApiException.notFound("no config reference with id " + id));
        return id;
    }

    @Override
    public List<ConfigRef> refs(long configId) {
        get(configId);
        return dao.refs(configId);
    }

    @Override
    public String merged(long id) {
        // one transaction for the whole chain (four before: the route's p99 under 20 clients was their sum)
        List<String> parts = new ArrayList<>();
        for (ConfigFile f : dao.mergeChain(id).orElseThrow(() -> unknown(id))) {
            addPart(f.config(), parts);
        }
        return String.join(SEPARATOR, parts);
    }

    private static void addPart(String text, List<String> parts) {
        if (text != null && !text.isEmpty()) {
            parts.add(text);
        }
    }
}
