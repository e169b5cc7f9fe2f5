package spatialthinker.reward.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RewardServerConfigTest {

  @Test
  void defaultsListenOnLoopbackPort8000With32MiB() {
    RewardServerConfig config = RewardServerConfig.defaults();

    assertThat(config.host()).isEqualTo("127.0.0.1");
    assertThat(config.port()).isEqualTo(8000);
    assertThat(config.maxBodyBytes()).isEqualTo(32L * 1024 * 1024);
    assertThat(config.threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
  }

  @Test
  void withersChangeOneSetting() {
    RewardServerConfig config =
        RewardServerConfig.defaults()
            .withHost("0.0.0.0")
            .withPort(0)
            .withMaxBodyBytes(10)
            .withThreads(2);

    assertThat(config).isEqualTo(new RewardServerConfig("0.0.0.0", 0, 10, 2));
  }

  @Test
  void rejectsBlankHost() {
    assertThatThrownBy(() -> new RewardServerConfig(" ", 1, 1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("host");
  }

  @Test
  void rejectsPortOutOfRange() {
    assertThatThrownBy(() -> new RewardServerConfig("h", 65_536, 1, 1))
        .hasMessageContaining("port must be in [0, 65535], got 65536");
    assertThatThrownBy(() -> new RewardServerConfig("h", -1, 1, 1)).hasMessageContaining("port");
  }

  @Test
  void rejectsBodyLimitBelowOneOrBeyondAnArray() {
    assertThatThrownBy(() -> new RewardServerConfig("h", 1, 0, 1))
        .hasMessageContaining("maxBodyBytes");
    assertThatThrownBy(() -> new RewardServerConfig("h", 1, Integer.MAX_VALUE, 1))
        .hasMessageContaining("maxBodyBytes");
  }

  @Test
  void rejectsThreadsBelowOne() {
    assertThatThrownBy(() -> new RewardServerConfig("h", 1, 1, 0)).hasMessageContaining("threads");
  }
}
