package io.ticketing.query.support;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.chromium.ChromiumDriverLogLevel;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A headless Debian Chromium driven by Debian's ChromeDriver (apt packages {@code chromium}, {@code chromium-driver}).
 * Both binaries are named explicitly, so Selenium Manager never looks for (or downloads) a browser. Each call is a
 * browser of its own with its own temporary profile (ChromeDriver's, removed on quit): two of them are two fans who share nothing.
 */
public final class Chromium {
    public static final Path BROWSER = Path.of(System.getProperty("fanpage.chromium", "/usr/bin/chromium"));
    public static final Path DRIVER = Path.of(System.getProperty("fanpage.chromedriver", "/usr/bin/chromedriver"));

    private static final AtomicInteger STARTED = new AtomicInteger();

    private Chromium() {
    }

    public static ChromeDriver start(int width, int height) {
        if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
            throw new IllegalStateException("Browser tests need " + BROWSER + " and " + DRIVER
                    + ": apt-get install -y chromium chromium-driver (.ci/run installs them when missing)");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=" + width + "," + height, "--no-first-run", "--no-default-browser-check",
                "--disable-extensions", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--lang=en-US", "--disable-features=Translate,MediaRouter,OptimizationHints");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(new File("target/chromedriver-" + STARTED.incrementAndGet() + ".log"))
                .withLogLevel(ChromiumDriverLogLevel.WARNING)
                .build();
        return new ChromeDriver(service, options);
    }
}
