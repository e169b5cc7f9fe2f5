package spatialthinker.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import spatialthinker.reward.Reward;
import spatialthinker.reward.RewardPresets;
import spatialthinker.reward.service.RewardServer;
import spatialthinker.reward.service.RewardServerConfig;

/** {@code spatialthinker reward serve}: the reward over HTTP for RL engines. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description =
        "Serve the reward over HTTP until stopped: POST /get_reward (OpenRLHF remote reward),"
            + " POST /v1/rewards (batches of reward records), GET /health.")
final class RewardServeCommand implements Callable<Integer> {

  @Option(
      names = "--port",
      paramLabel = "P",
      description = "port to listen on (default 8000; 0 picks a free one)")
  int port = RewardServerConfig.DEFAULT_PORT;

  @Option(
      names = "--host",
      paramLabel = "HOST",
      description = "address to bind (default 127.0.0.1; 0.0.0.0 for all interfaces)")
  String host = RewardServerConfig.DEFAULT_HOST;

  @Option(
      names = "--max-body-mib",
      paramLabel = "MIB",
      description = "largest request body in MiB; larger ones get 413 (default 32)")
  long maxBodyMib = RewardServerConfig.DEFAULT_MAX_BODY_BYTES >> 20;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "scoring threads for large batches (default: all cores)")
  int threads = Runtime.getRuntime().availableProcessors();

  @Mixin RewardOptions rewardOptions;

  @Override
  public Integer call() throws InterruptedException {
    RewardServerConfig config = new RewardServerConfig(host, port, maxBodyMib << 20, threads);
    RewardPresets presets = rewardOptions.presets();
    Reward reward = presets.create(rewardOptions.reward);
    CountDownLatch stopped = new CountDownLatch(1);
    RewardServer server = RewardServer.start(config, reward, presets::create);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                },
                "reward-serve-shutdown"));
    System.err.println(
        "serving the "
            + reward.name()
            + " reward on "
            + server.uri()
            + " (POST /get_reward, POST /v1/rewards, GET /health); Ctrl-C stops");
    stopped.await();
    return 0;
  }
}
