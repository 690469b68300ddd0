package dev.changewire;

import dev.changewire.elements.constantcontact.boundary.ApiKeysResource;
import dev.changewire.events.boundary.EventsResource;
import dev.changewire.events.boundary.InstanceEventsResource;
import dev.changewire.hubs.boundary.MarketingHubResource;
import dev.changewire.instances.boundary.ElementsResource;
import dev.changewire.instances.boundary.InstancesResource;
import dev.changewire.notifications.boundary.EventSubscriptionResource;
import dev.changewire.notifications.boundary.InstanceNotificationsResource;
import dev.changewire.notifications.boundary.NotificationsResource;
import dev.changewire.notifications.boundary.WebhookSecretResource;
import dev.changewire.platform.boundary.AcceptHeaderCheck;
import dev.changewire.platform.boundary.BodySizeLimit;
import dev.changewire.platform.boundary.CommonProviders;
import dev.changewire.platform.boundary.JsonBodyReader;
import dev.changewire.polling.boundary.InstancePollerResource;
import dev.changewire.tenancy.boundary.Authentication;
import dev.changewire.tenancy.boundary.OrganizationsResource;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.HashSet;
import java.util.Set;

/**
 * The Cloud Elements-compatible API under {@code /elements/api-v2}. Resources are listed explicitly
 * because the WAR holds a second application (the sandbox) whose resources must not appear here. It sits
 * at the application root, above every component: the one class that names them all.
 */
@ApplicationPath("elements/api-v2")
public class ApiApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        Set<Class<?>> classes = new HashSet<>(CommonProviders.classes());
        classes.add(Authentication.class);
        classes.add(BodySizeLimit.class);
        classes.add(AcceptHeaderCheck.class);
        classes.add(JsonBodyReader.class);
        classes.add(OrganizationsResource.class);
        classes.add(InstancesResource.class);
        classes.add(ElementsResource.class);
        classes.add(NotificationsResource.class);
        classes.add(InstanceNotificationsResource.class);
        classes.add(EventSubscriptionResource.class);
        classes.add(WebhookSecretResource.class);
        classes.add(EventsResource.class);
        classes.add(InstanceEventsResource.class);
        classes.add(InstancePollerResource.class);
        classes.add(MarketingHubResource.class);
        classes.add(ApiKeysResource.class);
        return classes;
    }
}
