package io.armada.itests;

import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.PrivilegedExceptionAction;
import java.util.ArrayList;
import java.util.List;

import javax.inject.Inject;
import javax.security.auth.Subject;

import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.ops4j.pax.exam.CoreOptions;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * Pax Exam on the real archive: boots karaf-distribution's tar.gz in the role a test class asks for, on free ports,
 * with a known fleet token. Test methods run inside the container.
 */
public abstract class ArmadaKarafTestSupport {
    public static final String TOKEN = "itest-token-0123456789abcdef0123456789";

    @Inject
    protected BundleContext bundleContext;

    @Inject
    protected SessionFactory sessionFactory;

    /** The role to boot: server unless a class says otherwise. */
    protected String role() {
        return "server";
    }

    /** Extra options of a test class. */
    protected List<Option> extraOptions() {
        return List.of();
    }

    protected Option[] baseConfig() {
        String dist = System.getProperty("armada.distribution");
        List<Option> o = new ArrayList<>();
        o.add(karafDistributionConfiguration()
                .frameworkUrl("file:" + new File(dist).getAbsolutePath())
                .karafVersion(System.getProperty("karaf.version", "4.4.10"))
                .name("Armada")
                .unpackDirectory(new File("target/exam"))
                .useDeployFolder(false));
        o.add(configureConsole().ignoreLocalConsole());
        o.add(logLevel(LogLevel.INFO));
        o.add(CoreOptions.vmOption("-Djdk.util.zip.disableZip64ExtraFieldValidation=true"));
        o.add(editConfigurationFilePut("etc/system.properties", "armada.role", role()));
        o.add(editConfigurationFilePut("etc/system.properties", "armada.http.port", Integer.toString(freePort())));
        o.add(editConfigurationFilePut("etc/system.properties", "armada.ssh.port", Integer.toString(freePort())));
        o.add(editConfigurationFilePut("etc/io.armada.security.cfg", "token", TOKEN));
        // the process under test needs the shutdown port Pax Exam uses to stop it
        o.add(editConfigurationFilePut("etc/config.properties", "karaf.shutdown.port", "0"));
        for (String p : new String[] {"armada.testarea.jar", "armada.testarea.feature"}) {
            o.add(editConfigurationFilePut("etc/system.properties", p, System.getProperty(p, "")));
        }
        o.add(systemProperty("org.ops4j.pax.url.mvn.localRepository")
                .value(System.getProperty("org.ops4j.pax.url.mvn.localRepository", "")));
        o.addAll(extraOptions());
        return o.toArray(new Option[0]);
    }

    protected static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** HTTP with the fleet token, on this instance's port (read inside the container). */
    protected Http http() {
        return Http.local(Integer.getInteger("armada.http.port"), TOKEN);
    }

    /** HTTP without any token. */
    protected Http anonymous() {
        return Http.local(Integer.getInteger("armada.http.port"), null);
    }

    protected Bundle bundle(String symbolicName) {
        for (Bundle b : bundleContext.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        return null;
    }

    /** Runs a shell command as an administrator and returns what it printed; a failing command throws. */
    protected String shell(String command) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
        Session session = sessionFactory.create(System.in, ps, ps);
        Subject subject = new Subject();
        subject.getPrincipals().add(new UserPrincipal("karaf"));
        for (String role : new String[] {"admin", "manager", "viewer", "systembundles"}) {
            subject.getPrincipals().add(new RolePrincipal(role));
        }
        try {
            Subject.doAs(subject, (PrivilegedExceptionAction<Object>) () -> session.execute(command));
        } catch (java.security.PrivilegedActionException e) {
            throw e.getException();
        } finally {
            ps.flush();
            session.close();
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
