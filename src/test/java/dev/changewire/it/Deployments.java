package dev.changewire.it;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Assumptions;

/** Integration tests deploy the WAR the build produced, exactly as an operator would, at context root "/". */
public final class Deployments {

    private Deployments() {
    }

    /** True in {@code mvn verify -Pwildfly}, which selects Arquillian's {@code wildfly} container. */
    public static boolean onWildFly() {
        return "wildfly".equals(System.getProperty("arquillian.launch"));
    }

    /**
     * Skips a test that starts further Payara Micro processes of its own (a restart, a crash, a second
     * node) when the suite runs on WildFly: those processes would test Payara Micro again, not WildFly.
     */
    public static void assumeExtraNodesArePayaraMicro() {
        Assumptions.assumeFalse(onWildFly(),
                "starts extra Payara Micro processes (restart, crash, second node), so it proves Payara Micro, not WildFly;"
                        + " runs in the Payara Micro passes");
    }

    public static WebArchive changewire() {
        File war = new File(System.getProperty("changewire.war", "target/changewire.war"));
        if (!war.isFile()) {
            throw new IllegalStateException("Build the WAR first (mvn verify does): " + war);
        }
        return ShrinkWrap.create(ZipImporter.class, "ROOT.war").importFrom(war).as(WebArchive.class);
    }
}
