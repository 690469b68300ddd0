package dev.changewire.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ArquillianExtension.class)
class TenancyIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.changewire();
    }

    @ArquillianResource
    URL deployment;

    @Test
    void bootstrapAdminListsUsers() {
        Api api = new Api(deployment).asBootstrapAdmin();
        var reply = api.get("/elements/api-v2/organizations/users");
        assertEquals(200, reply.status(), reply::toString);
        assertTrue(reply.array().size() >= 1, reply::toString);
    }

    @Test
    void missingAuthorizationIs401WithErrorBody() {
        var reply = new Api(deployment).get("/elements/api-v2/organizations/users");
        assertEquals(401, reply.status(), reply::toString);
        assertNotNull(reply.message());
        assertNotNull(reply.json().getString("requestId"));
    }
}
