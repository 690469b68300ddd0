package dev.changewire.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The admin console in a real browser (Debian's headless Chromium through its chromedriver), used as
 * a new operator would: sign in, create an instance through the seed's steps and the OAuth dance
 * against the sandbox, edit its poller configuration, watch a sandbox change arrive as an event and a
 * delivered notification, redeliver, manage users, delete. Screenshots go to target/screenshots.
 * Without Chromium or chromedriver the tests are skipped, saying so.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT {

    static final Path CHROMIUM = Path.of(System.getProperty("console.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("console.chromedriver", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final Duration WAIT = Duration.ofSeconds(30);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.changewire();
    }

    @ArquillianResource
    URL deployment;

    static WebDriver driver;
    static Path profile;
    static Receiver receiver;
    static String instanceId;
    static String instanceName;

    static boolean browserInstalled() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    @BeforeAll
    static void browser() throws IOException {
        if (!browserInstalled()) {
            return; // every test reports itself skipped, see requireBrowser()
        }
        Files.createDirectories(SCREENSHOTS);
        profile = Files.createTempDirectory("changewire-console-chromium");
        ChromeOptions options = new ChromeOptions();
        // both paths given: Selenium Manager has nothing to look up or download
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--window-size=1280,1000", "--lang=en-US");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(WAIT);
        receiver = Receiver.start();
    }

    @AfterAll
    static void closeBrowser() throws IOException {
        if (driver != null) {
            driver.quit();
        }
        if (receiver != null) {
            receiver.server.stop(0);
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Per test, so each one is reported as skipped with the reason (a class-level abort shows as "0 tests"). */
    @BeforeEach
    void requireBrowser() {
        assumeTrue(driver != null, "Browser tests skipped: Chromium (" + CHROMIUM + ") or chromedriver (" + CHROMEDRIVER
                + ") is not installed; apt-get install chromium chromium-driver (.ci/run prepare does)");
    }

    String base() {
        return "http://127.0.0.1:" + deployment.getPort() + "/";
    }

    Api api() {
        return new Api(deployment).asBootstrapAdmin();
    }

    @Test
    @Order(1)
    void signInRefusesWrongSecretsThenSignsIn() {
        driver.get(base());
        type(By.id("user-secret"), "not-a-user-secret");
        type(By.id("organization-secret"), Api.BOOTSTRAP_ORGANIZATION);
        click(By.id("sign-in"));
        WebElement error = visible(By.id("sign-in-error"));
        assertTrue(error.getText().contains("not accepted"), error.getText());
        assertTrue(error.getText().contains("Invalid user or organization secret"), "the API's message is shown: " + error.getText());
        assertEquals(0L, js("return sessionStorage.length"), "wrong secrets are not kept");
        screenshot("01-sign-in-wrong-secret");

        type(By.id("user-secret"), Api.BOOTSTRAP_USER);
        click(By.id("sign-in"));
        visible(By.id("instances"));
        wait(d -> d.findElement(By.id("instances")).getText().contains("No instances") || d.findElements(By.cssSelector("#instances a")).size() > 0);
        assertFalse(driver.findElement(By.id("sign-in-error")).isDisplayed());
        visible(By.id("sign-out"));
        screenshot("02-instances");
    }

    @Test
    @Order(2)
    void createsAnInstanceThroughEveryStepAndOAuth() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        instanceName = "Console IT " + suffix;
        driver.get(base() + "new-instance.html");
        wait(d -> d.findElements(By.cssSelector("#resources li")).size() >= 3);
        // the element's default resources, all selected
        for (String resource : List.of("campaigns", "contacts", "lists")) {
            assertTrue(driver.findElement(By.id("resource-" + resource)).isSelected(), resource);
        }

        // 1. name, client id, secret, callback URL (the console's own page)
        click(By.id("create-instance"));
        assertTrue(visible(By.id("form-error")).getText().contains("correct the highlighted fields"));
        assertTrue(driver.findElement(By.id("name-feedback")).getText().contains("Name the instance"));
        type(By.id("name"), instanceName);
        type(By.id("client-id"), "console-it-" + suffix);
        type(By.id("client-secret"), "console-secret-" + suffix);
        assertEquals(base() + "oauth-callback.html", driver.findElement(By.id("callback-url")).getAttribute("value"));
        // 2. Events Enabled (on by default: switch it off and on again)
        WebElement events = driver.findElement(By.id("events-enabled"));
        assertTrue(events.isSelected());
        clickElement(events);
        wait(d -> !d.findElement(By.id("notification-url")).isEnabled()); // no callback URL without events
        clickElement(events);
        wait(d -> d.findElement(By.id("notification-url")).isEnabled());
        // 3. Event Notification Callback URL
        type(By.id("notification-url"), receiver.url());
        // 4. the refresh interval: number field and slider move together
        type(By.id("interval"), "2");
        wait(d -> "2".equals(d.findElement(By.id("interval-range")).getAttribute("value")));
        // 5. resources: the pencil opens a JSON editor that validates while typing
        click(By.id("edit-contacts"));
        WebElement json = visible(By.id("resource-json"));
        json.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        json.sendKeys("{\"url\": 5");
        wait(d -> d.findElement(By.id("resource-json-feedback")).getText().startsWith("Not valid JSON"));
        assertFalse(driver.findElement(By.id("save-resource")).isEnabled());
        json.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        json.sendKeys("{\"url\": \"/hubs/marketing/contacts?where=modified_since='${gmtDate:yyyy-MM-dd'T'HH:mm:ss.SSS'Z'}'\","
                + " \"idField\": \"id\", \"pageSize\": 50, \"datesConfiguration\": {\"updatedDateField\": \"modified_date\","
                + " \"createdDateField\": \"created_date\", \"deletedDateField\": \"deleted_date\"}}");
        wait(d -> d.findElement(By.id("resource-json-feedback")).getText().equals("Valid configuration"));
        screenshot("03-resource-json-editor");
        click(By.id("save-resource"));
        wait(ExpectedConditions.invisibilityOfElementLocated(By.id("resource-json")));
        // ... and a custom resource, copied from one
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("copy-from"))).selectByValue("contacts");
        type(By.id("copy-name"), "contacts-mirror");
        click(By.id("copy-resource"));
        visible(By.id("resource-json"));
        wait(d -> d.findElement(By.id("resource-json-feedback")).getText().equals("Valid configuration"));
        click(By.id("save-resource"));
        wait(ExpectedConditions.invisibilityOfElementLocated(By.id("resource-json")));
        assertTrue(driver.findElement(By.id("resource-contacts-mirror")).isSelected());
        // 6. tags: typed
        type(By.id("tag-input"), "console-it");
        driver.findElement(By.id("tag-input")).sendKeys(Keys.ENTER);
        type(By.id("tag-input"), "seed");
        click(By.id("add-tag"));
        screenshotFullPage("04-new-instance");

        // 7. Create Instance: out to the sandbox's authorize page and back with the code
        click(By.id("create-instance"));
        WebElement token = visible(By.id("instance-token"));
        assertTrue(driver.getCurrentUrl().startsWith(base() + "oauth-callback.html"), driver.getCurrentUrl());
        assertFalse(driver.getCurrentUrl().contains("code="), "the code is removed from the address bar");
        instanceId = driver.findElement(By.id("instance-id")).getText();
        assertFalse(instanceId.isBlank());
        assertFalse(token.getText().isBlank());
        visible(By.id("copy-id"));
        visible(By.id("copy-token"));
        assertTrue(driver.findElement(By.id("created")).getText().contains("Save the token and the ID"));
        assertFalse(driver.findElement(By.id("callback-error")).isDisplayed(), driver.findElement(By.id("callback-error")).getText());
        assertEquals(null, js("return sessionStorage.getItem('changewire.pendingInstance')"), "the pending body is gone");
        screenshot("05-instance-created");

        // what the console created is what the API holds
        JsonObject created = api().get("/elements/api-v2/instances/" + instanceId).json();
        assertEquals(instanceName, created.getString("name"));
        assertEquals(List.of("console-it", "seed"), created.getJsonArray("tags").getValuesAs(jakarta.json.JsonString.class)
                .stream().map(jakarta.json.JsonString::getString).toList());
        assertTrue(created.getBoolean("eventsEnabled"));
        JsonObject configuration = created.getJsonObject("configuration");
        assertEquals(receiver.url(), configuration.getString("event.notification.callback.url"));
        assertEquals("2", configuration.getString("event.poller.refresh_interval"));
        assertEquals("********", configuration.getString("oauth.api.secret"));
        JsonObject poller = poller(configuration);
        assertEquals(List.of("campaigns", "contacts", "lists", "contacts-mirror"), List.copyOf(poller.keySet()));
        assertEquals(50, poller.getJsonObject("contacts").getInt("pageSize"));
        if (created.containsKey("token")) {
            assertEquals(created.getString("token"), token.getText());
        }
    }

    /**
     * Issue 13: an instance polled every second on a key whose day cannot carry it. The instances page's
     * quota panel shows the key stretched, the instance's page says how often it is really polled and why,
     * and the create form warns before another instance joins the key.
     */
    @Test
    @Order(6) // starts on its own pages, between tests that do too (the earlier ones go on from each other's page)
    void aKeyOverItsBudgetShowsInTheQuotaPanelOnTheInstanceAndInTheCreateForm() {
        Instant now = Instant.now();
        long secondsLeft = Duration.between(now, now.truncatedTo(java.time.temporal.ChronoUnit.DAYS).plus(Duration.ofDays(1))).toSeconds();
        assumeTrue(secondsLeft > 1800, "the day's last half hour leaves too little to plan");
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String clientId = "console-quota-" + suffix;
        String secret = "console-quota-secret-" + suffix;
        // at least one request a run every second: about twice what this budget leaves for the rest of the day
        int perDay = (int) Math.ceil(secondsLeft / 2.0 / 0.9) + 20;
        String limits = "/elements/api-v2/elements/constantcontact/keys/" + clientId + "/limits";
        assertEquals(200, api().put(limits, "{\"requestsPerDay\":" + perDay + ",\"requestsPerSecond\":20}").status());
        var created = api().post("/elements/api-v2/instances",
                InstancesIT.external(clientId, secret, new Api(deployment).sandboxRefreshToken(clientId, secret), "Console quota " + suffix));
        assertEquals(200, created.status(), created::toString);
        String id = String.valueOf(created.json().getJsonNumber("id").longValue());
        var events = api().patch("/elements/api-v2/instances/" + id, "{\"configuration\":{\"event.notification.enabled\":\"true\","
                + "\"event.notification.callback.url\":\"" + receiver.url() + "\",\"event.poller.refresh_interval\":\"PT1S\"}}");
        assertEquals(200, events.status(), events::toString);
        try {
            // the plan comes with the next reconciliation (5 s on the test server); then the page shows it
            Instant until = Instant.now().plus(WAIT);
            while (!plannedStretched(id) && Instant.now().isBefore(until)) {
                sleepQuietly(500);
            }
            assertTrue(plannedStretched(id), "the planner stretched the instance");
            driver.get(base());
            wait(d -> stretched(d, clientId));
            WebElement row = driver.findElement(By.xpath("//table[@id='quota-keys']//tr[th[text()='" + clientId + "']]"));
            assertTrue(row.getText().contains("stretched"), row::getText);
            assertTrue(row.getText().contains(String.format(java.util.Locale.US, "%,d", perDay) + " (own)"), row::getText);
            screenshotFullPage("11-quota-panel");

            driver.get(base() + "instance.html?id=" + id);
            WebElement warning = visible(By.id("poll-stretched"));
            assertTrue(warning.getText().contains("instead of PT1S") && warning.getText().contains(clientId), warning::getText);
            screenshot("12-instance-stretched");
            // the settings form reads the stored PT1S as minutes, and saved untouched keeps it as it was (it once read 15)
            assertEquals("0.0167", driver.findElement(By.id("edit-interval")).getAttribute("value"));
            click(By.id("save-settings"));
            assertTrue(visible(By.id("page-notice")).getText().startsWith("Saved"));
            assertEquals("PT1S", api().get("/elements/api-v2/instances/" + id).json().getJsonObject("configuration")
                    .getString("event.poller.refresh_interval"));

            driver.get(base() + "new-instance.html");
            wait(d -> d.findElements(By.cssSelector("#resources li")).size() >= 3);
            assertFalse(driver.findElement(By.id("quota-warning")).isDisplayed(), "no key typed yet");
            type(By.id("client-id"), clientId);
            type(By.id("interval"), "1");
            WebElement formWarning = visible(By.id("quota-warning"));
            assertTrue(formWarning.getText().contains("already stretched"), formWarning::getText);
            screenshot("13-new-instance-quota-warning");
        } finally {
            api().delete("/elements/api-v2/instances/" + id);
            api().delete(limits);
        }
    }

    /** Whether the quota panel's row of the key says stretched. */
    static boolean stretched(WebDriver d, String clientId) {
        return d.findElement(By.id("quota-keys")).getText().lines().anyMatch(l -> l.contains(clientId) && l.contains("stretched"));
    }

    boolean plannedStretched(String id) {
        JsonObject status = api().get("/elements/api-v2/instances/" + id + "/events/poller").json();
        return !status.isNull("quota") && status.getJsonObject("quota").getBoolean("stretched");
    }

    static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    @Order(3)
    void editsThePollerConfigurationInPlace() {
        assumeTrue(instanceId != null, "needs the instance created above");
        click(By.id("open-instance"));
        WebElement poller = visible(By.id("edit-poller"));
        assertTrue(poller.getAttribute("value").contains("contacts-mirror"));
        assertTrue(driver.findElement(By.id("configuration")).getText().contains("********"), "secrets masked");
        assertFalse(driver.findElement(By.id("configuration")).getText().contains("console-secret-"), "no secret in clear");

        type(By.id("edit-interval"), "3");
        poller.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        poller.sendKeys("{\"contacts\": {\"url\": 7}}");
        wait(d -> d.findElement(By.id("edit-poller-feedback")).getText().contains("url"));
        assertFalse(driver.findElement(By.id("save-settings")).isEnabled());
        poller.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        String contacts = "{\"url\": \"/hubs/marketing/contacts?where=modified_since='${gmtDate:yyyy-MM-dd'T'HH:mm:ss.SSS'Z'}'\","
                + " \"idField\": \"id\", \"datesConfiguration\": {\"updatedDateField\": \"modified_date\","
                + " \"createdDateField\": \"created_date\", \"deletedDateField\": \"deleted_date\"}}";
        poller.sendKeys("{\"contacts\": " + contacts + ", \"lists\": " + contacts.replace("contacts?", "lists?") + "}");
        wait(d -> d.findElement(By.id("save-settings")).isEnabled());
        click(By.id("save-settings"));
        assertTrue(visible(By.id("page-notice")).getText().startsWith("Saved"));

        JsonObject configuration = api().get("/elements/api-v2/instances/" + instanceId).json().getJsonObject("configuration");
        assertEquals("3", configuration.getString("event.poller.refresh_interval"));
        assertEquals(List.of("contacts", "lists"), List.copyOf(poller(configuration).keySet()));
        screenshotFullPage("06-instance");
    }

    @Test
    @Order(4)
    void aSandboxChangeShowsAsAnEventAndADeliveredNotification() {
        assumeTrue(instanceId != null, "needs the instance created above");
        assumeTrue(api().get("/elements/api-v2/instances/" + instanceId + "/events/poller").status() != 404,
                "the poller API (GET /instances/{id}/events/poller) is not on this build yet");
        assumeTrue(api().get("/elements/api-v2/instances/" + instanceId + "/notifications").status() != 404,
                "the notifications API is not on this build yet");
        driver.get(base() + "instance.html?id=" + instanceId);
        visible(By.id("poll-now"));
        // a first poll sets the baseline; the change comes after it
        pollNow();
        String contactId = UUID.randomUUID().toString();
        String now = Instant.now().toString();
        var put = new Api(deployment).put("/sandbox/constantcontact/admin/accounts/demo/contacts/" + contactId,
                "{\"email_address\":{\"address\":\"console-" + contactId.substring(0, 8) + "@example.com\",\"permission_to_send\":\"implicit\"},"
                        + "\"first_name\":\"Console\",\"create_source\":\"Account\",\"created_at\":\"" + now + "\",\"updated_at\":\"" + now + "\"}");
        assertEquals(200, put.status(), put::toString);

        pollNow();
        wait(d -> d.findElement(By.id("events")).getText().contains(contactId));
        String eventsText = driver.findElement(By.id("events")).getText();
        assertTrue(eventsText.contains("CREATED"), eventsText);
        WebElement row = wait(d -> {
            for (WebElement tr : d.findElements(By.cssSelector("#notifications tr[data-notification]"))) {
                if (tr.getText().contains(contactId) && tr.getText().contains("DELIVERED")) {
                    return tr;
                }
            }
            d.findElement(By.id("poll-now")); // keep the page; watchDeliveries refreshes the list
            return null;
        });
        assertNotNull(row);
        assertTrue(receiver.bodies().stream().anyMatch(b -> b.contains(contactId)), "the receiver got the notification");
        clickElement(row.findElement(By.cssSelector("button[aria-expanded]")));
        wait(d -> d.findElement(By.id("notifications")).getText().contains("HTTP 200"));
        screenshotFullPage("07-instance-activity");
    }

    @Test
    @Order(5)
    void redeliversANotification() {
        assumeTrue(instanceId != null, "needs the instance created above");
        List<WebElement> rows = driver.findElements(By.cssSelector("#notifications tr[data-notification]"));
        assumeTrue(!rows.isEmpty(), "no notification to redeliver (the poller or delivery API is not on this build)");
        String notificationId = rows.get(0).getAttribute("data-notification");
        int before = receiver.count(notificationId);
        assertTrue(before >= 1, "delivered once already");
        clickElement(rows.get(0).findElement(By.cssSelector("button.redeliver")));
        assertTrue(visible(By.id("page-notice")).getText().contains("queued for redelivery"));
        wait(d -> receiver.count(notificationId) > before);

        // redeliver in bulk: nothing failed since an hour ago, and the API says so
        ((JavascriptExecutor) driver).executeScript("const i = document.getElementById('redeliver-since'); i.value = arguments[0];"
                + " i.dispatchEvent(new Event('input'))", java.time.LocalDateTime.now().minusHours(1).withSecond(0).withNano(0).toString().substring(0, 16));
        click(By.id("redeliver-all"));
        assertTrue(visible(By.id("page-notice")).getText().contains("will be sent again"), driver.findElement(By.id("page-notice")).getText());

        // the Standard Webhooks secret rotation shows the new secret once
        click(By.id("rotate-secret"));
        driver.switchTo().alert().accept();
        assertTrue(visible(By.id("new-webhook-secret")).getText().startsWith("whsec_"));
        screenshotFullPage("07b-instance-redelivered-rotated");
    }

    @Test
    @Order(6)
    void managesTheOrganizationsUsers() {
        String email = "console-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        driver.get(base() + "organization.html");
        visible(By.id("users"));
        click(By.id("add-user"));
        assertTrue(visible(By.id("organization-error")).getText().contains("email"));
        type(By.id("user-email"), email);
        type(By.id("user-first"), "Grace");
        type(By.id("user-last"), "Hopper");
        click(By.id("add-user"));
        String secret = visible(By.id("new-user-secret")).getText();
        assertTrue(secret.length() >= 20, secret);
        wait(d -> d.findElement(By.id("users")).getText().contains(email));
        assertEquals(200, new Api(deployment).as(secret, Api.BOOTSTRAP_ORGANIZATION).get("/elements/api-v2/instances").status(),
                "the secret shown works");
        screenshot("08-organization");

        clickElement(driver.findElement(By.cssSelector("tr[data-user='" + email + "'] button.remove-user")));
        driver.switchTo().alert().accept();
        wait(d -> !d.findElement(By.id("users")).getText().contains(email));
        assertEquals(401, new Api(deployment).as(secret, Api.BOOTSTRAP_ORGANIZATION).get("/elements/api-v2/instances").status());
    }

    @Test
    @Order(7)
    void fitsAPhoneScreen() {
        assumeTrue(instanceId != null, "needs the instance created above");
        driver.manage().window().setSize(new Dimension(390, 844));
        try {
            driver.get(base());
            wait(d -> d.findElement(By.id("instances")).getText().contains(instanceName));
            screenshot("09-instances-phone");
            assertNoSidewaysScrolling();
            driver.get(base() + "instance.html?id=" + instanceId);
            visible(By.id("settings-form"));
            screenshot("10-instance-phone");
            assertNoSidewaysScrolling();
        } finally {
            driver.manage().window().setSize(new Dimension(1280, 1000));
        }
    }

    @Test
    @Order(8)
    void deletesTheInstanceAfterConfirmation() {
        assumeTrue(instanceId != null, "needs the instance created above");
        driver.get(base() + "instance.html?id=" + instanceId);
        click(By.id("delete-instance"));
        click(By.id("confirm-delete"));
        wait(d -> d.getCurrentUrl().contains("deleted="));
        wait(d -> !d.findElement(By.id("instances")).getText().contains(instanceName));
        assertEquals(404, api().get("/elements/api-v2/instances/" + instanceId).status());
    }

    @Test
    @Order(9)
    void signOutForgetsTheSecrets() {
        driver.get(base());
        click(By.id("sign-out"));
        visible(By.id("sign-in"));
        assertEquals(0L, js("return sessionStorage.length"));
        driver.get(base() + "organization.html");
        wait(d -> d.getCurrentUrl().startsWith(base() + "?next="));
        visible(By.id("user-secret"));
    }

    /** Issue 10 item 6: after sign-in, `next` is followed only to this origin, however the other host is spelled. */
    @Test
    @Order(10)
    void signInFollowsNextOnlyWithinTheConsole() {
        for (String hostile : List.of("/%5Cevil.example/x", "/%09/evil.example/x", "//evil.example/x", "/%2F%2Fevil.example",
                "/.//evil.example/x", "https://evil.example/x", "javascript:alert(1)", "/%5C%5Cevil.example")) {
            driver.get(base());
            js("sessionStorage.clear()");
            driver.get(base() + "?next=" + hostile);
            type(By.id("user-secret"), Api.BOOTSTRAP_USER);
            type(By.id("organization-secret"), Api.BOOTSTRAP_ORGANIZATION);
            click(By.id("sign-in"));
            // either it stays on the list, signed in, or it went somewhere: that somewhere must be this origin
            wait(d -> !d.getCurrentUrl().contains("?next=")
                    || !d.findElements(By.id("sign-out")).isEmpty() && d.findElement(By.id("sign-out")).isDisplayed());
            assertTrue(driver.getCurrentUrl().startsWith(base()), hostile + " led to " + driver.getCurrentUrl());
        }
        driver.get(base());
        js("sessionStorage.clear()");
        driver.get(base() + "?next=%2Forganization.html");
        type(By.id("user-secret"), Api.BOOTSTRAP_USER);
        type(By.id("organization-secret"), Api.BOOTSTRAP_ORGANIZATION);
        click(By.id("sign-in"));
        wait(d -> d.getCurrentUrl().equals(base() + "organization.html"));
    }

    /** Issue 10 item 10: every page runs under a CSP without unsafe-eval (Alpine's CSP build) and reports no violation. */
    @Test
    @Order(11)
    void pagesRunUnderTheContentSecurityPolicy() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        for (String page : List.of("", "index.html", "instance.html", "new-instance.html", "organization.html", "oauth-callback.html")) {
            var answer = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base() + page)).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
            String csp = answer.headers().firstValue("Content-Security-Policy").orElse("");
            assertTrue(csp.contains("script-src 'self'") && !csp.contains("unsafe-eval") && !csp.contains("unsafe-inline"), page + ": " + csp);
            assertEquals("nosniff", answer.headers().firstValue("X-Content-Type-Options").orElse(""), page);
            assertEquals("no-referrer", answer.headers().firstValue("Referrer-Policy").orElse(""), page);
        }
        driver.manage().logs().get(LogType.BROWSER); // drop what earlier tests logged
        driver.get(base() + "organization.html");
        visible(By.id("users"));
        driver.get(base() + "new-instance.html");
        wait(d -> d.findElements(By.cssSelector("#resources li")).size() >= 3);
        driver.get(base());
        visible(By.id("instances"));
        String log = browserLog();
        assertFalse(log.contains("Content Security Policy") || log.contains("Content-Security-Policy") || log.contains("CSP Parser Error")
                || log.contains("Alpine Expression Error"), log);
    }

    /** Issue 15: the console links Swagger UI, which shows the published contract under the same CSP. */
    @Test
    @Order(12)
    void apiDocsShowTheContractFromTheConsolesNavigation() {
        driver.get(base());
        if (driver.findElements(By.id("sign-out")).stream().noneMatch(WebElement::isDisplayed)) {
            type(By.id("user-secret"), Api.BOOTSTRAP_USER);
            type(By.id("organization-secret"), Api.BOOTSTRAP_ORGANIZATION);
            click(By.id("sign-in"));
            visible(By.id("sign-out"));
        }
        driver.manage().logs().get(LogType.BROWSER); // drop what earlier tests logged
        click(By.linkText("API docs"));
        wait(d -> d.getCurrentUrl().equals(base() + "api-docs/"));
        wait(d -> d.findElements(By.cssSelector(".swagger-ui .info .title")).stream().anyMatch(t -> t.getText().contains("Changewire")));
        wait(d -> d.findElements(By.cssSelector(".opblock")).size() >= 30);
        String paths = driver.findElements(By.cssSelector(".opblock-summary-path")).stream().map(WebElement::getText)
                .reduce("", (a, b) -> a + "\n" + b);
        assertTrue(paths.contains("/instances/{id}/events/poller/run") && paths.contains("/hubs/marketing/{resource}"), paths);
        assertFalse(paths.contains("/sandbox"), paths);
        screenshotFullPage("09-api-docs");
        String log = browserLog();
        assertFalse(log.contains("Content Security Policy") || log.contains("Content-Security-Policy"), log);
    }

    // --- helpers

    static JsonObject poller(JsonObject configuration) {
        var value = configuration.get("event.poller.configuration");
        if (value instanceof JsonObject o) {
            return o;
        }
        try (var reader = Json.createReader(new StringReader(((jakarta.json.JsonString) value).getString()))) {
            return reader.readObject();
        }
    }

    /**
     * Clicks "Poll now" until a run reports its summary. A scheduled run may hold the lease at that moment: the
     * console shows the 409 ("in progress") and an operator clicks again once the button is enabled.
     */
    static void pollNow() {
        click(By.id("poll-now"));
        wait(d -> {
            WebElement summary = d.findElement(By.id("poll-summary"));
            if (summary.isDisplayed() && !summary.getText().isBlank()) {
                return true;
            }
            WebElement error = d.findElement(By.id("page-error"));
            WebElement button = d.findElement(By.id("poll-now"));
            if (error.isDisplayed() && error.getText().contains("in progress") && button.isEnabled()) {
                button.click();
            }
            return false;
        });
    }

    static Object js(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    static <T> T wait(java.util.function.Function<WebDriver, T> condition) {
        try {
            return new WebDriverWait(driver, WAIT).ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition);
        } catch (org.openqa.selenium.TimeoutException e) {
            screenshot("failure-" + System.currentTimeMillis());
            throw new AssertionError("Timed out on " + driver.getCurrentUrl() + "; browser log: " + browserLog(), e);
        }
    }

    static WebElement visible(By by) {
        return wait(ExpectedConditions.visibilityOfElementLocated(by));
    }

    static void click(By by) {
        clickElement(wait(ExpectedConditions.elementToBeClickable(by)));
    }

    /** Bootstrap makes scrolling smooth; a click must not land while the page still moves. */
    static void clickElement(WebElement e) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", e);
        e.click();
    }

    static void assertNoSidewaysScrolling() {
        Object wide = js("const d = document.documentElement; return d.scrollWidth + ' > ' + d.clientWidth + ' (window ' + window.innerWidth + '): '"
                + " + [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > d.clientWidth + 1)"
                + ".filter(e => { for (let p = e.parentElement; p; p = p.parentElement) { if (getComputedStyle(p).overflowX !== 'visible') return false; } return true; })"
                + ".slice(0, 6).map(e => e.tagName + '#' + e.id + '.' + e.className + ' [' + Math.round(e.getBoundingClientRect().left) + ','"
                + " + Math.round(e.getBoundingClientRect().right) + '] parent overflow ' + getComputedStyle(e.parentElement).overflowX).join(' | ')");
        assertEquals(Boolean.TRUE, js("return document.documentElement.scrollWidth <= document.documentElement.clientWidth"),
                "no sideways scrolling of the page (tables scroll in their own box); too wide: " + wide);
    }

    static void type(By by, String text) {
        WebElement e = visible(by);
        e.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        e.sendKeys(text);
    }

    static String browserLog() {
        try {
            return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .map(Object::toString).collect(Collectors.joining("\n"));
        } catch (RuntimeException e) {
            return "(unavailable: " + e.getMessage() + ")";
        }
    }

    static void screenshot(String name) {
        try {
            Path file = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(file, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The whole page: the window grows to the document's height for the shot. */
    static void screenshotFullPage(String name) {
        Dimension before = driver.manage().window().getSize();
        long height = (Long) js("return Math.ceil(document.documentElement.scrollHeight)");
        driver.manage().window().setSize(new Dimension(before.getWidth(), (int) Math.min(Math.max(height + 140, before.getHeight()), 6000)));
        try {
            screenshot(name);
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    /** A webhook receiver on loopback that answers 200 and remembers what it got. */
    record Receiver(HttpServer server, List<Map.Entry<String, String>> requests) {

        static Receiver start() throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            Receiver receiver = new Receiver(server, new CopyOnWriteArrayList<>());
            server.createContext("/hook", exchange -> {
                try (InputStream in = exchange.getRequestBody()) {
                    String body = new String(in.readNBytes(4 * 1024 * 1024), StandardCharsets.UTF_8);
                    String id = exchange.getRequestHeaders().getFirst("webhook-id");
                    receiver.requests.add(Map.entry(id == null ? "" : id, body));
                }
                byte[] ok = "{\"received\":true}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, ok.length);
                exchange.getResponseBody().write(ok);
                exchange.close();
            });
            server.start();
            return receiver;
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        }

        List<String> bodies() {
            return requests.stream().map(Map.Entry::getValue).toList();
        }

        int count(String webhookId) {
            return (int) requests.stream().filter(r -> r.getKey().equals(webhookId)).count();
        }
    }
}
