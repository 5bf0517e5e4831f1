package io.armada.tars.internal.jpa;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import javax.persistence.EntityManager;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.armada.core.Json;
import io.armada.persistence.JpaStore;
import io.armada.tars.ServerConf;
import io.armada.tars.TarsPage;
import io.armada.tars.TaskItem;
import io.armada.tars.TaskStatus;
import io.armada.tars.TaskView;
import io.armada.tars.internal.TaskDao;

/** Tasks in TARS_TASK and TARS_TASK_ITEM; an item's end also writes TARS_SERVER (or deletes it) and TARS_NOTIFY. */
public final class JpaTaskDao implements TaskDao {
    private static final ObjectMapper JSON = Json.newMapper();
    private final JpaStore store;
    private final String owner;

    /**
     * @param store the area's store
     * @param owner this server's name, written into the tasks it inserts
     */
    public JpaTaskDao(JpaStore store, String owner) {
        this.store = store;
        this.owner = owner;
    }

    static String json(Map<String, String> params) {
        try {
            return JSON.writeValueAsString(params == null ? Map.of() : params);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> params(String json) {
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, String>>() { });
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }

    @Override
    public void insert(TaskView task) {
        store.run(em -> {
            TaskEntity t = new TaskEntity();
            t.taskNo = task.taskNo();
            t.serial = task.serial();
            t.status = TaskStatus.NOT_START;
            t.createTime = task.createTime().toEpochMilli();
            t.userName = task.userName() == null ? "" : task.userName();
            t.owner = owner;
            em.persist(t);
            int seq = 0;
            for (TaskItem i : task.items()) {
                TaskItemEntity e = new TaskItemEntity();
                e.itemNo = i.itemNo();
                e.taskNo = task.taskNo();
                e.seq = seq++;
                e.serverId = i.serverId();
                e.application = i.application();
                e.serverName = i.serverName();
                e.nodeName = i.nodeName();
                e.command = i.command();
                e.parameters = json(i.parameters());
                e.status = TaskStatus.NOT_START;
                e.statusInfo = "";
                e.executeInfo = "";
                em.persist(e);
            }
        });
    }

    @Override
    public Optional<TaskView> find(String taskNo) {
        return store.tx(em -> Optional.ofNullable(em.find(TaskEntity.class, taskNo)).map(t -> view(em, List.of(t))
                .get(0)));
    }

    private static List<TaskView> view(EntityManager em, List<TaskEntity> tasks) {
        if (tasks.isEmpty()) {
            return List.of();
        }
        Map<String, List<TaskItem>> items = new HashMap<>();
        em.createQuery("select i from TaskItemEntity i where i.taskNo in :t order by i.taskNo, i.seq",
                TaskItemEntity.class).setParameter("t", tasks.stream().map(t -> t.taskNo).toList()).getResultList()
                .forEach(i -> items.computeIfAbsent(i.taskNo, k -> new ArrayList<>()).add(i.toDTO()));
        return tasks.stream().map(t -> new TaskView(t.taskNo, t.serial, t.status, Instant.ofEpochMilli(t.createTime),
                t.userName, items.getOrDefault(t.taskNo, List.of()))).toList();
    }

    @Override
    public TarsPage<TaskView> list(String application, String serverName, String command, Instant from, Instant to,
            int page, int size) {
        return store.tx(em -> {
            List<String> where = new ArrayList<>();
            Map<String, Object> p = new HashMap<>();
            List<String> itemWhere = new ArrayList<>();
            if (application != null) {
                itemWhere.add("i.application = :app");
                p.put("app", application);
            }
            if (serverName != null) {
                itemWhere.add("i.serverName = :server");
                p.put("server", serverName);
            }
            if (command != null) {
                itemWhere.add("i.command = :command");
                p.put("command", command);
            }
            if (!itemWhere.isEmpty()) {
                where.add("t.taskNo in (select i.taskNo from TaskItemEntity i where " + String.join(" and ", itemWhere)
                        + ")");
            }
            if (from != null) {
                where.add("t.createTime >= :from");
                p.put("from", from.toEpochMilli());
            }
            if (to != null) {
                where.add("t.createTime < :to");
                p.put("to", to.toEpochMilli());
            }
            String w = where.isEmpty() ? "" : " where " + String.join(" and ", where);
            var count = em.createQuery("select count(t) from TaskEntity t" + w, Long.class);
            var q = em.createQuery("select t from TaskEntity t" + w + " order by t.createTime desc, t.taskNo",
                    TaskEntity.class);
            p.forEach((k, v) -> {
                count.setParameter(k, v);
                q.setParameter(k, v);
            });
            if (page > 0 && size > 0) {
                q.setFirstResult((page - 1) * size).setMaxResults(size);
            }
            return new TarsPage<>(count.getSingleResult(), view(em, q.getResultList()));
        });
    }

    @Override
    public void started(String itemNo, Instant at) {
        store.run(em -> {
            TaskItemEntity i = em.find(TaskItemEntity.class, itemNo);
            if (i == null) {
                return;
            }
            i.status = TaskStatus.RUNNING;
            i.startTime = at.toEpochMilli();
            TaskEntity t = em.find(TaskEntity.class, i.taskNo);
            if (t != null && t.status == TaskStatus.NOT_START) {
                t.status = TaskStatus.RUNNING;
            }
        });
    }

    @Override
    public void ended(TaskItem item, int status, String statusInfo, String executeInfo, ServerUpdate u, Instant at) {
        store.run(em -> {
            TaskItemEntity i = em.find(TaskItemEntity.class, item.itemNo());
            if (i != null) {
                i.status = status;
                i.statusInfo = cut(statusInfo, 1024);
                i.executeInfo = cut(executeInfo, 4096);
                i.endTime = at.toEpochMilli();
                if (i.startTime == null) {
                    i.startTime = i.endTime;
                }
            }
            ServerEntity s = em.find(ServerEntity.class, item.serverId());
            if (s == null) {
                return;
            }
            if (u.delete()) {
                String app = s.application;
                String server = s.serverName;
                String node = s.nodeName;
                ServerConf gone = s.toDTO();
                em.createQuery("delete from AdapterEntity a where a.application = :a and a.serverName = :s"
                        + " and a.nodeName = :n").setParameter("a", app).setParameter("s", server)
                        .setParameter("n", node).executeUpdate();
                List<Long> nodeFiles = em.createQuery("select c.id from ConfigEntity c where c.level = 3"
                        + " and c.serverName = :s and c.host = :n", Long.class).setParameter("s", app + "." + server)
                        .setParameter("n", node).getResultList();
                if (!nodeFiles.isEmpty()) {
                    em.createQuery("delete from ConfigRefEntity r where r.configId in :ids")
                            .setParameter("ids", nodeFiles).executeUpdate();
                    em.createQuery("delete from ConfigHistoryEntity h where h.configId in :ids")
                            .setParameter("ids", nodeFiles).executeUpdate();
                    em.createQuery("delete from ConfigEntity c where c.id in :ids").setParameter("ids", nodeFiles)
                            .executeUpdate();
                }
                em.remove(s);
                em.persist(NotifyEntity.of(gone, item.itemNo(), item.command(), result(status, statusInfo), at));
                return;
            }
            if (u.settingState() != null) {
                s.settingState = u.settingState();
            }
            if (u.presentState() != null) {
                s.presentState = u.presentState();
            }
            if (u.patchVersion() != null) {
                s.patchVersion = u.patchVersion();
                s.patchTime = u.patchTime() == null ? at.toEpochMilli() : u.patchTime().toEpochMilli();
                s.patchUser = u.patchUser() == null ? "" : u.patchUser();
            }
            if (u.processId() != null) {
                s.processId = u.processId();
            }
            if (u != ServerUpdate.NONE) {
                s.posttime = at.toEpochMilli();
            }
            em.persist(NotifyEntity.of(s.toDTO(), item.itemNo(), item.command(), result(status, statusInfo), at));
        });
    }

    private static String result(int status, String info) {
        String word = switch (status) {
            case TaskStatus.SUCCESS -> "success";
            case TaskStatus.FAILED -> "failed";
            case TaskStatus.CANCEL -> "cancelled";
            default -> "status " + status;
        };
        return info == null || info.isEmpty() ? word : word + ": " + info;
    }

    private static String cut(String s, int max) {
        if (s == null) {
            return "";
        }
        return s.length() > max ? s.substring(s.length() - max) : s;
    }

    @Override
    public void cancelled(List<String> itemNos, String why, Instant at) {
        if (itemNos.isEmpty()) {
            return;
        }
        store.run(em -> {
            for (String no : itemNos) {
                TaskItemEntity i = em.find(TaskItemEntity.class, no);
                if (i != null && i.status == TaskStatus.NOT_START) {
                    i.status = TaskStatus.CANCEL;
                    i.statusInfo = cut(why, 1024);
                    i.endTime = at.toEpochMilli();
                }
            }
        });
    }

    @Override
    public int finish(String taskNo, Instant at) {
        return store.tx(em -> finish(em, taskNo, at));
    }

    private static int finish(EntityManager em, String taskNo, Instant at) {
        TaskEntity t = em.find(TaskEntity.class, taskNo);
        if (t == null) {
            return -1;
        }
        List<Integer> statuses = em.createQuery("select i.status from TaskItemEntity i where i.taskNo = :t",
                Integer.class).setParameter("t", taskNo).getResultList();
        long ok = statuses.stream().filter(s -> s == TaskStatus.SUCCESS).count();
        t.status = ok == statuses.size() ? TaskStatus.SUCCESS : ok == 0 ? TaskStatus.FAILED : TaskStatus.PARIAL;
        t.endTime = at.toEpochMilli();
        return t.status;
    }

    @Override
    public List<String> failUnfinished(String why, Instant at, Predicate<String> ownerGone) {
        return store.tx(em -> {
            List<String> tasks = new ArrayList<>();
            for (Object[] r : em.createQuery("select t.taskNo, t.owner from TaskEntity t where t.status in (0, 1)",
                    Object[].class).getResultList()) {
                if (ownerGone.test((String) r[1])) {
                    tasks.add((String) r[0]);
                }
            }
            for (String no : tasks) {
                for (TaskItemEntity i : em.createQuery("select i from TaskItemEntity i where i.taskNo = :t"
                        + " and i.status in (0, 1)", TaskItemEntity.class).setParameter("t", no).getResultList()) {
                    i.status = TaskStatus.FAILED;
                    i.statusInfo = cut(why, 1024);
                    i.endTime = at.toEpochMilli();
                    ServerEntity s = em.find(ServerEntity.class, i.serverId);
                    if (s != null) {
                        em.persist(NotifyEntity.of(s.toDTO(), i.itemNo, i.command, result(TaskStatus.FAILED, why),
                                at));
                    }
                }
                finish(em, no, at);
            }
            return tasks;
        });
    }

    @Override
    public Optional<ServerConf> server(long id) {
        return store.tx(em -> Optional.ofNullable(em.find(ServerEntity.class, id)).map(ServerEntity::toDTO));
    }

    @Override
    public boolean present(long id, String presentState, long processId) {
        return store.tx(em -> em.createQuery("update ServerEntity s set s.presentState = :p, s.processId = :pid"
                + " where s.id = :id and (s.presentState <> :p or s.processId <> :pid)").setParameter("p", presentState)
                .setParameter("pid", processId).setParameter("id", id).executeUpdate() > 0);
    }

    @Override
    public List<ServerConf> servers(String application, String serverName, String nodeName) {
        return store.tx(em -> {
            var q = em.createQuery("select s from ServerEntity s where s.application = :a and s.serverName = :s"
                    + (nodeName == null ? "" : " and s.nodeName = :n") + " order by s.nodeName", ServerEntity.class)
                    .setParameter("a", application).setParameter("s", serverName);
            if (nodeName != null) {
                q.setParameter("n", nodeName);
            }
            return q.getResultList().stream().map(ServerEntity::toDTO).toList();
        });
    }

    @Override
    public void note(long serverId, String threadId, String command, String result, Instant at) {
        store.run(em -> {
            ServerEntity s = em.find(ServerEntity.class, serverId);
            if (s != null) {
                em.persist(NotifyEntity.of(s.toDTO(), threadId, command, result, at));
            }
        });
    }

    @Override
    public List<ServerConf> serversOn(String nodeName) {
        return store.tx(em -> em.createQuery("select s from ServerEntity s where s.nodeName = :n order by s.id",
                ServerEntity.class).setParameter("n", nodeName).getResultList().stream().map(ServerEntity::toDTO)
                .toList());
    }
}
