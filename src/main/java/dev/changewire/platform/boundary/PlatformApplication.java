package dev.changewire.platform.boundary;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.HashSet;
import java.util.Set;

/**
 * The Cloud Elements-compatible API under {@code /elements/api-v2}. Resources are listed explicitly
 * because the WAR holds a second application (the sandbox) whose resources must not appear here.
 */
@ApplicationPath("elements/api-v2")
public class PlatformApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        Set<Class<?>> classes = new HashSet<>(CommonProviders.classes());
        classes.add(Authentication.class);
        classes.add(BodySizeLimit.class);
        classes.add(JsonBodyReader.class);
        classes.add(dev.changewire.tenancy.boundary.OrganizationsResource.class);
        classes.add(dev.changewire.instances.boundary.InstancesResource.class);
        classes.add(dev.changewire.instances.boundary.ElementsResource.class);
        classes.add(dev.changewire.notifications.boundary.NotificationsResource.class);
        classes.add(dev.changewire.notifications.boundary.InstanceNotificationsResource.class);
        classes.add(dev.changewire.notifications.boundary.EventSubscriptionResource.class);
        classes.add(dev.changewire.notifications.boundary.WebhookSecretResource.class);
        classes.add(dev.changewire.events.boundary.EventsResource.class);
        classes.add(dev.changewire.events.boundary.InstanceEventsResource.class);
        classes.add(dev.changewire.polling.boundary.InstancePollerResource.class);
        classes.add(dev.changewire.hubs.boundary.MarketingHubResource.class);
        return classes;
    }
}
