package spatialthinker.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Cleanup of the browser profile, which a still-running browser helper keeps writing to. */
class ChromiumProfileTest {

  @Test
  void deletesAProfileThatIsStillBeingWrittenWithoutThrowing() throws Exception {
    Path profile = Files.createTempDirectory("chromium-profile-test");
    Path cache = Files.createDirectories(profile.resolve("Default").resolve("Cache"));
    AtomicBoolean started = new AtomicBoolean();
    // A writer that keeps creating files (as Chromium's children do after the main process
    // exits) for a while, then stops; deletion must outlast it and leave nothing behind.
    Thread writer =
        new Thread(
            () -> {
              long end = System.nanoTime() + Duration.ofMillis(400).toNanos();
              int i = 0;
              while (System.nanoTime() < end) {
                try {
                  Files.createDirectories(cache);
                  Files.writeString(cache.resolve("f" + i++), "x");
                  started.set(true);
                } catch (java.io.IOException e) {
                  // the deleter removed the folder in between: recreate it next round
                }
              }
            });
    writer.start();
    while (!started.get()) {
      Thread.onSpinWait();
    }
    boolean gone = Chromium.deleteProfile(profile, Duration.ofSeconds(20));
    writer.join();
    if (Files.exists(profile)) {
      // The writer may have recreated the folder after the last pass; it has stopped now.
      gone = Chromium.deleteProfile(profile, Duration.ofSeconds(5));
    }
    assertThat(gone).isTrue();
    assertThat(profile).doesNotExist();
  }

  @Test
  void aMissingProfileCountsAsDeleted() {
    assertThat(Chromium.deleteProfile(Path.of("target", "no-such-profile-dir"), Duration.ZERO))
        .isTrue();
  }
}
